"""Put the current selfcheck.js into the stored outputs of every chapter's self-checks.

A self-check's ``text/html`` output carries its own copy of ``selfcheck.js`` (the site needs no other
file for it), so changing the engine changes every chapter's committed outputs, and strict nbval
fails until the chapters are re-run. This replaces the inline engine of each self-check output with
the current one and nothing else: the same result as re-running the chapters, in a second.

    python scripts/refresh_selfcheck_engine.py            # every notebook in notebooks/
    python scripts/refresh_selfcheck_engine.py notebooks/14_mock_interviews.ipynb
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

from interview_book import selfcheck

ROOT = Path(__file__).resolve().parent.parent
# The engine is the last inline <script> of a self-check group, just before its closing </section>.
ENGINE = re.compile(r"(<script>)(// Self-check engine for pages without a kernel\..*?)(</script></section>)", re.DOTALL)


def refresh(path: Path) -> int:
    notebook = nbformat.read(path, as_version=4)
    engine, changed = selfcheck._engine(), 0
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            html = output.get("data", {}).get("text/html")
            if not isinstance(html, str) or 'class="ib-selfcheck"' not in html:
                continue
            new = ENGINE.sub(lambda match: match[1] + engine + match[3], html)
            if new != html:
                output["data"]["text/html"] = new
                changed += 1
    if changed:
        nbformat.write(notebook, path)
    return changed


if __name__ == "__main__":
    paths = [Path(name) for name in sys.argv[1:]] or sorted((ROOT / "notebooks").glob("*.ipynb"))
    for path in paths:
        print(f"{path.name}: {refresh(path)} self-check outputs updated")
