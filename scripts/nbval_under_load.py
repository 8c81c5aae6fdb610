"""Run strict nbval on every chapter notebook while a CPU hog keeps every core busy.

    python scripts/nbval_under_load.py                      # hog on, all notebooks
    python scripts/nbval_under_load.py --no-hog             # same run, quiet machine
    python scripts/nbval_under_load.py --record benchmarks/nbval_under_load.md notebooks/02_*.ipynb
    python3.13 scripts/nbval_under_load.py --no-hog --lax   # another Python: run every cell, compare nothing

The hog is one busy-looping process per core (``os.cpu_count()``), started before the first
notebook and stopped when the run ends, also on Ctrl+C or SIGTERM. Each notebook runs in its own
``pytest`` (pyproject.toml adds ``--nbval`` and the sanitize file), with the interpreter running
this script, so a venv of another Python is tested by calling the script with it.

The result is a Markdown section: the conditions (date, Python of the kernel, cores, load, user,
network, hog) and one row per notebook with its passed and failed cells. It is printed, and with
``--record`` appended to a file for benchmarks/results.md. The exit status is 1 if any cell failed.
The seconds per notebook are wall-clock under the stated conditions, not a speed measurement.
With ``--lax`` nbval runs every cell and fails on an error but compares no output (``--nbval-lax``):
the check for Pythons other than the pinned 3.11, whose outputs legitimately differ.
"""
from __future__ import annotations

import argparse
import getpass
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Spins until its parent (given as an argument, in case the parent dies before the child starts) is
# gone, so a hog outlives this script by a few milliseconds, even if the script is killed with SIGKILL.
SPIN_WHILE_PARENT_LIVES = ("import os, sys\n"
                           "while os.getppid() == int(sys.argv[1]):\n    for _ in range(10**6): pass\n")


@dataclass
class NotebookResult:
    notebook: str
    passed: int
    failed: list[str] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0


class CpuHog:
    """One busy-looping process per core, each in its own process group, for a ``with`` block."""

    def __init__(self, processes: int):
        self.processes = processes
        self.children: list[subprocess.Popen] = []

    def __enter__(self) -> CpuHog:
        for _ in range(self.processes):
            self.children.append(subprocess.Popen([sys.executable, "-c", SPIN_WHILE_PARENT_LIVES, str(os.getpid())],
                                                  start_new_session=True))
        return self

    def __exit__(self, *exc_info) -> None:
        for child in self.children:
            child.kill()
        for child in self.children:
            child.wait()
        self.children.clear()


def _raise_interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def _with_book_package() -> dict[str, str]:
    """The environment, with this checkout's src/ first on the path of pytest and its kernels."""
    paths = [str(ROOT / "src"), *filter(None, os.environ.get("PYTHONPATH", "").split(os.pathsep))]
    return {**os.environ, "PYTHONPATH": os.pathsep.join(paths)}


def _stop(pytest: subprocess.Popen) -> None:
    pytest.send_signal(signal.SIGINT)
    try:
        pytest.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(pytest.pid, signal.SIGKILL)
        pytest.wait()


def kernel_python() -> str:
    """Version of the Python that the ``python3`` kernel nbval starts really runs."""
    from jupyter_client.kernelspec import KernelSpecManager

    argv = KernelSpecManager().get_kernel_spec("python3").argv
    executable = sys.executable if argv[0] in {"python", "python3", "{python}"} else argv[0]
    version = subprocess.run([executable, "-c", "import platform; print(platform.python_version())"],
                             capture_output=True, text=True, check=True).stdout.strip()
    return f"CPython {version} ({executable})"


def network_interfaces_up() -> list[str]:
    """Names of the non-loopback network interfaces that are up (Linux: /sys/class/net)."""
    up = []
    for _, name in socket.if_nameindex():
        state = Path(f"/sys/class/net/{name}/operstate")
        if name != "lo" and state.exists() and state.read_text().strip() in {"up", "unknown"}:
            up.append(name)
    return up


# pyproject.toml's options with --nbval-lax in place of --nbval.
LAX_OPTIONS = ["-o", "addopts=", "-p", "no:cacheprovider", "--nbval-lax", "--nbval-cell-timeout=120"]


def run_notebook(notebook: Path, timeout: int, lax: bool = False) -> NotebookResult:
    with tempfile.TemporaryDirectory() as scratch:
        report = Path(scratch) / "junit.xml"
        start = time.monotonic()
        # Its own session, so that a timeout can end pytest and what it started; an interrupt is
        # passed on as SIGINT, which lets nbval shut its kernel down before pytest exits.
        # One notebook, one process: -n 0 overrides the two test processes pyproject.toml asks for.
        pytest = subprocess.Popen([sys.executable, "-m", "pytest", "-q", "-n", "0", f"--junitxml={report}",
                                   *(LAX_OPTIONS if lax else []), str(notebook.relative_to(ROOT))],
                                  cwd=ROOT, env=_with_book_package(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        try:
            pytest.wait(timeout=timeout)
        except (subprocess.TimeoutExpired, KeyboardInterrupt) as stopped:
            _stop(pytest)
            if isinstance(stopped, KeyboardInterrupt):
                raise
            return NotebookResult(notebook.name, 0, [f"whole notebook: over {timeout} s"],
                                  seconds=time.monotonic() - start)
        seconds = time.monotonic() - start
        if not report.exists():
            return NotebookResult(notebook.name, 0, ["pytest wrote no report"], seconds=seconds)
        cases = ElementTree.parse(report).getroot().iter("testcase")
    result = NotebookResult(notebook.name, 0, seconds=seconds)
    for case in cases:
        if case.find("skipped") is not None:
            result.skipped += 1
        elif case.find("failure") is not None or case.find("error") is not None:
            result.failed.append(case.get("name", "?"))
        else:
            result.passed += 1
    return result


def markdown(results: list[NotebookResult], conditions: dict[str, str]) -> str:
    lines = [f"### {conditions['Mode']}, {conditions['Hog']}", ""]
    lines += [f"- {name}: {value}" for name, value in conditions.items()]
    lines += ["", "| Notebook | Cells passed | Cells failed | Failed cells | Seconds (wall, under these conditions) |",
              "|---|---|---|---|---|"]
    for result in results:
        lines.append(f"| {result.notebook} | {result.passed} | {len(result.failed)} | "
                     f"{', '.join(result.failed) or '-'} | {result.seconds:.0f} |")
    passed = sum(result.passed for result in results)
    failed = sum(len(result.failed) for result in results)
    lines.append(f"| **All {len(results)}** | **{passed}** | **{failed}** | | "
                 f"{sum(result.seconds for result in results):.0f} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: notebooks/*.ipynb")
    parser.add_argument("--no-hog", action="store_true", help="run without the CPU hog")
    parser.add_argument("--record", type=Path, help="append the Markdown section to this file")
    parser.add_argument("--note", default="", help="a condition to state, e.g. 'no network (unshare -n)'")
    parser.add_argument("--timeout", type=int, default=900, help="seconds per notebook")
    parser.add_argument("--lax", action="store_true", help="run every cell but compare no output (nbval-lax)")
    arguments = parser.parse_args()
    notebooks = [path.resolve() for path in arguments.notebooks] or sorted((ROOT / "notebooks").glob("*.ipynb"))

    hog_processes = 0 if arguments.no_hog else os.cpu_count() or 1
    signal.signal(signal.SIGTERM, _raise_interrupt)      # stop the hog on kill as on Ctrl+C
    conditions = {
        "Mode": "nbval-lax (every cell runs, no output compared)" if arguments.lax else "Strict nbval",
        "Date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "Kernel": kernel_python(),
        "Cores": f"os.cpu_count() = {os.cpu_count()}",
        "Hog": f"CPU hog of {hog_processes} busy-looping processes" if hog_processes else "no CPU hog",
        "User": f"{getpass.getuser()} (uid {os.getuid()})",
        "Network interfaces up besides lo": ", ".join(network_interfaces_up()) or "none",
        "Load average (1 min) at start": f"{os.getloadavg()[0]:.1f}",
    }
    if arguments.note:
        conditions["Note"] = arguments.note
    results = []
    with CpuHog(hog_processes):
        for notebook in notebooks:
            result = run_notebook(notebook, arguments.timeout, arguments.lax)
            print(f"{result.notebook}: {result.passed} passed, {len(result.failed)} failed "
                  f"{result.failed or ''}({result.seconds:.0f} s)", file=sys.stderr, flush=True)
            results.append(result)
    conditions["Load average (1 min) at end"] = f"{os.getloadavg()[0]:.1f}"
    section = markdown(results, conditions)
    print(section)
    if arguments.record:
        with arguments.record.open("a", encoding="utf-8") as record:
            record.write("\n" + section)
    return 1 if any(result.failed for result in results) else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit("interrupted: pytest and the CPU hog were stopped, nothing was recorded")
