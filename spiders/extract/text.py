"""HTML fragments to plain text, keeping paragraph breaks."""

from __future__ import annotations

import re

import lxml.html

_BLOCKS = {"p", "div", "li", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "tr"}


def html_to_text(fragment: str | None) -> str:
    """Return the text of an HTML fragment: <br> as newline, blocks as blank lines."""
    if not fragment:
        return ""
    if "<" not in fragment:
        return _squeeze(fragment)
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return _squeeze(re.sub(r"<[^>]+>", " ", fragment))
    for br in root.iter("br"):
        br.tail = "\n" + (br.tail or "")
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCKS:
            el.tail = "\n\n" + (el.tail or "")
    return _squeeze(root.text_content())


def _squeeze(text: str) -> str:
    """Collapse runs of spaces, keep at most one blank line between paragraphs."""
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    out = re.sub(r"\n{3,}", "\n\n", "\n".join(lines))
    return out.strip()
