import json
import os

import pytest

from interview_book import story_bank
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
    assert sorted(p.name for p in bank.parent.iterdir()) == ["stories.json"]


def test_markdown_rendering_lists_the_star_parts():
    text = story(skills=["conflict"]).to_markdown()
    assert text.splitlines()[0] == "**Queue migration** (conflict)"
    assert "- *Situation.* s" in text and "- *Result.* r" in text
