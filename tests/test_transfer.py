"""History files carry progress between the site's browser storage and a kernel's progress file."""
import json
from datetime import datetime, timezone

import pytest

from interview_book import progress, review, transfer

CARDS = review.deck()
QUESTION = next(card for card in CARDS if card.kind == "question")
EXERCISE = next(card for card in CARDS if card.kind == "exercise")


def browser_entries():
    """Entries as the site stores them: milliseconds, Z or an offset."""
    return [{"kind": "question", "id": QUESTION.id, "status": "incorrect", "at": "2026-12-01T09:15:02.123Z"},
            {"kind": "question", "id": QUESTION.id, "status": "correct", "at": "2026-12-01T10:15:02.456+01:00"},
            {"kind": "exercise", "id": EXERCISE.id, "status": "solved", "at": "2026-12-02T18:00:00.000Z"}]


def write_history(path, entries):
    path.write_text(json.dumps({"format": transfer.FORMAT, "entries": entries}), "utf-8")
    return path


def test_browser_history_lands_in_the_progress_file_once(progress_file, tmp_path):
    source = write_history(tmp_path / "history.json", browser_entries())
    assert transfer.import_file(source) == transfer.Merge(added=3, present=0, skipped=0)
    record = progress.load()
    assert [(a["question"], a["chapter"], a["status"]) for a in record["answers"]] == \
           [(QUESTION.id, QUESTION.chapter, "incorrect"), (QUESTION.id, QUESTION.chapter, "correct")]
    assert record["exercises"][0]["exercise"] == EXERCISE.id and record["exercises"][0]["chapter"] == EXERCISE.chapter
    before = progress_file.read_bytes()
    assert transfer.import_file(source) == transfer.Merge(added=0, present=3, skipped=0)
    assert progress_file.read_bytes() == before           # nothing new: the file is not rewritten
    # the kernel's review and dashboard read the imported answers like their own
    states = review.states(datetime(2026, 12, 3).date(), record, CARDS, tz=timezone.utc)
    assert states[QUESTION.key].box == 1 and states[EXERCISE.key].box == 2


def test_kernel_answers_go_out_and_come_back_without_duplicates(progress_file, tmp_path):
    progress.record_answer(QUESTION.id, QUESTION.chapter, 1, "correct", at=datetime(2026, 12, 1, 8, tzinfo=timezone.utc))
    progress.record_exercise(EXERCISE.id, EXERCISE.chapter, passed=2, total=5, solved=False)
    target = tmp_path / "out.json"
    assert transfer.export(target) == 2
    data = json.loads(target.read_text("utf-8"))
    assert data["format"] == transfer.FORMAT
    assert [(e["kind"], e["id"], e["status"]) for e in data["entries"]] == \
           [("question", QUESTION.id, "correct"), ("exercise", EXERCISE.id, "attempted")]
    assert transfer.import_file(target) == transfer.Merge(added=0, present=2, skipped=0)


def test_unreadable_entries_and_unknown_ids_are_counted_and_skipped():
    record = {"version": 1, "answers": []}
    noise = [{"kind": "question", "id": "no-longer-in-the-book", "status": "correct", "at": "2026-12-01T09:00:00Z"},
             {"kind": "question", "id": QUESTION.id, "status": "maybe", "at": "2026-12-01T09:00:00Z"},
             {"kind": "question", "id": QUESTION.id, "status": "correct", "at": "2026-12-01T09:00:00"},  # no zone
             {"kind": "exercise", "id": 7, "status": "solved", "at": "x"}, "a string", None]
    assert transfer.merge(record, noise + browser_entries()[:1], CARDS) == transfer.Merge(1, 0, len(noise))
    assert len(record["answers"]) == 1


@pytest.mark.parametrize("content, message", [
    ("{not json", "is not JSON"),
    ('{"entries": []}', "not a history file"),
    ('{"format": "interview-book/history/v1", "entries": {}}', "not a history file"),
    ("\udcff", "is not JSON"),
])
def test_a_file_that_is_not_a_history_file_is_named_and_changes_nothing(progress_file, tmp_path, content, message):
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8", errors="surrogateescape")
    with pytest.raises(transfer.HistoryFileError, match=message):
        transfer.import_file(source)
    assert not progress_file.exists()


def test_the_command_line_reports_what_it_did(progress_file, tmp_path, capsys):
    source = write_history(tmp_path / "history.json", browser_entries())
    assert transfer.main(["import", str(source)]) == 0
    assert "Added 3 answers and exercise runs" in capsys.readouterr().out
    assert transfer.main(["export", str(tmp_path / "back.json")]) == 0
    assert "Wrote 3 answers" in capsys.readouterr().out
    assert transfer.main(["import", str(tmp_path / "missing.json")]) == 1
    assert "could not be read" in capsys.readouterr().err
