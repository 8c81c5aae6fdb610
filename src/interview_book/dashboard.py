"""Where a reader stands: per chapter and sub-topic, what was answered and how much of it was right.

``summary`` reads the progress file (or a record given to it) and returns one row per sub-topic of
every written chapter, weakest first. The weakness of a sub-topic is the share of its graded
answers and exercise runs that were wrong; a sub-topic with none has no weakness yet and comes
last. Entries the review cannot read are skipped the same way (``review.ReviewDataWarning``).
"""
from __future__ import annotations

from collections import Counter

import pandas as pd

from . import progress, review, syllabus

COLUMNS = ["chapter", "subtopic", "topic", "questions", "answered", "answers", "share_correct",
           "exercises", "solved", "weakness"]


def summary(record: object = None, cards=None) -> pd.DataFrame:
    """One row per sub-topic of the written chapters, weakest first, then untouched ones in book order.

    ``questions``/``exercises``: how many the book has; ``answered``: distinct questions answered;
    ``answers``: graded answers given (retries count); ``share_correct``: right answers / answers;
    ``solved``: distinct exercises whose tests all passed; ``weakness``: wrong / (answers + exercise runs).
    """
    record = progress.load() if record is None else record
    cards = review.deck() if cards is None else tuple(cards)
    topic_of = {card.key: (card.chapter, card.topic) for card in cards}
    size = Counter((card.kind, card.chapter, card.topic) for card in cards)
    answered, solved = set(), set()
    graded, right = Counter(), Counter()  # by (kind, chapter, topic)
    for _moment, key, correct in review.graded_events(record, tz=None):
        if key not in topic_of:
            continue  # a question or exercise no longer in the book
        where = (key[0], *topic_of[key])
        graded[where] += 1
        right[where] += correct
        if key[0] == "question":
            answered.add(key)
        elif correct:
            solved.add(key)
    rows = []
    for section in syllabus.sections():
        if section.notebook is None:
            continue
        for sub in section.subtopics:
            q, e = ("question", section.number, sub.slug), ("exercise", section.number, sub.slug)
            answers, runs = graded[q], graded[e]
            rows.append({
                "chapter": section.number, "subtopic": sub.title, "topic": sub.slug,
                "questions": size[q],
                "answered": sum(1 for key in answered if topic_of[key] == (section.number, sub.slug)),
                "answers": answers,
                "share_correct": right[q] / answers if answers else float("nan"),
                "exercises": size[e],
                "solved": sum(1 for key in solved if topic_of[key] == (section.number, sub.slug)),
                "weakness": (answers + runs - right[q] - right[e]) / (answers + runs) if answers + runs else float("nan"),
            })
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values("weakness", ascending=False, na_position="last", kind="stable").reset_index(drop=True)


def by_chapter(table: pd.DataFrame) -> pd.DataFrame:
    """Chapter totals of a ``summary`` table, in book order.

    ``correct``: right answers (``share_correct`` × ``answers`` of each sub-topic); ``share_correct``:
    correct / answers (NaN with no answers); the other counts are the sums of the sub-topic rows.
    """
    rows = table.assign(correct=(table.share_correct.fillna(0) * table.answers).round().astype(int))
    totals = (rows.groupby("chapter", sort=True)[["questions", "answered", "answers", "correct", "exercises", "solved"]]
              .sum().reset_index())
    totals.insert(1, "title", [syllabus.section(int(number)).title for number in totals.chapter])
    totals["share_correct"] = [correct / answers if answers else float("nan")
                               for correct, answers in zip(totals.correct, totals.answers)]
    return totals


def weakest(table: pd.DataFrame, count: int = 5) -> pd.DataFrame:
    """The ``count`` weakest sub-topics of a ``summary`` table that have a wrong answer or failed run."""
    return table[table.weakness > 0].head(count)


def show(record: dict | None = None, cards=None):
    """The progress dashboard; display it as the last expression of a cell.

    ``record``: a progress record to show instead of the progress file (a page with committed,
    deterministic output passes one); ``cards``: the questions and exercises to count (default: the
    whole book's deck, as in ``summary``). An unreadable progress file is moved aside by
    ``progress.load``; the view says so.
    """
    from .dashboard_display import DashboardView

    return DashboardView(record, cards)
