"""Run a small pytest suite in a subprocess, the way CI would, and return its parsed outcome.

Chapter 8 writes test suites as text and runs them for real. ``run(files, *args)`` writes the
files (name -> source, dedented) into a fresh temporary folder, or into ``project=`` when a
suite grows step by step, runs ``python -m pytest -v`` there and returns a ``PytestRun``:

- ``outcomes``: node id -> ``PASSED`` / ``FAILED`` / ``ERROR`` / ``SKIPPED`` / ``XFAIL`` /
  ``XPASS``, in the order pytest reported them (read from the ``-v`` report lines; with
  pytest-xdist, ``-p xdist -n N``, the order in which the workers finished, which varies);
- ``workers``: node id -> the xdist worker that ran it (``gw0``, ``gw1``, ...), empty without xdist;
- ``failures``: node id -> the first line of the failure message, read from a JUnit XML report
  (written outside the project folder, so it never shows up among the project's files);
- ``summary``: pytest's final tally without the duration, such as ``"2 passed, 1 skipped"``;
- ``output``: everything pytest printed, minus the line naming the report's temporary path.

The child must not behave differently depending on who runs it, so the helper removes the
``PYTEST_*`` variables (nbval sets some), the colour and terminal-width settings (the Jupyter
kernel sets ``FORCE_COLOR``), ``CI``/``BUILD_NUMBER`` (pytest stops truncating on CI) and any
prefixes passed in ``clear_env``. It turns plugin auto-loading off, so only plugins named with
``-p`` load, and bytecode caching off, so a module rewritten within the same second is never
imported from a stale ``.pyc``. Each run gets its own ``pytest.ini`` (``ini=``), which stops pytest
from finding the book's configuration.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ElementTree
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

DEFAULT_INI = "[pytest]\naddopts = -p no:cacheprovider\n"
CLEARED_ENV = ("PYTEST_", "FORCE_COLOR", "NO_COLOR", "CLICOLOR", "PY_COLORS", "COLUMNS", "CI", "BUILD_NUMBER")
CHILD_ENV = {"PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PY_COLORS": "0", "COLUMNS": "120",
             "PYTHONDONTWRITEBYTECODE": "1"}
OUTCOMES = ("PASSED", "FAILED", "ERROR", "SKIPPED", "XFAIL", "XPASS")
OUTCOME_LINE = re.compile(r"^(?P<test>\S+\.py::.+?) (?P<outcome>" + "|".join(OUTCOMES) + r")"
                          r"(?: \((?P<reason>.*)\))?\s+\[ *\d+%\]$")
# pytest-xdist's -v line: '[gw1] [ 50%] PASSED test_a.py::test_two' (a reason, if any, after ' - ')
XDIST_OUTCOME_LINE = re.compile(r"^\[(?P<worker>gw\d+)\] \[ *\d+%\] (?P<outcome>" + "|".join(OUTCOMES) + r") "
                                r"(?P<test>\S+\.py::.+?)(?: - (?P<reason>.*?))?\s*$")
DURATION = re.compile(r" in [\d.]+s( \([\d:]+\))?$")
JUNIT_NOTICE = re.compile(r"^-+ generated xml file: .* -+\n", re.MULTILINE)  # names a temporary path


@dataclass
class PytestRun:
    returncode: int
    outcomes: dict[str, str]  # node id -> outcome, in report order
    reasons: dict[str, str]  # node id -> reason given for a skip or an xfail
    failures: dict[str, str]  # node id -> first line of the failure or error message
    summary: str  # pytest's final tally without the duration
    output: str  # everything pytest printed (it holds temporary paths: never print it whole)
    files: dict[str, str] = field(default_factory=dict)  # files read back after the run, when asked for
    workers: dict[str, str] = field(default_factory=dict)  # node id -> xdist worker (gw0, ...), if xdist ran

    @property
    def counts(self) -> Counter:
        return Counter(self.outcomes.values())

    @property
    def tests(self) -> int:
        return len(self.outcomes)

    @property
    def passed(self) -> int:
        return self.counts["PASSED"]

    def show(self) -> None:
        """Print one line per test and the tally: the parts of the report that are the same every run."""
        for test, outcome in self.outcomes.items():
            print(f"{outcome:8} {test}" + (f"  ({self.reasons[test]})" if test in self.reasons else ""))
        print(f"-> {self.summary} (exit code {self.returncode})")

    def section(self, title: str) -> str:
        """The lines of one '=== title ===' block of pytest's report, trailing spaces removed."""
        lines = self.output.splitlines()
        start = next((i for i, line in enumerate(lines) if re.fullmatch(rf"=+ {re.escape(title)} =+", line)), None)
        if start is None:
            raise KeyError(f"no '{title}' section in pytest's report")
        end = next((i for i in range(start + 1, len(lines)) if re.fullmatch(r"=+ .* =+", lines[i])), len(lines))
        return "\n".join(line.rstrip() for line in lines[start + 1:end])


def parse_outcomes(report: str) -> tuple[dict[str, str], dict[str, str]]:
    """(node id -> outcome, node id -> reason) from the lines of a ``pytest -v`` report, with or without xdist."""
    matches = [match for line in report.splitlines()
               for match in (OUTCOME_LINE.match(line) or XDIST_OUTCOME_LINE.match(line),) if match]
    return ({match["test"]: match["outcome"] for match in matches},
            {match["test"]: match["reason"] for match in matches if match["reason"]})


def parse_workers(report: str) -> dict[str, str]:
    """node id -> the pytest-xdist worker that reported it; empty for a run without xdist."""
    return {match["test"]: match["worker"] for match in map(XDIST_OUTCOME_LINE.match, report.splitlines()) if match}


def parse_summary(report: str) -> str:
    """pytest's last line ('== 2 passed in 0.12s ==') without the '=' and the duration."""
    lines = report.strip().splitlines()
    return DURATION.sub("", lines[-1].strip("= ")) if lines else ""


def junit_key(node_id: str) -> tuple[str, str]:
    """The (classname, name) pair pytest's JUnit XML uses for a node id ('a/test_b.py::C::t')."""
    path, *names = node_id.split("::")
    module = path[:-3] if path.endswith(".py") else path
    parts = [*module.split("/"), *names]
    return ".".join(parts[:-1]), parts[-1]


def parse_junit(xml_text: str, node_ids: Iterable[str] = ()) -> dict[str, str]:
    """Failures and errors in a JUnit XML report: test -> first line of the message.

    The test is named by its node id when it is among ``node_ids``, else by 'classname::name'.
    """
    by_key = {junit_key(node_id): node_id for node_id in node_ids}
    failures = {}
    for case in ElementTree.fromstring(xml_text).iter("testcase"):
        problem = next((child for child in case if child.tag in ("failure", "error")), None)
        if problem is None:
            continue
        key = (case.get("classname", ""), case.get("name", ""))
        message = (problem.get("message") or "").splitlines()
        failures[by_key.get(key, "::".join(key))] = message[0] if message else ""
    return failures


def child_env(clear_env: Iterable[str] = ()) -> dict[str, str]:
    """This process's environment without the settings that change pytest's behaviour or output."""
    cleared = CLEARED_ENV + tuple(clear_env)
    env = {name: value for name, value in os.environ.items() if not name.startswith(cleared)}
    env.update(CHILD_ENV)
    return env


def _write(project: Path, files: Mapping[str, str]) -> None:
    for name, source in files.items():
        relative = PurePosixPath(name)
        if relative.is_absolute() or ".." in relative.parts or not relative.parts:
            raise ValueError(f"file name {name!r}: use a relative path inside the project")
        target = project.joinpath(*relative.parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(source).lstrip())


def run(files: Mapping[str, str] | None = None, *args: str, project: str | os.PathLike | None = None,
        ini: str | None = DEFAULT_INI, read_back: Iterable[str] = (), clear_env: Iterable[str] = (),
        timeout: float = 120) -> PytestRun:
    """Write ``files`` and run ``pytest -v *args`` on them in a subprocess; see the module docstring.

    ``project``: run in this existing folder (files are added to it) instead of a fresh temporary
    one. ``ini``: the ``pytest.ini`` to write (``None`` keeps the one the project has);
    a ``"pytest.ini"`` entry in ``files`` wins. ``read_back``: files to return after the run.
    """
    files = dict(files or {})
    if ini is not None:
        files = {"pytest.ini": ini, **files}
    with tempfile.TemporaryDirectory(prefix="pytest-run-") as scratch:
        folder = Path(project) if project is not None else Path(scratch) / "project"
        folder.mkdir(exist_ok=True)
        _write(folder, files)
        report = Path(scratch) / "junit.xml"
        completed = subprocess.run([sys.executable, "-m", "pytest", "-v", f"--junitxml={report}", *args],
                                   cwd=folder, env=child_env(clear_env), capture_output=True, text=True,
                                   timeout=timeout)
        stdout = JUNIT_NOTICE.sub("", completed.stdout)
        outcomes, reasons = parse_outcomes(stdout)
        failures = parse_junit(report.read_text(), outcomes) if report.exists() else {}
        left_behind = {name: (folder / name).read_text() for name in read_back if (folder / name).exists()}
    return PytestRun(completed.returncode, outcomes, reasons, failures, parse_summary(stdout),
                     stdout + completed.stderr, left_behind, parse_workers(stdout))
