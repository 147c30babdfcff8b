"""Read-only access for analysts, the CLI (`veille sql`) and the digest."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

# Statement types an analyst query may contain; anything else (COPY ... TO, ATTACH,
# SET, INSTALL, ...) is refused even though the file itself is opened read-only.
_READ_TYPES = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}


def connect_readonly(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Open the published warehouse read-only; a publish never blocks it nor shows it half-done."""
    db_path = Path(db_path)
    if not db_path.exists():
        raise FileNotFoundError(
            f"no warehouse at {db_path}: run `veille load` (or `veille run`) first"
        )
    return duckdb.connect(str(db_path), read_only=True)


def query(
    db_path: Path, sql: str, params: list[Any] | dict[str, Any] | None = None
) -> tuple[list[str], list[tuple]]:
    """Run one read query on the warehouse; return (column names, rows)."""
    con = connect_readonly(db_path)
    try:
        statements = con.extract_statements(sql)
        if len(statements) != 1:
            raise ValueError(
                f"`veille sql` runs exactly one statement, got {len(statements)}: split them"
            )
        if statements[0].type not in _READ_TYPES:
            raise PermissionError(
                f"`veille sql` only reads: {statements[0].type.name} refused; use SELECT (or EXPLAIN)"
            )
        cursor = con.execute(sql, params)
        columns = [d[0] for d in cursor.description or []]
        return columns, cursor.fetchall()
    finally:
        con.close()
