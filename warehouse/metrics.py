"""Create the analyst views, the macro and the derived tables; version their definitions."""

from __future__ import annotations

import duckdb

from .sqlfiles import sql

# Bump when any file in METRIC_OBJECTS changes meaning; the digest prints it.
METRIC_VERSION = "2026.1"

# Creation order: views depend on the macro, the SOV check on the views.
VIEWS = ("sov", "sov_daily", "sov_weekly", "review_kpis", "brand_activity")
DERIVED = ("trending_topics",)
METRIC_OBJECTS = VIEWS + DERIVED


def definitions() -> str:
    """Return the SQL text of every metric object: what a metric version stands for."""
    return "\n\n".join(sql(name) for name in METRIC_OBJECTS)


def create_metrics(con: duckdb.DuckDBPyConnection) -> None:
    """Create or replace the views and the macro, then rebuild the derived tables."""
    for name in VIEWS:
        con.execute(sql(f"views/{name}"))
    for name in DERIVED:
        con.execute(sql(f"derived/{name}"))


def record_version(con: duckdb.DuckDBPyConnection, version: str) -> None:
    """Record `version` with today's definitions and mark it current; refuse a silent redefinition."""
    text = definitions()
    row = con.execute(
        "SELECT definitions FROM metric_versions WHERE version = ?", [version]
    ).fetchone()
    if row is None:
        con.execute("INSERT INTO metric_versions VALUES (?, now(), ?, false)", [version, text])
    elif row[0] != text:
        raise ValueError(
            f"metric version {version!r} is already recorded with other definitions: "
            "bump warehouse.metrics.METRIC_VERSION (or pass metric_version=...) when a view changes"
        )
    con.execute("UPDATE metric_versions SET is_current = (version = ?)", [version])
