"""Where a watch keeps its files under data_dir (design §4), and run ids."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cached_property
from pathlib import Path

from contract.lake import Lake


@dataclass(frozen=True)
class Layout:
    """Paths of one watch's lake, state, warehouse and digests."""

    data_dir: Path
    lake_url: str | None = None  # [watch] lake_url: the lake elsewhere than data_dir/lake

    @property
    def lake(self) -> Path:
        """The local lake folder (when no lake_url is set)."""
        return self.data_dir / "lake"

    @cached_property
    def store(self) -> Lake:
        """The lake, wherever it lives: read and write it through this."""
        return Lake(self.lake_url or self.lake)

    @property
    def state(self) -> Path:
        return self.data_dir / "state"

    @property
    def runs(self) -> Path:
        return self.data_dir / "runs"

    @property
    def db(self) -> Path:
        return self.data_dir / "veille.duckdb"

    @property
    def digests(self) -> Path:
        return self.data_dir / "digests"

    @property
    def sentiment_registry(self) -> Path:
        """Versioned sentiment models trained on this watch's reviews, with current.json."""
        return self.data_dir / "models" / "sentiment"

    def run_dir(self, run_id: str) -> Path:
        return self.runs / run_id

    def ensure(self) -> Layout:
        for path in (self.state, self.runs, self.digests) + (() if self.lake_url else (self.lake,)):
            path.mkdir(parents=True, exist_ok=True)
        return self


def new_run_id(now: datetime | None = None) -> str:
    """Return a run id that sorts by start time: YYYYMMDDTHHMMSSZ-<6 hex>."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
