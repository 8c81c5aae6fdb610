"""The data the site's learner scripts read, written once per build into ``_static/interview-book/``.

``catalogue()``: every card of the spaced review in ``review.deck()`` order (each self-check question
with what is needed to ask and grade it again (it sits on its chapter's page as ``#ib-q-<id>``), each exercise with a link to it on its chapter page)
and the written chapters with their sub-topics. ``interview()``: every interview question with its
title (``title_html``: inline HTML, no paragraph around it) and model answer as HTML. Links are relative to the site's root. Question text goes through
``markup.to_html`` and model answers through ``interview_questions.to_html``, which both escape raw
HTML, so the scripts may insert these strings as markup.

``write`` keeps each file to what a page needs as soon as it shows: the fields a reader sees only
after pressing a button (a card's question and answer, an interview question's model answers) go
to a second file of details by id, which ``learner.js`` fetches on that press (``DETAILS``).
"""
from __future__ import annotations

import json
from pathlib import Path

from . import exercises, interview_questions, questions, syllabus
from .grading import MESSAGES
from .markup import to_html

FORMAT_VERSION = 1
CATALOGUE, INTERVIEW = "catalogue.json", "interview.json"
# file -> (its list of items, the file of their details, the fields moved there)
DETAILS = {CATALOGUE: ("cards", "card_details.json",
                       ("prompt_html", "options_html", "answer", "explanation_html", "tolerance")),
           INTERVIEW: ("questions", "interview_answers.json", ("spoken_html", "full_html"))}


def _page(section: syllabus.Section) -> str:
    return f"notebooks/{section.notebook}.html"


def catalogue() -> dict:
    chapters, cards = [], []
    for section in syllabus.sections():
        if section.notebook is None:
            continue
        page = _page(section)
        chapters.append({"number": section.number, "title": section.title, "page": page,
                         "subtopics": [{"slug": sub.slug, "title": sub.title} for sub in section.subtopics]})
        for q in questions.load(section.number):
            card = {"kind": "question", "id": q.id, "chapter": q.chapter, "topic": q.topic,
                    "difficulty": q.difficulty, "type": q.kind, "prompt_html": to_html(q.prompt),
                    "answer": q.answer, "explanation_html": to_html(q.explanation)}
            if q.options:
                card["options_html"] = [to_html(option) for option in q.options]
            if q.kind == "numeric":
                card["tolerance"] = q.tolerance
            cards.append(card)
        for e in exercises.load(section.number):
            cards.append({"kind": "exercise", "id": e.id, "chapter": e.chapter, "topic": e.topic,
                          "difficulty": e.difficulty, "title": e.title, "link": f"{page}#ib-ex-{e.id}"})
    return {"version": FORMAT_VERSION, "messages": MESSAGES, "chapters": chapters, "cards": cards}


def interview() -> dict:
    return {"version": FORMAT_VERSION, "questions": [
        {"id": q.id, "chapter": q.chapter, "topic": q.topic, "difficulty": q.difficulty, "title": q.title,
         "title_html": interview_questions.title_html(q.title), "link": f"{q.page}#{q.anchor}", "spoken_html": interview_questions.to_html(q.spoken),
         "full_html": interview_questions.to_html(q.full)}
        for q in interview_questions.load_all()]}


def _compact(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def split_details(data: dict, items: str, fields: tuple[str, ...]) -> tuple[dict, dict]:
    """``data`` without ``fields`` in each of its ``items``, and those fields by item id."""
    details = {item["id"]: {key: item[key] for key in fields if key in item} for item in data[items]}
    kept = [{key: value for key, value in item.items() if key not in fields} for item in data[items]]
    return {**data, items: kept}, details


def write(target: Path) -> list[Path]:
    """Write both files and their details into ``target`` (the site's ``_static/interview-book``)."""
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in ((CATALOGUE, catalogue()), (INTERVIEW, interview())):
        items, details_name, fields = DETAILS[name]
        index, details = split_details(data, items, fields)
        for file_name, content in ((name, index), (details_name, details)):
            path = target / file_name
            path.write_text(_compact(content), "utf-8")
            written.append(path)
    return written
