"""Real DevOps tools for chapter 6, run so that their output is the same on every machine.

``run(args)`` runs a command and returns its completed process (text, both streams captured),
with a clean locale so messages do not change with the reader's language. ``tool(name)`` finds a
command-line tool installed with the book's packages (``hadolint``, ``kubernetes-validate``,
``check-jsonschema``, ``ansible-playbook``) even when the virtual environment is not activated.
``Repo`` is a git repository in a temporary directory whose author, committer and clock are
fixed, so the same steps always give the same commit ids. ``Repo(clone_of=other)`` clones another
``Repo`` (``bare=True`` for a "remote" to push to), and ``author`` sets who commits there, so a
fork, an upstream and two contributors can be played out on one machine.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

FIRST_COMMIT_TIME = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
CLEAN_ENV = {"LC_ALL": "C.UTF-8", "LANG": "C.UTF-8", "NO_COLOR": "1", "TERM": "dumb"}


def tool(name: str) -> str:
    """The path of a command installed with the book's packages, or on the PATH."""
    beside_python = Path(sys.executable).parent / name
    found = str(beside_python) if beside_python.exists() else shutil.which(name)
    if found is None:
        raise FileNotFoundError(f"`{name}` is not installed: run `pip install -r requirements.txt`")
    return found


def run(args: list[str], cwd: str | Path | None = None, check: bool = True, env: dict | None = None,
        input: str | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
    """Run a command with a clean locale; raise with its output if it fails and ``check`` is set."""
    completed = subprocess.run(args, cwd=cwd, env={**os.environ, **CLEAN_ENV, **(env or {})}, input=input,
                               capture_output=True, text=True, timeout=timeout)
    if check and completed.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, args))} exited with {completed.returncode}:\n"
                           f"{completed.stdout}{completed.stderr}")
    return completed


class Repo:
    """A git repository in a temporary directory with a fixed identity and a clock that advances
    one minute per commit, so that commit ids are the same on every run."""

    def __init__(self, branch: str = "main", *, clone_of: "Repo | None" = None, bare: bool = False,
                 author: tuple[str, str] = ("Ada", "ada@example.org")):
        self._directory = tempfile.TemporaryDirectory(prefix="book-git-")
        self.path = Path(self._directory.name)
        self.author = author
        # A clone continues its source's clock, so its new commits come after the ones it cloned.
        self._clock = clone_of._clock if clone_of is not None else FIRST_COMMIT_TIME
        if clone_of is not None:
            self.git("clone", "--quiet", *(["--bare"] if bare else []), str(clone_of.path), ".")
        else:
            self.git("init", "--quiet", *(["--bare"] if bare else []), f"--initial-branch={branch}")
        self.git("config", "commit.gpgsign", "false")

    def _identity(self) -> dict:
        stamp = self._clock.strftime("%Y-%m-%dT%H:%M:%S+00:00")
        name, email = self.author
        return {"GIT_AUTHOR_NAME": name, "GIT_AUTHOR_EMAIL": email, "GIT_AUTHOR_DATE": stamp,
                "GIT_COMMITTER_NAME": name, "GIT_COMMITTER_EMAIL": email,
                "GIT_COMMITTER_DATE": stamp, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}

    def git(self, *args: str, check: bool = True, input: str | None = None) -> str:
        """Run ``git args`` in the repository and return its standard output."""
        return run(["git", *args], cwd=self.path, check=check, env=self._identity(), input=input).stdout

    def attempt(self, *args: str) -> tuple[int, str]:
        """Run ``git args`` without raising: its exit status and its output (both streams)."""
        done = run(["git", *args], cwd=self.path, check=False, env=self._identity())
        return done.returncode, done.stdout + done.stderr

    def write(self, files: dict[str, str]) -> None:
        for name, text in files.items():
            target = self.path / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)

    def commit(self, message: str, files: dict[str, str] | None = None) -> str:
        """Write ``files``, stage everything and commit; return the short commit id."""
        self.write(files or {})
        self.git("add", "--all")
        self._clock += timedelta(minutes=1)
        self.git("commit", "--quiet", "--allow-empty", "-m", message)
        return self.git("rev-parse", "--short", "HEAD").strip()

    def tick(self) -> None:
        """Advance the clock, for commands that create commits themselves (merge, rebase, revert)."""
        self._clock += timedelta(minutes=1)

    def graph(self, *refs: str) -> str:
        """The history as ``git log --graph`` draws it: one line per commit, subjects and branches."""
        return self.git("log", "--graph", "--format=%s%d", "--decorate=short", *(refs or ["--all"]))

    def close(self) -> None:
        self._directory.cleanup()

    def __enter__(self) -> "Repo":
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()
