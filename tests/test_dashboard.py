import math

from interview_book import dashboard, review

STAMP = "2026-12-01T10:00:00+00:00"


def test_rows_count_answers_and_solved_exercises_weakest_first():
    deck = review.deck()
    question = deck[0]
    exercise = next(card for card in deck if card.kind == "exercise" and card.topic != question.topic)
    record = {"version": 1,
              "answers": [{"question": question.id, "status": status, "answered_at": STAMP}
                          for status in ("incorrect", "incorrect", "correct")]
                         + [{"question": "removed-question", "status": "incorrect", "answered_at": STAMP}],
              "exercises": [{"exercise": exercise.id, "status": status, "checked_at": STAMP}
                            for status in ("attempted", "solved")]}
    table = dashboard.summary(record)
    first, second = table.iloc[0], table.iloc[1]
    assert (first.topic, first.answered, first.answers) == (question.topic, 1, 3)
    assert math.isclose(first.share_correct, 1 / 3) and math.isclose(first.weakness, 2 / 3)
    assert (second.topic, second.solved, second.weakness) == (exercise.topic, 1, 0.5)
    assert table.weakness.iloc[2:].isna().all()


def test_an_empty_record_lists_every_subtopic_untouched():
    table = dashboard.summary({"version": 1, "answers": []})
    assert table.answers.sum() == 0 and table.weakness.isna().all()
    assert table.questions.sum() == sum(card.kind == "question" for card in review.deck())


def test_site_placeholders_name_their_region_and_escape_their_data():
    from interview_book import site_views

    assert 'class="ib-learner ib-dashboard" role="region" aria-label="Your progress"' in site_views.dashboard()
    mock = site_views.mock_interview(3, 5, difficulty='"><script>')
    assert 'data-questions="3"' in mock and 'data-minutes-per-question="5"' in mock
    assert "<script>" not in mock
