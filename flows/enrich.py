"""Enrich raw lake partitions into enriched partitions, incrementally or as a backfill."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import pyarrow as pa
import pyarrow.compute as pc

from contract.lake import Lake, partition_date
from flows.config import Config
from flows.layout import Layout
from flows.manifests import purged_files, read_manifest, write_manifest
from models.schema import ENRICHED_SCHEMAS


@dataclass
class EnrichReport:
    """What an enrichment pass did."""

    partitions: int = 0
    documents: int = 0
    rows: dict[str, int] = field(default_factory=dict)
    by_lang: dict[str, int] = field(default_factory=dict)
    skipped_unsupported: int = 0
    model_version: str = ""


def sentiment_model_path(cfg: Config, layout: Layout) -> str:
    """Return the sentiment model in use: the configured one, the watch's trained one, or ""."""
    if cfg.nlp.sentiment_model:
        return cfg.nlp.sentiment_model
    if (layout.sentiment_registry / "current.json").exists():
        return str(layout.sentiment_registry)
    return ""  # the model shipped in models/


def make_enricher(cfg: Config, layout: Layout):
    """Build the enricher from the config (loads spaCy pipelines lazily)."""
    from models.enrich import Enricher, EnrichSettings

    plain = cfg.as_plain()
    settings = EnrichSettings(
        brands=plain["brands"],
        topics=plain["topics"],
        pipelines=dict(cfg.nlp.pipelines),
        languages=list(cfg.nlp.pipelines),
        sentiment_model=sentiment_model_path(cfg, layout),
    )
    return Enricher(settings)


def _raw_files(layout: Layout) -> list[str]:
    return layout.store.files("raw/source=*/date=*/*.parquet")


def pending_raw_files(layout: Layout) -> list[str]:
    """Return the raw files (relative to the lake) no enrichment has covered yet."""
    done = read_manifest(layout)
    return [p for p in _raw_files(layout) if p not in done]


def enrich_files(
    layout: Layout,
    enricher,
    run_id: str,
    files: list[str],
    *,
    replace: bool = False,
    progress: Callable[[str], None] | None = None,
) -> EnrichReport:
    """Enrich raw files partition by partition; with replace, drop older enriched files."""
    report = EnrichReport()
    lake = layout.store
    by_date: dict[str, list[str]] = defaultdict(list)
    for path in files:
        by_date[partition_date(path)].append(path)
    manifest = read_manifest(layout)
    home = _latest_partition(lake, files)
    for day in sorted(by_date):
        docs = _latest_per_doc(pa.concat_tables([lake.read_table(p) for p in by_date[day]],
                                                promote_options="default"))
        # A document fetched again later (a review answered since) is enriched once, from the
        # partition of its latest fetch: two enrichments under one run id would both be kept.
        docs = docs.filter(pc.is_in(docs.column("doc_id"), value_set=pa.array(home[day], pa.string())))
        names = list(ENRICHED_SCHEMAS)
        if docs.num_rows:
            for name, table in enricher.enrich(docs, run_id).items():
                lake.write_table(table, f"enriched/{name}/date={day}/{run_id}.parquet")
                report.rows[name] = report.rows.get(name, 0) + table.num_rows
        if replace:
            for name in names:
                for old in lake.files(f"enriched/{name}/date={day}/*.parquet"):
                    if old != f"enriched/{name}/date={day}/{run_id}.parquet":
                        lake.remove(old)
        for path in by_date[day]:
            manifest[path] = run_id
        # The manifest follows the files: a crash before this line re-enriches the
        # partition next time, and the warehouse keeps each doc's newest enrichment.
        write_manifest(layout, manifest)
        report.partitions += 1
        report.documents += docs.num_rows
        if progress:
            progress(f"enriched {day}: {docs.num_rows} documents")
    stats = getattr(enricher, "stats", {}) or {}
    report.by_lang = dict(stats.get("by_lang", {}))
    report.skipped_unsupported = int(stats.get("skipped_unsupported", 0))
    report.model_version = getattr(enricher, "model_version", "") or _model_version()
    return report


def _latest_partition(lake: Lake, files: list[str]) -> dict[str, list[str]]:
    """Return, per partition date, the doc_ids whose latest fetch among these files lies there."""
    best: dict[str, tuple[object, str]] = {}
    for path in files:
        day = partition_date(path)
        table = lake.read_table(path, columns=["doc_id", "fetched_at"])
        for doc_id, fetched in zip(table.column("doc_id").to_pylist(),
                                   table.column("fetched_at").to_pylist()):
            if doc_id not in best or (fetched, day) > best[doc_id]:
                best[doc_id] = (fetched, day)
    home: dict[str, list[str]] = defaultdict(list)
    for doc_id, (_, day) in best.items():
        home[day].append(doc_id)
    return home


def backfill_files(layout: Layout, start: date, end: date) -> list[str]:
    """Return every raw file whose partition date lies in [start, end], except those whose
    text retention blanked: their enrichment is kept, not redone on empty text."""
    lo, hi = start.isoformat(), end.isoformat()
    purged = purged_files(layout)
    return [p for p in _raw_files(layout) if lo <= partition_date(p) <= hi and p not in purged]


def _latest_per_doc(table: pa.Table) -> pa.Table:
    """Keep one row per doc_id, the most recently fetched."""
    if table.num_rows == 0:
        return table
    order = pc.sort_indices(table, sort_keys=[("doc_id", "ascending"), ("fetched_at", "descending")])
    table = table.take(order)
    ids = table.column("doc_id").to_pylist()
    keep = [i for i, doc_id in enumerate(ids) if i == 0 or ids[i - 1] != doc_id]
    return table.take(pa.array(keep, type=pa.int64()))


def _model_version() -> str:
    try:
        from models.enrich import MODEL_VERSION

        return MODEL_VERSION
    except ImportError:
        return ""
