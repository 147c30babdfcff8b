"""Enrichment fanned out on a local Dask cluster gives the warehouse the local run gives."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from tests.flows.conftest import RUN_DATE

pytestmark = pytest.mark.e2e


def _tables(db: Path) -> dict[str, list[tuple]]:
    con = duckdb.connect(str(db), read_only=True)
    names = [r[0] for r in con.execute(
        "select table_name from information_schema.tables where table_schema = 'main'"
        " and table_type = 'BASE TABLE' order by 1").fetchall()]
    # Load bookkeeping (the _lake_* and _migrations tables) and processing times record when
    # things ran; every other cell of every analyst-facing table must match.
    out = {}
    for name in names:
        if name.startswith("_"):
            continue
        cols = [r[0] for r in con.execute(
            "select column_name from information_schema.columns where table_name = ? and column_name"
            " not in ('loaded_at', 'published_at_load', 'applied_at', 'defined_at', 'enriched_at')",
            [name]).fetchall()]
        select = ", ".join(f'"{c}"' for c in cols)
        out[name] = con.execute(f'select {select} from "{name}" order by all').fetchall()
    con.close()
    return out


def test_dask_enrichment_matches_the_local_run(prefect_server, demo_web, tmp_path):
    from distributed import LocalCluster
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.config import load_config
    from flows.demo import write_demo_config
    from flows.scale import enrich_on_dask, partitions_of
    from flows.stages import Run, crawl_one, enrich_new, pending_raw_files, publish, record_runs

    base = tmp_path / "lake"
    config = write_demo_config(base, demo_web.base_url, RUN_DATE)
    cfg = load_config(config)
    feeds = [s for s in cfg.sources if s.type == "feed"][:2]
    try:
        for night in (RUN_DATE - timedelta(days=7), RUN_DATE):
            demo_web.set_clock(night)
            run = Run.start(cfg, config, night)
            record_runs(run, [crawl_one(run, s) for s in feeds])
    finally:
        demo_web.set_clock(RUN_DATE)

    runs = {}
    for mode in ("local", "dask"):
        shutil.copytree(base, tmp_path / mode)
        path = write_demo_config(tmp_path / mode, demo_web.base_url, RUN_DATE)
        runs[mode] = replace(Run.start(load_config(path), path, RUN_DATE), run_id=run.run_id)
    assert len(partitions_of(pending_raw_files(runs["dask"].layout))) == 2

    local = enrich_new(runs["local"])
    publish(runs["local"])
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, \
            temporary_settings({PREFECT_API_URL: prefect_server.url}):
        fanned = enrich_on_dask(runs["dask"], cluster.scheduler_address)
    publish(runs["dask"])

    assert fanned.partitions == local.partitions == 2
    assert fanned.documents == local.documents > 0 and fanned.rows == local.rows
    assert pending_raw_files(runs["dask"].layout) == []
    wanted, got = _tables(runs["local"].layout.db), _tables(runs["dask"].layout.db)
    assert wanted["documents"] and wanted["mentions"]
    assert got == wanted
