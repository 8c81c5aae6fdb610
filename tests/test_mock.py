"""The mock interview engine: seeded weighted draws, sessions saved atomically, the rubric, the widget's flow."""
import json
import warnings
from collections import Counter

import pandas as pd
import pytest

from interview_book import interview_questions, mock, site_views
from interview_book.interview_questions import InterviewQuestion


def question(chapter, topic, number, difficulty="mid"):
    return InterviewQuestion(chapter=chapter, title=f"Q{chapter}-{topic}-{number}?", difficulty=difficulty,
                             topic=topic, spoken=f"Spoken {number} with <b>html</b>.", full="- one\n- two",
                             weaker="w", follow_ups="f")


POOL = [question(1, "a", n) for n in range(4)] + [question(1, "b", n, "senior") for n in range(4)] \
    + [question(2, "c", n, "junior") for n in range(4)] + [question(3, None, n, None) for n in range(2)]


def test_same_seed_same_draw_no_repeats():
    first = mock.draw(10, seed=7, questions=POOL)
    assert first == mock.draw(10, seed=7, questions=POOL)
    assert len({q.id for q in first}) == 10
    assert mock.draw(10, seed=8, questions=POOL) != first


def test_one_question_per_subtopic_until_all_are_used():
    for seed in range(30):
        drawn = mock.draw(8, seed=seed, questions=POOL)
        keys = [mock.subtopic_of(q) for q in drawn]
        assert len(set(keys[:4])) == 4          # four sub-topics: a, b, c and chapter 3 without metadata
        assert len(set(keys[4:8])) == 4         # second round: again one each


def test_difficulty_filters_and_none_matches_only_any():
    assert {q.difficulty for q in mock.draw(4, seed=1, difficulty="senior", questions=POOL)} == {"senior"}
    assert all(q.chapter != 3 for q in mock.draw(4, seed=1, difficulty="mid", questions=POOL))
    assert len(mock.draw(14, seed=1, difficulty="any", questions=POOL)) == 14
    with pytest.raises(ValueError):
        mock.draw(5, seed=1, difficulty="senior", questions=POOL)
    with pytest.raises(ValueError):
        mock.draw(1, seed=1, difficulty="expert", questions=POOL)


def test_weak_subtopics_are_drawn_more_often():
    weights = {(1, "a"): 3.0}  # weakness 1 -> weight 3; the others 1
    firsts = Counter(mock.subtopic_of(mock.draw(1, seed=s, questions=POOL, weights=weights)[0]) for s in range(2000))
    assert firsts[(1, "a")] > 2 * firsts[(1, "b")]
    assert 0.45 < firsts[(1, "a")] / 2000 < 0.55   # 3 / (3 + 1 + 1 + 1)


def test_mulberry32_matches_the_reference_outputs():
    # the first outputs of mulberry32 in JavaScript (static/mock.js) for seeds 42, -7 (= 2**32 - 7) and 2**32 + 5 (= 5)
    generator = mock.Mulberry32(42)
    assert [generator.random() for _ in range(3)] == [0.6011037519201636, 0.44829055899754167, 0.8524657934904099]
    assert mock.Mulberry32(-7).random() == 0.43306733411736786 == mock.Mulberry32(2**32 - 7).random()
    assert mock.Mulberry32(2**32 + 5).random() == 0.6897749109193683 == mock.Mulberry32(5).random()
    assert all(0 <= mock.Mulberry32(seed).random() < 1 for seed in range(200))


def test_weights_from_summary():
    table = pd.DataFrame([{"chapter": 1, "topic": "a", "weakness": 0.5}, {"chapter": 2, "topic": "c", "weakness": float("nan")}])
    assert mock.weights_from(table) == {(1, "a"): 2.0, (2, "c"): 1.0}


def test_session_records_skips_scores_and_round_trips(tmp_path):
    session = mock.Session.new(POOL[:3], seed=1, minutes_per_question=5, now=lambda: "2026-12-01T10:00:00+00:00")
    session.record(0, "  a real answer ", started_at="t0", finished_at="t1", seconds_used=61.23)
    session.record(1, "   ", started_at="t1", finished_at="t2", seconds_used=3)
    session.record(2, None, started_at="t2", finished_at="t3", seconds_used=300)
    session.grade(0, {"correctness": 2, "depth": 1, "structure": 2, "communication": 1})
    session.grade(1, {"correctness": 2})
    assert [a.status for a in session.answers] == ["answered", "skipped", "skipped"]
    assert session.answers[1].grades == {} and session.answers[0].seconds_used == 61.2
    result = mock.score(session)
    assert (result.points, result.maximum, result.skipped, result.ungraded) == (6, 24, 2, 0)
    with pytest.raises(ValueError):
        session.grade(0, {"correctness": 3})
    path = tmp_path / "sessions.json"
    mock.save_session(session, path)
    mock.save_session(session, path)
    stored = mock.load_sessions(path)["sessions"]
    assert len(stored) == 2 and mock.Session.from_json(stored[0]) == session
    assert not list(tmp_path.glob(".*tmp"))


def test_ungraded_answers_are_left_out_of_the_score():
    session = mock.Session.new(POOL[:1], seed=1)
    session.record(0, "text", started_at="a", finished_at="b", seconds_used=1)
    session.grade(0, {"correctness": 2, "depth": None})
    assert (mock.score(session).maximum, mock.score(session).ungraded) == (0, 1)


def test_corrupt_session_file_is_moved_aside(tmp_path):
    path = tmp_path / "mock_sessions.json"
    path.write_text("{not json")
    with pytest.warns(mock.MockSessionWarning):
        assert mock.load_sessions(path) == {"version": 1, "sessions": []}
    assert not path.exists() and len(list(tmp_path.glob("mock_sessions.json.corrupt-*"))) == 1


def test_sessions_path_follows_progress_and_override(tmp_path, monkeypatch):
    monkeypatch.delenv(mock.ENV_VAR, raising=False)
    assert mock.sessions_path().name == "mock_sessions.json"
    monkeypatch.setenv(mock.ENV_VAR, str(tmp_path / "x.json"))
    assert mock.sessions_path() == tmp_path / "x.json"


class FakeClock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_widget_flow_with_an_injected_clock(tmp_path):
    clock = FakeClock()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        view = mock.MockWidget(POOL[:2], 1, seed=3, clock=clock, timer=False, path=tmp_path / "s.json",
                               now=lambda: "2026-12-01T10:00:00+00:00")
        view.start()
        assert view.clock_label.value == "Time left: 1:00" and not view.answer.disabled
        clock.now += 15.2
        assert view.tick() and view.clock_label.value == "Time left: 0:45"
        view.answer.value = "Use a <script> here"
        entry = view.reveal()
        assert entry.status == "answered" and entry.seconds_used == 15.2
        assert view.tick() is False                       # the question ended: the countdown stops
        assert "&lt;script&gt;" in view.comparison.value and "&lt;b&gt;html&lt;/b&gt;" in view.comparison.value
        assert "Spoken answer" in view.comparison.value and "<li>one</li>" in view.comparison.value
        for key, radio in view.rubric.items():
            radio.value = 2
        view.next()
        clock.now += 61
        assert view.tick() is False and view.clock_label.value.startswith("Time is up")
        assert view.reveal().status == "skipped"           # nothing typed: skipped, not an error
        view.next()
    assert "Score: 8 of 16" in view.result.value and "saved" in view.result.value
    stored = json.loads((tmp_path / "s.json").read_text())["sessions"][0]
    assert [a["status"] for a in stored["answers"]] == ["answered", "skipped"]


def test_countdown_thread_stops_when_asked():
    calls = []
    countdown = mock.Countdown(lambda: calls.append(1) or True, interval=0.001)
    countdown.start()
    countdown.stop()
    countdown._thread.join(timeout=5)
    assert not countdown._thread.is_alive()


def test_display_object_bundle():
    interview = mock.MockInterview(POOL[:2], 5, seed=4, difficulty=None, count=2)
    bundle = interview._repr_mimebundle_()
    assert bundle["text/html"] == site_views.mock_interview(2, 5, "any")
    assert "1. [chapter 1] Q1-a-0?" in bundle["text/plain"]


def test_draw_exercises_seeded_and_spread():
    first = mock.draw_exercises(4, seed=2, difficulty="junior")
    assert [e.id for e in first] == [e.id for e in mock.draw_exercises(4, seed=2, difficulty="junior")]
    assert {e.difficulty for e in first} == {"junior"} and len({e.chapter for e in first}) == 4


def test_design_form_fill_missing_and_renderings():
    form = mock.design_form("webhooks").fill(requirements="at least once <3 days>", estimates="10k/s")
    assert form.missing() == [s.name for s in mock.DESIGN_RUBRIC[2:]]
    with pytest.raises(ValueError):
        form.fill(colour="blue")
    assert "at least once &lt;3 days&gt;" in form.comparison_html()
    bundle = form._repr_mimebundle_()
    assert bundle["text/html"].count("<details>") == len(mock.DESIGN_RUBRIC)
    assert set(mock.DESIGN_PROMPTS["leaderboard"].outline) == {s.key for s in mock.DESIGN_RUBRIC}


def test_bad_weights_and_exercise_arguments_are_refused():
    pool = list(interview_questions.load_all())
    key = mock.subtopic_of(pool[0])
    for bad in (0, -1.0, float("inf"), float("nan")):
        with pytest.raises(ValueError, match="must be a finite number above 0"):
            mock.draw(1, seed=1, weights={key: bad}, questions=pool)
    with pytest.raises(ValueError, match="difficulty must be"):
        mock.draw_exercises(1, seed=1, difficulty="expert")
    with pytest.raises(ValueError, match="cannot draw -1 exercises"):
        mock.draw_exercises(-1, seed=1)
