"""A real local Prefect server, a process worker and the repo's deployments, once per session."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
# The e2e tests' date: the generated market, and so what the demo web serves, is reproducible.
RUN_DATE = date(2026, 11, 20)
POOL = "veille"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class PrefectServer:
    """A running API plus the environment that points Prefect's CLI at it."""

    url: str
    env: dict[str, str]
    home: Path

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
        """Run `prefect <args>` from the repo root against this server."""
        return subprocess.run([str(BIN / "prefect"), "--no-prompt", *args], cwd=ROOT, env=self.env,
                              capture_output=True, text=True, timeout=timeout)

    def post(self, path: str, body: dict) -> list[dict] | dict:
        """POST to the REST API and return the decoded JSON."""
        response = httpx.post(f"{self.url}{path}", json=body, timeout=30)
        response.raise_for_status()
        return response.json()

    def run_deployment(self, name: str, params: dict, timeout: float = 600) -> dict:
        """Trigger a deployment, wait for a final state and return the flow run."""
        proc = self.cli("deployment", "run", name, "--params", json.dumps(params), timeout=60)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        run_id = re.search(r"UUID:\s*([0-9a-f-]{36})", proc.stdout).group(1)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            run = httpx.get(f"{self.url}/flow_runs/{run_id}", timeout=30).json()
            if run["state"]["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                return run
            time.sleep(2)
        raise AssertionError(f"flow run {run_id} still {run['state']['name']} after {timeout} s; "
                             f"worker log: {self.home / 'worker.log'}")

    def artifacts(self, flow_run_id: str) -> dict[str, dict]:
        """Return the flow run's artifacts (task runs' included) by key."""
        rows = self.post("/artifacts/filter",
                         {"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}})
        return {a["key"]: a for a in rows}


def _wait_healthy(url: str, proc: subprocess.Popen, log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"prefect server exited: {log.read_text()[-2000:]}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"prefect server not healthy after {timeout} s: {log.read_text()[-2000:]}")


def _stop(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@pytest.fixture(scope="session")
def prefect_server(tmp_path_factory) -> Iterator[PrefectServer]:
    """Start `prefect server start`, a process worker, and `prefect deploy --all` from the repo."""
    home = tmp_path_factory.mktemp("prefect-home")
    port = free_port()
    url = f"http://127.0.0.1:{port}/api"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_")}
    env.update(
        PREFECT_HOME=str(home),
        PREFECT_API_URL=url,
        PREFECT_SERVER_ANALYTICS_ENABLED="false",
        PREFECT_UI_ENABLED="false",
        # The worker polls every 15 s by default: too slow for a test waiting on one run.
        PREFECT_WORKER_QUERY_SECONDS="2",
        PATH=f"{BIN}{os.pathsep}{env.get('PATH', '')}",
    )
    server_log = home / "server.log"
    with server_log.open("wb") as out:
        server = subprocess.Popen(
            [str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)],
            cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT)
    srv = PrefectServer(url, env, home)
    worker = None
    try:
        _wait_healthy(url, server, server_log, timeout=120)
        proc = srv.cli("work-pool", "create", POOL, "--type", "process")
        assert proc.returncode == 0, proc.stdout + proc.stderr
        proc = srv.cli("deploy", "--all", timeout=180)
        assert proc.returncode == 0, proc.stdout + proc.stderr
        with (home / "worker.log").open("wb") as out:
            worker = subprocess.Popen(
                [str(BIN / "prefect"), "worker", "start", "--pool", POOL, "--type", "process"],
                cwd=home, env=env, stdout=out, stderr=subprocess.STDOUT)
        yield srv
    finally:
        if worker is not None:
            _stop(worker)
        _stop(server)
        if os.environ.get("VEILLE_KEEP_PREFECT_HOME") is None:
            shutil.rmtree(home / "storage", ignore_errors=True)


@pytest.fixture(scope="session")
def demo_web():
    """Serve the generated demo market on a free loopback port in this process."""
    from demo.generator import generate
    from demo.server import serve

    with serve(generate(RUN_DATE), port=free_port()) as server:
        yield server
