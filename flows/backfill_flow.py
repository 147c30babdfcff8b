"""The backfill deployment: re-enrich and reload a date range from the lake, no crawling."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow

from flows.config import load_config
from flows.stages import Run, enrich_backfill, publish


@flow(name="veille-backfill")
def backfill(config: str = "veille.toml", start: date | None = None, end: date | None = None) -> dict:
    """Re-enrich raw partitions from start to end (default: all history) and publish."""
    path = Path(config)
    run = Run.start(load_config(path), path)
    report = enrich_backfill(run, start or date(1970, 1, 1), end or run.run_date)
    return {"documents": report.documents, "model_version": report.model_version,
            "tables": publish(run)}
