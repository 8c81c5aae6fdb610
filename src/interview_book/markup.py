"""Safe rendering of question text: everything is escaped, then `backticks` become <code>."""
from __future__ import annotations

import html
import re

_INLINE_CODE = re.compile(r"`([^`]+)`")


def to_html(text: str) -> str:
    """Escape ``text`` for HTML and render `inline code`; no other markup survives."""
    return _INLINE_CODE.sub(r"<code>\1</code>", html.escape(text, quote=True))



def blocks_to_html(text: str) -> str:
    """Several paragraphs: blank lines separate blocks; a block of lines indented by four spaces
    is code, a block of lines starting with "- " is a list; everything is escaped as in ``to_html``."""
    parts = []
    for block in re.split(r"\n\s*\n", text.strip("\n")):
        lines = block.splitlines()
        if all(line.startswith("    ") or not line.strip() for line in lines):
            code = "\n".join(line[4:] for line in lines)
            parts.append(f"<pre><code>{html.escape(code, quote=True)}</code></pre>")
        elif all(line.startswith("- ") for line in lines):
            parts.append("<ul>" + "".join(f"<li>{to_html(line[2:])}</li>" for line in lines) + "</ul>")
        else:
            parts.append(f"<p>{to_html(' '.join(line.strip() for line in lines))}</p>")
    return "".join(parts)
