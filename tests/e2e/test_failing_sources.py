"""One source answering 500, one malformed, one unreachable: the rest loads, exit 1, all recorded."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import duckdb
import pytest

from tests.e2e.conftest import RUN_DATE, free_port

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]


def test_failed_sources_are_recorded_and_named(demo_server, tmp_path):
    from flows.demo import write_demo_config

    config = write_demo_config(tmp_path, demo_server.base_url, RUN_DATE)
    good = [s["name"] for s in tomllib.loads(config.read_text())["sources"] if s["type"] == "feed"][:1]
    dead_port = free_port()  # bound then released: nothing listens there
    faults = {
        "fault-500": f"{demo_server.base_url}/faults/500/feed.xml",
        "fault-malformed": f"{demo_server.base_url}/faults/malformed/feed.xml",
        "fault-unreachable": f"http://127.0.0.1:{dead_port}/feed.xml",
    }
    with config.open("a", encoding="utf-8") as f:
        for name, url in faults.items():
            f.write(f'\n[[sources]]\nname = "{name}"\ntype = "feed"\nurl = "{url}"\nfollow_links = false\n')
    proc = subprocess.run(
        [sys.executable, "-m", "flows.cli", "run", "--config", str(config), "--date", RUN_DATE.isoformat(),
         "--only", ",".join(good + list(faults))],
        capture_output=True, text=True, cwd=ROOT, timeout=600,
    )
    output = proc.stdout[-4000:] + proc.stderr[-4000:]
    assert proc.returncode == 1, output
    assert (tmp_path / "veille.duckdb").exists(), output  # exit 1 from a load, not from a crash

    con = duckdb.connect(str(tmp_path / "veille.duckdb"), read_only=True)
    runs = dict(con.execute("select source, status from runs").fetchall())
    errors = dict(con.execute("select source, error from runs where status <> 'ok'").fetchall())
    loaded = con.execute("select count(*) from documents where source = ?", good).fetchone()[0]
    con.close()
    assert runs[good[0]] == "ok" and loaded > 0
    assert "500" in errors["fault-500"]
    assert "malformed" in errors["fault-malformed"].lower()
    assert "refused" in errors["fault-unreachable"].lower() or "connect" in errors["fault-unreachable"].lower()

    digest_text = next((tmp_path / "digests").glob("*.txt")).read_text(encoding="utf-8")
    digest_html = next((tmp_path / "digests").glob("*.html")).read_text(encoding="utf-8")
    for name in faults:
        assert name in digest_text and name in digest_html
