"""Diagrams: every Mermaid block in the book has alt text and its committed SVG, nothing else is
committed, the SVGs are inert, and the site shows them as named images that follow the theme."""
import re
from pathlib import Path

import pytest

from interview_book import diagrams

ROOT = Path(__file__).resolve().parent.parent
FOUND = diagrams.in_book(ROOT)


def test_the_book_has_diagrams():
    assert FOUND, "no ```mermaid block found in the notebooks or book/"


@pytest.mark.parametrize("diagram", FOUND, ids=lambda d: f"{d.where}:{d.digest}")
def test_each_diagram_has_alt_text_and_its_svg_was_drawn_from_this_text(diagram):
    svg_path = diagrams.svg_file(ROOT, diagram.source)
    assert svg_path.exists(), f"{diagram.where}: run `python scripts/render_diagrams.py` and commit book/diagrams"
    svg = svg_path.read_text("utf-8")
    assert re.search(rf"<title[^>]*>{re.escape(diagram.title)}</title>", svg)
    assert re.search(rf"<desc[^>]*>{re.escape(diagram.description)}</desc>", svg)


def test_no_svg_is_left_without_its_diagram():
    committed = {path.stem for path in (ROOT / diagrams.DIAGRAM_DIR).glob("*.svg")}
    assert committed == {diagram.digest for diagram in FOUND}


@pytest.mark.parametrize("path", sorted((ROOT / diagrams.DIAGRAM_DIR).glob("*.svg")), ids=lambda p: p.name)
def test_svgs_run_nothing_and_load_nothing(path):
    svg = path.read_text("utf-8")
    assert "<script" not in svg.lower() and not re.search(r"\son\w+\s*=", svg)
    assert not re.search(r"(?:href|src)\s*=\s*[\"'](?:https?:)?//", svg)


@pytest.mark.parametrize("path", sorted((ROOT / diagrams.DIAGRAM_DIR).glob("*.svg")), ids=lambda p: p.name)
def test_svgs_stay_light(path):
    # Mermaid's stadium shape, `a([text])`, alone costs about 40 KB of hand-drawn path data.
    assert path.stat().st_size < 40_000, f"{path.name}: {path.stat().st_size:,} bytes; use plainer shapes"


def test_fences_are_found_with_backticks_or_tildes_and_other_languages_are_not():
    text = ("```python\nprint(1)\n```\n\n~~~mermaid\nflowchart LR\n  accTitle: T\n  accDescr: D\n  a --> b\n~~~\n"
            "\n````mermaid\ngraph TD\n  accTitle: U\n  accDescr: E\n  c --> d\n````\n")
    found = diagrams.in_markdown(text, "page.md")
    assert [diagram.title for diagram in found] == ["T", "U"]


def test_the_file_name_ignores_trailing_spaces_but_not_content():
    assert diagrams.digest("graph TD\n  a --> b  \n") == diagrams.digest("\ngraph TD\n  a --> b\n")
    assert diagrams.digest("graph TD\n  a --> b\n") != diagrams.digest("graph TD\n  a --> c\n")


@pytest.mark.parametrize("source, missing", [("graph TD\n  a --> b\n", "accTitle: and accDescr:"),
                                             ("graph TD\n  accTitle: Only a title\n  a --> b\n", "accDescr:")])
def test_a_diagram_without_alt_text_is_refused_with_a_clear_message(source, missing):
    with pytest.raises(diagrams.DiagramError, match=missing):
        diagrams.accessible_text(source, "notebooks/x.ipynb, cell 3")
