"""Font Awesome cut down to the icons the site shows.

The theme's stylesheet carries a rule for each of Font Awesome's ~1,800 icons and its fonts hold
every glyph (270 KiB that a page downloads as soon as it shows one icon). ``shrink(html_root)``,
run after the pages are written, keeps the rules of the icons that some page or script names
(``fa-bars`` ...) and cuts the fonts down to the glyphs that any stylesheet still refers to.
Sphinx copies the theme's original files again on every build, so each build starts from them.
"""
from __future__ import annotations

import re
from pathlib import Path

THEME_CSS = Path("_static/styles/pydata-sphinx-theme.css")
FONTS = Path("_static/vendor/fontawesome/webfonts")
ICON_NAME = re.compile(r"\bfa-[a-z0-9-]+")
# One icon's rule in the minified stylesheet: `.fa-bars:before,.fa-navicon:before{content:"\f0c9"}`.
ICON_RULE = re.compile(r'(?<=[{}])((?:\.fa-[a-z0-9-]+::?before,)*\.fa-[a-z0-9-]+::?before)\{content:"\\[0-9a-f]+"\}')
# A glyph of the fonts, written as a CSS escape or as the character itself (private use area).
GLYPH = re.compile(r"\\([0-9a-fA-F]{4,5})|([\ue000-\uf8ff])")


def names_used(html_root: Path) -> set[str]:
    """Every ``fa-...`` word in the site's pages and scripts."""
    names: set[str] = set()
    for path in [*html_root.rglob("*.html"), *html_root.rglob("*.js")]:
        names.update(ICON_NAME.findall(path.read_text("utf-8", errors="replace")))
    return names


def trim_icon_rules(css: str, used: set[str]) -> str:
    """``css`` without the rules of icons that no name in ``used`` refers to."""
    return ICON_RULE.sub(lambda rule: rule.group(0) if used & set(ICON_NAME.findall(rule.group(1))) else "", css)


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
    theme_css = html_root / THEME_CSS
    if not theme_css.is_file():
        return
    theme_css.write_text(trim_icon_rules(theme_css.read_text("utf-8"), names_used(html_root)), "utf-8")
    codepoints: set[int] = set()
    for stylesheet in (html_root / "_static").rglob("*.css"):
        codepoints |= glyphs(stylesheet.read_text("utf-8", errors="replace"))
    for font in sorted((html_root / FONTS).glob("*.woff2")):
        subset_font(font, codepoints)
