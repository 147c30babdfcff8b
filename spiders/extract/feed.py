"""RSS, Atom and JSON Feed bytes to documents (feedparser does the format work)."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field

import feedparser

from spiders.extract.context import DocContext
from spiders.extract.dates import parse_date
from spiders.extract.text import html_to_text
from spiders.extract.urls import canonical_url, sha1_id, unwrap_redirect
from spiders.items import Document


@dataclass
class FeedResult:
    """Documents of one feed, and why the feed is broken if it is."""

    documents: list[Document] = field(default_factory=list)
    error: str | None = None  # set when the feed is malformed (bozo), with or without entries
    skipped: int = 0  # entries without a usable link


def parse_feed(body: bytes, url: str, ctx: DocContext,
               headers: dict[str, str] | None = None) -> FeedResult:
    """Parse feed bytes (never a URL string: feedparser would fetch it) into documents."""
    if _looks_like_json(body):
        return _parse_json_feed(body, url, ctx)
    # Stray whitespace before the XML declaration is common and harmless: strip it.
    parsed = feedparser.parse(io.BytesIO(body.lstrip()), response_headers=headers or {})
    result = FeedResult()
    # An encoding override means feedparser recovered the text; the feed is fine.
    if parsed.get("bozo") and not isinstance(parsed.get("bozo_exception"),
                                             feedparser.CharacterEncodingOverride):
        exc = parsed.get("bozo_exception")
        result.error = f"malformed feed: {type(exc).__name__}: {exc}".splitlines()[0]
    feed_lang = (parsed.feed.get("language") or "").split("-")[0].lower() or None
    for entry in parsed.entries:
        doc = _entry_document(entry, url, ctx, feed_lang)
        if doc is None:
            result.skipped += 1
        else:
            result.documents.append(doc)
    return result


def _entry_document(entry: dict, feed_url: str, ctx: DocContext,
                    feed_lang: str | None) -> Document | None:
    """Return one entry as a document, or None when it has no link."""
    link = entry.get("link") or _alternate_link(entry)
    if not link:
        return None
    link = unwrap_redirect(link)
    canon = canonical_url(link)
    published = (parse_date(entry.get("published_parsed"))
                 or parse_date(entry.get("updated_parsed"))
                 or parse_date(entry.get("published")) or parse_date(entry.get("updated")))
    content = entry.get("content") or []
    summary_html = entry.get("summary") or (content[0].get("value") if content else "")
    body_html = content[0].get("value") if content else summary_html
    lang = (entry.get("language") or (content[0].get("language") if content else None)
            or feed_lang)
    return ctx.document(
        sha1_id(canon), "article",
        url=link, canonical_url=canon,
        title=html_to_text(entry.get("title")) or None,
        author=entry.get("author") or None,
        text=html_to_text(body_html) or None,
        published_at=published,
        lang_hint=(lang or "").split("-")[0].lower() or None,
    )


def _alternate_link(entry: dict) -> str | None:
    """Return the first alternate link of an Atom entry without a plain link."""
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return link["href"]
    return None


def _looks_like_json(body: bytes) -> bool:
    """Tell a JSON Feed from XML by its first significant byte."""
    return body.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{"


def _parse_json_feed(body: bytes, url: str, ctx: DocContext) -> FeedResult:
    """Parse a JSON Feed (jsonfeed.org 1.x)."""
    result = FeedResult()
    try:
        data = json.loads(body)
    except ValueError as exc:
        result.error = f"malformed feed: {exc}"
        return result
    lang = (data.get("language") or "").split("-")[0].lower() or None
    for item in data.get("items") or []:
        link = item.get("url") or item.get("external_url")
        if not link:
            result.skipped += 1
            continue
        link = unwrap_redirect(link)
        canon = canonical_url(link)
        authors = item.get("authors") or ([item["author"]] if item.get("author") else [])
        text = item.get("content_text") or html_to_text(item.get("content_html")) \
            or html_to_text(item.get("summary"))
        result.documents.append(ctx.document(
            sha1_id(canon), "article", url=link, canonical_url=canon,
            title=item.get("title") or None,
            author=(authors[0].get("name") if authors else None),
            text=text or None,
            published_at=parse_date(item.get("date_published") or item.get("date_modified")),
            lang_hint=(item.get("language") or "").split("-")[0].lower() or lang,
        ))
    return result
