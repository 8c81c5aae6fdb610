import json
import warnings
from datetime import date, timedelta, timezone

import pytest

from interview_book import progress, review, syllabus
from interview_book.grading import MESSAGES
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


def test_next_due_is_the_first_later_day_with_a_card():
    wrong = record([answer("c1-q0", DAY, "incorrect")])
    right = record([answer("c1-q0", DAY, "correct")])
    nxt = lambda rec, **options: review.next_due(DAY, record=rec, cards=CARDS, tz=timezone.utc, **options)
    assert nxt(wrong, new_per_day=0) == DAY + timedelta(days=1)
    assert nxt(right, new_per_day=0) == DAY + timedelta(days=2)
    assert nxt(right) == DAY + timedelta(days=1)  # new cards come every day
    overdue = record([answer("c1-q0", DAY - timedelta(days=9), "incorrect")])  # due today already: not "next"
    assert nxt(overdue, new_per_day=0) is None
    assert review.next_due(DAY, record=record(), cards=(), tz=timezone.utc) is None


# The kernel view: review.show ---------------------------------------------------------------------
from interview_book import questions, site_views  # noqa: E402
from interview_book.review_display import NOTHING_DUE  # noqa: E402

REAL = [Card("question", "ds-tuple-augmented-assign", 1, "data-structures"),
        Card("question", "comp-late-binding", 2, "comprehensions"),
        Card("exercise", "users-by-role", 1, "data-structures")]


def respond(widget, right):
    """Give the question's right answer, or a wrong one, through its controls."""
    question = widget.question
    if question.kind == "single":
        chosen = question.answer if right else (question.answer + 1) % len(question.options)
        widget.choices[chosen].value = True
    elif question.kind == "multiple":
        for index in (question.answer if right else [i for i in range(len(question.options)) if i not in question.answer]):
            widget.choices[index].value = True
    elif question.kind == "numeric":
        widget.input.value = str(question.answer if right else question.answer + question.tolerance + 1000)
    else:
        widget.input.value = question.answer[0] if right else "certainly not this"
    return widget.check()


def session(**options):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        view = review.show(today=DAY, cards=REAL, tz=timezone.utc, **options)
        return view, view.session()


def state_of(card):
    return review.states(DAY, cards=REAL, tz=timezone.utc).get(card.key)


def test_a_wrong_answer_in_the_session_is_recorded_and_due_tomorrow(progress_file):
    progress_file.write_text(json.dumps(record([answer(REAL[0].id, DAY - timedelta(days=2), "correct")])))
    view, run = session(new_per_day=0)
    assert [item.card for item in view.items] == [REAL[0]] and "Card 1 of 1" in run.status.value
    assert respond(run.current, right=False).status == "incorrect"
    saved = progress.load()["answers"][-1]
    assert (saved["question"], saved["status"], saved["answered_at"]) == (REAL[0].id, "incorrect", "2026-11-02T12:00:00+00:00")
    assert state_of(REAL[0]) == State(1, DAY + timedelta(days=1), DAY - timedelta(days=2))
    assert "next due on 2026-11-03" in run.schedule.value
    run.next()
    assert run.finished and "You reviewed 1 card: 0 right, 1 wrong." in run.summary
    assert "The next card is due on 2026-11-03." in run.summary


def test_a_right_answer_on_the_due_day_promotes(progress_file):
    progress_file.write_text(json.dumps(record([answer(REAL[0].id, DAY - timedelta(days=2), "correct")])))
    _view, run = session(new_per_day=0)
    assert respond(run.current, right=True).status == "correct"
    assert state_of(REAL[0]) == State(3, DAY + timedelta(days=4), DAY - timedelta(days=2))
    assert "box 3 of 5, next due on 2026-11-06" in run.schedule.value


def test_bad_input_is_answered_as_in_a_self_check_and_not_recorded(progress_file):
    _view, run = session(new_per_day=5)
    run.next()  # skip the first card; the second asks for a number
    numeric = run.current
    assert numeric.question.id == "comp-late-binding"
    for typed, message in (("", "empty"), ("about six", "not-a-number")):
        numeric.input.value = typed
        assert numeric.check().message == MESSAGES[message]
        assert MESSAGES[message] in numeric.feedback.value
    assert not progress_file.exists() and run.schedule.value == ""
    assert run.next_button.description == "Skip this card"


def test_the_session_moves_card_by_card_to_a_summary(progress_file):
    view, run = session(new_per_day=5)
    assert [item.card for item in view.items] == [REAL[0], REAL[1], REAL[2]]  # chapters take turns
    assert "Card 1 of 3" in run.status.value and 'aria-live="polite"' in run.status.value
    respond(run.current, right=True)
    assert run.next_button.description == "Next card"
    run.next()
    assert "Card 2 of 3" in run.status.value and run.current.question.id == "comp-late-binding"
    assert run.next_button.description == "Skip this card" and run.schedule.value == ""
    run.next()
    assert "Card 3 of 3" in run.status.value and run.current is None  # the exercise card
    shown = run.card.children[1].value
    assert 'exercises.check("users-by-role", users_by_role)' in shown
    assert "notebooks/01_core_python.ipynb" in shown and run.next_button.description == "Finish"
    run.next()
    assert run.finished and "Session done" in run.status.value
    assert run.summary.startswith("You reviewed 3 cards: 1 right, 0 wrong, 1 skipped, 1 exercise to run in its chapter")
    assert "2 more cards are due today" in run.summary  # the skipped question and the exercise
    assert run.next_button.layout.display == "none"


def test_nothing_due_names_the_next_due_day(progress_file):
    progress_file.write_text(json.dumps(record([answer(REAL[0].id, DAY, "correct"), answer(REAL[1].id, DAY, "incorrect")],
                                               [run(REAL[2].id, DAY - timedelta(days=1), True)])))
    view, live = session(new_per_day=5)
    assert view.items == [] and view.next_due == DAY + timedelta(days=1)
    text = view._repr_mimebundle_()["text/plain"]
    assert NOTHING_DUE.format(today="2026-11-02") in text and "The next card is due on 2026-11-03." in text
    assert live.current is None and live.card.children == () and live.next_button.layout.display == "none"


def test_the_bundle_holds_the_widget_and_the_sites_review(progress_file):
    view, _run = session()
    bundle = view._repr_mimebundle_()
    assert set(bundle) == {"application/vnd.jupyter.widget-view+json", "text/html", "text/plain"}
    assert bundle["text/html"] == site_views.review()
    assert bundle["text/plain"].splitlines()[0] == "Spaced review for 2026-11-02: 3 cards, 0 due for review and 3 new."
    assert bundle == view._repr_mimebundle_() | {"application/vnd.jupyter.widget-view+json": bundle["application/vnd.jupyter.widget-view+json"]}


def test_a_given_record_takes_the_answers_and_the_file_is_left_alone(progress_file):
    given = record()
    _view, run = session(record=given)
    respond(run.current, right=False)
    assert not progress_file.exists()
    assert [(a["question"], a["status"], a["answered_at"]) for a in given["answers"]] == [
        (REAL[0].id, "incorrect", "2026-11-02T12:00:00+00:00")]
    assert "next due on 2026-11-03" in run.schedule.value


def test_a_corrupt_file_is_moved_aside_and_the_session_says_so(progress_file):
    progress_file.write_text("{not json")
    with warnings.catch_warnings():
        warnings.simplefilter("error", progress.ProgressFileWarning)
        view, run = session()
    assert len(list(progress_file.parent.glob("progress.json.corrupt-*"))) == 1
    assert any("could not be read" in child.value for child in run.view.children[:3])
    assert "could not be read" in view.text().splitlines()[0]


def test_the_clock_is_read_only_without_an_injected_day(monkeypatch, progress_file):
    monkeypatch.setattr(review, "clock_today", lambda tz=None: DAY + timedelta(days=3))
    view = review.show(cards=REAL, tz=timezone.utc)
    assert view.today == DAY + timedelta(days=3) and view.answered_at() is None
    monkeypatch.setattr(review, "clock_today", lambda tz=None: pytest.fail("the clock was read"))
    assert review.show(DAY, cards=REAL, tz=timezone.utc).answered_at().isoformat() == "2026-11-02T12:00:00+00:00"
