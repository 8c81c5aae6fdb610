import copy

import pytest

from interview_book import questions, syllabus

WRITTEN = [section for section in syllabus.sections() if section.notebook]
VALID = {
    "chapter": 2,
    "questions": [
        {"id": "q-one", "topic": "asyncio", "difficulty": "mid", "kind": "single",
         "prompt": "p", "options": ["a", "b"], "answer": 1, "explanation": "e"},
        {"id": "q-two", "topic": "comprehensions", "difficulty": "senior", "kind": "numeric",
         "prompt": "p", "answer": 3, "tolerance": 0.5, "explanation": "e"},
    ],
}


@pytest.mark.parametrize("section", WRITTEN, ids=lambda s: s.notebook)
def test_every_written_chapter_has_a_valid_bank_covering_each_subtopic(section):
    bank = questions.load(section.number)
    assert len(bank) >= 12
    assert {q.topic for q in bank} == {s.slug for s in section.subtopics}


def test_a_valid_bank_parses():
    parsed = questions.parse_bank(VALID)
    assert [q.id for q in parsed] == ["q-one", "q-two"]
    assert parsed[1].tolerance == 0.5


def broken(change):
    raw = copy.deepcopy(VALID)
    change(raw["questions"])
    return raw


@pytest.mark.parametrize(
    "raw, complaint",
    [
        (broken(lambda q: q[0].pop("explanation")), "explanation"),
        (broken(lambda q: q[0].update(kind="essay")), "essay"),
        (broken(lambda q: q[0].update(answer=[1])), "not of type 'integer'"),
        (broken(lambda q: q[0].update(answer=5)), "past the last option"),
        (broken(lambda q: q[1].update(id="q-one")), "used twice"),
        (broken(lambda q: q[1].update(topic="django")), "no sub-topic 'django'"),
        (broken(lambda q: q[1].update(options=["a", "b"])), "False schema"),
        (broken(lambda q: q[0].update(id="Has Spaces")), "does not match"),
        (broken(lambda q: q[0].update(difficulty="expert")), "expert"),
    ],
)
def test_invalid_banks_are_rejected_with_a_reason(raw, complaint):
    with pytest.raises(questions.QuestionBankError, match=complaint):
        questions.parse_bank(raw)


def test_select_by_topic_and_by_id():
    assert all(q.topic == "asyncio" for q in questions.select(2, topic="asyncio"))
    first, second = questions.load(2)[:2]
    assert [q.id for q in questions.select(2, ids=[second.id, first.id])] == [second.id, first.id]
    with pytest.raises(questions.QuestionBankError, match="no question nope"):
        questions.select(2, ids=["nope"])
    unwritten = [section.number for section in syllabus.sections() if section.notebook is None]
    if unwritten:  # once every chapter is written there is nothing left to refuse
        with pytest.raises(questions.QuestionBankError, match="not written yet"):
            questions.load(unwritten[-1])
