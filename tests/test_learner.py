"""learner.js (the site's ports of review.py, dashboard.summary and transfer.merge) computes what Python computes.

The same generated histories (answers and exercise runs spread over a month, at any hour, in several
time-zone offsets, with unknown ids and unreadable entries mixed in) go through review.states/due
and dashboard.summary, and through learner.js under node with the same time zone; the results must
be equal. Also checks the build-time JSON that the scripts read.
"""
import json
import math
import random
import shutil
import subprocess
from dataclasses import astuple
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from interview_book import dashboard, interview_questions, review, site_data, site_views, transfer

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
DAY = date(2026, 12, 4)


def history(rng: random.Random, cards, size: int) -> list[dict]:
    """A browser's history: mostly readable entries on a few cards, some noise."""
    chosen = rng.sample(cards, 12)
    entries = []
    for _ in range(size):
        card = rng.choice(chosen)
        moment = datetime(2026, 11, 5, tzinfo=timezone.utc) + timedelta(minutes=rng.randrange(30 * 24 * 60 + 600))
        offset = timezone(timedelta(hours=rng.choice([0, 0, 0, -5, 9, 5.5])))
        stamp = moment.astimezone(offset).isoformat(timespec=rng.choice(["seconds", "milliseconds"]))
        stamp = stamp.replace("+00:00", "Z") if rng.random() < 0.5 else stamp
        status = rng.choice(["correct", "incorrect"] if card.kind == "question" else ["solved", "attempted"])
        entries.append({"kind": card.kind, "id": card.id, "status": status, "at": stamp})
    entries.insert(rng.randrange(len(entries) + 1), {"kind": "question", "id": "no-longer-in-the-book",
                                                 "status": "incorrect", "at": "2026-11-20T10:00:00Z"})
    entries.insert(rng.randrange(len(entries) + 1), {"kind": "question", "id": chosen[0].id, "status": "maybe",
                                                 "at": "2026-11-20T10:00:00Z"})
    entries.insert(rng.randrange(len(entries) + 1), {"kind": "exercise", "id": 7, "status": "solved", "at": "x"})
    entries.insert(rng.randrange(len(entries) + 1), {"kind": "question", "id": chosen[1].id, "status": "invalid",
                                                     "at": "2026-11-21T10:00:00+02:00"})
    return entries


def as_record(entries: list[dict]) -> dict:
    """The same history as the kernel's progress file."""
    record = {"version": 1, "answers": [], "exercises": []}
    for entry in entries:
        if entry["kind"] == "question":
            record["answers"].append({"question": entry["id"], "status": entry["status"], "answered_at": entry["at"]})
        else:
            record["exercises"].append({"exercise": entry["id"], "status": entry["status"], "checked_at": entry["at"]})
    return record


def cases():
    rng = random.Random(11)
    cards = list(review.deck())
    result = []
    for number in range(24):
        entries = history(rng, cards, size=rng.choice([0, 5, 40, 120]))
        today = DAY + timedelta(days=rng.randrange(-12, 20))
        result.append({"today": today.isoformat(), "history": entries, "new_per_day": rng.choice([0, 2, 5, 40]),
                       "unreadable": 2})
    # the same day, answered right then wrong then right on the card's due day (promotion, demotion, no climb)
    card = cards[3]
    seq = [("2026-11-01T09:00:00Z", "correct"), ("2026-11-03T09:00:00Z", "correct"),
           ("2026-11-07T23:30:00Z", "incorrect"), ("2026-11-07T23:45:00Z", "correct")]
    result.append({"today": "2026-11-08", "new_per_day": 5,
                   "history": [{"kind": "question", "id": card.id, "status": s, "at": at} for at, s in seq]})
    return result


def run_node(catalogue, items, tz_name):
    completed = subprocess.run([NODE, str(ROOT / "tests" / "learner_runner.js")],
                               input=json.dumps({"catalogue": catalogue, "cases": items}),
                               capture_output=True, text=True, timeout=120, env={"TZ": tz_name, "PATH": "/usr/bin:/bin"})
    assert completed.returncode == 0, completed.stderr
    return json.loads(completed.stdout)


def close(a, b):
    if a is None or b is None or (isinstance(b, float) and math.isnan(b)):
        return (a is None) and (b is None or math.isnan(b))
    return math.isclose(a, b, rel_tol=1e-12)


@pytest.mark.filterwarnings("ignore::interview_book.review.ReviewDataWarning")
@pytest.mark.skipif(NODE is None, reason="node is not installed")
@pytest.mark.parametrize("tz_name", ["UTC", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"])
def test_learner_js_schedules_and_summarises_like_python(tz_name):
    catalogue = site_data.catalogue()
    cards = review.deck()
    items = cases()
    tz = ZoneInfo(tz_name)
    results = run_node(catalogue, items, tz_name)
    assert len(results) == len(items)
    for item, got in zip(items, results):
        today = date.fromisoformat(item["today"])
        record = as_record(item["history"])
        known = review.states(today, record, cards, tz=tz)
        assert got["states"] == {f"{kind}:{card_id}": {"box": s.box, "due": s.due.isoformat(),
                                                       "introduced": s.introduced.isoformat()}
                                 for (kind, card_id), s in known.items()}
        expected_due = review.due(today, record=record, cards=cards, tz=tz, new_per_day=item["new_per_day"])
        assert got["due"] == [[f"{s.card.kind}:{s.card.id}", s.state.due.isoformat() if s.state else None]
                              for s in expected_due]
        later = [s.due for s in known.values() if s.due > today]
        assert got["next_due"] == (min(later).isoformat() if later else None)
        assert got["skipped"] == item.get("unreadable", 0)
        table = dashboard.summary(record)
        assert len(got["summary"]) == len(table)
        for row, (_index, expected) in zip(got["summary"], table.iterrows()):
            for column in ("chapter", "subtopic", "topic", "questions", "answered", "answers", "exercises", "solved"):
                assert row[column] == expected[column], (column, row, dict(expected))
            assert close(row["share_correct"], expected.share_correct) and close(row["weakness"], expected.weakness)
        stored = {"version": 1, "answers": []}
        transfer.merge(stored, item["history"][:len(item["history"]) // 2], cards)
        assert got["merge"] == list(astuple(transfer.merge(stored, item["history"], cards)))


def test_catalogue_holds_every_card_in_deck_order_with_safe_html():
    catalogue = site_data.catalogue()
    assert [(c["kind"], c["id"], c["chapter"], c["topic"]) for c in catalogue["cards"]] == \
           [(c.kind, c.id, c.chapter, c.topic) for c in review.deck()]
    for card in catalogue["cards"]:
        if card["kind"] == "question":
            assert "<script" not in card["prompt_html"] and card["type"] in ("single", "multiple", "numeric", "short")
        else:
            assert card["link"].startswith("notebooks/") and f"#ib-ex-{card['id']}" in card["link"]
    assert {c["number"] for c in catalogue["chapters"]} == {c.chapter for c in review.deck()}


def test_interview_json_lists_every_interview_question_with_its_link():
    data = site_data.interview()
    expected = interview_questions.load_all()
    assert [q["id"] for q in data["questions"]] == [q.id for q in expected]
    for q in data["questions"]:
        assert q["link"].startswith("notebooks/") and "#" in q["link"] and q["spoken_html"] and q["full_html"]
        assert q["title_html"] and not q["title_html"].startswith("<p>") and "<script" not in q["title_html"]
    assert any("<code>" in q["title_html"] for q in data["questions"])
    assert interview_questions.title_html("Is `a<b` <b>bold</b>?") == "Is <code>a&lt;b</code> &lt;b&gt;bold&lt;/b&gt;?"


def test_build_files_are_compact(tmp_path):
    for path in site_data.write(tmp_path):
        text = path.read_text("utf-8")  # no whitespace between tokens
        assert text == json.dumps(json.loads(text), ensure_ascii=False, separators=(",", ":")), path.name


PAGE_MARKUP = (("progress.md", site_views.dashboard), ("review.md", site_views.review),
               ("mock_interview.md", lambda: site_views.mock_interview(5, 5)))


def test_book_pages_embed_exactly_the_site_views_markup():
    for page, markup in PAGE_MARKUP:  # tests/test_site.py checks that the build passes it through unchanged
        assert markup() in (ROOT / "book" / page).read_text("utf-8"), page


# --- the mock interview's draw: mock.js is a port of mock.draw --------------------------------------

def _pool_json(pool):
    return [{"id": q.id, "chapter": q.chapter, "topic": q.topic, "difficulty": q.difficulty} for q in pool]


def _weights_json(weights):
    return {f"{chapter}/{topic or ''}": weight for (chapter, topic), weight in weights.items()}


def _summary_json(table):
    return [{"chapter": int(r.chapter), "topic": r.topic, "weakness": None if r.weakness != r.weakness else float(r.weakness)}
            for r in table.itertuples(index=False)]


def _made_up_pool(rng: random.Random):
    pool = []
    for chapter in rng.sample(range(1, 15), rng.randint(1, 6)):
        topics = [None] if rng.random() < 0.3 else [f"t{chapter}-{n}" for n in range(rng.randint(1, 4))]
        for topic in topics:
            for number in range(rng.randint(1, 5)):
                difficulty = None if topic is None else rng.choice(["junior", "mid", "senior"])
                pool.append(interview_questions.InterviewQuestion(
                    chapter=chapter, title=f"Q {chapter} {topic} {number}?", difficulty=difficulty, topic=topic,
                    spoken="s", full="f", weaker="w", follow_ups="u"))
    rng.shuffle(pool)  # the draw keeps pool order within a sub-topic, whatever it is
    return pool


@pytest.mark.filterwarnings("ignore::interview_book.review.ReviewDataWarning")
@pytest.mark.skipif(NODE is None, reason="node is not installed")
def test_mock_js_draws_exactly_what_mock_draw_draws():
    from interview_book import mock
    rng = random.Random(14)
    real = list(interview_questions.load_all())
    pools = [real] + [_made_up_pool(rng) for _ in range(12)]
    cards = list(review.deck())
    tables = [dashboard.summary(as_record(history(rng, cards, size=size))) for size in (0, 5, 40, 120, 300)]
    weight_tables = [None, {}] + [mock.weights_from(t) for t in tables]
    for pool in pools[1:]:  # odd weights, including ones that do not sum to a round number
        keys = {mock.subtopic_of(q) for q in pool}
        weight_tables.append({key: rng.choice([0.1, 1 / 3, 1.7, 2.9999999, 3.0, 1e-9]) for key in keys})
        weight_tables.append({key: rng.choice([1.0, 1.0, 1.0, 0, -2.5]) for key in keys})  # refused: <= 0
    cases = []
    for seed in [0, 1, 7, 42, 2**31, 2**32 - 1, -5, *(rng.randrange(2**32) for _ in range(25))]:
        for pool_index, pool in enumerate(pools):
            weights = rng.choice(weight_tables)
            difficulty = rng.choice([None, "any", "any", "junior", "mid", "senior", "expert"])
            count = rng.choice([0, 1, 3, 5, 10, len(pool), len(pool) + 1])
            cases.append({"seed": seed, "pool": pool_index, "difficulty": difficulty, "count": count,
                          "weights": None if weights is None else _weights_json(weights), "py_weights": weights})
    seeds = [0, 1, 42, 2**32 - 1, -1, 2**32 + 3]
    payload = {"pools": [_pool_json(p) for p in pools], "summaries": [_summary_json(t) for t in tables],
               "seeds": seeds, "cases": [{k: v for k, v in c.items() if k != "py_weights"} for c in cases]}
    completed = subprocess.run([NODE, str(ROOT / "tests" / "mock_runner.js")], input=json.dumps(payload),
                               capture_output=True, text=True, timeout=300, env={"PATH": "/usr/bin:/bin"})
    assert completed.returncode == 0, completed.stderr
    got = json.loads(completed.stdout)
    for seed, words in zip(seeds, got["words"]):
        generator = mock.Mulberry32(seed)
        assert words == [generator.random() for _ in range(3)], seed
    for table, weights in zip(tables, got["weights"]):
        assert weights == _weights_json(mock.weights_from(table))  # bit for bit: no tolerance
    drawn = errors = 0
    for case, result in zip(cases, got["draws"]):
        try:
            expected = [q.id for q in mock.draw(case["count"], seed=case["seed"], difficulty=case["difficulty"],
                                                weights=case["py_weights"], questions=pools[case["pool"]])]
        except ValueError as error:
            errors += 1
            assert result == {"error": str(error)}, (case, result)  # the same message
            continue
        drawn += 1
        assert result == expected, {k: v for k, v in case.items() if k != "py_weights"}
    assert drawn > 200 and errors > 20
    assert any("weight of sub-topic" in str(result) for result in got["draws"])


def test_build_files_split_what_a_page_shows_first_from_the_details_fetched_on_a_press(tmp_path):
    written = {path.name: json.loads(path.read_text("utf-8")) for path in site_data.write(tmp_path)}
    for name, data in ((site_data.CATALOGUE, site_data.catalogue()), (site_data.INTERVIEW, site_data.interview())):
        items, details_name, fields = site_data.DETAILS[name]
        assert not any(field in item for item in written[name][items] for field in fields), name
        assert any(fields[0] in details for details in written[details_name].values()), details_name
        joined = [{**item, **written[details_name][item["id"]]} for item in written[name][items]]
        assert joined == json.loads(json.dumps(data[items])), name  # nothing lost, nothing added
