"""Load the warehouse's SQL files by name (one object per file, file stem = object name)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

SQL_DIR = Path(__file__).parent / "sql"


@cache
def _index() -> dict[str, list[Path]]:
    """Map every file stem and every `folder/stem` to its paths."""
    index: dict[str, list[Path]] = {}
    for path in sorted(SQL_DIR.rglob("*.sql")):
        rel = path.relative_to(SQL_DIR).with_suffix("").as_posix()
        index.setdefault(rel, []).append(path)
        if rel != path.stem:
            index.setdefault(path.stem, []).append(path)
    return index


def sql(name: str) -> str:
    """Return the text of `warehouse/sql/<name>.sql`; `name` is a stem or `folder/stem`."""
    paths = _index().get(name.removesuffix(".sql"), [])
    if not paths:
        raise KeyError(f"no SQL file named {name!r} under {SQL_DIR}: add {name}.sql there")
    if len(paths) > 1:
        options = ", ".join(p.relative_to(SQL_DIR).with_suffix("").as_posix() for p in paths)
        raise KeyError(f"SQL name {name!r} is ambiguous: use one of {options}")
    return paths[0].read_text(encoding="utf-8")


def names(folder: str) -> list[str]:
    """List the stems of the SQL files of one folder, sorted (migration order for migrations)."""
    return sorted(p.stem for p in (SQL_DIR / folder).glob("*.sql"))
