"""The guide's sections and sub-topics, read from ``syllabus.yml``."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml


@dataclass(frozen=True)
class Subtopic:
    slug: str
    title: str
    covers: str


@dataclass(frozen=True)
class Section:
    number: int
    title: str
    subtopics: tuple[Subtopic, ...]
    notebook: str | None = None  # e.g. "02_advanced_python" once the chapter is written
    # Parts beyond the guide's sub-topics, after them and before the interview questions (chapter 9's
    # worked designs draw on every sub-topic, so they are a part of their own, without a self-check).
    extra_parts: tuple[str, ...] = ()

    def subtopic(self, slug: str) -> Subtopic:
        for subtopic in self.subtopics:
            if subtopic.slug == slug:
                return subtopic
        raise KeyError(f"section {self.number} has no sub-topic {slug!r}")


def load_yaml(text: str):
    """Safe YAML loading, with libyaml's C parser when PyYAML has it (several times faster)."""
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@cache
def sections() -> tuple[Section, ...]:
    raw = load_yaml(resources.files(__package__).joinpath("syllabus.yml").read_text("utf-8"))
    return tuple(
        Section(
            number=entry["number"],
            title=entry["title"],
            notebook=entry.get("notebook"),
            extra_parts=tuple(entry.get("extra_parts", ())),
            subtopics=tuple(Subtopic(**item) for item in entry["subtopics"]),
        )
        for entry in raw["sections"]
    )


def section(number: int) -> Section:
    for candidate in sections():
        if candidate.number == number:
            return candidate
    raise KeyError(f"the guide has no section {number}")
