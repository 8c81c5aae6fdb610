import re

import pytest

from interview_book import interview_questions as iq

CELL = """### How do you find a slow query?
*Difficulty: senior · Sub-topic: SQL*

**Spoken answer.** I look at the slow query log.

**Full answer.** Then `EXPLAIN`.

**What a weaker answer misses.** Plans.

**Likely follow-ups.**
- *Which index?* A composite one.
"""


def test_a_question_cell_splits_into_its_parts():
    question = iq.parse_cell(4, CELL)
    assert (question.title, question.difficulty, question.topic) == ("How do you find a slow query?", "senior", "sql")
    assert question.spoken == "I look at the slow query log."
    assert question.full == "Then `EXPLAIN`."
    assert question.follow_ups.startswith("- *Which index?*")
    assert question.id == "04-how-do-you-find-a-slow-query"


@pytest.mark.parametrize("change, message", [
    (("Sub-topic: SQL", "Sub-topic: Cooking"), "not a sub-topic"),
    (("senior", "expert"), "not one of"),
    (("**Full answer.**", "Full:"), "has no **Full answer.**"),
    (("### ", "## "), "must start with"),
])
def test_a_malformed_question_is_named_in_the_error(change, message):
    with pytest.raises(iq.InterviewQuestionError, match=message.replace("*", r"\*")):
        iq.parse_cell(4, CELL.replace(*change))


def test_every_written_chapter_has_at_least_eight_parsed_questions():
    questions = iq.load_all()
    chapters = {question.chapter for question in questions}
    assert all(sum(q.chapter == chapter for q in questions) >= 8 for chapter in chapters)
    assert len({question.id for question in questions}) == len(questions)


def test_model_answers_render_without_passing_html_through():
    assert iq.to_html("<img src=x onerror=alert(1)> `code`") == \
        "<p>&lt;img src=x onerror=alert(1)&gt; <code>code</code></p>\n"


def test_every_interview_question_states_its_difficulty_and_subtopic():
    unrated = [question.id for question in iq.load_all() if question.difficulty is None or question.topic is None]
    assert unrated == []


def test_the_index_offers_a_difficulty_filter_that_keeps_question_numbers():
    questions = (iq.parse_cell(4, CELL), iq.parse_cell(4, CELL.replace("senior", "junior").replace("slow", "fast")))
    page = iq.index_html(questions)
    boxes = re.findall(r'<input type="checkbox" value="([a-z ]+)" checked>', page)
    assert boxes == list(iq.DIFFICULTIES)
    assert '<fieldset class="ib-iq-filter" hidden>' in page          # shown by question_filter.js only
    assert re.findall(r'<li value="(\d)" data-difficulty="([a-z]+)">', page) == [("1", "senior"), ("2", "junior")]
