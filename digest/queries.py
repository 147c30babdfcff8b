"""Load the digest's SQL files by name and run them with bound parameters."""
from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import duckdb


@cache
def load(name: str) -> str:
    """Return the text of ``queries/<name>.sql``."""
    path = resources.files(__package__).joinpath("queries", f"{name}.sql")
    if not path.is_file():
        raise FileNotFoundError(f"no query {name!r}: add digest/queries/{name}.sql")
    return path.read_text(encoding="utf-8")


def run(con: duckdb.DuckDBPyConnection, name: str, **params: Any) -> list[dict[str, Any]]:
    """Run query ``name`` with named parameters and return its rows as dicts."""
    # A cursor keeps the caller's connection free, and fetchall() drains the result
    # (DuckDB keeps execute() results open until drained).
    cur = con.cursor()
    try:
        cur.execute(load(name), params)
        columns = [d[0] for d in cur.description]
        return [dict(zip(columns, row)) for row in cur.fetchall()]
    finally:
        cur.close()
