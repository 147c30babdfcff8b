"""Write and list Parquet files of the lake, atomically."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq


def write_atomic(table: pa.Table, path: Path) -> Path:
    """Write a Parquet file to a temp name beside the target, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return path


def partition_files(root: Path, pattern: str = "**/*.parquet") -> list[Path]:
    """List the finished Parquet files under a lake folder (temp files excluded)."""
    if not root.exists():
        return []
    return sorted(p for p in root.glob(pattern) if p.is_file() and not p.name.endswith(".tmp"))


def partition_date(path: Path) -> str:
    """Return the YYYY-MM-DD of the date=... folder a lake file sits in."""
    for part in path.parts[::-1]:
        if part.startswith("date="):
            return part.removeprefix("date=")
    raise ValueError(f"{path} is not inside a date=YYYY-MM-DD partition")
