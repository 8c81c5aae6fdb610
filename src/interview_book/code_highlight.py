"""Lighter highlighted code: no ``<span>`` around tokens drawn in the plain text style, and one
span for neighbouring tokens drawn alike.

Pygments wraps every token in ``<span class="...">``, also names, punctuation and whitespace,
which the theme's light and dark styles draw exactly like the text around them; and it gives
``f``, ``"``, ``{`` of an f-string three classes the styles colour the same. Those spans were
about a third of a code-heavy chapter page. ``PlainTokenFormatter`` leaves out the first and
joins the second (with the spaces between, as in ``is not None``), so the code looks the same
and weighs less; operators alone change colour (``DRAWN_AS_TEXT``). ``HighlightCache`` keeps highlighted blocks between builds.
"""
from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from pygments.formatters import HtmlFormatter
from pygments.styles import get_style_by_name
from pygments.token import STANDARD_TYPES, Operator, Text
from pygments.util import ClassNotFound


KEEP_OWN_CLASS = frozenset({"gp", "go"})  # prompts and output: tools such as copy buttons select them
# Drawn in the text colour whatever the styles say, as VS Code's default themes draw them: pydata's
# styles colour "=", "+" and "." like strings, which made the strings harder to pick out.
DRAWN_AS_TEXT = frozenset({Operator})


@dataclass(frozen=True)
class TokenClasses:
    """``of``: the CSS class to write for each standard token type ("" for none); ``spaces_inside``:
    the classes whose span may hold the spaces between two of its tokens (no background, underline
    or border, so a space looks the same inside as outside)."""

    of: dict = field(default_factory=dict)
    spaces_inside: frozenset = frozenset()


def token_classes(style_names: list[str]) -> TokenClasses:
    """No class for types drawn like plain text in every one of the styles (and for DRAWN_AS_TEXT),
    otherwise one class shared by all the types drawn alike in every style: the shortest of their
    classes, so the stylesheet already colours it. An unknown style maps nothing."""
    try:
        styles = [get_style_by_name(name) for name in style_names]
    except ClassNotFound:
        return TokenClasses()

    def looks(ttype):
        return tuple(tuple(sorted(style.style_for_token(ttype).items())) for style in styles)

    plain = looks(Text)
    alike: dict[tuple, list[str]] = {}
    for ttype, css_class in STANDARD_TYPES.items():
        if css_class not in KEEP_OWN_CLASS and ttype not in DRAWN_AS_TEXT:
            alike.setdefault(looks(ttype), []).append(css_class)
    shared = {key: min(classes, key=lambda name: (len(name), name)) for key, classes in alike.items()}
    shared[plain] = ""
    of = {ttype: css_class if css_class in KEEP_OWN_CLASS else "" if ttype in DRAWN_AS_TEXT else shared[looks(ttype)]
          for ttype, css_class in STANDARD_TYPES.items()}
    spaces_inside = frozenset(
        css_class for key, css_class in shared.items()
        if css_class and not any(look["bgcolor"] or look["underline"] or look["border"]
                                 for look in (dict(style) for style in key)))
    return TokenClasses(of, spaces_inside)


def formatter_for(classes: TokenClasses) -> type[HtmlFormatter]:
    """An HtmlFormatter class that writes ``classes``: no span for plain text, and one span for a run
    of tokens drawn alike (Pygments joins neighbours with the same class), spaces between them included."""

    def css_class(ttype) -> str | None:
        return classes.of.get(ttype)

    def spaces_joined(tokens):
        tokens = list(tokens)
        for index, (ttype, value) in enumerate(tokens):
            if 0 < index < len(tokens) - 1 and value.strip(" \t") == "" and css_class(ttype) == "":
                before, after = css_class(tokens[index - 1][0]), css_class(tokens[index + 1][0])
                if before == after and before in classes.spaces_inside:
                    ttype = tokens[index - 1][0]
            yield ttype, value

    class PlainTokenFormatter(HtmlFormatter):
        def _get_css_classes(self, ttype):
            return classes.of[ttype] if ttype in classes.of else super()._get_css_classes(ttype)

        def format_unencoded(self, tokensource, outfile):
            super().format_unencoded(spaces_joined(tokensource), outfile)

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

    VERSION = 4  # bumped whenever the formatter's markup changes

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
