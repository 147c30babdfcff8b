"""The raw lake contract: Parquet schemas of documents and account snapshots (design §4).

The warehouse migrations and the enrichment read these columns by name;
tests/test_contracts.py checks that they agree.
"""

from __future__ import annotations

import pyarrow as pa

_TS = pa.timestamp("us", tz="UTC")

CHANNELS = ("blog", "news", "review", "social", "forum")
KINDS = ("article", "post", "review", "comment")
SOURCE_TYPES = ("feed", "sitemap", "reviews", "mastodon", "bluesky")

DOCUMENT_SCHEMA = pa.schema(
    [
        pa.field("doc_id", pa.string(), nullable=False),  # sha1 of platform id, else canonical URL
        pa.field("source", pa.string(), nullable=False),
        pa.field("source_type", pa.string(), nullable=False),
        pa.field("channel", pa.string(), nullable=False),  # one of CHANNELS
        pa.field("kind", pa.string(), nullable=False),  # one of KINDS
        pa.field("brand_owner", pa.string()),  # brand id when the channel belongs to a brand (owned)
        pa.field("subject_brand", pa.string()),  # brand a review page is about (earned, not owned)
        pa.field("url", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("author", pa.string()),
        pa.field("author_handle", pa.string()),
        pa.field("author_followers", pa.int64()),
        pa.field("title", pa.string()),
        pa.field("text", pa.string()),
        pa.field("published_at", _TS),
        pa.field("fetched_at", _TS, nullable=False),
        pa.field("rating", pa.float64()),
        pa.field("rating_best", pa.float64()),
        pa.field("reply_text", pa.string()),  # a company's public answer to a review
        pa.field("reply_at", _TS),
        pa.field("likes", pa.int64()),
        pa.field("shares", pa.int64()),
        pa.field("comments", pa.int64()),
        pa.field("views", pa.int64()),
        pa.field("parent_id", pa.string()),
        pa.field("lang_hint", pa.string()),  # language declared by the feed or page, if any
        pa.field("run_id", pa.string(), nullable=False),
    ]
)

ACCOUNT_SCHEMA = pa.schema(
    [
        pa.field("source", pa.string(), nullable=False),
        pa.field("platform", pa.string(), nullable=False),  # mastodon | bluesky
        pa.field("handle", pa.string(), nullable=False),
        pa.field("brand_owner", pa.string()),
        pa.field("followers", pa.int64()),
        pa.field("following", pa.int64()),
        pa.field("posts_count", pa.int64()),
        pa.field("observed_at", _TS, nullable=False),
        pa.field("run_id", pa.string(), nullable=False),
    ]
)
