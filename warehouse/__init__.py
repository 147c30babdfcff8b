"""The DuckDB warehouse: migrations, lake loading, metric views, checks, atomic publish."""

from __future__ import annotations

from .checks import CheckFailed
from .metrics import METRIC_VERSION
from .publishing import PublishReport, publish
from .read import connect_readonly, query
from .sqlfiles import sql

__all__ = [
    "METRIC_VERSION",
    "CheckFailed",
    "PublishReport",
    "connect_readonly",
    "publish",
    "query",
    "sql",
]
