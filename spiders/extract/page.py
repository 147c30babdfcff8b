"""Article pages to main text and metadata (trafilatura, repaired in maintext)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spiders.extract.dates import parse_date
from spiders.extract.maintext import extract_main_text


@dataclass
class PageContent:
    """What trafilatura reads from one article page."""

    text: str | None = None
    title: str | None = None
    author: str | None = None
    published_at: object = None
    language: str | None = None
    canonical_url: str | None = None


def extract_page(html: str | bytes, url: str) -> PageContent:
    """Return the main text and metadata of an HTML page (empty fields when nothing is found)."""
    data = extract_main_text(html, url)
    lang = data.language or _declared_lang(html)
    return PageContent(
        text=data.text or None,
        title=data.title,
        author=data.author,
        published_at=parse_date(data.date),
        language=lang.split("-")[0].lower() if lang else None,
        canonical_url=data.url if data.url != url else None,
    )


_HTML_LANG = re.compile(rb"<html[^>]*?\slang=[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _declared_lang(html: str | bytes) -> str | None:
    """Return the language the page declares on its <html> element."""
    head = html[:5000].encode("utf-8", "replace") if isinstance(html, str) else html[:5000]
    match = _HTML_LANG.search(head)
    return match.group(1).decode().lower() if match else None
