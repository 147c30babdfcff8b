"""Validation, dedup and Parquet writing, one behaviour per test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pyarrow.parquet as pq
import pytest
from scrapy.exceptions import DropItem
from scrapy.settings import Settings
from scrapy.statscollectors import MemoryStatsCollector

from spiders.extract.context import DocContext
from spiders.items import AccountSnapshot
from spiders.pipelines import DedupPipeline, ParquetWriterPipeline, ValidatePipeline
from spiders.schema import ACCOUNT_SCHEMA, DOCUMENT_SCHEMA
from spiders.spec import RunSpec
from spiders.state import SourceState, load_state

NOW = datetime(2026, 11, 22, 3, tzinfo=UTC)


@pytest.fixture
def crawler(tmp_path: Path):
    spec = RunSpec.model_validate({
        "source": {"name": "s", "type": "feed", "since_days": 30}, "run_id": "r1",
        "run_date": "2026-11-22", "now": NOW.isoformat(), "lake_dir": str(tmp_path / "lake"),
        "state_path": str(tmp_path / "state.json"), "stats_path": str(tmp_path / "stats.json")})
    spider = SimpleNamespace(name="feed", spec=spec, now=NOW, cutoff=NOW - timedelta(days=30),
                             state=SourceState(seen={"old-id": doc(doc_id="old-id").fingerprint()},
                                               first_run=False))
    fake = SimpleNamespace(spider=spider, settings=Settings())
    fake.stats = MemoryStatsCollector(fake)
    return fake


def doc(**fields):
    base = {"url": "https://ex.fr/a", "text": "Bonjour", "published_at": NOW - timedelta(days=1)}
    return DocContext("s", "feed", "news", run_id="r1").document(fields.pop("doc_id", "d1"),
                                                                 "article", **{**base, **fields})


@pytest.mark.parametrize("fields,reason", [
    ({"text": "  "}, "empty_text"),
    ({"published_at": NOW + timedelta(days=2)}, "future_date"),
    ({"published_at": NOW - timedelta(days=31)}, "too_old"),
    ({"doc_id": ""}, "missing_field"),
    ({"kind": None}, "bad_enum"),
])
def test_validate_drops_and_counts(crawler, fields, reason) -> None:
    item = doc(**{k: v for k, v in fields.items() if k != "kind"})
    if "kind" in fields:
        item.kind = "tweet"
    with pytest.raises(DropItem, match=reason):
        ValidatePipeline(crawler).process_item(item)
    assert crawler.stats.get_value(f"drop_item/feed/{reason}") == 1


def test_validate_keeps_a_good_document(crawler) -> None:
    item = doc(published_at=NOW + timedelta(hours=20))
    assert ValidatePipeline(crawler).process_item(item) is item


def test_dedup_within_run_and_against_state(crawler) -> None:
    dedup = DedupPipeline(crawler)
    dedup.process_item(doc(doc_id="a"))
    with pytest.raises(DropItem, match="duplicate"):
        dedup.process_item(doc(doc_id="a"))
    with pytest.raises(DropItem, match="unchanged"):
        dedup.process_item(doc(doc_id="old-id"))
    assert crawler.stats.get_value("veille/unchanged") == 1


def test_a_known_document_whose_reply_arrived_is_written_again(crawler) -> None:
    dedup = DedupPipeline(crawler)
    answered = doc(doc_id="old-id", reply_text="Merci, nous revenons vers vous.")
    # a spider that re-emits known entries partially (the feed's summaries) never rewrites them
    with pytest.raises(DropItem, match="unchanged"):
        dedup.process_item(answered)
    crawler.spider.rereads_known_documents = True  # the reviews spider reads them in full
    dedup = DedupPipeline(crawler)
    assert dedup.process_item(answered) is answered
    writer = ParquetWriterPipeline(crawler)
    writer.process_item(answered)
    assert crawler.stats.get_value("veille/updated") == 1
    assert not crawler.stats.get_value("veille/new")


def test_writer_writes_schema_atomically_then_state(crawler, tmp_path: Path) -> None:
    writer = ParquetWriterPipeline(crawler)
    writer.process_item(doc(doc_id="a"))
    writer.process_item(AccountSnapshot(source="s", platform="mastodon", handle="@n@m",
                                        observed_at=NOW, run_id="r1", followers=3))
    writer.close_spider()
    part = "source=s/date=2026-11-22/r1.parquet"
    raw = pq.read_table(tmp_path / "lake" / "raw" / part)
    assert raw.schema.equals(DOCUMENT_SCHEMA) and raw.num_rows == 1
    assert pq.read_table(tmp_path / "lake" / "accounts" / part).schema.equals(ACCOUNT_SCHEMA)
    assert not list((tmp_path / "lake").rglob("*.tmp"))
    assert load_state(tmp_path / "state.json").is_seen("a")


def test_writer_writes_nothing_without_rows(crawler, tmp_path: Path) -> None:
    ParquetWriterPipeline(crawler).close_spider()
    assert not (tmp_path / "lake").exists()
