"""Grading of one self-check response; ``selfcheck.js`` applies the same rules in the browser."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .questions import Question

# A plain decimal number: no thousands separators, no "nan" or "inf".
NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")

MESSAGES = {
    "correct": "Correct.",
    "incorrect": "Not quite.",
    "choose-one": "Choose an answer, then check it.",
    "choose-some": "Choose at least one option, then check it.",
    "not-a-number": "Type a number, such as 42, -3 or 0.25 (digits only, no units or commas).",
    "empty": "Type an answer, then check it.",
}


@dataclass(frozen=True)
class Feedback:
    status: str  # "correct", "incorrect" or "invalid"
    message: str

    @property
    def is_answer(self) -> bool:
        return self.status != "invalid"


def _invalid(key: str) -> Feedback:
    return Feedback("invalid", MESSAGES[key])


def _verdict(correct: bool) -> Feedback:
    return Feedback("correct", MESSAGES["correct"]) if correct else Feedback("incorrect", MESSAGES["incorrect"])


def normalize_text(text: str) -> str:
    return " ".join(text.split()).lower()


def grade(question: Question, response: Any) -> Feedback:
    """Grade a response as the controls deliver it: an option index, a list of indices, or text."""
    if question.kind == "single":
        if response is None:
            return _invalid("choose-one")
        return _verdict(response == question.answer)
    if question.kind == "multiple":
        if not response:
            return _invalid("choose-some")
        return _verdict(sorted(response) == sorted(question.answer))
    text = "" if response is None else str(response).strip()
    if not text:
        return _invalid("empty")
    if question.kind == "numeric":
        if not NUMBER.match(text):
            return _invalid("not-a-number")
        return _verdict(abs(float(text) - question.answer) <= question.tolerance + 1e-9)
    return _verdict(normalize_text(text) in {normalize_text(answer) for answer in question.answer})
