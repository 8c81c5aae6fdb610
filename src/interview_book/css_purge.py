"""The theme's stylesheets without the rules no page of the site can use.

Bootstrap, pydata-sphinx-theme and myst-nb ship rules for every component they offer (grids,
spacing utilities, carousels, widget outputs, ~1,800 icons); a chapter page uses a small part.
``purge(css, used)`` drops each selector that names a class found nowhere in ``used`` (the class
attributes of the built pages and every word of the site's scripts, so classes that scripts add
later stay) and each rule left with no selector. Classes inside ``:not()``, ``:is()``, ``:where()``
and ``:has()`` are not required, since such a selector may match without them. At-rules other than
``@media``/``@supports``/``@container`` are kept whole, and so are licence notices (``/*!``);
other comments (source map links, which no longer fit) go.
"""
from __future__ import annotations

import re
from pathlib import Path

# The stylesheets of the theme and extensions, relative to the site's _static (globs).
STYLESHEETS = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "basic.css", "mystnb.*.css",
               "pygments.css")
GROUPING = ("@media", "@supports", "@container")
CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
ATTRIBUTE = re.compile(r"\[[^\]]*\]")  # [href$=".pdf"] names no class
OPTIONAL = re.compile(r":(?:not|is|where|has)\((?:[^()]|\([^()]*\))*\)")
WORD = re.compile(r"-?[A-Za-z_][\w-]*")
CLASS_ATTRIBUTE = re.compile(r"""\bclass=(?:"([^"]*)"|'([^']*)')""")


def _skip_string(css: str, i: int) -> int:
    """Index just past the string literal starting at ``css[i]``."""
    quote, i = css[i], i + 1
    while css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def items(css: str) -> list[tuple[str, str | None]]:
    """Top-level statements: (prelude, block content) for rules and grouping rules, (text, None) for
    comments and statements without a block."""
    found, start, i = [], 0, 0
    while i < len(css):
        char = css[i]
        if char in "\"'":
            i = _skip_string(css, i)
        elif css.startswith("/*", i):  # a licence notice (/*!) stands alone and is kept, other comments go
            end = css.index("*/", i) + 2
            if css[start:i].strip():
                found.append((css[start:i], None))
            if css.startswith("/*!", i):
                found.append((css[i:end], None))
            start = i = end
        elif char == ";":
            found.append((css[start:i + 1], None))
            start = i = i + 1
        elif char == "{":
            depth, j = 1, i + 1
            while depth:
                if css[j] in "\"'":
                    j = _skip_string(css, j)
                    continue
                depth += {"{": 1, "}": -1}.get(css[j], 0)
                j += 1
            found.append((css[start:i], css[i + 1:j - 1]))
            start = i = j
        else:
            i += 1
    if css[start:].strip():
        found.append((css[start:], None))
    return found


def selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts, depth, current = [], 0, []
    for char in prelude:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "," and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(char)
    parts.append("".join(current))
    return parts


def purge(css: str, used: set[str]) -> str:
    kept = []
    for prelude, block in items(css):
        head = prelude.strip()
        if block is None:
            kept.append(prelude)
        elif head.startswith(GROUPING):
            inner = purge(block, used)
            if inner.strip():
                kept.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@"):
            kept.append(f"{prelude}{{{block}}}")
        else:
            wanted = [s for s in selectors(prelude) if set(CLASS.findall(ATTRIBUTE.sub("", OPTIONAL.sub("", s)))) <= used]
            if wanted:
                kept.append(f"{','.join(wanted)}{{{block}}}")
    return "".join(kept)


def classes_used(html_root: Path) -> set[str]:
    """Class names of the built pages, and every word of the site's scripts."""
    used: set[str] = set()
    for page in html_root.rglob("*.html"):
        for double, single in CLASS_ATTRIBUTE.findall(page.read_text("utf-8", errors="replace")):
            used.update((double or single).split())
    for script in html_root.rglob("*.js"):
        used.update(WORD.findall(script.read_text("utf-8", errors="replace")))
    return used


SVG_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)


def purge_svg(svg: str) -> str:
    """An SVG whose <style> elements (Mermaid writes its whole stylesheet into each diagram) keep
    only the selectors whose classes the SVG itself uses."""
    used = {name for double, single in CLASS_ATTRIBUTE.findall(svg) for name in (double or single).split()}
    return SVG_STYLE.sub(lambda style: f"<style>{purge(style.group(1), used)}</style>", svg)


def purge_site(html_root: Path) -> None:
    used = classes_used(html_root)
    for pattern in STYLESHEETS:
        for stylesheet in (html_root / "_static").glob(pattern):
            stylesheet.write_text(purge(stylesheet.read_text("utf-8"), used), "utf-8")
