"""A local bank of behavioural-interview stories in the STAR shape (chapter 12).

Each story has a title, the four STAR parts (situation, task, action, result) and a list of skill
tags ("conflict", "leadership", ...), so that before an interview you can see which skills your
stories cover and which have none. The bank is a JSON file, written atomically (temporary file in
the same directory, then ``os.replace``). Its location is ``$INTERVIEW_BOOK_STORIES`` if set, else
``stories.json`` beside the progress file (``progress.progress_path()``); every function also
takes an explicit ``path``. A file whose content is not a valid bank is moved aside
(to ``stories.json.corrupt-1``, ``-2``, ...) with a warning naming both files, and an empty bank is
started; nothing is silently thrown away. Errors of the operating system (permission denied, a
directory at the path, an I/O error) are raised, never mistaken for corruption.

Every read-modify-write (``add``, ``replace``, ``remove``) holds an advisory lock
(``fcntl.flock`` on ``.stories.json.lock`` beside the bank), so two kernels or scripts adding at
the same time do not lose each other's story. The bank is written with mode 0600 (owner only: the
stories are personal); a symbolic link at the bank's path is followed, so the file it points to
is replaced and the link kept.
"""
from __future__ import annotations

import contextlib
import json
import os
import warnings
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import progress

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locking, single writer assumed
    fcntl = None

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
        if not all(isinstance(tag, str) for tag in self.skills):
            raise StoryError("every skill tag must be a string, e.g. ['conflict']")
        tags = tuple(sorted({tag.strip().lower() for tag in self.skills}))
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
    return progress.progress_path().with_name("stories.json")   # beside the progress file


def _resolve(path: Path | None) -> Path:
    """The bank's real path: explicit, else the default; a symbolic link is followed."""
    return Path(os.path.realpath(Path(path) if path else bank_path()))


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """Hold an exclusive advisory lock for one read-modify-write of the bank at ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:  # pragma: no cover
        yield
        return
    descriptor = os.open(path.with_name(f".{path.name}.lock"), os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)                  # closing releases the lock


def _move_aside(path: Path) -> Path | None:
    """Move a bad bank to the first free ``.corrupt-N`` name; None if another process already did."""
    counter = 1
    while True:
        target = path.with_name(f"{path.name}.corrupt-{counter}")
        try:
            os.link(path, target)             # claims the name: fails if it exists, never overwrites
        except FileExistsError:
            counter += 1
            continue
        except FileNotFoundError:
            return None
        except OSError:                       # no hard links on this file system: best effort
            if target.exists():
                counter += 1
                continue
            path.rename(target)
            return target
        path.unlink(missing_ok=True)
        return target


def _parse(raw: object) -> list[Story]:
    if not isinstance(raw, dict) or raw.get("version") != FORMAT_VERSION or not isinstance(raw.get("stories"), list):
        raise StoryError("not a story bank")
    stories = []
    for item in raw["stories"]:
        if not isinstance(item, dict) or set(item) != {"title", *STAR_FIELDS, "skills"}:
            raise StoryError("a stored story has the wrong fields")
        if not isinstance(item["skills"], list):
            raise StoryError("a stored story's skills are not a list")
        stories.append(Story(**{**item, "skills": tuple(item["skills"])}))
    return stories


def _load(path: Path) -> list[Story]:
    try:
        data = path.read_bytes()               # OSError other than "no file" propagates: not corruption
    except FileNotFoundError:
        return []
    try:
        return _parse(json.loads(data.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, StoryError, TypeError):
        kept = _move_aside(path)
        where = f"it was kept as {kept}" if kept else "another process had already moved it aside"
        warnings.warn(f"The story bank {path} could not be read; {where} and an empty bank started.",
                      StoryBankWarning, stacklevel=3)
        return []


def load(path: Path | None = None) -> list[Story]:
    """Every story in the bank, in the order added; a file with invalid content is moved aside."""
    path = _resolve(path)
    with _locked(path):
        return _load(path)


def save(stories: list[Story], path: Path | None = None) -> None:
    """Write the bank atomically: a reader sees the old file or the new one, never half of one."""
    path = _resolve(path)
    with _locked(path):
        _save(stories, path)


def _save(stories: list[Story], path: Path) -> None:
    record = {"version": FORMAT_VERSION, "stories": [{**asdict(s), "skills": list(s.skills)} for s in stories]}
    progress.save(record, path)  # temporary file (mode 0600), fsync, rename, fsync the directory


def add(story: Story, path: Path | None = None) -> list[Story]:
    """Append ``story`` (titles are unique, compared case-insensitively); return the bank."""
    path = _resolve(path)
    with _locked(path):
        stories = _load(path)
        if any(s.title.lower() == story.title.lower() for s in stories):
            raise StoryError(f"a story titled {story.title!r} is already in the bank; use replace()")
        stories.append(story)
        _save(stories, path)
    return stories


def replace(story: Story, path: Path | None = None) -> list[Story]:
    """Swap the stored story with the same title for ``story``."""
    path = _resolve(path)
    with _locked(path):
        stories = _load(path)
        for index, existing in enumerate(stories):
            if existing.title.lower() == story.title.lower():
                stories[index] = story
                _save(stories, path)
                return stories
    raise StoryError(f"no story titled {story.title!r} in the bank")


def remove(title: str, path: Path | None = None) -> list[Story]:
    path = _resolve(path)
    with _locked(path):
        stories = _load(path)
        kept = [s for s in stories if s.title.lower() != title.strip().lower()]
        if len(kept) == len(stories):
            raise StoryError(f"no story titled {title!r} in the bank")
        _save(kept, path)
    return kept


def coverage(skills: list[str], path: Path | None = None) -> dict[str, list[str]]:
    """For each skill asked about, the titles of the stories tagged with it (empty: a gap to fill)."""
    stories = load(path)
    return {skill: [s.title for s in stories if skill.lower() in s.skills] for skill in skills}
