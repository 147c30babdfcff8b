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

import os
from dataclasses import dataclass, field
from datetime import date, timedelta

import pyarrow as pa

from contract.lake import partition_date
from contract.privacy import KEY_ENV, PURGED_COLUMNS, pseudonym
from flows.config import Config, ConfigError
from flows.layout import Layout
from flows.manifests import purged_files, read_manifest, write_purged

__all__ = ["KEY_ENV", "PURGED_COLUMNS", "PrivacyKeyMissing", "PurgeReport", "pseudonym",
           "pseudonym_key", "purge_expired_text", "purged_files"]


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


@dataclass
class PurgeReport:
    cutoff: str = ""
    files: int = 0
    documents: int = 0
    skipped_unenriched: int = 0
    purged: list[str] = field(default_factory=list)


def purge_expired_text(layout: Layout, retention_days: int, today: date) -> PurgeReport:
    """Blank title, text and reply_text of enriched raw files older than retention_days."""
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
        write_purged(layout, done)
    return report

