"""Article pages to main text and metadata (trafilatura)."""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from spiders.extract.dates import parse_date


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
    try:
        result = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                             include_comments=False, favor_precision=True)
    except Exception:  # trafilatura raises assorted lxml errors on hostile markup
        return PageContent()
    if result is None:
        return PageContent()
    data = result.as_dict() if hasattr(result, "as_dict") else dict(result)
    lang = data.get("language") or _declared_lang(html)
    return PageContent(
        text=(data.get("text") or "").strip() or None,
        title=data.get("title") or None,
        author=data.get("author") or None,
        published_at=parse_date(data.get("date")),
        language=lang.split("-")[0].lower() if lang else None,
        canonical_url=data.get("url") if data.get("url") != url else None,
    )


_HTML_LANG = re.compile(rb"<html[^>]*?\slang=[\"']?([A-Za-z]{2,3})", re.IGNORECASE)


def _declared_lang(html: str | bytes) -> str | None:
    """Return the language the page declares on its <html> element."""
    head = html[:5000].encode("utf-8", "replace") if isinstance(html, str) else html[:5000]
    match = _HTML_LANG.search(head)
    return match.group(1).decode().lower() if match else None
