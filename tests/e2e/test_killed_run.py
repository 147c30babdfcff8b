"""A run SIGKILLed in the middle of its load, then run again, ends with the counts of a clean run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.e2e.conftest import RUN_DATE

pytestmark = pytest.mark.e2e
ROOT = Path(__file__).resolve().parents[2]
TABLES = ["documents", "mentions", "entities", "doc_topics", "keyphrases", "account_snapshots"]


def veille_run(config: Path) -> subprocess.Popen:
    log = (config.parent / "run.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "-m", "flows.cli", "run", "--config", str(config), "--date", RUN_DATE.isoformat()],
        cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,  # its own process group, so the kill takes its children too
    )


def tail(config: Path) -> str:
    return (config.parent / "run.log").read_text(encoding="utf-8", errors="replace")[-3000:]


def counts(db: Path) -> dict[str, int]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in TABLES}  # noqa: S608
    finally:
        con.close()


def test_killed_during_load_then_rerun_converges(demo_server, tmp_path):
    from flows.demo import write_demo_config

    demo_server.set_clock(RUN_DATE)
    killed = write_demo_config(tmp_path / "killed", demo_server.base_url, RUN_DATE)
    clean = write_demo_config(tmp_path / "clean", demo_server.base_url, RUN_DATE)

    proc = veille_run(killed)
    building = killed.parent / "veille.duckdb.building"
    deadline = time.monotonic() + 600
    while not building.exists():
        assert proc.poll() is None, "the run ended before its load could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.005)
    os.killpg(proc.pid, signal.SIGKILL)  # the publish is building the new warehouse file
    assert proc.wait(timeout=60) == -signal.SIGKILL
    assert not (killed.parent / "veille.duckdb").exists()  # nothing was published

    assert veille_run(killed).wait(timeout=900) == 0, tail(killed)
    assert veille_run(clean).wait(timeout=900) == 0, tail(clean)
    after_kill, uninterrupted = counts(killed.parent / "veille.duckdb"), counts(clean.parent / "veille.duckdb")
    assert after_kill["documents"] > 1000
    assert after_kill == uninterrupted
