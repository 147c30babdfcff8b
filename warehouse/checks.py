"""Run the quality checks: SQL files returning offending rows; any row stops the publish."""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from .sqlfiles import names, sql

SAMPLE_SIZE = 5


@dataclass
class CheckFailed(Exception):
    """A check returned rows: names the check, the count, a sample and the fix."""

    check: str
    count: int
    sample: list[tuple]
    fix: str = ""

    def __str__(self) -> str:
        return (
            f"check {self.check!r} failed: {self.count} offending row(s), e.g. {self.sample}. "
            f"{self.fix} The live warehouse was left untouched."
        ).replace("  ", " ")


def _fix(text: str) -> str:
    """Return the `-- fix: ...` line of a check file, capitalised, or ''."""
    for line in text.splitlines():
        if line.startswith("-- fix:"):
            fix = line.removeprefix("-- fix:").strip()
            return fix[:1].upper() + fix[1:] + "."
    return ""


def run_checks(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Run every check in warehouse/sql/checks; raise CheckFailed on the first that returns rows."""
    for name in names("checks"):
        text = sql(f"checks/{name}")
        rows = con.execute(text).fetchall()
        if rows:
            raise CheckFailed(name, len(rows), rows[:SAMPLE_SIZE], _fix(text))
    return names("checks")
