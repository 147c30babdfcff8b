"""The lake on another fsspec filesystem: a real FTP server on loopback (pyftpdlib).

Crawls (Scrapy subprocesses), run records, enrichment (in process and on a Dask cluster)
and the warehouse load all go through `[watch] lake_url`, with the credentials in the
environment only; the warehouse comes out as from a lake on the local disk.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import duckdb
import fsspec
import pyarrow as pa
import pytest

from contract.lake import Lake
from flows.config import ConfigError, load_config
from tests.flows.conftest import RUN_DATE


@pytest.fixture
def ftp_root(tmp_path, monkeypatch) -> Iterator[tuple[str, Path]]:
    """Serve a folder over FTP on loopback; credentials only in fsspec's environment."""
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.servers import ThreadedFTPServer

    served = tmp_path / "ftp"
    served.mkdir()
    authorizer = DummyAuthorizer()
    authorizer.add_user("veille", "s3cret-ftp", str(served), perm="elradfmwMT")
    handler = type("Handler", (FTPHandler,), {"authorizer": authorizer})
    server = ThreadedFTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, kwargs={"timeout": 0.2}, daemon=True)
    thread.start()
    # fsspec reads FSSPEC_<PROTOCOL>_<ARG> at import: the env serves the crawl subprocesses,
    # the conf this process (already imported).
    creds = {"username": "veille", "password": "s3cret-ftp"}
    for key, value in creds.items():
        monkeypatch.setenv(f"FSSPEC_FTP_{key.upper()}", value)
    monkeypatch.setitem(fsspec.config.conf, "ftp", creds)
    fsspec.filesystem("ftp", host="127.0.0.1", port=server.address[1]).clear_instance_cache()
    yield f"ftp://127.0.0.1:{server.address[1]}", served
    server.close_all()


def test_lake_on_memory_writes_lists_versions_and_reads(tmp_path) -> None:
    lake = Lake("memory://veille-lake-unit/lake")
    try:
        rel = "raw/source=a/date=2026-11-20/r1.parquet"
        lake.write_table(pa.table({"doc_id": ["x", "y"]}), rel)
        lake.fs.pipe(lake.path("raw/source=a/date=2026-11-20/r2.parquet.tmp"), b"in flight")
        assert lake.files("raw/source=*/date=*/*.parquet") == [rel]
        before = lake.scan("raw/**/*.parquet")[rel]
        lake.write_table(pa.table({"doc_id": ["x", "y", "z"]}), rel)
        assert lake.scan("raw/**/*.parquet")[rel] != before
        assert lake.read_table(rel, columns=["doc_id"]).column(0).to_pylist() == ["x", "y", "z"]
        assert lake.url == "memory://veille-lake-unit/lake"
    finally:
        lake.fs.rm("/veille-lake-unit", recursive=True)


def test_a_lake_url_fsspec_cannot_open_fails_the_config_naming_the_key(tmp_path) -> None:
    config = tmp_path / "veille.toml"
    config.write_text(
        '[watch]\nlake_url = "nosuchfs://bucket/lake"\n'
        '[[brands]]\nid = "a"\nname = "A"\n'
        '[[sources]]\nname = "s"\ntype = "feed"\nurl = "http://127.0.0.1:9/f.xml"\n',
        encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        load_config(config)
    assert "watch.lake_url" in str(err.value) and "nosuchfs" in str(err.value)


@pytest.mark.e2e
def test_whole_night_with_the_lake_on_ftp_matches_the_local_lake(
        ftp_root, demo_web, prefect_server, tmp_path, caplog) -> None:
    from distributed import LocalCluster
    from prefect.settings import PREFECT_API_URL, temporary_settings

    from flows.demo import write_demo_config
    from flows.scale import enrich_on_dask
    from flows.stages import Run, crawl_one, enrich_new, publish, record_runs

    url, served = ftp_root
    dbs = {}
    try:
        for mode in ("local", "ftp"):
            config = write_demo_config(tmp_path / mode, demo_web.base_url, RUN_DATE)
            if mode == "ftp":
                text = config.read_text(encoding="utf-8")
                config.write_text(text.replace("[watch]\n", f'[watch]\nlake_url = "{url}/lake"\n', 1),
                                  encoding="utf-8")
            cfg = load_config(config)
            assert (cfg.watch.lake_url is not None) == (mode == "ftp")
            sources = ([s for s in cfg.sources if s.type == "feed"][:2]
                       + [s for s in cfg.sources if s.type == "reviews"][:1])
            for night in (RUN_DATE - timedelta(days=7), RUN_DATE):
                demo_web.set_clock(night)
                run = Run.start(cfg, config, night)
                results = [crawl_one(run, s) for s in sources]
                assert [r.status for r in results] == ["ok"] * len(sources), results
                record_runs(run, results)
                if mode == "ftp" and night == RUN_DATE:
                    # the last night's enrichment on Dask workers, which reach the lake by URL
                    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                      dashboard_address=None) as cluster, \
                            temporary_settings({PREFECT_API_URL: prefect_server.url}):
                        report = enrich_on_dask(run, cluster.scheduler_address)
                else:
                    report = enrich_new(run)
                assert report.documents > 0
                publish(run)
            dbs[mode] = run.layout.db
    finally:
        demo_web.set_clock(RUN_DATE)

    # Everything went to the FTP server; nothing to data_dir/lake on the local disk.
    assert not (tmp_path / "ftp" / "data" / "lake").exists()
    on_ftp = {p.relative_to(served / "lake").parts[0] for p in (served / "lake").rglob("*.parquet")}
    assert on_ftp == {"raw", "enriched", "runs"}
    assert not list(served.rglob("*.tmp"))

    wanted, got = _rows(dbs["local"]), _rows(dbs["ftp"])
    assert wanted["documents"] and wanted["mentions"] and wanted["review_kpis"]
    assert got == wanted
    assert "s3cret-ftp" not in caplog.text


def _rows(db: Path) -> dict[str, list[tuple]]:
    """What a crawl of the same demo web must give whatever the lake (no run ids, no clocks)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {
            "documents": con.execute(
                "select doc_id, source, title, text, published_at, rating, lang, sentiment "
                "from documents order by all").fetchall(),
            "mentions": con.execute(
                "select doc_id, brand_id, sentiment from mentions order by all").fetchall(),
            "review_kpis": con.execute("select * from review_kpis order by all").fetchall(),
            "runs": con.execute(
                "select source, status, new from runs order by all").fetchall(),
        }
    finally:
        con.close()
