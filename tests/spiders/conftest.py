"""Fixtures: a loopback HTTP server with canned routes, and `scrapy crawl` in a subprocess."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyarrow.parquet as pq
import pytest

REPO = Path(__file__).resolve().parents[2]
REALWORLD = REPO / ".." / "shared" / "data" / "realworld"

Route = tuple[int, dict[str, str], bytes] | Callable[[BaseHTTPRequestHandler],
                                                     tuple[int, dict[str, str], bytes]]


def realworld(*parts: str) -> Path:
    """Return a path under the shared real-world captures, skipping when they are absent."""
    path = REALWORLD.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"real-world captures not found: {path}")
    return path


@dataclass
class LoopbackServer:
    """A threaded HTTP server on 127.0.0.1 serving a dict of path -> answer."""

    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)
    headers_seen: list[dict[str, str]] = field(default_factory=list)
    port: int = 0

    @property
    def base(self) -> str:
        """Return http://127.0.0.1:<port>."""
        return f"http://127.0.0.1:{self.port}"


@pytest.fixture
def server() -> Iterator[LoopbackServer]:
    """Serve canned routes on a free loopback port for the test's duration."""
    state = LoopbackServer()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            state.hits.append(self.path)
            state.headers_seen.append(dict(self.headers))
            route = state.routes.get(self.path) or state.routes.get(self.path.split("?")[0])
            if route is None:
                status, headers, body = 404, {"Content-Type": "text/plain"}, b"not found"
            elif callable(route):
                status, headers, body = route(self)
            else:
                status, headers, body = route
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield state
    httpd.shutdown()
    httpd.server_close()


def free_port() -> int:
    """Return a loopback port nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class CrawlResult:
    """What one subprocess crawl left on disk."""

    stats: dict
    rows: list[dict]
    accounts: list[dict]
    state: dict
    returncode: int
    log: str


def make_spec(tmp: Path, source: dict, *, run_id: str = "20261122T030000Z-aaaaaa",
              now: str = "2026-11-22T03:00:00+00:00", **extra: object) -> dict:
    """Return a spec dict with loopback-friendly politeness (as the demo config sets it)."""
    source = {"since_days": 30, "max_items": 500, "max_pages": 20, **source}
    return {"source": source, "brand_accounts": extra.pop("brand_accounts", {}),
            "run_id": run_id, "run_date": "2026-11-22", "now": now,
            "lake_dir": str(tmp / "lake"), "state_path": str(tmp / "state" / f"{source['name']}.json"),
            "stats_path": str(tmp / "runs" / run_id / f"{source['name']}.json"),
            "user_agent": "VeilleTest/0.1 (+mailto:test@example.com)",
            "crawl": {"download_delay": 0, "autothrottle": False, "concurrency_per_domain": 8,
                      "obey_robots": True, "timeout_s": 5}, **extra}


def crawl(tmp: Path, spec: dict) -> CrawlResult:
    """Run `python -m scrapy crawl <type> -a spec=...` from the repo root and read its output."""
    return crawl_many(tmp, [spec])[0]


def crawl_many(tmp: Path, specs: list[dict]) -> list[CrawlResult]:
    """Run independent crawls side by side (one process each) and read their outputs."""
    procs = []
    for spec in specs:
        spec_path = tmp / f"spec-{spec['source']['name']}-{spec['run_id']}.json"
        spec_path.write_text(json.dumps(spec))
        procs.append(subprocess.Popen(
            [sys.executable, "-m", "scrapy", "crawl", spec["source"]["type"],
             "-a", f"spec={spec_path}", "-s", "LOG_LEVEL=INFO", "-s", "RETRY_TIMES=1"],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    logs = [proc.communicate(timeout=60)[1] for proc in procs]
    return [_result(spec, proc.returncode, log)
            for spec, proc, log in zip(specs, procs, logs, strict=True)]


def _result(spec: dict, returncode: int | None, log: str) -> CrawlResult:
    """Read the stats, Parquet rows and state one crawl left on disk."""
    name, run_id = spec["source"]["name"], spec["run_id"]
    part = f"source={name}/date={spec['run_date']}/{run_id}.parquet"
    raw = Path(spec["lake_dir"]) / "raw" / part
    acc = Path(spec["lake_dir"]) / "accounts" / part
    stats_path, state_path = Path(spec["stats_path"]), Path(spec["state_path"])
    assert stats_path.exists(), log[-3000:]
    return CrawlResult(
        stats=json.loads(stats_path.read_text()),
        rows=pq.read_table(raw).to_pylist() if raw.exists() else [],
        accounts=pq.read_table(acc).to_pylist() if acc.exists() else [],
        state=json.loads(state_path.read_text()) if state_path.exists() else {},
        returncode=returncode, log=log)
