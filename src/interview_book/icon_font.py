"""Font Awesome's fonts cut down to the glyphs the site's stylesheets still use.

The fonts hold every icon (270 KiB that a page downloads as soon as it shows one icon). After
``css_purge`` has dropped the rules of icons no page names, ``shrink(html_root)`` keeps in each
font only the glyphs that some stylesheet refers to (``content:"\\f0c9"`` or the character itself).
Sphinx copies the theme's original files again on every build, so each build starts from them.
"""
from __future__ import annotations

import re
from pathlib import Path

FONTS = Path("_static/vendor/fontawesome/webfonts")
# A glyph of the fonts, written as a CSS escape or as the character itself (private use area).
GLYPH = re.compile(r"\\([0-9a-fA-F]{4,5})|([\ue000-\uf8ff])")


def glyphs(css: str) -> set[int]:
    return {int(escape, 16) if escape else ord(char) for escape, char in GLYPH.findall(css)}


def subset_font(path: Path, codepoints: set[int]) -> None:
    """Rewrite the font at ``path`` (same format) with only the glyphs of ``codepoints``."""
    from fontTools import subset

    options = subset.Options()
    options.flavor = "woff2" if path.suffix == ".woff2" else None
    font = subset.load_font(str(path), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints)
    subsetter.subset(font)
    subset.save_font(font, str(path), options)


def shrink(html_root: Path) -> None:
    codepoints: set[int] = set()
    for stylesheet in (html_root / "_static").rglob("*.css"):
        codepoints |= glyphs(stylesheet.read_text("utf-8", errors="replace"))
    for font in sorted((html_root / FONTS).glob("*.woff2")):
        subset_font(font, codepoints)
