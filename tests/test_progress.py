import json
import os

import pytest

from interview_book import progress


def test_location_follows_the_environment_variable(progress_file):
    assert progress.progress_path() == progress_file


def test_default_location_is_under_xdg_data_home(monkeypatch, tmp_path):
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert progress.progress_path() == tmp_path / "interview-book" / "progress.json"


def test_answers_are_appended_and_survive_reloading(progress_file):
    progress.record_answer("q-one", 2, 1, "correct")
    progress.record_answer("q-one", 2, [0, 2], "incorrect")
    answers = progress.load()["answers"]
    assert [(a["question"], a["response"], a["status"]) for a in answers] == [
        ("q-one", 1, "correct"), ("q-one", [0, 2], "incorrect")]
    assert json.loads(progress_file.read_text())["version"] == progress.FORMAT_VERSION


def test_missing_directories_are_created(tmp_path, monkeypatch):
    target = tmp_path / "a" / "b" / "progress.json"
    monkeypatch.setenv(progress.ENV_VAR, str(target))
    progress.record_answer("q", 2, "x", "incorrect")
    assert target.exists()


@pytest.mark.parametrize("content", ["{not json", '{"version": 1, "answers": "oops"}', "[]", "\udcff"])
def test_a_corrupt_file_is_moved_aside_with_a_warning(progress_file, content):
    progress_file.write_text(content, encoding="utf-8", errors="surrogateescape")
    with pytest.warns(progress.ProgressFileWarning, match="could not be read"):
        record = progress.load()
    assert record == {"version": progress.FORMAT_VERSION, "answers": []}
    kept = list(progress_file.parent.glob("progress.json.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == content.encode("utf-8", "surrogateescape")


def test_recording_after_corruption_keeps_both_files(progress_file):
    progress_file.write_text("garbage")
    with pytest.warns(progress.ProgressFileWarning):
        progress.record_answer("q", 2, 1, "correct")
    assert len(progress.load()["answers"]) == 1
    assert len(list(progress_file.parent.glob("*.corrupt-*"))) == 1


def test_a_failed_write_leaves_the_old_file_and_no_temporary(progress_file, monkeypatch):
    progress.record_answer("q", 2, 1, "correct")
    before = progress_file.read_text()

    def fail(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        progress.record_answer("q", 2, 0, "incorrect")
    assert progress_file.read_text() == before
    assert [p.name for p in progress_file.parent.iterdir()] == ["progress.json"]
