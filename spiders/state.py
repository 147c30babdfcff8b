"""The per-source state file: doc ids already written, feed validators, stream cursors."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

# Seen ids kept per source; a nightly source rarely publishes more than this in its look-back
# window, and older items are stopped by since_days anyway.
MAX_SEEN = 20_000


@dataclass
class SourceState:
    """What earlier runs of one source left behind."""

    seen: dict[str, str] = field(default_factory=dict)  # doc_id -> content fingerprint
    http: dict[str, dict[str, str]] = field(default_factory=dict)  # url -> etag/last_modified
    cursors: dict[str, str] = field(default_factory=dict)  # stream -> newest id or lastmod
    first_run: bool = True

    def is_seen(self, doc_id: str) -> bool:
        """Tell whether an earlier run already wrote this document."""
        return doc_id in self.seen

    def is_unchanged(self, doc_id: str, fingerprint: str) -> bool:
        """Tell whether an earlier run wrote this document with the same content."""
        known = self.seen.get(doc_id)
        # "" is a fingerprint a pre-fingerprint state file could not record: trust it.
        return known is not None and known in ("", fingerprint)

    def add_seen(self, docs: list[tuple[str, str]]) -> None:
        """Remember written documents and their fingerprints, forgetting the oldest beyond MAX_SEEN."""
        for doc_id, fingerprint in docs:
            self.seen.pop(doc_id, None)  # re-insert: dicts keep insertion order, newest last
            self.seen[doc_id] = fingerprint
        while len(self.seen) > MAX_SEEN:
            del self.seen[next(iter(self.seen))]


    def trim_http(self) -> None:
        """Forget the oldest URL validators beyond MAX_SEEN."""
        while len(self.http) > MAX_SEEN:
            del self.http[next(iter(self.http))]


def load_state(path: Path) -> SourceState:
    """Read a state file; a missing or unreadable one means a first run."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return SourceState()
    seen = data.get("seen", {})
    if isinstance(seen, list):  # state files written before fingerprints
        seen = dict.fromkeys(seen, "")
    return SourceState(seen=dict(seen), http=dict(data.get("http", {})),
                       cursors=dict(data.get("cursors", {})), first_run=False)


def save_state(path: Path, state: SourceState) -> None:
    """Write the state file atomically."""
    write_json_atomic(path, {"seen": state.seen, "http": state.http, "cursors": state.cursors})


def write_json_atomic(path: Path, data: object) -> None:
    """Write JSON to <path>.tmp, then rename it over path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, indent=1, default=str), encoding="utf-8")
    os.replace(tmp, path)
