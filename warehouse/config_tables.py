"""Refresh the `brands`, `topics` and `sources` tables from the plain-dict config."""

from __future__ import annotations

import json
from typing import Any

import duckdb

from .sqlfiles import sql

_SOURCE_COLUMNS = ("name", "type", "url", "brand", "channel")


def _require(item: dict[str, Any], key: str, where: str) -> Any:
    """Return item[key], or raise naming the config entry and the fix."""
    if item.get(key) in (None, ""):
        raise ValueError(
            f"config {where} has no {key!r}: set {key} = ... in that entry of veille.toml"
        )
    return item[key]


def _unique(ids: list[str], what: str) -> None:
    """Raise when two config entries share an id."""
    seen: set[str] = set()
    for value in ids:
        if value in seen:
            raise ValueError(f"config [[{what}]] lists {value!r} twice: keep one entry per id")
        seen.add(value)


def brand_rows(config: dict[str, Any]) -> list[tuple]:
    """Turn config["brands"] into rows of the `brands` table."""
    rows = []
    for i, brand in enumerate(config.get("brands") or []):
        where = f"brands[{i}]"
        rows.append(
            (
                _require(brand, "id", where),
                brand.get("name") or brand["id"],
                bool(brand.get("own", False)),
                list(brand.get("aliases") or []),
                list(brand.get("exact") or []),
                list(brand.get("exclude") or []),
                json.dumps(brand.get("accounts") or {}, ensure_ascii=False, sort_keys=True),
            )
        )
    _unique([row[0] for row in rows], "brands")
    return rows


def topic_rows(config: dict[str, Any]) -> list[tuple]:
    """Turn config["topics"] into rows of the `topics` table."""
    rows = [
        (_require(t, "id", f"topics[{i}]"), t.get("label"), list(t.get("terms") or []))
        for i, t in enumerate(config.get("topics") or [])
    ]
    _unique([row[0] for row in rows], "topics")
    return rows


def source_rows(config: dict[str, Any]) -> list[tuple]:
    """Turn config["sources"] into rows of the `sources` table; other keys go to `options`."""
    rows = []
    for i, source in enumerate(config.get("sources") or []):
        where = f"sources[{i}]"
        options = {k: v for k, v in source.items() if k not in _SOURCE_COLUMNS}
        rows.append(
            (
                _require(source, "name", where),
                _require(source, "type", where),
                source.get("url"),
                source.get("brand"),
                source.get("channel"),
                json.dumps(options, ensure_ascii=False, sort_keys=True, default=str),
            )
        )
    _unique([row[0] for row in rows], "sources")
    return rows


def refresh_config(con: duckdb.DuckDBPyConnection, config: dict[str, Any]) -> None:
    """Replace the config tables' rows with the given config, in one transaction."""
    tables = {
        "brands": brand_rows(config),
        "topics": topic_rows(config),
        "sources": source_rows(config),
    }
    con.execute("BEGIN TRANSACTION")
    try:
        for table, rows in tables.items():
            con.execute(f"DELETE FROM {table}")  # table name from the dict above
            if rows:
                con.executemany(sql(f"config/{table}"), rows)
        con.execute("COMMIT")
    except Exception:
        con.execute("ROLLBACK")
        raise
