"""An Anki deck of the book's interview questions (and, on request, its self-checks).

    python -m interview_book.anki                      # interview-book.apkg, every interview question
    python -m interview_book.anki deck.apkg --chapter 4 --chapter 9 --difficulty senior --self-checks
    python -m interview_book.anki --site-url https://example.org/book   # cards link to the site's pages

The deck is generated on demand from the notebooks and question files, never committed. Model,
deck and note ids are fixed and each note's GUID derives from its question id, so importing a newer
deck into Anki updates the notes already there instead of adding copies.
"""
from __future__ import annotations

import argparse
import html
import sys
from pathlib import Path

import genanki

from . import interview_questions, questions, syllabus
from .markup import to_html

DECK_ID = 1_730_200_110_001
INTERVIEW_MODEL_ID = 1_730_200_110_002
SELFCHECK_MODEL_ID = 1_730_200_110_003
_CSS = ".card{font-family:sans-serif;font-size:18px;text-align:left} code{font-size:.95em} .meta{color:#666;font-size:.8em}"

INTERVIEW_MODEL = genanki.Model(
    INTERVIEW_MODEL_ID, "Interview book: interview question",
    fields=[{"name": "Question"}, {"name": "Meta"}, {"name": "Spoken"}, {"name": "Full"}, {"name": "Link"}],
    templates=[{"name": "Answer aloud",
                "qfmt": '<div class="meta">{{Meta}}</div>{{Question}}',
                "afmt": '{{FrontSide}}<hr id="answer"><b>Spoken answer.</b> {{Spoken}}'
                        '<b>Full answer.</b> {{Full}}<p>{{Link}}</p>'}],
    css=_CSS)
SELFCHECK_MODEL = genanki.Model(
    SELFCHECK_MODEL_ID, "Interview book: self-check",
    fields=[{"name": "Question"}, {"name": "Meta"}, {"name": "Answer"}, {"name": "Explanation"}],
    templates=[{"name": "Check", "qfmt": '<div class="meta">{{Meta}}</div>{{Question}}',
                "afmt": "{{FrontSide}}<hr id=\"answer\">{{Answer}}<p>{{Explanation}}</p>"}],
    css=_CSS)


def _tags(chapter: int, topic: str | None, difficulty: str | None) -> list[str]:
    tags = [f"interview-book::chapter-{chapter:02d}"]
    tags += [f"interview-book::{topic}"] if topic else []
    return tags + ([f"interview-book::{difficulty}"] if difficulty else [])


def interview_note(question: interview_questions.InterviewQuestion, site_url: str | None = None) -> genanki.Note:
    title = syllabus.section(question.chapter).title
    meta = html.escape(f"Chapter {question.chapter}, {title} · {question.difficulty or 'any level'}")
    where = f"Chapter {question.chapter}, Interview questions: what a weaker answer misses, and the follow-ups"
    link = (f'<a href="{html.escape(site_url.rstrip("/"), quote=True)}/{question.page}#{question.anchor}">'
            f"{html.escape(where)}</a>") if site_url else html.escape(where)
    return genanki.Note(model=INTERVIEW_MODEL, guid=genanki.guid_for("interview", question.id),
                        fields=[to_html(question.title), meta, interview_questions.to_html(question.spoken),
                                interview_questions.to_html(question.full), link],
                        tags=_tags(question.chapter, question.topic, question.difficulty))


def _answer_text(question: questions.Question) -> str:
    if question.kind == "single":
        return to_html(question.options[question.answer])
    if question.kind == "multiple":
        return "<br>".join(to_html(question.options[index]) for index in question.answer)
    return to_html(str(question.answer))


def selfcheck_note(question: questions.Question) -> genanki.Note:
    options = "".join(f"<li>{to_html(option)}</li>" for option in question.options)
    front = to_html(question.prompt) + (f"<ol type=\"A\">{options}</ol>" if options else "")
    meta = html.escape(f"Chapter {question.chapter} self-check · {question.difficulty}")
    return genanki.Note(model=SELFCHECK_MODEL, guid=genanki.guid_for("self-check", question.id),
                        fields=[front, meta, _answer_text(question), to_html(question.explanation)],
                        tags=_tags(question.chapter, question.topic, question.difficulty))


def build_deck(chapters: list[int] | None = None, difficulty: str | None = None,
               self_checks: bool = False, site_url: str | None = None) -> genanki.Deck:
    """The deck, narrowed to some chapters and one difficulty when asked."""
    written = [s.number for s in syllabus.sections() if s.notebook]
    unknown = sorted(set(chapters or ()) - set(written))
    if unknown:
        raise ValueError(f"chapter(s) {unknown} are not written; choose from {written}")
    wanted = set(chapters or written)
    deck = genanki.Deck(DECK_ID, "Python Backend Interview Book")
    for question in interview_questions.load_all():
        if question.chapter in wanted and difficulty in (None, question.difficulty):
            deck.add_note(interview_note(question, site_url))
    if self_checks:
        for chapter in sorted(wanted):
            for question in questions.load(chapter):
                if difficulty in (None, question.difficulty):
                    deck.add_note(selfcheck_note(question))
    return deck


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m interview_book.anki", description=__doc__.splitlines()[0])
    parser.add_argument("output", nargs="?", default="interview-book.apkg", type=Path)
    parser.add_argument("--chapter", type=int, action="append", help="only this chapter (repeatable)")
    parser.add_argument("--difficulty", choices=interview_questions.DIFFICULTIES)
    parser.add_argument("--self-checks", action="store_true", help="add the self-check questions too")
    parser.add_argument("--site-url", help="where the book's site is served, to link each card to its page")
    options = parser.parse_args(argv)
    try:
        deck = build_deck(options.chapter, options.difficulty, options.self_checks, options.site_url)
    except ValueError as error:
        parser.error(str(error))
    if not deck.notes:
        print("No question matches these options; no deck written.", file=sys.stderr)
        return 1
    genanki.Package(deck).write_to_file(options.output)
    print(f"Wrote {len(deck.notes)} notes to {options.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
