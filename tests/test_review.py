import json
import warnings
from datetime import date, timedelta, timezone

import pytest

from interview_book import progress, review, syllabus
from interview_book.review import Card, State

DAY = date(2026, 11, 2)
CARDS = (
    [Card("question", f"c1-q{n}", 1, "t") for n in range(4)]
    + [Card("question", f"c2-q{n}", 2, "t") for n in range(2)]
    + [Card("exercise", "c3-e0", 3, "t")]
)


def answer(card_id, day, status, hour=12):
    return {"question": card_id, "chapter": 0, "response": 1, "status": status,
            "answered_at": f"{day.isoformat()}T{hour:02d}:00:00+00:00"}


def run(exercise_id, day, solved):
    return {"exercise": exercise_id, "chapter": 0, "passed": 1, "total": 2,
            "status": "solved" if solved else "attempted", "checked_at": f"{day.isoformat()}T12:00:00+00:00"}


def record(answers=(), runs=()):
    return {"version": progress.FORMAT_VERSION, "answers": list(answers), "exercises": list(runs)}


def ids(items):
    return [item.card.id for item in items]


def due(today, rec, **options):
    return review.due(today, record=rec, cards=CARDS, tz=timezone.utc, **options)


def test_right_answers_on_the_due_day_climb_the_boxes_with_growing_intervals():
    state, day, seen = None, DAY, []
    for _ in range(6):
        state = review.advance(state, True, day)
        seen.append((state.box, (state.due - day).days))
        day = state.due
    assert seen == [(2, 2), (3, 4), (4, 8), (5, 16), (5, 16), (5, 16)]
    assert state.introduced == DAY


def test_a_wrong_answer_sends_a_card_to_box_one_due_tomorrow():
    high = State(box=4, due=DAY, introduced=DAY - timedelta(days=30))
    assert review.advance(high, False, DAY) == State(1, DAY + timedelta(days=1), high.introduced)
    assert review.advance(None, False, DAY) == State(1, DAY + timedelta(days=1), DAY)


def test_a_right_answer_before_the_due_day_does_not_promote():
    state = State(box=3, due=DAY + timedelta(days=3), introduced=DAY)
    assert review.advance(state, True, DAY + timedelta(days=1)) == state
    # wrong then right on the same day (a retried self-check): still due tomorrow
    rec = record([answer("c1-q0", DAY, "incorrect", 9), answer("c1-q0", DAY, "correct", 10)])
    assert review.states(DAY, rec, CARDS, timezone.utc)[("question", "c1-q0")] == State(1, DAY + timedelta(days=1), DAY)


def test_a_card_is_due_from_its_due_day_on_and_not_before():
    rec = record([answer("c1-q0", DAY, "correct")])  # box 2: due two days later
    reviews = lambda today: [item for item in due(today, rec, new_per_day=0) if not item.is_new]
    assert ids(reviews(DAY + timedelta(days=1))) == []
    assert ids(reviews(DAY + timedelta(days=2))) == ["c1-q0"]
    assert ids(reviews(DAY + timedelta(days=9))) == ["c1-q0"]  # overdue stays due
    assert reviews(DAY + timedelta(days=2))[0].state.box == 2


def test_exercise_runs_count_as_answers():
    rec = record(runs=[run("c3-e0", DAY, False), run("c3-e0", DAY, True)])
    state = review.states(DAY, rec, CARDS, timezone.utc)[("exercise", "c3-e0")]
    assert (state.box, state.due) == (1, DAY + timedelta(days=1))


def test_answers_after_today_are_ignored():
    rec = record([answer("c1-q0", DAY + timedelta(days=5), "incorrect")])
    assert review.states(DAY, rec, CARDS, timezone.utc) == {}


def test_new_cards_are_limited_per_day_counting_those_introduced_today():
    assert len(due(DAY, record(), new_per_day=3)) == 3
    two_today = record([answer("c1-q0", DAY, "correct"), answer("c2-q0", DAY, "correct")])
    fresh = [item for item in due(DAY, two_today, new_per_day=3) if item.is_new]
    assert len(fresh) == 1 and fresh[0].card.id not in {"c1-q0", "c2-q0"}
    tomorrow = [item for item in due(DAY + timedelta(days=1), two_today, new_per_day=3) if item.is_new]
    assert len(tomorrow) == 3


def test_new_cards_take_turns_across_chapters_in_book_order():
    assert ids(due(DAY, record(), new_per_day=5)) == ["c1-q0", "c2-q0", "c3-e0", "c1-q1", "c2-q1"]


def test_due_cards_interleave_chapters_oldest_first():
    before = DAY - timedelta(days=10)
    rec = record(
        [answer(f"c1-q{n}", before + timedelta(days=n), "incorrect") for n in range(4)]  # due before+1..before+4
        + [answer("c2-q1", DAY - timedelta(days=3), "incorrect"),  # due DAY-2
           answer("c2-q0", DAY - timedelta(days=2), "incorrect")],  # due DAY-1
        [run("c3-e0", before - timedelta(days=5), False)])  # due before-4: the oldest
    order = ids(due(DAY, rec, new_per_day=0))
    assert order == ["c3-e0", "c1-q0", "c2-q1", "c1-q1", "c2-q0", "c1-q2", "c1-q3"]
    assert ids(due(DAY, rec, new_per_day=0, limit=3)) == ["c3-e0", "c1-q0", "c2-q1"]


def test_reviews_come_before_new_cards_and_the_limit_covers_both():
    rec = record([answer("c2-q0", DAY - timedelta(days=1), "incorrect")])
    items = due(DAY, rec, new_per_day=2)
    assert [(item.card.id, item.is_new) for item in items] == [("c2-q0", False), ("c1-q0", True), ("c2-q1", True)]
    assert ids(due(DAY, rec, new_per_day=2, limit=2)) == ["c2-q0", "c1-q0"]


def test_ids_no_longer_in_the_book_are_ignored():
    rec = record([answer("removed-question", DAY - timedelta(days=1), "incorrect")],
                 [run("removed-exercise", DAY - timedelta(days=1), False)])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert review.states(DAY, rec, CARDS, timezone.utc) == {}
        assert "removed-question" not in ids(due(DAY, rec, new_per_day=100))


def test_the_books_deck_holds_questions_and_exercises_of_every_written_chapter():
    cards = review.deck()
    assert len({card.key for card in cards}) == len(cards)
    assert {card.kind for card in cards} == {"question", "exercise"}
    assert {card.chapter for card in cards} == {section.number for section in syllabus.sections() if section.notebook}
    assert Card("question", "ds-tuple-augmented-assign", 1, "data-structures") in cards
    rec = record([answer("ds-tuple-augmented-assign", DAY, "correct"), answer("not-a-real-id", DAY, "correct")])
    assert set(review.states(DAY, rec, tz=timezone.utc)) == {("question", "ds-tuple-augmented-assign")}


def test_a_corrupt_progress_file_is_moved_aside_and_the_review_starts_fresh(progress_file):
    progress_file.write_text("{not json")
    with pytest.warns(progress.ProgressFileWarning):
        items = review.due(DAY, cards=CARDS, new_per_day=2, tz=timezone.utc)
    assert [(item.card.id, item.is_new) for item in items] == [("c1-q0", True), ("c2-q0", True)]
    assert len(list(progress_file.parent.glob("progress.json.corrupt-*"))) == 1


def test_unreadable_entries_are_skipped_with_a_warning_and_the_file_kept(progress_file):
    good = answer("c2-q0", DAY - timedelta(days=1), "incorrect")
    bad = [{"question": "c1-q0"}, answer("c1-q1", DAY, "maybe"), {**answer("c1-q2", DAY, "correct"), "answered_at": "soon"},
           answer(["c1-q3"], DAY, "correct"), {**answer("c1-q3", DAY, "correct"), "answered_at": "2026-11-02T12:00:00"}]
    progress_file.write_text(json.dumps(record([good, *bad])))
    before = progress_file.read_bytes()
    with pytest.warns(review.ReviewDataWarning, match="5 entries"):
        known = review.states(DAY, cards=CARDS, tz=timezone.utc)
    assert known == {("question", "c2-q0"): State(1, DAY, DAY - timedelta(days=1))}
    assert progress_file.read_bytes() == before


def test_a_record_of_unknown_shape_starts_fresh_with_a_warning():
    with pytest.warns(review.ReviewDataWarning, match="not a JSON object"):
        assert review.states(DAY, ["odd"], CARDS, timezone.utc) == {}
    with pytest.warns(review.ReviewDataWarning, match="2 entries"):
        assert review.states(DAY, {"answers": "oops", "exercises": ["not an entry"]}, CARDS, timezone.utc) == {}


def test_answers_are_dated_in_the_readers_time_zone():
    late = record([answer("c1-q0", DAY, "correct", hour=23)])  # 23:00 UTC is already the next day at UTC+2
    in_utc = review.states(DAY, late, CARDS, timezone.utc)[("question", "c1-q0")]
    east = review.states(DAY + timedelta(days=1), late, CARDS, timezone(timedelta(hours=2)))[("question", "c1-q0")]
    assert (in_utc.introduced, in_utc.due) == (DAY, DAY + timedelta(days=2))
    assert (east.introduced, east.due) == (DAY + timedelta(days=1), DAY + timedelta(days=3))
    assert review.states(DAY, late, CARDS, timezone(timedelta(hours=2))) == {}
