"""Create the analyst views, the macro and the derived tables; version their definitions."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb

from .sqlfiles import sql

# Bump when any file in METRIC_OBJECTS changes meaning; the digest prints it.
# 2026.3: the definitions of 2026.2, computed from the per-day `brand_days` table (the
# recorded SQL changed, so the version does).
# 2026.4: adds `stories` (near-duplicate documents counted once) to brand_days and sov;
# every other figure as in 2026.3.
# 2026.5: trending_topics keeps example_doc_ids on bursts and on each day's 20 best-scoring
# terms per scope only; counts, baselines, scores and bursts as in 2026.4.
METRIC_VERSION = "2026.5"

# Creation order: views and derived tables depend on the macro, the checks on both.
# Derived objects are tables materialised at publish, so that they answer in
# milliseconds on years of history (bench/warehouse.py measures it).
VIEWS = ("sov",)
# Tables refreshed from a day on: derived/<name>.sql inserts the rows from day $1 (NULL:
# all), after the publish deletes them; value = the table's day column.
# brand_days first: the sov macro (hence sov_daily and sov_weekly) sums it.
INCREMENTAL = {
    "brand_days": "day",
    "sov_daily": "period_start",
    "sov_weekly": "period_start",
    "trending_topics": "day",
}
# Tables rebuilt whole at each publish (CREATE OR REPLACE TABLE ... AS).
REBUILT = ("review_kpis", "brand_activity")
DERIVED = (*INCREMENTAL, *REBUILT)
METRIC_OBJECTS = VIEWS + DERIVED


def definitions() -> str:
    """Return the SQL text of every metric object: what a metric version stands for."""
    return "\n\n".join(sql(name) for name in METRIC_OBJECTS)


def create_metrics(
    con: duckdb.DuckDBPyConnection, changed_days: list[date] | None, *, full: bool
) -> None:
    """Create the macro and views; refresh the derived tables from the first changed day on.

    `full` recomputes every row (new definitions, brands, or lake start); an empty
    `changed_days` leaves the incremental tables as they are.
    """
    for name in VIEWS:
        con.execute(sql(f"views/{name}"))
    if full or changed_days:
        from_day = None if full else min(changed_days)
        for name, column in INCREMENTAL.items():
            # a week's row changes with any of its days: sov_weekly.sql starts at the Monday
            start = from_day
            if from_day and name == "sov_weekly":
                start = from_day - timedelta(days=from_day.weekday())
            # names from the constant above; the day is bound
            con.execute(f"DELETE FROM {name} WHERE ?::DATE IS NULL OR {column} >= ?", [start, start])
            con.execute(sql(f"derived/{name}"), [from_day])
    for name in REBUILT:
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
