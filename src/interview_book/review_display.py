"""The spaced review as one display object: a widget session in a kernel, the site's view elsewhere.

``ReviewView`` holds the cards ``review.due`` offers on a day. Its widget view (a fresh
``ReviewSession`` each time it is displayed) asks them one at a time: a question with the
self-check's own controls and grading (``selfcheck.QuestionWidget``), its answer recorded in the
progress file, which is what moves the card between boxes; an exercise with its statement and
where to run its tests. "Card 2 of 7" is announced as each card appears; the end says how the
session went and when the next card is due. Its ``text/html`` is ``site_views.review()``, filled by
the site's script from the answers stored in the browser.
"""
from __future__ import annotations

import html
import warnings
from datetime import date, datetime, time, tzinfo
from typing import Sequence

import ipywidgets as widgets

from . import exercises, progress, questions, review, site_views, syllabus
from .dashboard_display import TEXT, _notes
from .grading import Feedback
from .markup import blocks_to_html
from .questions import Question
from .selfcheck import WIDGET_STYLE, QuestionWidget, visible_text

NOTHING_DUE = "Nothing is due today ({today})."


def _question(card: review.Card) -> Question:
    return next(q for q in questions.load(card.chapter) if q.id == card.id)


def _where(card: review.Card) -> str:
    section = syllabus.section(card.chapter)
    return f"Chapter {card.chapter}, {section.subtopic(card.topic).title}"


def _when(scheduled: review.Scheduled) -> str:
    if scheduled.is_new:
        return "new card"
    return f"box {scheduled.state.box}, due {scheduled.state.due.isoformat()}"


def _next_due_sentence(day: date | None) -> str:
    return ("No card will be due again: every card has been answered and none is scheduled."
            if day is None else f"The next card is due on {day.isoformat()}.")


class ReviewView:
    """Display as the last expression of a cell; build it with ``review.show``."""

    def __init__(self, today: date, limit: int | None, *, record: dict | None = None,
                 cards: Sequence[review.Card] | None = None, new_per_day: int = review.NEW_PER_DAY,
                 tz: tzinfo | None = None, clock: bool = False):
        self.today, self.limit, self.record, self.tz, self.clock = today, limit, record, tz, clock
        self.cards = review.deck() if cards is None else tuple(cards)
        self.new_per_day = new_per_day
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            source = self.current_record()
            self.items = review.due(today, record=source, cards=self.cards, limit=limit,
                                    new_per_day=new_per_day, tz=tz)
            self.next_due = review.next_due(today, record=source, cards=self.cards, new_per_day=new_per_day, tz=tz)
        self.notes = _notes(caught)

    def current_record(self) -> dict:
        """The record answers go to: the one given to ``review.show``, else the progress file as it is now."""
        return progress.load() if self.record is None else self.record

    def answered_at(self) -> datetime | None:
        """When an answer given now counts: noon of an injected day (None: now, by the progress clock)."""
        if self.clock:
            return None
        noon = datetime.combine(self.today, time(12))
        return noon.replace(tzinfo=self.tz) if self.tz is not None else noon.astimezone()

    def save(self, question: Question, response: object, status: str) -> None:
        if self.record is None:
            progress.record_answer(question.id, question.chapter, response, status, at=self.answered_at())
            return
        stamp = (self.answered_at() or datetime.now().astimezone()).isoformat(timespec="seconds")
        self.record.setdefault("answers", []).append(
            {"question": question.id, "chapter": question.chapter, "response": response, "status": status,
             "answered_at": stamp})

    def heading(self) -> str:
        if not self.items:
            return f"Spaced review: {NOTHING_DUE.format(today=self.today.isoformat())} {_next_due_sentence(self.next_due)}"
        new = sum(item.is_new for item in self.items)
        cards = "1 card" if len(self.items) == 1 else f"{len(self.items)} cards"
        return (f"Spaced review for {self.today.isoformat()}: {cards}, "
                f"{len(self.items) - new} due for review and {new} new.")

    def text(self) -> str:
        lines = [*self.notes, self.heading()]
        for number, item in enumerate(self.items, start=1):
            card = item.card
            what = (visible_text(_question(card).prompt) if card.kind == "question"
                    else f"exercise: {exercises.find(card.id).title}")
            lines.append(f"{number}. {_where(card)} ({_when(item)}): {what}")
        if self.items:
            lines.append("Answer them one at a time in JupyterLab or on Binder, or on the book's review page.")
        return "\n".join(lines)

    def session(self) -> ReviewSession:
        return ReviewSession(self)

    def _repr_mimebundle_(self, include=None, exclude=None):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # outside a kernel ipywidgets warns that it has no comm
            bundle = dict(self.session().view._repr_mimebundle_())
        bundle["text/plain"] = self.text()
        bundle["text/html"] = site_views.review()
        return bundle


class ReviewSession:
    """One pass over the view's cards, as ipywidgets: a card at a time, then a summary."""

    def __init__(self, review_view: ReviewView):
        self.source = review_view
        self.position = 0
        self.outcomes: list[str] = []  # per card shown: "right", "wrong", "skipped" or "exercise"
        self.first: str | None = None  # the first graded result of the current card
        self.current: QuestionWidget | None = None
        header = widgets.HTML(f"<style>{WIDGET_STYLE}</style>"
                              f'<p style="{TEXT}"><strong>{html.escape(review_view.heading())}</strong></p>')
        notes = [widgets.HTML(f'<div role="alert" style="{TEXT}">{html.escape(note)}</div>')
                 for note in review_view.notes]
        self.status = widgets.HTML()
        self.card = widgets.VBox()
        self.schedule = widgets.HTML()
        self.next_button = widgets.Button(description="Skip this card", tooltip="Go to the next card",
                                          layout=widgets.Layout(width="auto", align_self="flex-start"))
        self.next_button.on_click(lambda _button: self.next())
        self.view = widgets.VBox([header, *notes, self.status, self.card, self.schedule, self.next_button])
        self.view.add_class("ib-selfcheck-widget")
        self.view.add_class("ib-review-widget")
        if review_view.items:
            self._show_card()
        else:
            self.next_button.layout.display = "none"

    @property
    def items(self) -> list[review.Scheduled]:
        return self.source.items

    @property
    def finished(self) -> bool:
        return self.position >= len(self.items)

    def _announce(self, text: str) -> None:
        self.status.value = f'<div role="status" aria-live="polite" style="{TEXT}"><strong>{html.escape(text)}</strong></div>'

    def _show_card(self) -> None:
        item = self.items[self.position]
        card = item.card
        self._announce(f"Card {self.position + 1} of {len(self.items)}")
        self.first, self.current = None, None
        self.schedule.value = ""
        where = widgets.HTML(f'<p style="{TEXT}"><em>{html.escape(_where(card))} · {html.escape(_when(item))}</em></p>')
        if card.kind == "question":
            self.current = QuestionWidget(self.position + 1, _question(card), save=self.source.save,
                                          on_answer=self._answered)
            self.card.children = [where, self.current.view]
            self.next_button.description = "Skip this card"
        else:
            self.card.children = [where, widgets.HTML(exercise_html(card))]
            self.next_button.description = "Next card" if self.position + 1 < len(self.items) else "Finish"

    def _answered(self, result: Feedback) -> None:
        if self.first is None:
            self.first = "right" if result.status == "correct" else "wrong"
        card = self.items[self.position].card
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # already reported when the session was built
            state = review.states(self.source.today, self.source.current_record(), self.source.cards,
                                  self.source.tz).get(card.key)
        if state is not None:
            self.schedule.value = (f'<div role="status" aria-live="polite" style="{TEXT}">This card is now in box '
                                   f"{state.box} of {len(review.INTERVALS)}, next due on {state.due.isoformat()}.</div>")
        self.next_button.description = "Next card" if self.position + 1 < len(self.items) else "Finish"

    def next(self) -> None:
        """Leave the current card (answered, or skipped) and show the next one or the summary."""
        if self.finished:
            return
        kind = self.items[self.position].card.kind
        self.outcomes.append(self.first or ("exercise" if kind == "exercise" else "skipped"))
        self.position += 1
        if self.finished:
            self._finish()
        else:
            self._show_card()

    def _finish(self) -> None:
        source = self.source
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            record = source.current_record()
            left = review.due(source.today, record=record, cards=source.cards, new_per_day=source.new_per_day,
                              tz=source.tz)
            upcoming = review.next_due(source.today, record=record, cards=source.cards,
                                       new_per_day=source.new_per_day, tz=source.tz)
        self.summary = summary_sentence(self.outcomes, len(left), upcoming)
        self._announce(f"Session done: {len(self.outcomes)} of {len(self.items)} cards")
        self.card.children = [widgets.HTML(f'<p style="{TEXT}">{html.escape(self.summary)}</p>')]
        self.schedule.value = ""
        self.current = None
        self.next_button.layout.display = "none"


def summary_sentence(outcomes: list[str], left_today: int, upcoming: date | None) -> str:
    counts = {kind: outcomes.count(kind) for kind in ("right", "wrong", "skipped", "exercise")}
    parts = [f"{counts['right']} right", f"{counts['wrong']} wrong"]
    if counts["skipped"]:
        parts.append(f"{counts['skipped']} skipped")
    if counts["exercise"]:
        parts.append("1 exercise to run in its chapter" if counts["exercise"] == 1
                     else f"{counts['exercise']} exercises to run in their chapters")
    more = (f"{left_today} more {'card is' if left_today == 1 else 'cards are'} due today: run review.show() again for "
            f"{'it' if left_today == 1 else 'them'}."
            if left_today else "Nothing more is due today.")
    cards = "1 card" if len(outcomes) == 1 else f"{len(outcomes)} cards"
    return f"You reviewed {cards}: {', '.join(parts)}. {more} {_next_due_sentence(upcoming)}"


def exercise_html(card: review.Card) -> str:
    """An exercise card: its statement and how to run its tests, which is what reviews it."""
    exercise = exercises.find(card.id)
    section = syllabus.section(card.chapter)
    answer = exercise.entry or "query"
    return (f'<div style="{TEXT}"><p><strong>Exercise: {html.escape(exercise.title)}</strong> '
            f"<em>({html.escape(exercise.difficulty)})</em></p>{blocks_to_html(exercise.statement)}"
            f"<p>Run its tests to review it: in chapter {card.chapter} (<code>notebooks/{html.escape(section.notebook)}"
            f".ipynb</code>), part “{html.escape(section.subtopic(card.topic).title)}”, complete the exercise's cell, "
            f"which ends with <code>exercises.check(\"{html.escape(exercise.id)}\", {html.escape(answer)})</code>, "
            f"and run it; or here, in a new cell, <code>exercises.show(\"{html.escape(exercise.id)}\")</code> "
            "shows its starter code, hints and solution. The run is recorded and schedules the card.</p></div>")
