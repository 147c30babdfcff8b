"""After a model change, `veille backfill` over the demo history rewrites the enrichment, no duplicates."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from models.sentiment_model import SHIPPED_DIR, LinearSentiment, model_meta
from tests.e2e.conftest import RUN_DATE

pytestmark = pytest.mark.e2e

NEW_VERSION = "test-model-change-1"
KEYS = {
    "documents": "doc_id",
    "mentions": "doc_id, brand_id, start_char",
    "doc_topics": "doc_id, topic_id",
    "brand_topics": "doc_id, brand_id, topic_id",
    "entities": "doc_id, norm, label, start_char",
    "keyphrases": "doc_id, phrase",
}


def _copy_watch(config: Path, target: Path) -> Path:
    """Copy the demo watch (config, lake, state, warehouse) to `target`, its config pointing there."""
    source_dir = config.parent
    shutil.copytree(source_dir, target, ignore=shutil.ignore_patterns("*.tmp", "digests"))
    text = config.read_text(encoding="utf-8").replace(str(source_dir.resolve()), str(target.resolve()))
    (target / "veille.toml").write_text(text, encoding="utf-8")
    return target / "veille.toml"


def _register_changed_model(registry: Path) -> None:
    """Put a changed model (every weight halved, a new version) in the watch's registry."""
    model = registry / NEW_VERSION
    shutil.copytree(SHIPPED_DIR, model)
    for lang in model_meta(SHIPPED_DIR)["languages"]:
        weights = LinearSentiment.load(SHIPPED_DIR, lang)
        weights.weights *= 0.5
        weights.save(model)
    meta = model_meta(model) | {"version": NEW_VERSION, "parent": model_meta(SHIPPED_DIR)["version"]}
    (model / "meta.json").write_text(json.dumps(meta), encoding="utf-8")
    (registry / "current.json").write_text(json.dumps({"version": NEW_VERSION}), encoding="utf-8")


def _snapshot(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {"counts": {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in KEYS},
               "dupes": {t: con.execute(f"select count(*) from (select {k} from {t} group by all having count(*) > 1)")
                         .fetchone()[0] for t, k in KEYS.items()},
               "versions": dict(con.execute("select model_version, count(*) from documents group by 1").fetchall()),
               "first_day": con.execute("select min(published_date) from documents").fetchone()[0]}
        out["sentiment"] = dict(con.execute("select doc_id, sentiment_score from documents").fetchall())
        return out
    finally:
        con.close()


def test_backfill_after_a_model_change_rewrites_every_row_once(demo_run, tmp_path):
    config, _ = demo_run
    watch = _copy_watch(config, tmp_path / "watch")
    before = _snapshot(watch.parent / "veille.duckdb")
    assert all(v.endswith("+sentiment-" + model_meta(SHIPPED_DIR)["version"]) for v in before["versions"])
    _register_changed_model(watch.parent / "models" / "sentiment")

    lake_days = sorted(p.name.removeprefix("date=") for p in (watch.parent / "lake/raw").glob("source=*/date=*"))
    done = subprocess.run(
        [sys.executable, "-m", "flows.cli", "backfill", "--from", lake_days[0], "--to", str(RUN_DATE),
         "--config", str(watch)],
        capture_output=True, text=True, timeout=600, env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false"},
        cwd=Path(__file__).parents[2])
    assert done.returncode == 0, done.stdout + done.stderr

    after = _snapshot(watch.parent / "veille.duckdb")
    assert list(after["versions"]) == [v.replace(model_meta(SHIPPED_DIR)["version"], NEW_VERSION)
                                       for v in before["versions"]]
    assert after["counts"] == before["counts"] and before["counts"]["brand_topics"] > 0
    assert after["dupes"] == {t: 0 for t in KEYS}
    # the halved weights move the scores: the rows were re-enriched, not relabelled
    moved = sum(abs(after["sentiment"][d] - s) > 1e-6 for d, s in before["sentiment"].items())
    assert moved > 0.5 * len(before["sentiment"])
