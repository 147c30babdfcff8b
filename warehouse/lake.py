"""Load the Parquet lake into the warehouse tables, incrementally by lake file.

Every lake row is kept in a `_lake_*` table tagged with its file, and `_lake_files`
records each loaded file's size and mtime. A publish restages only the files that are
new, changed or gone, collects the keys their rows carry (doc_id, account, run), and
rebuilds the final tables for those keys only, with the same latest-wins SQL as a full
load. So re-loading a day costs about what appending it costs, and a re-run with an
unchanged lake changes nothing. `full=True` (or a new timezone, or a first load)
restages everything: the fallback when in doubt.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import pyarrow as pa

from contract.lake import Lake

from .sqlfiles import sql
from .stories import refresh_stories

# Files read per Arrow batch when the lake is not on a local disk.
_REMOTE_BATCH = 64


@dataclass(frozen=True)
class _Kind:
    """One kind of lake file: where it lives, its `_lake_*` table, the key its rows carry."""

    name: str
    pattern: str  # glob under the lake directory
    keys: str  # "docs", "accounts" or "runs": which _affected_* table its keys feed


# docs/contracts.md, "Lake layout"; `.tmp` files (writes in flight) never match `*.parquet`.
_KINDS = (
    _Kind("raw_documents", "raw/source=*/date=*/*.parquet", "docs"),
    _Kind("accounts", "accounts/source=*/date=*/*.parquet", "accounts"),
    _Kind("doc_annotations", "enriched/doc_annotations/date=*/*.parquet", "docs"),
    _Kind("mentions", "enriched/mentions/date=*/*.parquet", "docs"),
    _Kind("entities", "enriched/entities/date=*/*.parquet", "docs"),
    _Kind("doc_topics", "enriched/doc_topics/date=*/*.parquet", "docs"),
    _Kind("brand_topics", "enriched/brand_topics/date=*/*.parquet", "docs"),
    _Kind("keyphrases", "enriched/keyphrases/date=*/*.parquet", "docs"),
    _Kind("runs", "runs/date=*/*.parquet", "runs"),
)
_KEY_COLUMNS = {"docs": "doc_id", "accounts": "source, platform, handle", "runs": "run_id, source"}

# Final tables, in load order (mentions reads documents.published_date); load/<name>.sql
# fills each from the stg_* views, unload/<name>.sql removes the rebuilt keys.
LAKE_TABLES = (
    "documents",
    "mentions",
    "entities",
    "doc_topics",
    "brand_topics",
    "keyphrases",
    "account_snapshots",
    "runs",
)
_TIMEZONED = {"documents", "account_snapshots"}


@dataclass
class LoadReport:
    """What a load did: full or incremental, lake files by state, keys rebuilt."""

    full: bool = False
    new_files: int = 0
    changed_files: int = 0
    removed_files: int = 0
    affected_docs: int = 0
    changed_days: list = field(default_factory=list)  # local days whose documents changed


def _scan(lake: Lake, kind: _Kind) -> dict[str, tuple[int, int]]:
    """Map each lake file of a kind (path relative to the lake) to its (size, version)."""
    return lake.scan(kind.pattern)


def _recorded(con: duckdb.DuckDBPyConnection, kind: _Kind) -> dict[str, tuple[int, int]]:
    """Map each file of a kind recorded in `_lake_files` to its (size, mtime_ns)."""
    rows = con.execute(
        "SELECT path, size, mtime_ns FROM _lake_files WHERE kind = ?", [kind.name]
    ).fetchall()
    return {path: (size, mtime) for path, size, mtime in rows}


def _needs_full(con: duckdb.DuckDBPyConnection, timezone: str) -> bool:
    """Return True on a first load or when the timezone (hence every local day) changed."""
    row = con.execute("SELECT timezone FROM _load_settings").fetchone()
    return row is None or row[0] != timezone


def _touch(con: duckdb.DuckDBPyConnection, kind: _Kind, files: str | None) -> None:
    """Record as affected the keys of a kind's `_lake_*` rows from `files` (a temp table; None: all)."""
    # identifiers from the constants above and this module's temp tables
    join = f" SEMI JOIN {files} AS f ON f.path = lake_file" if files else ""
    con.execute(
        f"INSERT INTO _touched_{kind.keys} SELECT {_KEY_COLUMNS[kind.keys]} "
        f"FROM _lake_{kind.name}{join}"
    )


def _file_table(con: duckdb.DuckDBPyConnection, name: str, paths: list[str]) -> str:
    """Put a list of lake paths in a temp table (a join beats a per-row list lookup); return it."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE {name} AS SELECT unnest(?::VARCHAR[]) AS path", [paths])
    return name


def _restage(
    con: duckdb.DuckDBPyConnection, lake: Lake, kind: _Kind, full: bool, report: LoadReport
) -> None:
    """Drop the rows of a kind's stale files, insert its new files' rows; touch both keys."""
    on_disk, recorded = _scan(lake, kind), _recorded(con, kind)
    if full:
        stale, fresh = list(recorded), sorted(on_disk)
    else:
        stale = sorted(p for p, meta in recorded.items() if on_disk.get(p) != meta)
        fresh = sorted(p for p, meta in on_disk.items() if recorded.get(p) != meta)
        report.new_files += sum(p not in recorded for p in fresh)
        report.changed_files += sum(p in recorded for p in fresh)
        report.removed_files += sum(p not in on_disk for p in stale)
    if stale:
        files = None if full else _file_table(con, "_stale_files", stale)
        _touch(con, kind, files)
        if full:
            con.execute(f"DELETE FROM _lake_{kind.name}")
            con.execute("DELETE FROM _lake_files WHERE kind = ?", [kind.name])
        else:
            con.execute(
                f"DELETE FROM _lake_{kind.name} AS t USING _stale_files AS f "
                "WHERE t.lake_file = f.path"
            )
            con.execute(
                "DELETE FROM _lake_files AS t USING _stale_files AS f "
                "WHERE t.kind = ? AND t.path = f.path",
                [kind.name],
            )
    if not fresh:
        return
    try:
        if lake.local:
            prefix = lake.root.rstrip("/") + "/"
            con.execute(
                f"INSERT INTO _lake_{kind.name} BY NAME "
                "SELECT * EXCLUDE (filename), substr(filename, ?) AS lake_file FROM "
                "read_parquet(?, union_by_name = true, hive_partitioning = false, filename = true)",
                [len(prefix) + 1, [prefix + p for p in fresh]],
            )
        else:
            _insert_remote(con, lake, kind, fresh)
    except (duckdb.Error, pa.ArrowException) as exc:
        raise RuntimeError(
            f"cannot load lake files {kind.pattern} under {lake.url} into _lake_{kind.name}: "
            f"{exc}. If the lake schema gained a column, add a migration adding it to "
            f"_lake_{kind.name} (and to the final table)"
        ) from exc
    _touch(con, kind, _file_table(con, "_fresh_files", fresh))
    con.execute(
        "INSERT INTO _lake_files SELECT ?, unnest(?::VARCHAR[]), unnest(?::BIGINT[]), "
        "unnest(?::BIGINT[]), now()",
        [kind.name, fresh, [on_disk[p][0] for p in fresh], [on_disk[p][1] for p in fresh]],
    )


def _insert_remote(con: duckdb.DuckDBPyConnection, lake: Lake, kind: _Kind, fresh: list[str]) -> None:
    """Insert files of a lake on another filesystem, read through fsspec with pyarrow.

    DuckDB's own fsspec bridge needs features (modified times) that not every filesystem
    has; pyarrow reads any of them. Same rows as read_parquet(union_by_name) would give.
    """
    for start in range(0, len(fresh), _REMOTE_BATCH):
        tables = []
        for rel in fresh[start:start + _REMOTE_BATCH]:
            table = lake.read_table(rel)
            tables.append(table.append_column("lake_file", pa.array([rel] * table.num_rows, pa.string())))
        con.register("_lake_batch", pa.concat_tables(tables, promote_options="default"))
        try:
            con.execute(f"INSERT INTO _lake_{kind.name} BY NAME SELECT * FROM _lake_batch")
        finally:
            con.unregister("_lake_batch")


def load_lake(
    con: duckdb.DuckDBPyConnection, lake_dir: Path | str | Lake, timezone: str, *, full: bool = False
) -> LoadReport:
    """Bring every lake table up to the lake's current content, in one transaction."""
    lake = lake_dir if isinstance(lake_dir, Lake) else Lake(os.path.abspath(lake_dir)
                                                            if isinstance(lake_dir, Path) else lake_dir)
    report = LoadReport(full=full or _needs_full(con, timezone))
    con.execute("BEGIN TRANSACTION")
    try:
        for keys, columns in _KEY_COLUMNS.items():
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _touched_{keys} AS "
                f"SELECT {columns} FROM _lake_{_first_kind(keys)} LIMIT 0"
            )
        for kind in _KINDS:
            _restage(con, lake, kind, report.full, report)
        for keys, columns in _KEY_COLUMNS.items():
            con.execute(
                f"CREATE OR REPLACE TEMP TABLE _affected_{keys} AS "
                f"SELECT DISTINCT {columns} FROM _touched_{keys}"
            )
        report.affected_docs = con.execute("SELECT count(*) FROM _affected_docs").fetchone()[0]
        # days losing or gaining documents, before and after: the derived tables refresh them
        days_before = _days(con, "documents")
        for kind_sql in {f"staging/stg_{k.name}" for k in _KINDS}:
            con.execute(sql(kind_sql))
        con.execute(sql("load/stg_enrichment_runs"))
        for table in LAKE_TABLES:
            if report.full:
                con.execute(f"DELETE FROM {table}")  # table name from LAKE_TABLES
            else:
                con.execute(sql(f"unload/{table}"))
            params = [timezone] if table in _TIMEZONED else None
            con.execute(sql(f"load/{table}"), params)
        # near-duplicates regrouped may relabel documents of other days: refresh those too
        regrouped = refresh_stories(con, full=report.full)
        report.changed_days = sorted(days_before | _days(con, "documents") | regrouped)
        con.execute("DELETE FROM _load_settings")
        con.execute("INSERT INTO _load_settings VALUES (?)", [timezone])
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
    return report


def _first_kind(keys: str) -> str:
    """Return the name of the first kind whose rows feed the `keys` table (for its columns)."""
    return next(k.name for k in _KINDS if k.keys == keys)


def _days(con: duckdb.DuckDBPyConnection, table: str) -> set:
    """Return the local days of the affected documents currently in `table`."""
    rows = con.execute(
        f"SELECT DISTINCT published_date FROM {table} SEMI JOIN _affected_docs USING (doc_id)"
    ).fetchall()
    return {row[0] for row in rows}
