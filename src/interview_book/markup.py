"""Safe rendering of question text: everything is escaped, then `backticks` become <code>."""
from __future__ import annotations

import html
import re

_INLINE_CODE = re.compile(r"`([^`]+)`")


def to_html(text: str) -> str:
    """Escape ``text`` for HTML and render `inline code`; no other markup survives."""
    return _INLINE_CODE.sub(r"<code>\1</code>", html.escape(text, quote=True))


def _list_items(lines: list[str]) -> list[str]:
    """A list block's items: each starts with "- "; a line indented by two spaces continues it."""
    items: list[str] = []
    for line in lines:
        if line.startswith("- "):
            items.append(line[2:].strip())
        else:
            items[-1] += " " + line.strip()
    return items


def blocks_to_html(text: str) -> str:
    """Several paragraphs: blank lines separate blocks; a block of lines indented by four spaces
    is code, a block of lines starting with "- " is a list (a line indented by two spaces
    continues an item); everything is escaped as in ``to_html``."""
    parts = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.splitlines()
        if all(line.startswith("    ") or not line.strip() for line in lines):
            code = "\n".join(line[4:] for line in lines)
            parts.append(f"<pre><code>{html.escape(code, quote=True)}</code></pre>")
        elif lines[0].startswith("- ") and all(line.startswith(("- ", "  ")) for line in lines):
            parts.append("<ul>" + "".join(f"<li>{to_html(item)}</li>" for item in _list_items(lines)) + "</ul>")
        else:
            parts.append(f"<p>{to_html(' '.join(line.strip() for line in lines))}</p>")
    return "".join(parts)
