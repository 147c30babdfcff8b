"""End-to-end fixtures: the demo web on loopback and one month of nightly runs on it."""

from __future__ import annotations

import os
import socket
from datetime import date
from pathlib import Path

import pytest

# A fixed run date keeps the generated market, and so the planted signals, reproducible.
RUN_DATE = date(2026, 11, 20)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def prefect_harness():
    """One Prefect test server for the whole session (each costs several seconds)."""
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    from prefect.testing.utilities import prefect_test_harness

    with prefect_test_harness(server_startup_timeout=90):
        yield


@pytest.fixture(scope="session")
def market():
    from demo.generator import generate

    return generate(RUN_DATE)


@pytest.fixture(scope="session")
def demo_server(market):
    from demo.server import serve

    with serve(market, port=free_port()) as server:
        yield server


@pytest.fixture(scope="session")
def demo_run(prefect_harness, demo_server, tmp_path_factory):
    """Replay the demo's nights once for the session; return (config path, flow results)."""
    from flows.demo import replay_nights, write_demo_config

    data_dir = tmp_path_factory.mktemp("demo")
    config = write_demo_config(data_dir, demo_server.base_url, RUN_DATE)
    results = replay_nights(demo_server, config, RUN_DATE)
    demo_server.set_clock(RUN_DATE)
    return config, results


@pytest.fixture(scope="session")
def warehouse_db(demo_run) -> Path:
    config, _ = demo_run
    return config.parent / "veille.duckdb"
