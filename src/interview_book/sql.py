"""Run SQL for the reader and show the result as a pandas DataFrame, with clear errors."""
from __future__ import annotations

import sqlite3
from typing import Callable, Sequence


class SQLError(ValueError):
    """SQLite rejected a statement; the message names the problem and repeats the statement."""


def run(connection: sqlite3.Connection, statement: str, parameters: Sequence | dict = ()):
    """Execute one statement and return its rows as a DataFrame (empty for statements without rows)."""
    import pandas as pd

    try:
        cursor = connection.execute(statement, parameters)
    except sqlite3.Error as error:
        raise SQLError(f"SQLite rejected the statement: {error}\n    {' '.join(statement.split())}") from None
    columns = [column[0] for column in cursor.description or ()]
    return pd.DataFrame(cursor.fetchall(), columns=columns).convert_dtypes()  # NULL shows as <NA>


def plan(connection: sqlite3.Connection, statement: str, parameters: Sequence | dict = ()) -> list[str]:
    """The steps of SQLite's EXPLAIN QUERY PLAN for a statement, one string per step."""
    rows = run(connection, f"EXPLAIN QUERY PLAN {statement}", parameters)
    return list(rows["detail"])


def vm_steps(connection: sqlite3.Connection, work: str | Callable[[], object], parameters: Sequence | dict = (),
             granularity: int = 100) -> int:
    """How many SQLite virtual-machine instructions ``work`` executes, to the nearest ``granularity``.

    ``work`` is a statement (run with ``parameters``, all rows fetched) or a callable that uses
    ``connection``. The count comes from a progress handler that SQLite calls every
    ``granularity`` instructions: a measure of work done that, unlike a timing, is the same on an
    idle machine and on a busy one. It counts CPU work only, not page reads from disk.
    """
    if not isinstance(granularity, int) or granularity < 1:
        raise ValueError(f"granularity must be a positive integer, not {granularity!r}")
    calls = 0

    def tick() -> int:
        nonlocal calls
        calls += 1
        return 0  # non-zero would abort the statement

    connection.set_progress_handler(tick, granularity)
    try:
        if callable(work):
            work()
        else:
            connection.execute(work, parameters).fetchall()
    finally:
        connection.set_progress_handler(None, granularity)
    return calls * granularity
