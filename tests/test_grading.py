import pytest

from interview_book.grading import MESSAGES, grade
from interview_book.questions import Question


def make(kind, answer, options=(), tolerance=0.0):
    return Question(id="q", chapter=2, topic="asyncio", difficulty="mid", kind=kind, prompt="p",
                    explanation="e", answer=answer, options=tuple(options), tolerance=tolerance)


SINGLE = make("single", 1, ["a", "b", "c"])
MULTIPLE = make("multiple", [0, 2], ["a", "b", "c"])
NUMERIC = make("numeric", 0.3, tolerance=0.05)
SHORT = make("short", ["StopIteration", "stop iteration"])


@pytest.mark.parametrize(
    "question, response, status",
    [
        (SINGLE, 1, "correct"),
        (SINGLE, 0, "incorrect"),
        (MULTIPLE, [2, 0], "correct"),
        (MULTIPLE, [0], "incorrect"),
        (MULTIPLE, [0, 1, 2], "incorrect"),
        (NUMERIC, "0.3", "correct"),
        (NUMERIC, " .34 ", "correct"),
        (NUMERIC, "3e-1", "correct"),
        (NUMERIC, "0.36", "incorrect"),
        (NUMERIC, "-0.3", "incorrect"),
        (SHORT, "  stopiteration ", "correct"),
        (SHORT, "Stop   Iteration", "correct"),
        (SHORT, "StopAsyncIteration", "incorrect"),
    ],
)
def test_grades_answers(question, response, status):
    assert grade(question, response).status == status


@pytest.mark.parametrize(
    "question, response, message",
    [
        (SINGLE, None, "choose-one"),
        (MULTIPLE, [], "choose-some"),
        (NUMERIC, "", "empty"),
        (NUMERIC, "   ", "empty"),
        (NUMERIC, None, "empty"),
        (NUMERIC, "abc", "not-a-number"),
        (NUMERIC, "1,5", "not-a-number"),
        (NUMERIC, "nan", "not-a-number"),
        (NUMERIC, "inf", "not-a-number"),
        (NUMERIC, "3 ms", "not-a-number"),
        (SHORT, "", "empty"),
    ],
)
def test_bad_input_gets_a_clear_message_not_a_verdict(question, response, message):
    feedback = grade(question, response)
    assert feedback.status == "invalid"
    assert not feedback.is_answer
    assert feedback.message == MESSAGES[message]
