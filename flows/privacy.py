"""GDPR options ([privacy]): authors pseudonymised with a keyed hash, raw text kept N days.

Pseudonyms are made at collection, in the crawl subprocess, so no author name or handle of
a member of the public reaches the lake: HMAC-SHA256 under a secret key of the
normalised name, `anon-<12 hex>`. The same person gets the same pseudonym across sources
and nights while the key stays the same, so "top authors" still counts people; whoever
lacks the key cannot reverse it, and changing the key unlinks past and future pseudonyms.
The brands' own accounts and documents (brand_owner set) keep their names: they are
organisations speaking publicly, and the bad-buzz answer times need them.

Retention blanks `title`, `text` and `reply_text` in raw lake files whose partition is
older than `retention_days` once they are enriched; every enriched row (mentions,
sentiment, topics, entities, keyphrases) and every aggregate stays. A backfill skips
those partitions, so their enrichment is kept rather than redone on empty text.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import pyarrow as pa

from flows.config import Config, ConfigError
from flows.lake import partition_date
from flows.layout import Layout

# The key travels to the crawl subprocesses under this name, whatever the config names.
KEY_ENV = "VEILLE_PSEUDONYM_KEY"
PURGED_COLUMNS = ("title", "text", "reply_text")


class PrivacyKeyMissing(ConfigError):
    """Pseudonymisation is on and no key could be read (exit 2, before any work)."""


def pseudonym_key(cfg: Config) -> str | None:
    """Return the pseudonymisation key (environment or Prefect Secret block), or None if off."""
    privacy = cfg.privacy
    if not privacy.pseudonymise_authors:
        return None
    if privacy.key_block:
        from prefect.blocks.system import Secret

        value = Secret.load(privacy.key_block).get()
    else:
        value = os.environ.get(privacy.key_env)
    if not value or len(value) < 16:
        where = (f"the Prefect Secret block {privacy.key_block!r}" if privacy.key_block
                 else f"the environment variable {privacy.key_env}")
        raise PrivacyKeyMissing(
            f"privacy.pseudonymise_authors is on but {where} holds no key of 16 characters or "
            f"more; set one (e.g. `export {privacy.key_env}=$(openssl rand -hex 32)`) and keep "
            "it: a new key gives every author a new pseudonym")
    return value


def pseudonym(key: str, name: str | None) -> str | None:
    """Return the keyed pseudonym of an author name or handle (None and "" pass through)."""
    if not name or not name.strip():
        return name
    norm = " ".join(unicodedata.normalize("NFKC", name).casefold().split()).lstrip("@")
    digest = hmac.new(key.encode(), norm.encode(), hashlib.sha256).hexdigest()
    return f"anon-{digest[:12]}"


@dataclass
class PurgeReport:
    cutoff: str = ""
    files: int = 0
    documents: int = 0
    skipped_unenriched: int = 0
    purged: list[str] = field(default_factory=list)


def _purged_path(layout: Layout) -> Path:
    return layout.state / "purged.json"


def purged_files(layout: Layout) -> set[str]:
    """Return the raw files (relative to the lake) whose text retention already blanked."""
    try:
        return set(json.loads(_purged_path(layout).read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return set()


def purge_expired_text(layout: Layout, retention_days: int, today: date) -> PurgeReport:
    """Blank title, text and reply_text of enriched raw files older than retention_days."""
    from flows.enrich import read_manifest

    cutoff = (today - timedelta(days=retention_days)).isoformat()
    report = PurgeReport(cutoff=cutoff)
    done, enriched = purged_files(layout), read_manifest(layout)
    lake = layout.store
    for rel in lake.files("raw/source=*/date=*/*.parquet"):
        if rel in done or partition_date(rel) >= cutoff:
            continue
        if rel not in enriched:
            report.skipped_unenriched += 1  # its text is still needed once
            continue
        table = lake.read_table(rel)
        for name in PURGED_COLUMNS:
            if name in table.column_names:
                i = table.column_names.index(name)
                table = table.set_column(i, table.field(i), pa.nulls(table.num_rows, table.field(i).type))
        lake.write_table(table, rel, compression="snappy")
        done.add(rel)
        report.files += 1
        report.documents += table.num_rows
        report.purged.append(rel)
        # recorded after each file: a crash leaves at most one file purged but unrecorded,
        # which the next run blanks again (same result)
        _write_purged(layout, done)
    return report


def _write_purged(layout: Layout, done: set[str]) -> None:
    path = _purged_path(layout)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(sorted(done), indent=0), encoding="utf-8")
    os.replace(tmp, path)

