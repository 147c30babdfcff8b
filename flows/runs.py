"""Record per-source run outcomes in the lake (`runs`, docs/contracts.md)."""

from __future__ import annotations

import json
from datetime import date

import pyarrow as pa

from contract.lake import Lake
from flows.crawl import CrawlResult

_TS = pa.timestamp("us", tz="UTC")

RUN_SCHEMA = pa.schema(
    [
        pa.field("run_id", pa.string(), nullable=False),
        pa.field("run_date", pa.date32(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("source_type", pa.string(), nullable=False),
        pa.field("started_at", _TS),
        pa.field("finished_at", _TS),
        pa.field("status", pa.string(), nullable=False),
        pa.field("requests", pa.int64()),
        pa.field("fetched", pa.int64()),
        pa.field("new", pa.int64()),
        pa.field("unchanged", pa.int64()),
        pa.field("failed", pa.int64()),
        pa.field("dropped", pa.string()),
        pa.field("error", pa.string()),
    ]
)


def write_runs(lake: Lake, run_id: str, run_date: date, results: list[CrawlResult]) -> str | None:
    """Write one row per source of this run to runs/date=<d>/<run_id>.parquet in the lake."""
    if not results:
        return None
    rows = []
    for r in results:
        row = r.as_row()
        row["dropped"] = json.dumps(row["dropped"], sort_keys=True)
        rows.append({"run_id": run_id, "run_date": run_date, **row})
    table = pa.Table.from_pylist(rows, schema=RUN_SCHEMA)
    return lake.write_table(table, f"runs/date={run_date.isoformat()}/{run_id}.parquet")
