"""What the enrichment and retention have done to the lake, kept under data_dir/state.

`enriched.json` maps each raw file (lake-relative) to the run that enriched it;
`purged.json` lists the raw files whose text retention blanked. Both are rewritten whole
through a temporary file and a rename, so a crash leaves the previous version.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from flows.layout import Layout


def _manifest_path(layout: Layout) -> Path:
    return layout.state / "enriched.json"


def _purged_path(layout: Layout) -> Path:
    return layout.state / "purged.json"


def read_manifest(layout: Layout) -> dict[str, str]:
    """Return {raw file: run id} of every raw file an enrichment covered."""
    try:
        return json.loads(_manifest_path(layout).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def write_manifest(layout: Layout, manifest: dict[str, str]) -> None:
    _replace(_manifest_path(layout), json.dumps(manifest, indent=0, sort_keys=True))


def purged_files(layout: Layout) -> set[str]:
    """Return the raw files (relative to the lake) whose text retention already blanked."""
    try:
        return set(json.loads(_purged_path(layout).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def write_purged(layout: Layout, done: set[str]) -> None:
    _replace(_purged_path(layout), json.dumps(sorted(done), indent=0))


def _replace(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
