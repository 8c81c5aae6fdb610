"""Lighter highlighted code: no ``<span>`` around tokens drawn in the plain text style.

Pygments wraps every token in ``<span class="...">``, also names, punctuation and whitespace,
which the theme's light and dark styles draw exactly like the text around them. Those spans are
about a third of a code-heavy chapter page. ``PlainTokenFormatter`` leaves them out, so the
page looks the same and weighs less.
"""
from __future__ import annotations

from pygments.formatters import HtmlFormatter
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Text
from pygments.util import ClassNotFound


def plain_token_types(style_names: list[str]) -> frozenset:
    """Standard token types drawn like plain text in every one of the styles (none if a style is unknown)."""
    try:
        styles = [get_style_by_name(name) for name in style_names]
    except ClassNotFound:
        return frozenset()
    return frozenset(
        ttype for ttype in STANDARD_TYPES
        if ttype is not Text and all(style.style_for_token(ttype) == style.style_for_token(Text) for style in styles))


def formatter_for(plain: frozenset) -> type[HtmlFormatter]:
    """An HtmlFormatter class that writes no span for the token types in ``plain``."""

    class PlainTokenFormatter(HtmlFormatter):
        def _get_css_classes(self, ttype):
            return "" if ttype in plain else super()._get_css_classes(ttype)

    return PlainTokenFormatter
