"""Self-check questions: one YAML file per chapter, validated against ``question_schema.json``."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from . import syllabus

class QuestionBankError(ValueError):
    """A question file that does not follow the schema or does not fit the syllabus."""


@dataclass(frozen=True)
class Question:
    id: str
    chapter: int
    topic: str
    difficulty: str
    kind: str
    prompt: str
    explanation: str
    answer: Any
    options: tuple[str, ...] = ()
    tolerance: float = 0.0


def _schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("question_schema.json").read_text("utf-8"))


def _bank_file(chapter: int):
    notebook = syllabus.section(chapter).notebook
    if notebook is None:
        raise QuestionBankError(f"chapter {chapter} is not written yet, so it has no questions")
    return resources.files(__package__).joinpath("questions", f"{notebook}.yml")


def parse_bank(raw: Any) -> tuple[Question, ...]:
    """Validate one chapter's parsed YAML and return its questions, or raise QuestionBankError."""
    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(raw), key=str)
    if errors:
        where = "/".join(str(part) for part in errors[0].absolute_path) or "top level"
        raise QuestionBankError(f"{where}: {errors[0].message}")
    chapter = raw["chapter"]
    section = syllabus.section(chapter)
    questions, seen = [], set()
    for item in raw["questions"]:
        question = Question(chapter=chapter, **{**item, "options": tuple(item.get("options", ()))})
        if question.id in seen:
            raise QuestionBankError(f"question id {question.id!r} is used twice")
        seen.add(question.id)
        try:
            section.subtopic(question.topic)
        except KeyError as exc:
            raise QuestionBankError(f"{question.id}: {exc.args[0]}") from None
        chosen = question.answer if question.kind == "multiple" else [question.answer]
        if question.options and not all(index < len(question.options) for index in chosen):
            raise QuestionBankError(f"{question.id}: answer points past the last option")
        questions.append(question)
    return tuple(questions)


@cache
def load(chapter: int) -> tuple[Question, ...]:
    """All questions of one chapter, in file order."""
    raw = syllabus.load_yaml(_bank_file(chapter).read_text("utf-8"))
    if not isinstance(raw, dict) or raw.get("chapter") != chapter:
        raise QuestionBankError(f"the question file of chapter {chapter} does not say `chapter: {chapter}`")
    return parse_bank(raw)


def select(chapter: int, topic: str | None = None, ids: list[str] | None = None) -> tuple[Question, ...]:
    """The questions of a chapter, narrowed to one sub-topic or to named ids (kept in the given order)."""
    bank = load(chapter)
    if ids is not None:
        by_id = {question.id: question for question in bank}
        missing = [question_id for question_id in ids if question_id not in by_id]
        if missing:
            raise QuestionBankError(f"chapter {chapter} has no question {', '.join(missing)}")
        return tuple(by_id[question_id] for question_id in ids)
    chosen = tuple(question for question in bank if topic is None or question.topic == topic)
    if not chosen:
        raise QuestionBankError(f"chapter {chapter} has no questions on {topic!r}")
    return chosen
