"""Load the Parquet lake into the warehouse tables (full reload, idempotent by construction)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from .sqlfiles import sql


@dataclass(frozen=True)
class _Staged:
    """One staging table and the lake files that feed it."""

    table: str
    pattern: str  # glob under the lake directory


# docs/contracts.md, "Lake layout"; `.tmp` files (writes in flight) never match `*.parquet`.
_STAGED = (
    _Staged("stg_raw_documents", "raw/source=*/date=*/*.parquet"),
    _Staged("stg_accounts", "accounts/source=*/date=*/*.parquet"),
    _Staged("stg_doc_annotations", "enriched/doc_annotations/date=*/*.parquet"),
    _Staged("stg_mentions", "enriched/mentions/date=*/*.parquet"),
    _Staged("stg_entities", "enriched/entities/date=*/*.parquet"),
    _Staged("stg_doc_topics", "enriched/doc_topics/date=*/*.parquet"),
    _Staged("stg_keyphrases", "enriched/keyphrases/date=*/*.parquet"),
    _Staged("stg_runs", "runs/date=*/*.parquet"),
)

# Tables rebuilt from the lake at each publish, in load order; load/<name>.sql fills each.
LAKE_TABLES = (
    "documents",
    "mentions",
    "entities",
    "doc_topics",
    "keyphrases",
    "account_snapshots",
    "runs",
)
_TIMEZONED = {"documents", "account_snapshots"}


def _stage(con: duckdb.DuckDBPyConnection, lake_dir: Path) -> None:
    """Create the temporary staging tables and copy every lake file into them."""
    for staged in _STAGED:
        con.execute(sql(f"staging/{staged.table}"))
        files = sorted(str(p) for p in lake_dir.glob(staged.pattern))
        if not files:
            continue
        try:
            # table name from the constant list above; the file list is bound
            con.execute(
                f"INSERT INTO {staged.table} BY NAME SELECT * FROM "
                "read_parquet(?, union_by_name = true, hive_partitioning = false)",
                [files],
            )
        except duckdb.Error as exc:
            raise RuntimeError(
                f"cannot load lake files {staged.pattern} under {lake_dir} into {staged.table}: "
                f"{exc}. If the lake schema gained a column, add a migration and the column to "
                f"warehouse/sql/staging/{staged.table}.sql"
            ) from exc


def load_lake(con: duckdb.DuckDBPyConnection, lake_dir: Path, timezone: str) -> None:
    """Replace every lake table's rows with the lake's current content, in one transaction."""
    _stage(con, lake_dir)
    con.execute(sql("load/stg_enrichment_runs"))
    con.execute("BEGIN TRANSACTION")
    try:
        for table in LAKE_TABLES:
            con.execute(f"DELETE FROM {table}")  # table name from LAKE_TABLES
            params = [timezone] if table in _TIMEZONED else None
            con.execute(sql(f"load/{table}"), params)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
