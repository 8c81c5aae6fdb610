"""Lighter highlighted code: no ``<span>`` around tokens drawn in the plain text style.

Pygments wraps every token in ``<span class="...">``, also names, punctuation and whitespace,
which the theme's light and dark styles draw exactly like the text around them. Those spans are
about a third of a code-heavy chapter page. ``PlainTokenFormatter`` leaves them out, so the
page looks the same and weighs less. ``HighlightCache`` keeps highlighted blocks between builds.
"""
from __future__ import annotations

import hashlib
import pickle
from pathlib import Path

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

        def _wrap_pre(self, inner):
            # Pygments opens <pre> with an empty span that keeps a leading empty line; without one it is dead weight.
            lines = list(inner)
            leading_newline = bool(lines) and lines[0][1].startswith("\n")
            for kind, text in super()._wrap_pre(lines):
                yield kind, (text if leading_newline or not text.endswith("<span></span>") else text[:-len("<span></span>")])

    return PlainTokenFormatter


class HighlightCache:
    """Highlighted blocks kept between builds, keyed by their source and options.

    A cached rebuild re-writes every page, and lexing the same code again was its largest single
    cost. ``wrap(bridge)`` makes a Sphinx PygmentsBridge answer from the cache; a block whose
    highlighting logged a warning is not kept, so the warning comes back on the next build. Only the
    blocks of the latest build are saved, and a change of Pygments, Sphinx or ``salt`` starts afresh.
    """

    VERSION = 2  # bumped whenever the formatter's markup changes

    def __init__(self, path: Path, app, salt: str):
        import pygments
        import sphinx

        self.path, self.app = path, app
        self.stamp = (self.VERSION, pygments.__version__, sphinx.__version__, salt)
        self.previous: dict[bytes, str] = {}
        self.used: dict[bytes, str] = {}
        try:
            stamp, blocks = pickle.loads(path.read_bytes())
            if stamp == self.stamp:
                self.previous = blocks
        except (OSError, ValueError, EOFError, pickle.UnpicklingError, TypeError):
            pass

    def wrap(self, bridge) -> None:
        highlight = bridge.highlight_block

        def cached(source, lang, opts=None, force=False, location=None, **kwargs):
            key = hashlib.sha256(repr((source, lang, sorted((opts or {}).items()), force,
                                       sorted(kwargs.items()))).encode()).digest()
            if key in self.previous:
                self.used[key] = self.previous[key]
                return self.used[key]
            warnings = self.app._warncount
            result = highlight(source, lang, opts, force, location, **kwargs)
            if self.app._warncount == warnings:
                self.used[key] = result
            return result

        bridge.highlight_block = cached

    def save(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_bytes(pickle.dumps((self.stamp, self.used), protocol=pickle.HIGHEST_PROTOCOL))
