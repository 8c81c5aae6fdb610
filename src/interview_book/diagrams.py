"""Diagrams written as Mermaid text in Markdown cells, the same source for JupyterLab and the site.

A diagram is a fenced code block whose language is ``mermaid``, in a notebook's Markdown cell
or a page under ``book/``. JupyterLab draws it itself. For the site, ``scripts/render_diagrams.py``
draws each one once with the pinned Mermaid in Chromium and commits the SVG as
``book/diagrams/<digest>.svg``; the build then puts that SVG in the page, so a page loads no
diagram script. Every diagram states ``accTitle:`` and ``accDescr:`` lines: Mermaid turns them into
the SVG's title and description, and the page uses them as the figure's accessible name.
"""
from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

DIAGRAM_DIR = Path("book") / "diagrams"
FENCE = re.compile(r"^(?P<fence>```+|~~~+)[ \t]*mermaid[ \t]*\n(?P<source>.*?)^(?P=fence)[ \t]*$",
                   re.MULTILINE | re.DOTALL)
ACCESSIBLE_LINE = re.compile(r"^\s*(accTitle|accDescr)\s*:\s*(.+?)\s*$", re.MULTILINE)


class DiagramError(ValueError):
    """A diagram that cannot be shown accessibly."""


@dataclass(frozen=True)
class Diagram:
    source: str  # the Mermaid text, without its fence
    where: str  # the file it was found in, for messages

    @property
    def digest(self) -> str:
        return digest(self.source)

    @property
    def title(self) -> str:
        return accessible_text(self.source, self.where)[0]

    @property
    def description(self) -> str:
        return accessible_text(self.source, self.where)[1]


def digest(source: str) -> str:
    """The diagram's file name stem: its text, trailing spaces and blank edges ignored."""
    normalised = "\n".join(line.rstrip() for line in source.strip().splitlines())
    return hashlib.sha256(normalised.encode("utf-8")).hexdigest()[:16]


def accessible_text(source: str, where: str = "a diagram") -> tuple[str, str]:
    found = dict(match.groups() for match in ACCESSIBLE_LINE.finditer(source))
    missing = [name for name in ("accTitle", "accDescr") if not found.get(name)]
    if missing:
        raise DiagramError(f"{where}: a diagram needs {' and '.join(name + ':' for name in missing)} "
                           "lines (its accessible name and description)")
    return found["accTitle"], found["accDescr"]


def in_markdown(text: str, where: str) -> list[Diagram]:
    return [Diagram(match.group("source"), where) for match in FENCE.finditer(text)]


def in_book(root: Path) -> list[Diagram]:
    """Every diagram in the notebooks' Markdown cells and the pages under ``book/``."""
    found = []
    for notebook in sorted((root / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text("utf-8"))["cells"]
        for number, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                found += in_markdown(text, f"{notebook.relative_to(root)}, cell {number}")
    for page in sorted((root / "book").glob("*.md")):
        found += in_markdown(page.read_text("utf-8"), str(page.relative_to(root)))
    return found


def svg_file(root: Path, source: str) -> Path:
    return root / DIAGRAM_DIR / f"{digest(source)}.svg"
