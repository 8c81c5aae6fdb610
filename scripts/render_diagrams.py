"""Draw the book's Mermaid diagrams as SVG files for the site, and remove the ones no page uses.

    python scripts/render_diagrams.py

Run it after adding or changing a diagram, then commit `book/diagrams/`. It draws each diagram
that has no SVG yet with the Mermaid pinned in `package-lock.json` (a development dependency:
`npm install`) inside Debian's chromium (`BOOK_CHROMIUM` names another), offline: the page may
load nothing but Mermaid itself. The site build only reads the committed files.
"""
from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from interview_book import diagrams

ROOT = Path(__file__).resolve().parent.parent
MERMAID = ROOT / "node_modules" / "mermaid" / "dist" / "mermaid.min.js"
CHROMIUM = os.environ.get("BOOK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
# Neutral greys read well on the light theme and, inverted by diagrams.css, on the dark one.
# SVG text labels (not HTML) keep the file self-contained.
SETTINGS = {"startOnLoad": False, "theme": "neutral", "securityLevel": "strict",
            "fontFamily": "system-ui, sans-serif", "flowchart": {"htmlLabels": False},
            "deterministicIds": True}


def draw(sources: dict[str, str]) -> dict[str, str]:
    """SVG text for each digest -> Mermaid source."""
    drawn = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page()
        page.route("**/*", lambda route: route.abort())  # offline: nothing but the inline script below
        page.set_content("<!doctype html><html><body></body></html>")
        page.add_script_tag(content=MERMAID.read_text("utf-8"))
        page.evaluate("settings => mermaid.initialize(settings)", SETTINGS)
        for name, source in sources.items():
            drawn[name] = page.evaluate("async ([id, text]) => (await mermaid.render(id, text)).svg",
                                        [f"diagram-{name}", source])
        browser.close()
    return drawn


def main() -> int:
    found = diagrams.in_book(ROOT)
    for diagram in found:
        diagrams.accessible_text(diagram.source, diagram.where)  # refuses a diagram without alt text
    folder = ROOT / diagrams.DIAGRAM_DIR
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {diagram.digest: diagram.source for diagram in found}
    missing = {name: source for name, source in wanted.items() if not (folder / f"{name}.svg").exists()}
    if missing:
        if not MERMAID.exists():
            sys.exit(f"{MERMAID} is missing: run `npm install` (Mermaid is a development dependency)")
        for name, svg in draw(missing).items():
            (folder / f"{name}.svg").write_text(svg + "\n", "utf-8")
    unused = [path for path in folder.glob("*.svg") if path.stem not in wanted]
    for path in unused:
        path.unlink()
    print(f"{len(wanted)} diagrams: {len(missing)} drawn, {len(unused)} unused files removed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
