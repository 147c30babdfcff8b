"""prefect.yaml as users run it: a server, a process worker, `prefect deploy --all`, a night."""

from __future__ import annotations

import duckdb
import pytest

from tests.flows.conftest import RUN_DATE

pytestmark = pytest.mark.e2e


def test_deploy_all_declares_the_schedules(prefect_server):
    rows = prefect_server.post("/deployments/filter", {})
    deployments = {d["name"]: d for d in rows}
    assert set(deployments) == {"nightly", "weekly-digest", "backfill"}
    assert all(d["work_pool_name"] == "veille" for d in rows)
    nightly = deployments["nightly"]["schedules"][0]["schedule"]
    weekly = deployments["weekly-digest"]["schedules"][0]["schedule"]
    assert (nightly["cron"], nightly["timezone"]) == ("0 3 * * *", "Europe/Paris")
    assert (weekly["cron"], weekly["timezone"]) == ("0 7 * * 1", "Europe/Paris")
    backfill = deployments["backfill"]["parameter_openapi_schema"]["properties"]
    assert {"start", "end"} <= set(backfill)
    assert deployments["backfill"]["schedules"] == []


def test_nightly_deployment_runs_on_the_worker_with_its_artifacts(prefect_server, demo_web,
                                                                  tmp_path):
    from flows.demo import write_demo_config

    config = write_demo_config(tmp_path, demo_web.base_url, RUN_DATE)
    run = prefect_server.run_deployment(
        "veille-nightly/nightly", {"config": str(config), "run_date": RUN_DATE.isoformat()})

    assert run["state"]["type"] == "COMPLETED", run["state"]
    artifacts = prefect_server.artifacts(run["id"])
    assert {"veille-run", "veille-sources", "veille-share-of-voice"} <= set(artifacts)
    assert f"({RUN_DATE})" in artifacts["veille-run"]["data"]
    sources = artifacts["veille-sources"]["data"]
    assert "orbis-blog" in sources or "orbis" in sources
    con = duckdb.connect(str(tmp_path / "veille.duckdb"), read_only=True)
    documents = con.execute("select count(*) from documents").fetchone()[0]
    brands = {r[0] for r in con.execute("select distinct brand_id from sov_weekly").fetchall()}
    con.close()
    assert documents > 100 and {"orbis", "nova"} <= brands
    assert (tmp_path / "digests" / f"{RUN_DATE}.html").exists()
