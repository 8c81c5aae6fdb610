"""Run one exercise's test cases against a reader's submission and report each case.

Standard library only: the same file runs in a child process of the kernel
(``exercises.check``) and, on the static site, inside Pyodide in a Web Worker. It never
enforces a time limit itself; whoever starts it stops it, and the results already reported
survive.

Protocol (child process): one JSON object on stdin, ``{"exercise": {...}, "submission": "..."}``;
one line per event on stdout, each starting with the marker given in the request, so nothing the
reader prints can pose as a result. Events are ``{"event": "case", ...}`` per case, then
``{"event": "done", ...}``; ``{"event": "error", ...}`` when the code cannot be tested at all.

An exercise (see ``exercise_schema.json``) is ``kind: python`` (the submission is Python that
must define ``entry``) or ``kind: sql`` (the submission is one SQL query, compared with the
reference query's result set). Every case is a Python expression evaluated after the
exercise's ``setup`` code, in the same namespace as the submission.
"""
from __future__ import annotations

import base64
import contextlib
import io
import json
import sqlite3
import sys
import traceback
import types

try:
    from . import shop
except ImportError:  # run as a script (a child process, or Pyodide): shop.py lies beside this file
    import shop

READER_FILE = "<your code>"
EXERCISE_MODULE = "__exercise__"  # the module the reader's code runs in
SHOWN_CHARS = 300  # a value or message longer than this is cut in the results
PRINTED_CHARS = 2000  # printed output kept per run


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    return text if len(text) <= limit else f"{text[:limit]}... ({len(text) - limit:,} more characters)"


class _CappedText(io.StringIO):
    """Collects what the reader's code prints, keeping only the first PRINTED_CHARS."""

    def write(self, text: str) -> int:
        room = PRINTED_CHARS - self.tell()
        if room > 0:
            super().write(text[:room])
        return len(text)


def _reader_line(error: BaseException) -> int | None:
    """The line of the reader's code where ``error`` was raised, if it came from there."""
    line = None
    for frame in traceback.extract_tb(error.__traceback__):
        if frame.filename == READER_FILE:
            line = frame.lineno
    return line


def describe_error(error: BaseException) -> str:
    if isinstance(error, SystemExit):
        return f"your code called sys.exit({error.code!r}); return a value instead"
    text = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
    line = _reader_line(error)
    return shorten(f"{text} (line {line} of your code)" if line else text)


class NotTestable(Exception):
    """The submission cannot be tested at all: a syntax error, a crash at import, a missing name."""


def _compile_reader(submission: str):
    try:
        return compile(submission, READER_FILE, "exec", dont_inherit=True)
    except SyntaxError as error:
        where = f"line {error.lineno}" if error.lineno else "your code"
        raise NotTestable(f"Syntax error on {where}: {error.msg}") from None


def _module_namespace() -> dict:
    """A fresh module's globals, registered in ``sys.modules`` as tools such as dataclasses expect."""
    module = types.ModuleType(EXERCISE_MODULE)
    sys.modules[EXERCISE_MODULE] = module
    return module.__dict__


def _python_namespace(exercise: dict, submission: str, printed: io.StringIO) -> dict:
    code = _compile_reader(submission)
    namespace = _module_namespace()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        try:
            exec(code, namespace)
        except BaseException as error:  # noqa: BLE001 - the reader's code may raise anything
            raise NotTestable(f"Your code raised an error before any test ran: {describe_error(error)}") from None
    entry = exercise["entry"]
    if entry not in namespace:
        defined = sorted(name for name, value in namespace.items()
                         if not name.startswith("__") and (callable(value) or isinstance(value, str)))
        found = f" It defines: {', '.join(defined)}." if defined else " It defines nothing."
        raise NotTestable(f"Your code must define `{entry}`, as in the starter code.{found}")
    exec(compile(exercise.get("setup", ""), "<exercise setup>", "exec", dont_inherit=True), namespace)
    return namespace


def database(data: str = "") -> sqlite3.Connection:
    """Chapter 4's shop database, plus the case's extra SQL (more rows, edge cases)."""
    connection = shop.connect()
    if data:
        connection.executescript(data)
    return connection


def rows(query: str, data: str = "", ordered: bool = False) -> list[tuple]:
    """The rows ``query`` returns on the shop database; sorted unless the order is part of the answer."""
    if not query.strip():
        raise ValueError("the query is empty")
    found = [tuple(row) for row in database(data).execute(query).fetchall()]
    return found if ordered else sorted(found, key=repr)


def plan(query: str, data: str = "") -> list[str]:
    """The steps of SQLite's EXPLAIN QUERY PLAN for ``query`` after the ``data`` script ran."""
    return [row[3] for row in database(data).execute(f"EXPLAIN QUERY PLAN {query}")]


def _sql_namespace(exercise: dict, submission: str) -> dict:
    if not submission.strip():
        raise NotTestable("Write your SQL first: the answer is empty.")
    namespace = {"__name__": EXERCISE_MODULE, "database": database, "rows": rows, "plan": plan,
                 "SUBMISSION": submission, "SOLUTION": base64.b64decode(exercise["solution_b64"]).decode()}
    exec(compile(exercise.get("setup", ""), "<exercise setup>", "exec", dont_inherit=True), namespace)
    return namespace


def _sql_case(case: dict, ordered: bool) -> dict:
    """A result-set case (``data``, no ``call``) as the expressions that compare both queries."""
    if "call" in case:
        return case
    data = repr(case.get("data", ""))
    return {**case, "call": f"rows(SUBMISSION, {data}, {ordered})", "expected": f"rows(SOLUTION, {data}, {ordered})"}


def _same(got, expected, compare: str) -> bool:
    if compare == "unordered":
        return sorted(map(repr, got)) == sorted(map(repr, expected))
    if isinstance(expected, bool):  # True must not pass for 1
        return got is expected
    return got == expected


def run_case(namespace: dict, number: int, case: dict, compare: str, printed: io.StringIO) -> dict:
    hidden = bool(case.get("hidden", False))
    result = {"event": "case", "case": number, "hidden": hidden, "input": case.get("label") or case["call"]}
    try:
        expected = eval(case["expected"], namespace)  # noqa: S307 - the exercise's own expression
    except BaseException as error:  # noqa: BLE001 - the reference side failed: a defect of the exercise
        return {**result, "passed": False, "expected": "?", "got": f"the exercise itself failed: {describe_error(error)}"}
    result["expected"] = shorten(repr(expected))
    try:
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            got = eval(case["call"], namespace)  # noqa: S307 - runs the reader's code, as asked
    except BaseException as error:  # noqa: BLE001 - an exception is a failed case with its message
        return {**result, "passed": False, "got": describe_error(error), "raised": True}
    try:
        passed = bool(_same(got, expected, case.get("compare", compare)))
    except Exception as error:  # noqa: BLE001 - a value that cannot even be compared
        return {**result, "passed": False, "got": f"{shorten(repr(got))} (cannot compare: {describe_error(error)})"}
    return {**result, "passed": passed, "got": shorten(repr(got))}


def run(exercise: dict, submission: str):
    """Yield one event per case, then a summary; or one error event if nothing can be tested."""
    printed = _CappedText()
    try:
        if exercise["kind"] == "sql":
            namespace = _sql_namespace(exercise, submission)
        else:
            namespace = _python_namespace(exercise, submission, printed)
    except NotTestable as problem:
        yield {"event": "error", "message": str(problem), "printed": printed.getvalue()}
        return
    passed = 0
    for number, case in enumerate(exercise["cases"], start=1):
        if exercise["kind"] == "sql":
            case = _sql_case(case, exercise.get("ordered", False))
        outcome = run_case(namespace, number, case, exercise.get("compare", "equal"), printed)
        passed += outcome["passed"]
        yield outcome
    yield {"event": "done", "passed": passed, "total": len(exercise["cases"]), "printed": printed.getvalue()}


def run_and_emit(exercise_json: str, submission: str, emit) -> None:
    """``run`` for the browser's worker: ``emit`` gets each event as JSON text as soon as it is known.
    The worker calls this with Pyodide's ``callPromising``, so ``asyncio.run`` works in exercises."""
    for event in run(json.loads(exercise_json), submission):
        emit(json.dumps(event))


def main() -> None:
    request = json.loads(sys.stdin.read())
    marker, out = request["marker"], sys.stdout
    for event in run(request["exercise"], request["submission"]):
        out.write(f"{marker}{json.dumps(event)}\n")
        out.flush()


if __name__ == "__main__":
    main()
