"""Run SQL for the reader and show the result as a pandas DataFrame, with clear errors."""
from __future__ import annotations

import sqlite3
from typing import Sequence


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
