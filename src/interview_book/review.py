"""Spaced review: a Leitner-box scheduler over the book's self-check questions and exercises.

Every question and every exercise is a card. A card is in one of the boxes 1 to 5; box ``n`` is
reviewed again ``INTERVALS[n - 1]`` days after its last answer. The rules:

- a wrong answer sends a card to box 1, due the next day (box 1's interval, one day);
- a right answer on or after the due day moves the card up one box and schedules it by that box's
  interval (box 5 stays in box 5); a never-seen card answered right goes to box 2, since it starts
  in box 1;
- a right answer *before* the due day changes nothing, so retrying a self-check until it is right,
  or running an exercise's tests again after fixing it, does not climb the boxes: a card answered
  wrong then right on the same day is due tomorrow;
- cards never answered are *new*; ``due`` offers at most ``new_per_day`` of them a day, counting
  the cards first answered that day.

Where the state lives: nowhere of its own. The boxes are replayed from the answers and exercise
runs that ``progress`` already records with their time stamps. A separate ``"review"`` key would be
a second copy of the same facts that could disagree with the first (an answer recorded while the
key failed to save, an older copy of the file); replaying keeps the progress file the one source of
truth, answers given in a chapter count as reviews without any extra call, and changing the
intervals later applies to the whole history. Replaying a few thousand entries is instant.

Only what the logic is given counts: every function takes ``today`` (no clock is read), and
entries dated after ``today`` are ignored. Answers are dated in the reader's time zone (``tz``,
default the machine's). An unreadable progress file is moved aside by ``progress.load`` with a
warning; entries the review cannot read (a missing id, an unknown status, a bad time stamp) are
skipped with one ``ReviewDataWarning`` and the file is not written, so no other data is lost.
Ids no longer in the book (a question renamed or removed) are ignored.
"""
from __future__ import annotations

import warnings
from collections import defaultdict, deque
from dataclasses import dataclass
from datetime import date, datetime, timedelta, tzinfo
from typing import Iterable, Sequence

from . import exercises, progress, questions, syllabus

INTERVALS = (1, 2, 4, 8, 16)  # days until the next review, for boxes 1..5
NEW_PER_DAY = 5
# status recorded by progress -> was the answer right? (None: not an answer, e.g. an empty response)
RIGHT = {
    "question": {"correct": True, "incorrect": False, "invalid": None},
    "exercise": {"solved": True, "attempted": False},
}


class ReviewDataWarning(UserWarning):
    """Some entries of the progress file could not be used by the review and were skipped."""


@dataclass(frozen=True)
class Card:
    kind: str  # "question" or "exercise"
    id: str
    chapter: int
    topic: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.id)


@dataclass(frozen=True)
class State:
    box: int  # 1..len(INTERVALS)
    due: date
    introduced: date  # the day the card was first answered


@dataclass(frozen=True)
class Scheduled:
    card: Card
    state: State | None  # None for a new card

    @property
    def is_new(self) -> bool:
        return self.state is None


def deck() -> tuple[Card, ...]:
    """Every card of the book, chapter by chapter: its questions, then its exercises, in file order."""
    cards = []
    for section in syllabus.sections():
        if section.notebook is None:
            continue
        cards += [Card("question", q.id, q.chapter, q.topic) for q in questions.load(section.number)]
        cards += [Card("exercise", e.id, e.chapter, e.topic) for e in exercises.load(section.number)]
    return tuple(cards)


def advance(state: State | None, right: bool, day: date) -> State:
    """The card's state after an answer given on ``day`` (``state`` None: a new card)."""
    introduced = state.introduced if state else day
    if not right:
        box = 1
    elif state is None:
        box = 2
    elif day < state.due:
        return state
    else:
        box = min(state.box + 1, len(INTERVALS))
    return State(box, day + timedelta(days=INTERVALS[box - 1]), introduced)


def graded_events(record: object, tz: tzinfo | None) -> list[tuple[datetime, tuple[str, str], bool]]:
    """The graded answers and exercise runs of a progress record, oldest first."""
    if not isinstance(record, dict):
        warnings.warn("The progress record is not a JSON object; the review starts from nothing.",
                      ReviewDataWarning, stacklevel=3)
        return []
    events, skipped = [], 0
    for kind, field, id_field, stamp_field in (("question", "answers", "question", "answered_at"),
                                               ("exercise", "exercises", "exercise", "checked_at")):
        entries = record.get(field, [])
        if not isinstance(entries, list):
            skipped += 1
            continue
        for entry in entries:
            try:
                card_id, status = entry[id_field], entry["status"]
                moment = datetime.fromisoformat(entry[stamp_field])
                if not isinstance(card_id, str) or status not in RIGHT[kind] or moment.tzinfo is None:
                    raise ValueError
            except (TypeError, KeyError, ValueError):
                skipped += 1
                continue
            if RIGHT[kind][status] is not None:
                events.append((moment.astimezone(tz), (kind, card_id), RIGHT[kind][status]))
    if skipped:
        warnings.warn(f"{skipped} entries of the progress file could not be read for the review and were "
                      "skipped; the file itself was left unchanged.", ReviewDataWarning, stacklevel=3)
    events.sort(key=lambda event: event[0])
    return events


def states(today: date, record: object = None, cards: Sequence[Card] | None = None,
           tz: tzinfo | None = None) -> dict[tuple[str, str], State]:
    """The state of every card answered on or before ``today``, keyed by ``Card.key``."""
    record = progress.load() if record is None else record
    known = {card.key for card in (deck() if cards is None else cards)}
    result: dict[tuple[str, str], State] = {}
    for moment, key, right in graded_events(record, tz):
        if key in known and moment.date() <= today:
            result[key] = advance(result.get(key), right, moment.date())
    return result


def _interleave(groups: Iterable[Scheduled], head_key) -> list[Scheduled]:
    """One card per chapter per round; within a round, chapters ordered by ``head_key`` of their next card."""
    queues: dict[int, deque[Scheduled]] = defaultdict(deque)
    for item in groups:
        queues[item.card.chapter].append(item)
    order = []
    while queues:
        for chapter in sorted(queues, key=lambda chapter: (head_key(queues[chapter][0]), chapter)):
            order.append(queues[chapter].popleft())
            if not queues[chapter]:
                del queues[chapter]
    return order


def due(today: date, *, record: object = None, cards: Sequence[Card] | None = None,
        limit: int | None = None, new_per_day: int = NEW_PER_DAY, tz: tzinfo | None = None) -> list[Scheduled]:
    """The cards to review on ``today``: due cards first, then new ones, each interleaved by chapter.

    Due cards (due on or before ``today``) come oldest due first within each chapter and take turns
    across chapters, the chapter whose next card is oldest going first in each round. New cards follow
    in book order, also taking turns, up to ``new_per_day`` less the cards already introduced today.
    ``record`` defaults to the progress file and ``cards`` to the whole book.
    """
    cards = deck() if cards is None else tuple(cards)
    known = states(today, record, cards, tz)
    position = {card.key: index for index, card in enumerate(cards)}
    reviews = sorted((Scheduled(card, known[card.key]) for card in cards
                      if card.key in known and known[card.key].due <= today),
                     key=lambda item: (item.state.due, position[item.card.key]))
    introduced_today = sum(state.introduced == today for state in known.values())
    fresh = [Scheduled(card, None) for card in cards if card.key not in known]
    fresh = _interleave(fresh, head_key=lambda item: 0)[:max(0, new_per_day - introduced_today)]
    chosen = _interleave(reviews, head_key=lambda item: item.state.due) + fresh
    return chosen if limit is None else chosen[:limit]


def next_due(today: date, *, record: object = None, cards: Sequence[Card] | None = None,
             new_per_day: int = NEW_PER_DAY, tz: tzinfo | None = None) -> date | None:
    """The first day after ``today`` on which ``due`` offers a card, or None if it never will.

    That is the earliest due date after ``today`` of an answered card, or the next day when cards
    never answered remain (new cards are offered every day, ``new_per_day`` of them).
    """
    cards = deck() if cards is None else tuple(cards)
    known = states(today, record, cards, tz)
    candidates = [state.due for state in known.values() if state.due > today]
    if new_per_day > 0 and any(card.key not in known for card in cards):
        candidates.append(today + timedelta(days=1))
    return min(candidates, default=None)


def clock_today(tz: tzinfo | None = None) -> date:
    """The reader's date in ``tz`` (default the machine's zone): the one place the review reads the clock."""
    return datetime.now(tz).date()


def show(today: date | None = None, limit: int | None = 10, *, record: dict | None = None,
         cards: Sequence[Card] | None = None, new_per_day: int = NEW_PER_DAY, tz: tzinfo | None = None):
    """A review session over ``due(today)``: one card at a time; display it as a cell's last expression.

    ``today``: the review day (default: the clock, read once, here); ``limit``: the most cards in the
    session; ``record``: a progress record to review instead of the progress file; the session's answers
    are then added to that dict, not saved (a demo with committed, deterministic output passes both
    ``today`` and ``record``). Answers are stamped at noon of an injected ``today`` so they count on
    that day; with the clock, at the moment they are given.
    """
    from .review_display import ReviewView

    return ReviewView(clock_today(tz) if today is None else today, limit, record=record,
                      cards=cards, new_per_day=new_per_day, tz=tz, clock=today is None)
