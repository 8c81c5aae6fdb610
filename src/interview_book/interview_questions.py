"""The interview questions of every written chapter, read from its notebook.

Each question is one markdown cell of the chapter's "Interview questions" part::

    ### How do you find a slow query in production?
    *Difficulty: senior · Sub-topic: SQL*

    **Spoken answer.** ...
    **Full answer.** ...
    **What a weaker answer misses.** ...
    **Likely follow-ups.** ...

The notebooks stay the one place where a model answer is written; the book-wide question page,
the mock interviews and the Anki export all read them through ``load_all``.
"""
from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from docutils.nodes import make_id
from markdown_it import MarkdownIt

from . import syllabus

NOTEBOOKS = Path(__file__).resolve().parents[2] / "notebooks"
DIFFICULTIES = ("junior", "mid", "senior")
PARTS = {"spoken": "Spoken answer.", "full": "Full answer.", "weaker": "What a weaker answer misses.",
         "follow_ups": "Likely follow-ups."}
_METADATA = re.compile(r"^\*Difficulty: (?P<difficulty>[a-z]+) · Sub-topic: (?P<subtopic>[^*]+)\*$")


class InterviewQuestionError(ValueError):
    """A chapter's interview questions do not follow the layout above."""


@dataclass(frozen=True)
class InterviewQuestion:
    chapter: int
    title: str
    difficulty: str | None  # None until the chapter carries metadata lines
    topic: str | None  # the sub-topic's slug
    spoken: str  # markdown, as written in the notebook
    full: str
    weaker: str
    follow_ups: str

    @property
    def anchor(self) -> str:
        """The id Sphinx gives the question's heading on the chapter page."""
        return make_id(self.title)

    @property
    def id(self) -> str:
        return f"{self.chapter:02d}-{self.anchor}"

    @property
    def page(self) -> str:
        """The chapter's page, relative to the site's root."""
        return f"notebooks/{syllabus.section(self.chapter).notebook}.html"


def parse_cell(chapter: int, source: str) -> InterviewQuestion:
    """One question cell; raises InterviewQuestionError naming what is missing."""
    lines = source.strip().splitlines()
    if not lines or not lines[0].startswith("### "):
        raise InterviewQuestionError(f"chapter {chapter}: a question cell must start with '### ': {source[:60]!r}")
    title = lines[0][4:].strip()
    body = "\n".join(lines[1:]).strip()
    difficulty = topic = None
    match = _METADATA.match(body.splitlines()[0]) if body else None
    if match:
        difficulty = match["difficulty"]
        if difficulty not in DIFFICULTIES:
            raise InterviewQuestionError(f"{title!r}: difficulty {difficulty!r} is not one of {DIFFICULTIES}")
        titles = {sub.title: sub.slug for sub in syllabus.section(chapter).subtopics}
        if match["subtopic"] not in titles:
            raise InterviewQuestionError(f"{title!r}: {match['subtopic']!r} is not a sub-topic of chapter {chapter}")
        topic = titles[match["subtopic"]]
        body = body.split("\n", 1)[1] if "\n" in body else ""
    texts, rest = {}, body
    for key, label in PARTS.items():
        marker = f"**{label}**"
        if marker not in rest:
            raise InterviewQuestionError(f"{title!r} in chapter {chapter} has no {marker}")
        before, rest = rest.split(marker, 1)
        if key != "spoken":
            texts[previous] = before.strip()
        previous = key
    texts[previous] = rest.strip()
    return InterviewQuestion(chapter=chapter, title=title, difficulty=difficulty, topic=topic, **texts)


def _cells(path: Path) -> list[str]:
    cells = json.loads(path.read_text("utf-8"))["cells"]
    sources = ["".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown"]
    starts = [i for i, source in enumerate(sources) if source.startswith("## Interview questions")]
    ends = [i for i, source in enumerate(sources) if source.startswith("## Cheat sheet")]
    if not starts or not ends:
        raise InterviewQuestionError(f"{path.name} has no 'Interview questions' part before its cheat sheet")
    return sources[starts[0] + 1:ends[0]]


@cache
def load(chapter: int, notebooks: Path = NOTEBOOKS) -> tuple[InterviewQuestion, ...]:
    """The interview questions of one written chapter, in page order."""
    notebook = syllabus.section(chapter).notebook
    if notebook is None:
        raise InterviewQuestionError(f"chapter {chapter} is not written yet")
    path = notebooks / f"{notebook}.ipynb"
    if not path.is_file():
        raise InterviewQuestionError(f"{path} is missing: the interview questions are read from the "
                                     "notebooks, so use the book from its repository (pip install -e .)")
    return tuple(parse_cell(chapter, source) for source in _cells(path))


def load_all(notebooks: Path = NOTEBOOKS) -> tuple[InterviewQuestion, ...]:
    """Every interview question of the book, by chapter."""
    return tuple(question for section in syllabus.sections() if section.notebook
                 for question in load(section.number, notebooks))


_RENDERER = MarkdownIt("commonmark", {"html": False}).enable("table")


def to_html(markdown: str) -> str:
    """A model answer as HTML; raw HTML in the text is escaped, never passed through."""
    return _RENDERER.render(markdown)


def title_html(title: str) -> str:
    """A question's title as inline HTML (its `code` kept, anything else escaped)."""
    return _RENDERER.renderInline(title)


def index_html(questions: tuple[InterviewQuestion, ...], root: str = "../") -> str:
    """The book-wide list: counts per chapter and difficulty, then each chapter's questions linked
    to their model answers (``root`` leads from the listing page to the site's root)."""
    levels = (*DIFFICULTIES, None) if any(q.difficulty is None for q in questions) else DIFFICULTIES
    chapters = sorted({question.chapter for question in questions})
    rows = []
    for chapter in chapters:
        mine = [question for question in questions if question.chapter == chapter]
        cells = "".join(f"<td>{sum(q.difficulty == level for q in mine)}</td>" for level in levels)
        title = html.escape(syllabus.section(chapter).title)
        rows.append(f'<tr><th scope="row"><a href="#ib-iq-chapter-{chapter}">{chapter}. {title}</a></th>'
                    f"{cells}<td>{len(mine)}</td></tr>")
    head = "".join(f'<th scope="col">{level or "not rated"}</th>' for level in levels)
    parts = [_filter_html(levels, len(questions)),
             f'<table class="ib-iq-counts"><caption>Interview questions per chapter and difficulty</caption>'
             f'<thead><tr><th scope="col">Chapter</th>{head}<th scope="col">All</th></tr></thead>'
             f"<tbody>{''.join(rows)}</tbody></table>"]
    for chapter in chapters:
        section = syllabus.section(chapter)
        items = []
        for number, question in enumerate((q for q in questions if q.chapter == chapter), start=1):
            topic = section.subtopic(question.topic).title if question.topic else "several sub-topics"
            level = html.escape(question.difficulty or "not rated")
            # An explicit value keeps each question's number when the filter hides others.
            items.append(f'<li value="{number}" data-difficulty="{level}">'
                         f'<a href="{root}{question.page}#{question.anchor}">{title_html(question.title)}</a>'
                         f' <span class="ib-iq-meta">({level}, {html.escape(topic)})</span></li>')
        parts.append(f'<section class="ib-iq-chapter" aria-labelledby="ib-iq-chapter-{chapter}">'
                     f'<h2 id="ib-iq-chapter-{chapter}">Chapter {chapter}: {html.escape(section.title)}</h2>'
                     f"<ol>{''.join(items)}</ol></section>")
    return "".join(parts)


_FILTER_STYLE = (".ib-iq-filter{border:1px solid var(--pst-color-border,#888);border-radius:.4rem;padding:.4rem 1rem;"
                 "margin:1rem 0}.ib-iq-filter legend{float:none;width:auto;font-size:1rem;font-weight:600;margin:0;"
                 "padding:0 .3rem}.ib-iq-filter label{margin-right:1.2rem}.ib-iq-filter p{margin:.3rem 0 0}")


def _filter_html(levels: tuple[str | None, ...], total: int) -> str:
    """Checkboxes that narrow the list to some difficulties. Hidden until static/question_filter.js
    runs, so a page without JavaScript shows the whole list and no control that does nothing."""
    boxes = "".join(f'<label><input type="checkbox" value="{html.escape(level or "not rated")}" checked> '
                    f"{html.escape(level or 'not rated')}</label>" for level in levels)
    return (f"<style>{_FILTER_STYLE}</style>"
            f'<fieldset class="ib-iq-filter" hidden><legend>Difficulties to list</legend>{boxes}'
            f'<p class="ib-iq-shown" role="status" aria-live="polite">All {total} questions are listed.</p>'
            "</fieldset>")
