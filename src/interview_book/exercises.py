"""Coding exercises: one YAML file per chapter, validated against ``exercise_schema.json``.

In a kernel, ``show(id)`` displays the statement with hints and the solution behind buttons,
and ``check(id, answer)`` tests the reader's code in a child process with a time limit, so an
endless loop, ``sys.exit()`` or a crash ends in a message and the kernel lives on. On the static
site the same display object renders an editor whose Run button tests the code in the browser
(``exercise_site.render_html``); both sides use ``exercise_runner`` and show the same table.
"""
from __future__ import annotations

import ast
import base64
import inspect
import json
import linecache
import secrets
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema

from . import progress, syllabus

DEFAULT_TIME_LIMIT = 10  # seconds; a correct solution needs a small fraction of this, even in Pyodide
RUNNER = resources.files(__package__).joinpath("exercise_runner.py")


class ExerciseBankError(ValueError):
    """An exercise file that does not follow the schema or does not fit the syllabus."""


@dataclass(frozen=True)
class Exercise:
    id: str
    chapter: int
    topic: str
    difficulty: str
    title: str
    kind: str
    statement: str
    starter: str
    cases: tuple[dict, ...]
    hints: tuple[str, ...]
    solution: str
    entry: str = ""
    setup: str = ""
    compare: str = "equal"
    ordered: bool = False
    needs: tuple[str, ...] = ()
    time_limit: float = DEFAULT_TIME_LIMIT

    @property
    def runs_in_browser(self) -> bool:
        return not self.needs

    def runner_spec(self) -> dict:
        """What ``exercise_runner.run`` needs; the site's data island holds the same."""
        return {"id": self.id, "kind": self.kind, "entry": self.entry, "setup": self.setup,
                "cases": list(self.cases), "compare": self.compare, "ordered": self.ordered,
                # SQL cases compare with the reference query's rows; encoded so a page does not show it.
                "solution_b64": base64.b64encode(self.solution.encode()).decode() if self.kind == "sql" else ""}


def _schema() -> dict:
    return json.loads(resources.files(__package__).joinpath("exercise_schema.json").read_text("utf-8"))


def parse_bank(raw: Any) -> tuple[Exercise, ...]:
    """Validate one chapter's parsed YAML and return its exercises, or raise ExerciseBankError."""
    errors = sorted(jsonschema.Draft202012Validator(_schema()).iter_errors(raw), key=str)
    if errors:
        error = errors[0]
        where = "/".join(str(part) for part in error.absolute_path) or "top level"
        raise ExerciseBankError(f"{where}: {error.message}")
    section = syllabus.section(raw["chapter"])
    exercises, seen = [], set()
    for item in raw["exercises"]:
        exercise = Exercise(chapter=section.number, **{
            **item, "cases": tuple(item["cases"]), "hints": tuple(item["hints"]), "needs": tuple(item.get("needs", ()))})
        if exercise.id in seen:
            raise ExerciseBankError(f"exercise id {exercise.id!r} is used twice")
        seen.add(exercise.id)
        try:
            section.subtopic(exercise.topic)
        except KeyError as error:
            raise ExerciseBankError(f"{exercise.id}: {error.args[0]}") from None
        _check_kind(exercise)
        if not any(case.get("hidden") for case in exercise.cases) or all(case.get("hidden") for case in exercise.cases):
            raise ExerciseBankError(f"{exercise.id}: needs visible example cases and hidden cases")
        exercises.append(exercise)
    return tuple(exercises)


def _check_kind(exercise: Exercise) -> None:
    """What the schema cannot say simply: which fields each kind of exercise uses."""
    if exercise.kind == "python":
        if not exercise.entry:
            raise ExerciseBankError(f"{exercise.id}: a python exercise names its `entry` (the function or class to write)")
        if any("call" not in case or "expected" not in case or "data" in case for case in exercise.cases):
            raise ExerciseBankError(f"{exercise.id}: every case of a python exercise has `call` and `expected`, no `data`")
    else:
        if exercise.entry:
            raise ExerciseBankError(f"{exercise.id}: a sql exercise has no `entry`: the answer is the query")
        for case in exercise.cases:
            if ("call" in case) != ("expected" in case) or ("call" not in case and "label" not in case):
                raise ExerciseBankError(f"{exercise.id}: a sql case has a `label` (and optional `data`), "
                                        "or a `call` and `expected`")


def _bank_file(chapter: int):
    notebook = syllabus.section(chapter).notebook
    return resources.files(__package__).joinpath("exercises", f"{notebook}.yml") if notebook else None


@cache
def load(chapter: int) -> tuple[Exercise, ...]:
    """All exercises of one chapter, in file order (none for a chapter without a file)."""
    path = _bank_file(chapter)
    if path is None or not path.is_file():
        return ()
    raw = syllabus.load_yaml(path.read_text("utf-8"))
    if not isinstance(raw, dict) or raw.get("chapter") != chapter:
        raise ExerciseBankError(f"the exercise file of chapter {chapter} does not say `chapter: {chapter}`")
    return parse_bank(raw)


def find(exercise_id: str) -> Exercise:
    for section in syllabus.sections():
        for exercise in load(section.number):
            if exercise.id == exercise_id:
                return exercise
    raise ExerciseBankError(f"the book has no exercise {exercise_id!r}")


def _defining_file(answer: Any) -> str | None:
    """The file (for a notebook, the cell) that defined a function or class."""
    candidates = [answer]
    if inspect.isclass(answer):
        candidates = [getattr(member, "__func__", member) for member in vars(answer).values()]
        candidates = [getattr(member, "fget", member) for member in candidates]
    for candidate in candidates:
        code = getattr(inspect.unwrap(candidate) if callable(candidate) else candidate, "__code__", None)
        if code is not None:
            return code.co_filename
    return None


def _without_check_calls(source: str) -> str:
    """The cell without its ``exercises.check(...)`` lines, which only the kernel can run;
    they are blanked, not removed, so line numbers in messages still match the cell."""
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return source  # the runner reports the syntax error with its line
    lines = source.splitlines(keepends=True)
    for node in tree.body:
        call = node.value if isinstance(node, ast.Expr) else None
        if (isinstance(call, ast.Call) and isinstance(call.func, ast.Attribute) and call.func.attr == "check"
                and isinstance(call.func.value, ast.Name) and call.func.value.id == "exercises"):
            for number in range(node.lineno - 1, node.end_lineno):
                lines[number] = "\n"
    return "".join(lines)


def submission_of(answer: Any) -> str:
    """The code to test: a string as given, or the whole cell (or file) that defined a function
    or class, so helpers and imports written beside it come along."""
    if isinstance(answer, str):
        return answer
    filename = _defining_file(answer)
    lines = linecache.getlines(filename) if filename else []
    if not lines:
        raise TypeError(f"cannot find the code of {answer!r}; pass your code as a string instead")
    return _without_check_calls("".join(lines))


@dataclass(frozen=True)
class Outcome:
    """What one run of the tests produced, in the order the runner reported it."""
    cases: tuple[dict, ...]
    total: int
    error: str = ""  # the code could not be tested, or the run was stopped
    printed: str = ""

    @property
    def passed(self) -> int:
        return sum(case["passed"] for case in self.cases)

    @property
    def solved(self) -> bool:
        return not self.error and self.passed == self.total


def run_tests(exercise: Exercise, submission: str) -> Outcome:
    """Test ``submission`` in a child process, stopped after the exercise's time limit."""
    marker = f"@@{secrets.token_hex(8)}@@"
    request = json.dumps({"marker": marker, "exercise": exercise.runner_spec(), "submission": submission})
    stopped = ""
    with tempfile.TemporaryDirectory(prefix="exercise-") as scratch, resources.as_file(RUNNER) as runner:
        try:
            child = subprocess.run([sys.executable, str(runner)], input=request, capture_output=True,
                                   text=True, cwd=scratch, timeout=exercise.time_limit, errors="replace")
            stdout, stderr, code = child.stdout, child.stderr, child.returncode
        except subprocess.TimeoutExpired as timeout:
            stdout = timeout.stdout.decode(errors="replace") if isinstance(timeout.stdout, bytes) else timeout.stdout or ""
            stderr, code = "", None
            stopped = (f"Stopped after {exercise.time_limit:g} s: your code did not finish "
                       "(an endless loop, or far too slow for these inputs).")
    events = [json.loads(line[len(marker):]) for line in stdout.splitlines() if line.startswith(marker)]
    cases = tuple(event for event in events if event["event"] == "case")
    final = next((event for event in events if event["event"] in ("done", "error")), None)
    if final and final["event"] == "error":
        return Outcome(cases, len(exercise.cases), final["message"], final.get("printed", ""))
    if final is None and not stopped:
        last = stderr.strip().splitlines()[-1:] or ["no message"]
        stopped = f"The test process ended early (exit code {code}): {last[0]}"
    return Outcome(cases, len(exercise.cases), stopped, final.get("printed", "") if final else "")


def check(exercise_id: str, answer: Any):
    """Test your answer (a function, class or code string) and show the results table."""
    from .exercise_display import Report

    exercise = find(exercise_id)
    outcome = run_tests(exercise, submission_of(answer))
    note = ""
    try:
        progress.record_exercise(exercise.id, exercise.chapter, outcome.passed, outcome.total, outcome.solved)
    except OSError as error:
        note = f"(Your result could not be saved: {error}.)"
    return Report(exercise, outcome, note)


def show(exercise_id: str):
    """The exercise: statement, hints and solution behind buttons; an editor on the site."""
    from .exercise_display import ExerciseView

    return ExerciseView(find(exercise_id))
