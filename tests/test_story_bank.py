import json
import multiprocessing
import os
import stat
import sys
import threading

import pytest

from interview_book import progress, story_bank
from interview_book.story_bank import Story, StoryError


def story(title="Queue migration", **changes):
    fields = dict(title=title, situation="s", task="t", action="a", result="r", skills=["Leadership"])
    fields.update(changes)
    return Story(**fields)


@pytest.fixture
def bank(tmp_path, monkeypatch):
    target = tmp_path / "data" / "stories.json"
    monkeypatch.setenv(story_bank.ENV_VAR, str(target))
    return target


def test_location_follows_the_environment_variable_then_xdg(bank, monkeypatch, tmp_path):
    assert story_bank.bank_path() == bank
    monkeypatch.delenv(story_bank.ENV_VAR)
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    assert story_bank.bank_path() == tmp_path / "interview-book" / "stories.json"


def test_stories_survive_reloading_and_tags_are_normalised(bank):
    story_bank.add(story(skills=["Leadership", "conflict", "leadership"]))
    story_bank.add(story("Mentoring a new hire", skills=["mentoring"]))
    loaded = story_bank.load()
    assert [s.title for s in loaded] == ["Queue migration", "Mentoring a new hire"]
    assert loaded[0].skills == ("conflict", "leadership")
    assert json.loads(bank.read_text())["version"] == story_bank.FORMAT_VERSION


def test_an_explicit_path_wins(tmp_path, bank):
    other = tmp_path / "other.json"
    story_bank.add(story(), path=other)
    assert other.exists() and not bank.exists()


@pytest.mark.parametrize("name", ["title", "situation", "task", "action", "result"])
def test_an_empty_field_is_refused_by_name(name):
    with pytest.raises(StoryError, match=f"'{name}' is empty"):
        story(**{name: "   "})


@pytest.mark.parametrize("skills, complaint", [([], "at least one"), ("conflict", "not one string"), ([" "], "non-empty")])
def test_bad_skill_tags_are_refused(skills, complaint):
    with pytest.raises(StoryError, match=complaint):
        story(skills=skills)


def test_duplicate_titles_are_refused_and_replace_and_remove_work(bank):
    story_bank.add(story())
    with pytest.raises(StoryError, match="already in the bank"):
        story_bank.add(story("queue MIGRATION"))
    story_bank.replace(story(result="p95 down"))
    assert story_bank.load()[0].result == "p95 down"
    with pytest.raises(StoryError, match="no story titled"):
        story_bank.replace(story("unknown"))
    assert story_bank.remove("Queue migration") == []
    with pytest.raises(StoryError, match="no story titled"):
        story_bank.remove("Queue migration")


def test_coverage_shows_gaps(bank):
    story_bank.add(story(skills=["conflict", "leadership"]))
    assert story_bank.coverage(["conflict", "failure"]) == {"conflict": ["Queue migration"], "failure": []}


@pytest.mark.parametrize("content", ["{not json", "[]", '{"version": 1, "stories": [{"title": "x"}]}',
                                     '{"version": 2, "stories": []}', "\udcff"])
def test_a_corrupt_file_is_moved_aside_with_a_warning(bank, content):
    bank.parent.mkdir(parents=True)
    bank.write_text(content, encoding="utf-8", errors="surrogateescape")
    with pytest.warns(story_bank.StoryBankWarning, match="could not be read"):
        assert story_bank.load() == []
    assert not bank.exists()
    assert (bank.parent / "stories.json.corrupt-1").read_bytes() == content.encode("utf-8", "surrogateescape")


def test_a_second_corrupt_file_does_not_overwrite_the_first(bank):
    bank.parent.mkdir(parents=True)
    for content in ("first", "second"):
        bank.write_text(content)
        with pytest.warns(story_bank.StoryBankWarning):
            story_bank.load()
    assert (bank.parent / "stories.json.corrupt-1").read_text() == "first"
    assert (bank.parent / "stories.json.corrupt-2").read_text() == "second"


def test_a_failed_write_leaves_the_old_file_and_no_temporary(bank, monkeypatch):
    story_bank.add(story())
    before = bank.read_text()

    def broken_replace(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        story_bank.add(story("Another"))
    assert bank.read_text() == before
    assert sorted(p.name for p in bank.parent.iterdir() if not p.name.endswith(".lock")) == ["stories.json"]


def test_markdown_rendering_lists_the_star_parts():
    text = story(skills=["conflict"]).to_markdown()
    assert text.splitlines()[0] == "**Queue migration** (conflict)"
    assert "- *Situation.* s" in text and "- *Result.* r" in text


def test_bad_skill_types_are_refused_in_a_story_and_in_the_file(bank):
    with pytest.raises(StoryError, match="must be a string"):
        story(skills=[None])
    bank.parent.mkdir(parents=True)
    record = {"version": 1, "stories": [dict(title="x", situation="s", task="t", action="a", result="r",
                                             skills="conflict")]}
    bank.write_text(json.dumps(record))
    with pytest.warns(story_bank.StoryBankWarning):
        assert story_bank.load() == []              # not the tags c, o, n, f, l, i, t


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="POSIX permissions, not root")
def test_a_permission_error_is_raised_and_the_file_is_not_moved_aside(bank):
    story_bank.add(story())
    bank.chmod(0)
    try:
        with pytest.raises(PermissionError):
            story_bank.load()
        with pytest.raises(PermissionError):
            story_bank.add(story("Another"))
    finally:
        bank.chmod(0o600)
    assert [s.title for s in story_bank.load()] == ["Queue migration"]
    assert not list(bank.parent.glob("*.corrupt-*"))


def test_a_directory_at_the_path_is_an_error_not_corruption(bank):
    bank.mkdir(parents=True)
    with pytest.raises(IsADirectoryError):
        story_bank.load()
    assert bank.is_dir()


def test_the_bank_is_private_and_a_symlink_is_kept(tmp_path):
    real = tmp_path / "synced" / "stories.json"
    real.parent.mkdir()
    link = tmp_path / "stories.json"
    link.symlink_to(real)
    story_bank.add(story(), path=link)
    assert link.is_symlink() and real.exists()
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_relative_xdg_data_home_is_ignored(monkeypatch, tmp_path):
    monkeypatch.delenv(story_bank.ENV_VAR, raising=False)
    monkeypatch.delenv(progress.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert story_bank.bank_path() == tmp_path / ".local" / "share" / "interview-book" / "stories.json"


def test_concurrent_threads_do_not_lose_stories(bank):
    titles = [f"Story {i}" for i in range(40)]
    threads = [threading.Thread(target=story_bank.add, args=(story(title),)) for title in titles]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(s.title for s in story_bank.load()) == sorted(titles)


def _add_many(path, worker, count):
    for i in range(count):
        story_bank.add(story(f"worker {worker} story {i}"), path=path)


def test_concurrent_processes_do_not_lose_stories(tmp_path):
    path = tmp_path / "stories.json"
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_add_many, args=(path, worker, 10)) for worker in range(3)]
    for process in workers:
        process.start()
    for process in workers:
        process.join(60)
        assert process.exitcode == 0
    assert len(story_bank.load(path)) == 30


def test_two_loaders_of_a_corrupt_file_never_overwrite_a_kept_copy(bank):
    bank.parent.mkdir(parents=True)
    (bank.parent / "stories.json.corrupt-1").write_text("older")
    bank.write_text("{broken")
    with pytest.warns(story_bank.StoryBankWarning, match="corrupt-2"):
        story_bank.load()
    assert (bank.parent / "stories.json.corrupt-1").read_text() == "older"
    assert (bank.parent / "stories.json.corrupt-2").read_text() == "{broken"


def test_an_io_error_while_reading_is_raised_even_as_root(bank, monkeypatch):
    story_bank.add(story())

    def unreadable(self):
        raise PermissionError(13, "Permission denied", str(self))

    with monkeypatch.context() as patched:
        patched.setattr(story_bank.Path, "read_bytes", unreadable)
        with pytest.raises(PermissionError):
            story_bank.load()
    assert [s.title for s in story_bank.load()] == ["Queue migration"]
