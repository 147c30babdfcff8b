"""Publish the warehouse atomically: build beside the live file, check, then os.replace.

Why copy the live file and then reload every lake table from the lake: the lake is the
source of truth, so a full reload converges by construction (no bookkeeping of which
files were loaded, nothing lost or doubled after a crash), while the copy keeps what
only the warehouse knows (`_migrations`, `metric_versions` history) and lets each
migration run exactly once per warehouse. A 2,000-document lake publishes in about a
second (tests/warehouse/test_publishing.py::test_2000_documents_publish_in_seconds).
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from contract.lake import Lake

from .checks import run_checks
from .config_tables import refresh_config
from .lake import LAKE_TABLES, LoadReport, load_lake
from .metrics import METRIC_VERSION, create_metrics, record_version
from .migrate import migrate

REPORTED_TABLES = LAKE_TABLES + (
    "brands", "topics", "sources", "sov_daily", "sov_weekly", "trending_topics"
)


@dataclass
class PublishReport:
    """What a publish did: rows per table, migrations applied, checks run, duration."""

    db_path: Path
    counts: dict[str, int] = field(default_factory=dict)
    migrations_applied: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    metric_version: str = METRIC_VERSION
    duration_s: float = 0.0
    load: LoadReport = field(default_factory=LoadReport)


def building_path(db_path: Path) -> Path:
    """Return where the next state is built, beside the live file."""
    return db_path.with_name(db_path.name + ".building")


@contextmanager
def _publish_lock(db_path: Path) -> Iterator[None]:
    """Hold an exclusive lock for one publish; the OS releases it if the process dies."""
    lock_path = db_path.with_name(db_path.name + ".lock")
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RuntimeError(
                f"another publish of {db_path} is running (lock {lock_path}): wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _fsync(path: Path) -> None:
    """Flush a file or directory to disk, so that the rename survives a power cut."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _start_building(db_path: Path, building: Path) -> None:
    """Discard any leftover build (a crash, a failed check), then copy the live file if any."""
    for leftover in (building, building.with_name(building.name + ".wal")):
        leftover.unlink(missing_ok=True)
    if db_path.exists():
        # the live file is always checkpointed and closed (see publish), so it holds everything
        shutil.copyfile(db_path, building)


def _derived_inputs(con: duckdb.DuckDBPyConnection) -> tuple:
    """Return what every derived row depends on: the brand ids and the lake's first day."""
    return con.execute(
        "SELECT (SELECT list(id ORDER BY id) FROM brands), (SELECT min(published_date) FROM documents)"
    ).fetchone()


def _current_version(con: duckdb.DuckDBPyConnection) -> str | None:
    """Return the metric version the derived tables were last computed with."""
    row = con.execute("SELECT version FROM metric_versions WHERE is_current").fetchone()
    return row[0] if row else None


def _counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Count the rows of every reported table."""
    # table names from REPORTED_TABLES, never from input
    return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in REPORTED_TABLES}


def publish(
    lake_dir: Path | str | Lake,
    db_path: Path,
    config: dict[str, Any],
    *,
    metric_version: str | None = None,
    full: bool = False,
) -> PublishReport:
    """Rebuild the warehouse from the lake and the config, check it, and swap it in atomically.

    The lake is a local folder or any fsspec URL (contract.lake.Lake); the warehouse file is local.
    """
    started = time.perf_counter()
    lake = lake_dir if isinstance(lake_dir, Lake) else Lake(lake_dir)
    db_path = Path(db_path)
    if not lake.exists():
        raise FileNotFoundError(
            f"no lake at {lake.url}: run `veille crawl` first or fix data_dir / lake_url")
    db_path.parent.mkdir(parents=True, exist_ok=True)
    timezone = (config.get("watch") or {}).get("timezone") or "UTC"
    report = PublishReport(db_path=db_path, metric_version=metric_version or METRIC_VERSION)
    building = building_path(db_path)
    with _publish_lock(db_path):
        _start_building(db_path, building)
        con = duckdb.connect(str(building))
        try:
            report.migrations_applied = migrate(con)
            before = _derived_inputs(con)
            refresh_config(con, config)
            report.load = load_lake(con, lake, timezone, full=full)
            # derived tables are refreshed from the first changed day, unless what every
            # row depends on changed: brands, the lake's first day, or the metric version
            create_metrics(
                con,
                report.load.changed_days,
                full=report.load.full or _derived_inputs(con) != before
                or _current_version(con) != report.metric_version,
            )
            record_version(con, report.metric_version)
            report.checks = run_checks(con)
            report.counts = _counts(con)
            con.execute("CHECKPOINT")
        finally:
            con.close()
        _fsync(building)
        os.replace(building, db_path)
        _fsync(db_path.parent)
    report.duration_s = time.perf_counter() - started
    return report
