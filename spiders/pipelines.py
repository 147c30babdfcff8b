"""Item pipelines: one validation gate, dedup against the run and the state, Parquet out."""

from __future__ import annotations

import logging
import os
from dataclasses import asdict
from datetime import timedelta

import pyarrow as pa
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from contract.lake import Lake
from contract.privacy import KEY_ENV, pseudonym
from spiders.items import AccountSnapshot, Document
from spiders.schema import ACCOUNT_SCHEMA, CHANNELS, DOCUMENT_SCHEMA, KINDS
from spiders.state import save_state

logger = logging.getLogger(__name__)

# Feeds in other time zones and clock skew put honest items a few hours ahead of `now`.
FUTURE_TOLERANCE = timedelta(days=1)


class _SpiderPipeline:
    """Base: keeps the crawler (and through it the spider) without the deprecated argument."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> _SpiderPipeline:
        """Build the pipeline for one crawler."""
        return cls(crawler)

    @property
    def spider(self):
        """Return the running spider."""
        return self.crawler.spider

    def drop(self, reason: str, detail: str = "") -> DropItem:
        """Count a drop under drop_item/<spider>/<reason> and return the exception to raise."""
        self.crawler.stats.inc_value(f"drop_item/{self.spider.name}/{reason}")
        return DropItem(f"{reason}: {detail}" if detail else reason)


class ValidatePipeline(_SpiderPipeline):
    """The one gate: required fields, non-empty text, plausible dates."""

    def process_item(self, item: Document | AccountSnapshot) -> Document | AccountSnapshot:
        """Return the item, or raise DropItem(reason) and count it."""
        if isinstance(item, AccountSnapshot):
            if not item.handle:
                raise self.drop("missing_handle")
            return item
        self.crawler.stats.inc_value("veille/fetched")
        for name in ("doc_id", "source", "source_type", "channel", "kind", "fetched_at",
                     "run_id"):
            if not getattr(item, name):
                raise self.drop("missing_field", name)
        if item.channel not in CHANNELS or item.kind not in KINDS:
            raise self.drop("bad_enum", f"{item.channel}/{item.kind}")
        if not (item.text or "").strip():
            raise self.drop("empty_text", item.url or item.doc_id)
        spider = self.spider
        if item.published_at is not None:
            if item.published_at > spider.now + FUTURE_TOLERANCE:
                raise self.drop("future_date", str(item.published_at))
            # Applied on every run, not only the first: an old entry a feed surfaces late
            # (never seen, so not in the state) is still outside the watch's window.
            if item.published_at < spider.cutoff:
                raise self.drop("too_old", str(item.published_at))
        return item


class PseudonymisePipeline(_SpiderPipeline):
    """With [privacy] pseudonymise_authors, replace the public's names and handles by keyed
    pseudonyms before anything is written; brands' own documents and accounts keep theirs."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.key: str | None = None
        self.brand_handles: set[str] = set()

    def open_spider(self) -> None:
        """Read the key once; refuse to collect names in clear if it is missing."""
        spec = self.spider.spec
        if not spec.privacy.pseudonymise_authors:
            return
        self.key = os.environ.get(KEY_ENV)
        if not self.key:
            raise RuntimeError(f"privacy.pseudonymise_authors is on but {KEY_ENV} is not set in "
                               "the crawl's environment: refusing to collect author names")
        self.brand_handles = {h.casefold().lstrip("@") for accounts in spec.brand_accounts.values()
                              for h in accounts}

    def process_item(self, item: Document | AccountSnapshot) -> Document | AccountSnapshot:
        """Pseudonymise a document's author and handle unless a brand wrote it."""
        if self.key is None or isinstance(item, AccountSnapshot) or item.brand_owner:
            return item
        if item.author_handle and item.author_handle.casefold().lstrip("@") in self.brand_handles:
            return item
        item.author = pseudonym(self.key, item.author)
        item.author_handle = pseudonym(self.key, item.author_handle)
        return item


class DedupPipeline(_SpiderPipeline):
    """Drop documents already seen in this run; count those from earlier runs as unchanged."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.run_ids: set[str] = set()
        self.handles: set[str] = set()

    def process_item(self, item: Document | AccountSnapshot) -> Document | AccountSnapshot:
        """Return the item when it is new, else raise DropItem."""
        if isinstance(item, AccountSnapshot):
            if item.handle in self.handles:
                raise self.drop("duplicate", item.handle)
            self.handles.add(item.handle)
            return item
        if item.doc_id in self.run_ids:
            raise self.drop("duplicate", item.doc_id)
        self.run_ids.add(item.doc_id)
        # Only spiders that read a known document in full again (reviews, for late replies)
        # may rewrite it; the feed spider re-emits known entries with their summary only.
        rereads = getattr(self.spider, "rereads_known_documents", False)
        if self.spider.state.is_seen(item.doc_id) and (
            not rereads or self.spider.state.is_unchanged(item.doc_id, item.fingerprint())
        ):
            self.crawler.stats.inc_value("veille/unchanged")
            raise DropItem(f"unchanged: {item.doc_id}", log_level="DEBUG")
        return item


class ParquetWriterPipeline(_SpiderPipeline):
    """Buffer rows; on close write the raw and accounts partitions, then the state."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self.documents: list[dict] = []
        self.fingerprints: list[tuple[str, str]] = []
        self.accounts: list[dict] = []

    def process_item(self, item: Document | AccountSnapshot) -> Document | AccountSnapshot:
        """Buffer the item's row."""
        if isinstance(item, AccountSnapshot):
            self.accounts.append(asdict(item))
        else:
            self.documents.append(asdict(item))
            self.fingerprints.append((item.doc_id, item.fingerprint()))
            # A known document whose content changed (a review answered since) is rewritten;
            # the warehouse keeps its latest fetch.
            updated = self.spider.state.is_seen(item.doc_id)
            self.crawler.stats.inc_value("veille/updated" if updated else "veille/new")
        return item

    def close_spider(self) -> None:
        """Write the Parquet files (atomically), and only then the state."""
        spider = self.spider
        spec = spider.spec
        name = f"{spec.run_id}.parquet"
        partition = f"source={spec.source.name}/date={spec.run_date}"
        lake = Lake(spec.lake_dir)
        write_parquet(self.documents, DOCUMENT_SCHEMA, lake, f"raw/{partition}/{name}")
        write_parquet(self.accounts, ACCOUNT_SCHEMA, lake, f"accounts/{partition}/{name}")
        spider.state.add_seen(self.fingerprints)
        save_state(spec.state_path, spider.state)


def write_parquet(rows: list[dict], schema: pa.Schema, lake: Lake, rel: str) -> str | None:
    """Write rows with the explicit schema to the lake via <rel>.tmp; nothing when no rows."""
    if not rows:
        return None
    table = pa.Table.from_pylist(rows, schema=schema)
    lake.write_table(table, rel, compression="snappy")
    logger.info("wrote %d rows to %s", len(rows), lake.path(rel))
    return rel
