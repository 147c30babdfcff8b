"""Fixtures: a lake builder in tmp_path and a publish helper."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import warehouse

from .lakebuilder import CONFIG, Lake


@pytest.fixture
def lake(tmp_path: Path) -> Lake:
    """Return an empty lake under tmp_path/lake."""
    return Lake(tmp_path / "lake")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Return where the warehouse is published."""
    return tmp_path / "veille.duckdb"


@pytest.fixture
def publish(lake: Lake, db_path: Path):
    """Write the lake, publish it with the test config, and return the report."""

    def _publish(config: dict[str, Any] | None = None) -> warehouse.PublishReport:
        return warehouse.publish(lake.write(), db_path, config or CONFIG)

    return _publish


@pytest.fixture
def rows(db_path: Path):
    """Run a read query on the published warehouse and return its rows."""

    def _rows(sql: str, params: list[Any] | None = None) -> list[tuple]:
        return warehouse.query(db_path, sql, params)[1]

    return _rows
