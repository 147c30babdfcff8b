"""Enrichment of lake partitions: incremental, and a backfill that enriches each document once."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import fsspec
import pyarrow as pa
import pytest

from flows.config import Config
from flows.enrich import enrich_files, make_enricher, pending_raw_files
from flows.layout import Layout
from spiders.schema import DOCUMENT_SCHEMA

CFG = Config.model_validate({
    "brands": [{"id": "orbis", "name": "Orbis", "aliases": ["Orbis"]}],
    "sources": [{"name": "avis", "type": "reviews", "url": "http://127.0.0.1:9/avis", "brand": "orbis"}],
})


def raw(layout: Layout, day: str, run_id: str, text: str, fetched: datetime) -> str:
    row = {"doc_id": "r1", "source": "avis", "source_type": "reviews", "channel": "review",
           "kind": "review", "subject_brand": "orbis", "text": text, "fetched_at": fetched,
           "published_at": datetime(2026, 11, 1, 9, tzinfo=UTC), "run_id": run_id}
    table = pa.Table.from_pylist([row], schema=DOCUMENT_SCHEMA)
    return layout.store.write_table(table, f"raw/source=avis/date={day}/{run_id}.parquet")


@pytest.fixture(scope="module")
def enricher(tmp_path_factory):
    return make_enricher(CFG, Layout(tmp_path_factory.mktemp("d")))


@pytest.fixture(params=["local", "memory"])
def layout(request, tmp_path):
    """A lake in data_dir/lake, and one on another fsspec filesystem (memory://)."""
    if request.param == "local":
        yield Layout(tmp_path).ensure()
        return
    root = f"/veille-test-{uuid.uuid4().hex}"
    yield Layout(tmp_path, f"memory://{root}/lake").ensure()
    fsspec.filesystem("memory").rm(root, recursive=True)


def annotations(layout: Layout) -> list[dict]:
    lake = layout.store
    files = lake.files("enriched/doc_annotations/date=*/*.parquet")
    return pa.concat_tables([lake.read_table(f) for f in files]).to_pylist()


def test_a_document_fetched_twice_is_enriched_once_from_its_latest_fetch(layout, enricher):
    raw(layout, "2026-11-01", "20261101T030000Z-aaaaaa", "Orbis: service nul.",
        datetime(2026, 11, 1, 3, tzinfo=UTC))
    raw(layout, "2026-11-08", "20261108T030000Z-bbbbbb", "Orbis: service nul. Réponse : désolés !",
        datetime(2026, 11, 8, 3, tzinfo=UTC))
    enrich_files(layout, enricher, "20261109T030000Z-cccccc", pending_raw_files(layout))
    assert pending_raw_files(layout) == []
    report = enrich_files(layout, enricher, "20261110T030000Z-dddddd",
                          layout.store.files("raw/**/*.parquet"), replace=True)
    assert report.documents == 1
    rows = annotations(layout)
    assert [(r["doc_id"], r["run_id"]) for r in rows] == [("r1", "20261110T030000Z-dddddd")]
    files = layout.store.files("enriched/doc_annotations/**/*.parquet")
    assert files == ["enriched/doc_annotations/date=2026-11-08/20261110T030000Z-dddddd.parquet"]
