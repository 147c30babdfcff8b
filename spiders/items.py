"""Items: the rows of the raw lake, field for field as in spiders/schema.py."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime


@dataclass
class Document:
    """One article, post, review or comment (DOCUMENT_SCHEMA)."""

    doc_id: str
    source: str
    source_type: str
    channel: str
    kind: str
    fetched_at: datetime
    run_id: str
    brand_owner: str | None = None
    subject_brand: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    author: str | None = None
    author_handle: str | None = None
    author_followers: int | None = None
    title: str | None = None
    text: str | None = None
    published_at: datetime | None = None
    rating: float | None = None
    rating_best: float | None = None
    reply_text: str | None = None
    reply_at: datetime | None = None
    likes: int | None = None
    shares: int | None = None
    comments: int | None = None
    views: int | None = None
    parent_id: str | None = None
    lang_hint: str | None = None

    def fingerprint(self) -> str:
        """Return a short hash of what an update changes: the text, the rating, the reply."""
        # Not the reply's date: read from "hier" or "il y a 2 semaines" it moves with the
        # crawl clock, and an unchanged reply would be rewritten every night. Its slot stays
        # (None) so the fingerprints of unanswered reviews are those earlier runs stored.
        parts = [self.title, self.text, self.rating, self.reply_text, None]
        return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()[:12]


@dataclass
class AccountSnapshot:
    """Follower counts of one social account at crawl time (ACCOUNT_SCHEMA)."""

    source: str
    platform: str
    handle: str
    observed_at: datetime
    run_id: str
    brand_owner: str | None = None
    followers: int | None = None
    following: int | None = None
    posts_count: int | None = None
