"""Safe rendering of question text: everything is escaped, then `backticks` become <code>."""
from __future__ import annotations

import html
import re

_INLINE_CODE = re.compile(r"`([^`]+)`")


def to_html(text: str) -> str:
    """Escape ``text`` for HTML and render `inline code`; no other markup survives."""
    return _INLINE_CODE.sub(r"<code>\1</code>", html.escape(text, quote=True))

