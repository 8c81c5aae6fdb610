"""What a page of the built site weighs: the HTML plus every same-origin file a browser loads for it.

``fetched_files`` opens the page in a browser (Playwright) from a local server, lets it settle and
lists the site's files it received; ``weigh`` adds them up raw and gzip-compressed (level 6, what a
web server typically sends). ``scripts/benchmark.py`` reports these numbers and ``tests/test_site.py``
holds every chapter page to ``BUDGET``.
"""
from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import unquote, urlparse

BUDGET = (int(1.1 * 2**20), 350 * 2**10)  # raw and gzip bytes per chapter page: about half a default Jupyter Book page


def fetched_files(browser, base_url: str, html_root: Path, page: str) -> set[Path]:
    """The files under ``html_root`` that ``browser`` fetched to show ``page`` (other hosts refused)."""
    fetched: set[Path] = set()
    context = browser.new_context()
    try:
        context.route("**/*", lambda route: route.continue_()
                      if urlparse(route.request.url).hostname == "127.0.0.1" else route.abort())

        def record(response):
            local = html_root / unquote(urlparse(response.url).path).lstrip("/")
            if response.ok and local.is_file():
                fetched.add(local)

        context.on("response", record)
        browser_page = context.new_page()
        browser_page.goto(f"{base_url}/{page}")
        browser_page.wait_for_load_state("networkidle")
    finally:
        context.close()
    return fetched


def weigh(files: set[Path]) -> tuple[int, int, int]:
    """(files, raw bytes, gzip bytes)."""
    raw = sum(path.stat().st_size for path in files)
    packed = sum(len(gzip.compress(path.read_bytes(), compresslevel=6)) for path in files)
    return len(files), raw, packed


def within_budget(raw: int, packed: int) -> bool:
    return raw <= BUDGET[0] and packed <= BUDGET[1]
