"""Measure the book's speed and weight; writes benchmarks/results.md.

Per chapter: the time to execute its notebook top to bottom in a fresh kernel, and the weight
of its built page (the HTML plus every same-origin file a browser loads for it, raw and
gzip-compressed), with its exercises' share of the HTML. For the whole book: a clean build (empty
output folder; the build renders the committed outputs, nbval runs the notebooks), a rebuild of
every page from that build's output (`--all`), and the rebuild an author runs after editing one
chapter (plain `jupyter-book build .`, which reads and writes only what changed). For one exercise
on the site: what the first Run fetches (Pyodide and the runner) and how long until its first
result appears. A fixed pure-Python loop is timed as well, so that results from two machines can
be compared.
This is a measurement, not a test: run it after changing a chapter and commit the results.

    python scripts/benchmark.py            # needs Debian's chromium for the page weights
    python scripts/benchmark.py --pages-only [HTML_ROOT]
                                           # only the page weights of a built site (default
                                           # _build/html), printed; results.md is left alone
"""
from __future__ import annotations

import os
import shutil
import subprocess
import argparse
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import unquote, urlparse

import nbformat
from nbclient import NotebookClient

from interview_book import environment, exercises, servers, site_weight, syllabus

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.md"
JUPYTER_BOOK = Path(sys.executable).parent / "jupyter-book"
BUDGET_SECONDS = 60
PAGE_BUDGET = site_weight.BUDGET  # raw and gzip bytes per chapter page
PRACTICE_PAGES = ("book/progress.html", "book/review.html", "book/mock_interview.html", "book/interview_questions.html")
FIRST_RUN_EXERCISE = "two-sum"
FIRST_RUN_BUDGET = 10  # seconds from the first Run to the first result, Pyodide loading included
CLEAN_BUILD_BUDGET, CACHED_BUILD_BUDGET = 240, 20  # seconds for the whole book, on 2 cores
EDITED_CHAPTER = "13_projects_portfolio"  # touched before the incremental rebuild
REFERENCE_LOOP = 10_000_000  # additions in the machine-speed reference loop


def reference_seconds() -> float:
    """Best of three runs of a fixed pure-Python loop: how fast this machine's core is, so that two
    results files made on different machines can be compared."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for number in range(REFERENCE_LOOP):
            total += number
        best = min(best, time.perf_counter() - start)
    return best


def notebook_seconds(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    start = time.perf_counter()
    client.execute()
    return time.perf_counter() - start


def build_seconds(output: Path, every_page: bool = True) -> float:
    command = [str(JUPYTER_BOOK), "build", ".", "--path-output", str(output)]
    if every_page:
        command.append("--all")
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, capture_output=True)
    return time.perf_counter() - start


def edited_chapter_build_seconds(output: Path) -> float:
    """A plain build after one chapter's notebook changed: its modification time is set to now, as
    saving it in an editor would, and the content is left as it is."""
    os.utime(ROOT / "notebooks" / f"{EDITED_CHAPTER}.ipynb")
    return build_seconds(output, every_page=False)


def page_weight(html_root: Path, page: str) -> tuple[int, int, int]:
    """(files, raw bytes, gzip bytes) of everything a browser fetches from the site for ``page``."""
    from playwright.sync_api import sync_playwright

    with servers.serve_directory(html_root) as base_url, sync_playwright() as playwright:
        browser = _launch(playwright)
        try:
            return site_weight.weigh(site_weight.fetched_files(browser, base_url, html_root, page))
        finally:
            browser.close()


def _launch(playwright):
    return playwright.chromium.launch(
        executable_path=os.environ.get("BOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium",
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])


def exercise_share(html_root: Path, page: str) -> int:
    """Bytes of the page's HTML that are its exercises' sections (statement, starter, data)."""
    text = (html_root / page).read_text("utf-8")
    sections = text.split('<section class="ib-exercise"')[1:]
    return sum(len(section.split("</section>")[0].encode()) for section in sections)


def first_run(html_root: Path, exercise_id: str) -> tuple[int, int, float]:
    """(files, bytes) the first Run of an exercise fetches, and seconds from the click to its result."""
    from playwright.sync_api import sync_playwright

    exercise = exercises.find(exercise_id)
    page_path = f"notebooks/{syllabus.section(exercise.chapter).notebook}.html"
    requested: list[str] = []
    with servers.serve_directory(html_root, requested) as base_url, sync_playwright() as playwright:
        browser = _launch(playwright)
        page = browser.new_context().new_page()
        page.goto(f"{base_url}/{page_path}")
        page.wait_for_load_state("networkidle")
        section = page.locator(f"#ib-ex-{exercise.id}")
        section.locator("textarea").fill(exercise.solution)
        requested.clear()
        start = time.perf_counter()
        section.locator(".ib-ex-run").click()
        page.wait_for_function("s => /cases pass/.test(s.textContent)",
                               arg=section.locator(".ib-ex-status").element_handle(), timeout=120_000)
        seconds = time.perf_counter() - start
        browser.close()
    files = {html_root / unquote(urlparse(path).path).lstrip("/") for path in requested}
    files = {path for path in files if path.is_file()}
    return len(files), sum(path.stat().st_size for path in files), seconds


def verdict(within: bool) -> str:
    return "yes" if within else "NO"


def load_text(load: tuple[float, float, float]) -> str:
    return ", ".join(f"{value:.1f}" for value in load)


def kib(size: float) -> str:
    return f"{size / 1024:,.0f} KiB"


def pages_only(html_root: Path) -> None:
    """Print the weight of every chapter page and practice page of an already built site."""
    from playwright.sync_api import sync_playwright

    chapters = [f"notebooks/{section.notebook}.html" for section in syllabus.sections() if section.notebook]
    print(f"Budget per chapter page: {kib(PAGE_BUDGET[0])} raw, {kib(PAGE_BUDGET[1])} gzip.\n")
    print("| Page | Files loaded | Raw | Gzip | Within budget |")
    print("|---|---|---|---|---|")
    with servers.serve_directory(html_root) as base_url, sync_playwright() as playwright:
        browser = _launch(playwright)
        for page in [*chapters, *PRACTICE_PAGES]:
            if not (html_root / page).is_file():
                continue
            files, raw, packed = site_weight.weigh(site_weight.fetched_files(browser, base_url, html_root, page))
            within = verdict(site_weight.within_budget(raw, packed)) if page in chapters else "-"
            print(f"| {page} | {files} | {kib(raw)} | {kib(packed)} | {within} |", flush=True)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-only", nargs="?", const=ROOT / "_build" / "html", type=Path, metavar="HTML_ROOT",
                        help="only measure the pages of a built site and print them")
    arguments = parser.parse_args()
    if arguments.pages_only:
        pages_only(arguments.pages_only)
        return
    chapters = [section for section in syllabus.sections() if section.notebook]
    rows = []
    load_before = os.getloadavg()
    reference = reference_seconds()
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch)
        clean = build_seconds(output)
        cached = build_seconds(output)
        edited = edited_chapter_build_seconds(output)
        for section in chapters:
            seconds = notebook_seconds(ROOT / "notebooks" / f"{section.notebook}.ipynb")
            page = f"notebooks/{section.notebook}.html"
            files, raw, packed = page_weight(output / "_build" / "html", page)
            share = exercise_share(output / "_build" / "html", page)
            rows.append((section, seconds, files, raw, packed, share))
        practice = [(page, *page_weight(output / "_build" / "html", page)) for page in PRACTICE_PAGES]
        run_files, run_bytes, run_seconds = first_run(output / "_build" / "html", FIRST_RUN_EXERCISE)
    load_after = os.getloadavg()

    lines = [
        "# Benchmark results",
        "",
        f"Measured on {date.today().isoformat()} by `python scripts/benchmark.py`.",
        f"{environment.describe('jupyter-book', 'myst-nb', 'sphinx')}",
        f"Load average (1, 5, 15 min) at the start {load_text(load_before)}, at the end {load_text(load_after)}: "
        "seconds measured on a busy machine are longer than on a quiet one.",
        f"Machine speed: a pure-Python loop of {REFERENCE_LOOP:,} additions took {reference:.2f} s (best of three) "
        "at the start; seconds from two machines compare only after scaling by this figure.",
        "",
        "## Whole book",
        "",
        "| Build | Seconds | Budget (s) | Within budget |",
        "|---|---|---|---|",
        f"| Clean build (empty output folder, committed outputs rendered) | {clean:.1f} | {CLEAN_BUILD_BUDGET} | "
        f"{verdict(clean <= CLEAN_BUILD_BUDGET)} |",
        f"| Cached rebuild of every page (`--all`, notebooks unchanged) | {cached:.1f} | {CACHED_BUILD_BUDGET} | "
        f"{verdict(cached <= CACHED_BUILD_BUDGET)} |",
        f"| Cached rebuild after editing one chapter (`jupyter-book build .`, {EDITED_CHAPTER} saved again) | "
        f"{edited:.1f} | {CACHED_BUILD_BUDGET} | {verdict(edited <= CACHED_BUILD_BUDGET)} |",
        "",
        "## Per chapter",
        "",
        f"Budget: a notebook runs in under {BUDGET_SECONDS} s; a page weighs at most {kib(PAGE_BUDGET[0])} raw "
        f"and {kib(PAGE_BUDGET[1])} gzip, about half a default Jupyter Book page.",
        "Page weight counts the HTML and every same-origin file the browser loaded for it.",
        "",
        "Exercises' HTML is the raw size of the page's exercise sections (statement, starter code, "
        "tests and hints); pages with exercises also load the shared engine (`exercises.js` and "
        "`exercises.css`), and nothing of Pyodide until the first Run.",
        "",
        "| Chapter | Notebook run (s) | Files loaded | Page weight raw | Page weight gzip | Exercises' HTML | Within budget |",
        "|---|---|---|---|---|---|---|",
    ]
    for section, seconds, files, raw, packed, share in rows:
        within = seconds < BUDGET_SECONDS and site_weight.within_budget(raw, packed)
        lines.append(f"| {section.number}. {section.title} | {seconds:.1f} | {files} | {kib(raw)} | "
                     f"{kib(packed)} | {kib(share)} | {verdict(within)} |")
    lines += [
        "",
        "## Practice pages",
        "",
        "The progress, review and mock interview pages load the learner's data (`catalogue.json`, "
        "`interview.json`); the interview question index holds every question. No budget applies.",
        "",
        "| Page | Files loaded | Page weight raw | Page weight gzip |",
        "|---|---|---|---|",
        *[f"| {page} | {files} | {kib(raw)} | {kib(packed)} |" for page, files, raw, packed in practice],
    ]
    lines += [
        "",
        "## First Run of an exercise on the site",
        "",
        f"Exercise `{FIRST_RUN_EXERCISE}`, its reference solution, in Chromium from a local server with an "
        f"empty cache. Budget: first result within {FIRST_RUN_BUDGET} s.",
        "",
        "| Files fetched by the first Run | Bytes fetched | Seconds from Run to the first result | Within budget |",
        "|---|---|---|---|",
        f"| {run_files} | {kib(run_bytes)} | {run_seconds:.1f} | {verdict(run_seconds <= FIRST_RUN_BUDGET)} |",
        "",
        "## Other records",
        "",
        "- Strict nbval under a CPU hog, without network, as an unprivileged user and on CPython 3.11.2: "
        "[nbval_under_load.md](nbval_under_load.md) (`scripts/nbval_under_load.py`).",
        "- Consecutive full runs of the test suite on a clean clone: [test_suite_runs.md](test_suite_runs.md) "
        "(`scripts/repeat_test_suite.sh`).",
    ]
    RESULTS.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
