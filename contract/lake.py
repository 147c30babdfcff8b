"""The Parquet lake on any fsspec filesystem: write atomically, list, read, stat, remove.

A lake is a local folder (`data_dir/lake`, the default) or a URL fsspec knows
(`s3://bucket/veille/lake`, `gcs://...`, `abfs://...`, `ftp://host/lake`, ...) given as
`[watch] lake_url`. Credentials never sit in the config: fsspec reads them from its own
environment variables (`FSSPEC_S3_KEY`, `FSSPEC_S3_SECRET`, ...) or the filesystem's usual
ones (`AWS_ACCESS_KEY_ID`, ...). Paths inside the lake are always relative POSIX strings
(`raw/source=x/date=2026-11-20/<run_id>.parquet`), whatever the filesystem.

Writes go to `<name>.tmp` then are moved onto the final name: readers list `*.parquet`
only, so they never see a file in flight (on object stores the final object appears
whole; on a local disk `os.replace` is atomic).
"""

from __future__ import annotations

import hashlib
import os
from functools import cached_property
from pathlib import Path, PurePosixPath

import fsspec
import pyarrow as pa
import pyarrow.parquet as pq
from fsspec.implementations.local import LocalFileSystem


class Lake:
    """The lake's root on a filesystem; every path argument is relative to it."""

    def __init__(self, location: str | os.PathLike[str]) -> None:
        self.location = str(location)

    def __repr__(self) -> str:
        return f"Lake({self.url!r})"

    @cached_property
    def _fs_root(self) -> tuple[fsspec.AbstractFileSystem, str]:
        fs, root = fsspec.core.url_to_fs(self.location)
        if isinstance(fs, LocalFileSystem):
            root = os.path.abspath(root)
        return fs, root.rstrip("/") or "/"

    @property
    def fs(self) -> fsspec.AbstractFileSystem:
        return self._fs_root[0]

    @property
    def root(self) -> str:
        """The root as the filesystem names it (no protocol)."""
        return self._fs_root[1]

    @property
    def local(self) -> bool:
        return isinstance(self.fs, LocalFileSystem)

    @property
    def url(self) -> str:
        """The root as a path (local) or the configured URL (elsewhere), for messages and specs."""
        return self.root if self.local else self.location.rstrip("/")

    def path(self, rel: str = "") -> str:
        """Return the filesystem path of a lake-relative path."""
        return f"{self.root}/{rel}" if rel else self.root

    def exists(self, rel: str = "") -> bool:
        return self.fs.exists(self.path(rel))

    def write_table(self, table: pa.Table, rel: str, *, compression: str = "zstd") -> str:
        """Write a Parquet file under a temp name, then move it onto `rel`; return `rel`."""
        target = self.path(rel)
        tmp = target + ".tmp"
        if self.local:
            Path(target).parent.mkdir(parents=True, exist_ok=True)
            pq.write_table(table, tmp, compression=compression)
            os.replace(tmp, target)
            return rel
        self.fs.makedirs(str(PurePosixPath(target).parent), exist_ok=True)
        with self.fs.open(tmp, "wb") as fh:
            pq.write_table(table, fh, compression=compression)
        self.fs.mv(tmp, target)
        return rel

    def read_table(self, rel: str, columns: list[str] | None = None) -> pa.Table:
        if self.local:
            return pq.read_table(self.path(rel), columns=columns)
        return pq.read_table(self.path(rel), columns=columns, filesystem=self.fs)

    def remove(self, rel: str) -> None:
        self.fs.rm(self.path(rel))

    def scan(self, pattern: str) -> dict[str, tuple[int, int]]:
        """Map each finished file matching a glob (relative) to (size, version).

        The version changes when the file is rewritten: the mtime in nanoseconds on a local
        disk, elsewhere a stable hash of what the store reports (ETag, mtime, generation).
        """
        if self.local:
            base = Path(self.root)
            return {
                p.relative_to(base).as_posix(): (st.st_size, st.st_mtime_ns)
                for p in base.glob(pattern)
                if p.is_file() and not p.name.endswith(".tmp")
                for st in (p.stat(),)
            }
        found = self.fs.glob(self.path(pattern), detail=True)
        prefix = self.root.rstrip("/") + "/"
        out = {}
        for name, info in found.items():
            if info.get("type", "file") != "file" or name.endswith(".tmp"):
                continue
            rel = name[len(prefix):] if name.startswith(prefix) else name.lstrip("/")
            out[rel] = (int(info.get("size") or 0), _version(info))
        return out

    def files(self, pattern: str = "**/*.parquet") -> list[str]:
        """Return the finished files matching a glob under the lake, sorted, relative."""
        return sorted(self.scan(pattern))


def _version(info: dict) -> int:
    """A signed 63-bit token of the fields a store changes when an object is rewritten."""
    fields = ("ETag", "etag", "md5Hash", "generation", "LastModified", "last_modified",
              "mtime", "modify", "updated", "unique", "size")
    text = "|".join(f"{k}={info[k]}" for k in fields if info.get(k) is not None)
    return int.from_bytes(hashlib.sha1(text.encode()).digest()[:8], "big") >> 1


def check_location(location: str) -> str | None:
    """Return why fsspec cannot use a lake URL (unknown protocol, missing package), or None."""
    protocol, _ = fsspec.core.split_protocol(location)
    if protocol is None:
        return None
    try:
        fsspec.get_filesystem_class(protocol)
    except ValueError:
        return f"unknown filesystem protocol {protocol!r}; use a local path or a URL fsspec knows"
    except ImportError as exc:
        return f"the {protocol!r} filesystem needs a package that is not installed ({exc})"
    return None


def partition_date(path: str | os.PathLike[str]) -> str:
    """Return the YYYY-MM-DD of the date=... folder a lake file sits in."""
    for part in reversed(PurePosixPath(Path(path).as_posix()).parts):
        if part.startswith("date="):
            return part.removeprefix("date=")
    raise ValueError(f"{path} is not inside a date=YYYY-MM-DD partition")
