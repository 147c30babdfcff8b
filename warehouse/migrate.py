"""Apply the numbered migrations once each, recording them in `_migrations`."""

from __future__ import annotations

import duckdb

from .sqlfiles import names, sql


def pending(con: duckdb.DuckDBPyConnection) -> list[str]:
    """List the migrations not yet applied to this database, in order."""
    con.execute(sql("ledger/_migrations"))
    done = {row[0] for row in con.execute("SELECT name FROM _migrations").fetchall()}
    return [name for name in names("migrations") if name not in done]


def migrate(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply the pending migrations, each in its own transaction; return their names."""
    applied = []
    for name in pending(con):
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql(f"migrations/{name}"))
            con.execute("INSERT INTO _migrations VALUES (?, now())", [name])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
