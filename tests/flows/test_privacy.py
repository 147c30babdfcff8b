"""[privacy]: the key is required when pseudonymising; retention blanks old raw text only."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from flows.config import Config
from flows.enrich import backfill_files, enrich_files, make_enricher, pending_raw_files
from flows.layout import Layout
from flows.privacy import pseudonym, purge_expired_text, purged_files
from spiders.schema import DOCUMENT_SCHEMA

REPO = Path(__file__).resolve().parents[2]
CFG = Config.model_validate({
    "brands": [{"id": "orbis", "name": "Orbis", "aliases": ["Orbis"]}],
    "sources": [{"name": "avis", "type": "reviews", "url": "http://127.0.0.1:9/avis", "brand": "orbis"}],
    "privacy": {"retention_days": 30},
})


def test_pseudonyms_are_keyed_stable_and_blind_to_case_spacing_and_at() -> None:
    a = pseudonym("key-one-0123456789", "Marie Dupont")
    assert a == pseudonym("key-one-0123456789", "  marie   DUPONT ")
    assert pseudonym("key-one-0123456789", "@mdupont") == pseudonym("key-one-0123456789", "mdupont")
    assert a != pseudonym("key-two-0123456789", "Marie Dupont")
    assert a != pseudonym("key-one-0123456789", "Marie Durand")
    assert pseudonym("k" * 16, None) is None and pseudonym("k" * 16, "") == ""


def test_pseudonymisation_on_without_a_key_exits_2_naming_the_variable(tmp_path) -> None:
    config = tmp_path / "veille.toml"
    config.write_text('[privacy]\npseudonymise_authors = true\nkey_env = "WATCH_KEY"\n'
                      '[[brands]]\nid = "a"\nname = "A"\n'
                      '[[sources]]\nname = "s"\ntype = "feed"\nurl = "http://127.0.0.1:9/f.xml"\n',
                      encoding="utf-8")
    env = {"PATH": "/usr/bin:/bin", "PREFECT_HOME": str(tmp_path / "prefect")}
    proc = subprocess.run([sys.executable, "-m", "flows.cli", "check", "--config", str(config)],
                          cwd=REPO, capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 2, proc.stderr
    assert "WATCH_KEY" in proc.stderr and "privacy.pseudonymise_authors" in proc.stderr
    ok = subprocess.run([sys.executable, "-m", "flows.cli", "check", "--config", str(config)],
                        cwd=REPO, capture_output=True, text=True, timeout=120,
                        env={**env, "WATCH_KEY": "x" * 32})
    assert ok.returncode == 0, ok.stderr


def _raw(layout: Layout, day: str, doc_id: str, text: str) -> str:
    row = {"doc_id": doc_id, "source": "avis", "source_type": "reviews", "channel": "review",
           "kind": "review", "subject_brand": "orbis", "title": f"Avis {doc_id}", "text": text,
           "author": "Client", "rating": 1, "rating_best": 5,
           "fetched_at": datetime.fromisoformat(f"{day}T03:00:00+00:00"),
           "published_at": datetime.fromisoformat(f"{day}T01:00:00+00:00"),
           "run_id": f"{day.replace('-', '')}T030000Z-aaaaaa"}
    return layout.store.write_table(pa.Table.from_pylist([row], schema=DOCUMENT_SCHEMA),
                                    f"raw/source=avis/date={day}/{row['run_id']}.parquet")


def test_retention_blanks_old_raw_text_and_keeps_enrichment_and_aggregates(tmp_path) -> None:
    import warehouse

    layout = Layout(tmp_path).ensure()
    old = _raw(layout, "2026-09-01", "old", "Orbis : service client nul, trois semaines de panne.")
    new = _raw(layout, "2026-11-15", "new", "Orbis : service client nul, encore une panne.")
    enrich_files(layout, make_enricher(CFG, layout), "20261116T030000Z-bbbbbb", pending_raw_files(layout))
    late = _raw(layout, "2026-09-02", "late", "Orbis : jamais enrichi, pas encore.")

    report = purge_expired_text(layout, 30, date(2026, 11, 20))
    assert (report.cutoff, report.files, report.documents, report.skipped_unenriched) == \
        ("2026-10-21", 1, 1, 1)
    blanked = layout.store.read_table(old).to_pylist()[0]
    assert (blanked["title"], blanked["text"], blanked["reply_text"]) == (None, None, None)
    assert (blanked["doc_id"], blanked["rating"], blanked["author"]) == ("old", 1, "Client")
    assert layout.store.read_table(new).to_pylist()[0]["text"].startswith("Orbis")
    assert layout.store.read_table(late).to_pylist()[0]["text"].startswith("Orbis")
    assert purged_files(layout) == {old}
    assert purge_expired_text(layout, 30, date(2026, 11, 20)).files == 0  # done once
    # a backfill leaves the purged partition's enrichment alone
    assert old not in backfill_files(layout, date(2026, 8, 1), date(2026, 11, 30))

    report = warehouse.publish(layout.store, layout.db, CFG.as_plain())
    con = duckdb.connect(str(layout.db), read_only=True)
    try:
        docs = dict(con.execute("select doc_id, text from documents").fetchall())
        mentions = con.execute("select doc_id, brand_id, bool_and(sentiment = 'negative') from mentions "
                               "where doc_id in ('old', 'new') group by all order by doc_id").fetchall()
    finally:
        con.close()
    assert docs["old"] is None and docs["new"].startswith("Orbis")
    assert [(d, b) for d, b, _ in mentions] == [("new", "orbis"), ("old", "orbis")]
    assert mentions[1][2]  # negative, as measured while the text existed
    assert json.loads((layout.state / "purged.json").read_text()) == [old]
    assert report.counts["documents"] == 3
