"""The files the built site serves for its exercises and diagrams, all from this repository or npm's lockfile.

``ensure_pyodide(root)`` installs the Pyodide pinned in ``package-lock.json`` (``npm ci``) when
``node_modules`` lacks it; ``copy_into(static_dir, root)`` puts the exercise engine, the test
runner and the Pyodide runtime under ``_static/interview-book/``. Nothing is fetched from a CDN,
and a reader's browser fetches the Pyodide files only when they press Run.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from importlib import resources
from pathlib import Path

TARGET = "interview-book"  # under the site's _static
# The book's own files: the self-check and exercise engines, the test runner, the diagrams' stylesheet,
# the header's dropdown menus (book/_templates/static/webpack-macros.html links them from every page),
# the question page's difficulty filter.
BOOK_FILES = ("selfcheck.js", "static/exercises.js", "static/exercises.css", "static/exercise_worker.mjs",
              "exercise_runner.py", "shop.py", "static/diagrams.css", "static/menus.js",
              "static/question_filter.js",
              # The learner's side: shared code and style, then one script per view (site_views).
              "static/learner.js", "static/learner.css", "static/dashboard.js", "static/review.js",
              "static/mock.js")
# What loadPyodide reads at start-up; the npm package's other files (types, maps, consoles) stay out.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


class MissingPyodide(RuntimeError):
    """The pinned Pyodide is not installed and could not be installed."""


def pinned_version(root: Path) -> str:
    lock = json.loads((root / "package-lock.json").read_text("utf-8"))
    return lock["packages"]["node_modules/pyodide"]["version"]


def installed_version(root: Path) -> str | None:
    manifest = root / "node_modules" / "pyodide" / "package.json"
    try:
        return json.loads(manifest.read_text("utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return None


def ensure_pyodide(root: Path) -> Path:
    """The folder of the pinned Pyodide, installing it with ``npm ci`` if needed."""
    wanted = pinned_version(root)
    if installed_version(root) != wanted:
        npm = shutil.which("npm")
        if npm is None:
            raise MissingPyodide(f"The site's exercises need Pyodide {wanted} from npm, and npm is not installed: "
                                 "install Node.js with npm, then build again.")
        result = subprocess.run([npm, "ci", "--omit=dev", "--no-audit", "--no-fund", "--ignore-scripts"], cwd=root,
                                capture_output=True, text=True)
        if result.returncode != 0 or installed_version(root) != wanted:
            raise MissingPyodide(f"`npm ci` could not install Pyodide {wanted} (run it in {root} to see why):\n"
                                 f"{result.stderr[-2000:]}")
    return root / "node_modules" / "pyodide"


def _copy(source: Path, target: Path) -> None:
    """Copy unless an identical-looking file is already there (the runtime is 13 MB)."""
    if target.exists() and target.stat().st_size == source.stat().st_size \
            and target.stat().st_mtime >= source.stat().st_mtime:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, target)


def copy_into(static_dir: Path, root: Path) -> Path:
    """Place the book's files and the Pyodide runtime under ``static_dir/interview-book``."""
    target = static_dir / TARGET
    package = resources.files(__package__)
    for name in BOOK_FILES:
        with resources.as_file(package.joinpath(name)) as source:
            _copy(source, target / Path(name).name)
    pyodide = ensure_pyodide(root)
    for name in PYODIDE_FILES:
        _copy(pyodide / name, target / "pyodide" / name)
    return target
