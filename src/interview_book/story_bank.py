"""A local bank of behavioural-interview stories in the STAR shape (chapter 12).

Each story has a title, the four STAR parts (situation, task, action, result) and a list of skill
tags ("conflict", "leadership", ...), so that before an interview you can see which skills your
stories cover and which have none. The bank is a JSON file, written atomically (temporary file in
the same directory, then ``os.replace``). Its location is ``$INTERVIEW_BOOK_STORIES`` if set, else
``interview-book/stories.json`` under ``$XDG_DATA_HOME`` (default ``~/.local/share``); every
function also takes an explicit ``path``. A file that cannot be read is moved aside (to
``stories.json.corrupt-1``, ``-2``, ...) with a warning naming both files, and an empty bank is
started; nothing is silently thrown away.
"""
from __future__ import annotations

import json
import os
import warnings
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import progress

ENV_VAR = "INTERVIEW_BOOK_STORIES"
FORMAT_VERSION = 1
STAR_FIELDS = ("situation", "task", "action", "result")


class StoryError(ValueError):
    """A story was refused (an empty field, a duplicate title, an unknown title)."""


class StoryBankWarning(UserWarning):
    """The story file was unreadable and has been moved aside."""


@dataclass(frozen=True)
class Story:
    title: str
    situation: str
    task: str
    action: str
    result: str
    skills: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self):
        for name in ("title", *STAR_FIELDS):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise StoryError(f"the story's {name!r} is empty: write at least one sentence")
            object.__setattr__(self, name, value.strip())
        if isinstance(self.skills, str):
            raise StoryError("skills must be a list of tags, not one string")
        tags = tuple(sorted({str(tag).strip().lower() for tag in self.skills}))
        if not tags or "" in tags:
            raise StoryError("give the story at least one non-empty skill tag, e.g. ['conflict']")
        object.__setattr__(self, "skills", tags)

    def to_markdown(self) -> str:
        return "\n".join([f"**{self.title}** ({', '.join(self.skills)})", ""]
                         + [f"- *{name.capitalize()}.* {getattr(self, name)}" for name in STAR_FIELDS])


def bank_path() -> Path:
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "interview-book" / "stories.json"


def _move_aside(path: Path) -> Path:
    counter = 1
    while (target := path.with_name(f"{path.name}.corrupt-{counter}")).exists():
        counter += 1
    path.rename(target)
    return target


def _parse(raw: object) -> list[Story]:
    if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION or not isinstance(raw.get("stories"), list):
        raise StoryError("not a story bank")
    stories = []
    for item in raw["stories"]:
        if not isinstance(item, dict) or set(item) != {"title", *STAR_FIELDS, "skills"}:
            raise StoryError("a stored story has the wrong fields")
        stories.append(Story(**{**item, "skills": tuple(item["skills"])}))
    return stories


def load(path: Path | None = None) -> list[Story]:
    """Every story in the bank, in the order added; an unreadable file is moved aside."""
    path = Path(path) if path else bank_path()
    try:
        return _parse(json.loads(path.read_text("utf-8")))
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, StoryError, TypeError):
        kept = _move_aside(path)
        warnings.warn(f"The story bank {path} could not be read; it was kept as {kept} and an empty bank started.",
                      StoryBankWarning, stacklevel=2)
        return []


def save(stories: list[Story], path: Path | None = None) -> None:
    """Write the bank atomically: a reader sees the old file or the new one, never half of one."""
    path = Path(path) if path else bank_path()
    record = {"version": FORMAT_VERSION, "stories": [{**asdict(s), "skills": list(s.skills)} for s in stories]}
    progress.save(record, path)  # temporary file, fsync, then rename


def add(story: Story, path: Path | None = None) -> list[Story]:
    """Append ``story`` (titles are unique, compared case-insensitively); return the bank."""
    stories = load(path)
    if any(s.title.lower() == story.title.lower() for s in stories):
        raise StoryError(f"a story titled {story.title!r} is already in the bank; use replace()")
    stories.append(story)
    save(stories, path)
    return stories


def replace(story: Story, path: Path | None = None) -> list[Story]:
    """Swap the stored story with the same title for ``story``."""
    stories = load(path)
    for index, existing in enumerate(stories):
        if existing.title.lower() == story.title.lower():
            stories[index] = story
            save(stories, path)
            return stories
    raise StoryError(f"no story titled {story.title!r} in the bank")


def remove(title: str, path: Path | None = None) -> list[Story]:
    stories = load(path)
    kept = [s for s in stories if s.title.lower() != title.strip().lower()]
    if len(kept) == len(stories):
        raise StoryError(f"no story titled {title!r} in the bank")
    save(kept, path)
    return kept


def coverage(skills: list[str], path: Path | None = None) -> dict[str, list[str]]:
    """For each skill asked about, the titles of the stories tagged with it (empty: a gap to fill)."""
    stories = load(path)
    return {skill: [s.title for s in stories if skill.lower() in s.skills] for skill in skills}
