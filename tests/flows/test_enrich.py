"""Enrichment of lake partitions: incremental, and a backfill that enriches each document once."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from flows.config import Config
from flows.enrich import enrich_files, make_enricher, pending_raw_files
from flows.lake import write_atomic
from flows.layout import Layout
from spiders.schema import DOCUMENT_SCHEMA

CFG = Config.model_validate({
    "brands": [{"id": "orbis", "name": "Orbis", "aliases": ["Orbis"]}],
    "sources": [{"name": "avis", "type": "reviews", "url": "http://127.0.0.1:9/avis", "brand": "orbis"}],
})


def raw(layout: Layout, day: str, run_id: str, text: str, fetched: datetime) -> Path:
    row = {"doc_id": "r1", "source": "avis", "source_type": "reviews", "channel": "review",
           "kind": "review", "subject_brand": "orbis", "text": text, "fetched_at": fetched,
           "published_at": datetime(2026, 11, 1, 9, tzinfo=UTC), "run_id": run_id}
    table = pa.Table.from_pylist([row], schema=DOCUMENT_SCHEMA)
    return write_atomic(table, layout.lake / "raw" / "source=avis" / f"date={day}" / f"{run_id}.parquet")


@pytest.fixture(scope="module")
def enricher(tmp_path_factory):
    return make_enricher(CFG, Layout(tmp_path_factory.mktemp("d")))


def annotations(layout: Layout) -> list[dict]:
    return pq.read_table(layout.lake / "enriched" / "doc_annotations").to_pylist()


def test_a_document_fetched_twice_is_enriched_once_from_its_latest_fetch(tmp_path, enricher):
    layout = Layout(tmp_path).ensure()
    raw(layout, "2026-11-01", "20261101T030000Z-aaaaaa", "Orbis: service nul.",
        datetime(2026, 11, 1, 3, tzinfo=UTC))
    raw(layout, "2026-11-08", "20261108T030000Z-bbbbbb", "Orbis: service nul. Réponse : désolés !",
        datetime(2026, 11, 8, 3, tzinfo=UTC))
    enrich_files(layout, enricher, "20261109T030000Z-cccccc", pending_raw_files(layout))
    assert pending_raw_files(layout) == []
    report = enrich_files(layout, enricher, "20261110T030000Z-dddddd",
                          sorted((layout.lake / "raw").rglob("*.parquet")), replace=True)
    assert report.documents == 1
    rows = annotations(layout)
    assert [(r["doc_id"], r["run_id"]) for r in rows] == [("r1", "20261110T030000Z-dddddd")]
    files = sorted(p.relative_to(layout.lake).as_posix()
                   for p in (layout.lake / "enriched" / "doc_annotations").rglob("*.parquet"))
    assert files == ["enriched/doc_annotations/date=2026-11-08/20261110T030000Z-dddddd.parquet"]
