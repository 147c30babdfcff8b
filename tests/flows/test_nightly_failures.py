"""One source hangs, one crashes its parser: the night still completes and says so."""

from __future__ import annotations

import socket
import tomllib

import duckdb
import pytest

from tests.flows.conftest import RUN_DATE

pytestmark = pytest.mark.e2e


@pytest.fixture
def silent_server():
    """A loopback port that accepts connections and never answers a byte."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        s.listen(16)
        yield f"http://127.0.0.1:{s.getsockname()[1]}"


def test_timeout_and_parser_crash_cost_only_their_sources(prefect_server, demo_web,
                                                          silent_server, tmp_path):
    from flows.demo import write_demo_config

    config = write_demo_config(tmp_path, demo_web.base_url, RUN_DATE)
    text = config.read_text(encoding="utf-8")
    good = [s["name"] for s in tomllib.loads(text)["sources"] if s["type"] == "feed"][:1]
    # A 3 s request timeout: the hanging source gives up after its retries, in seconds not minutes.
    text = text.replace("[crawl]\n", "[crawl]\ntimeout_s = 3\n", 1)
    text += (
        '\n[[sources]]\nname = "fault-hangs"\ntype = "feed"\n'
        f'url = "{silent_server}/feed.xml"\nfollow_links = false\n'
        # An invalid CSS selector makes the reviews parser raise on the page it fetched.
        '\n[[sources]]\nname = "fault-parser"\ntype = "reviews"\n'
        f'url = "{demo_web.base_url}/avis/entreprise/orbis"\nbrand = "orbis"\n'
        'selectors = { review = "div[[" }\n'
    )
    config.write_text(text, encoding="utf-8")

    run = prefect_server.run_deployment("veille-nightly/nightly", {
        "config": str(config), "run_date": RUN_DATE.isoformat(),
        "only": good + ["fault-hangs", "fault-parser"]})

    assert run["state"]["type"] == "COMPLETED", run["state"]
    con = duckdb.connect(str(tmp_path / "veille.duckdb"), read_only=True)
    status = dict(con.execute("select source, status from runs").fetchall())
    errors = dict(con.execute("select source, error from runs where status <> 'ok'").fetchall())
    loaded = con.execute("select count(*) from documents where source = ?", good).fetchone()[0]
    con.close()
    assert status == {good[0]: "ok", "fault-hangs": "failed", "fault-parser": "failed"}
    assert loaded > 0
    assert "time" in errors["fault-hangs"].lower()
    assert "parser raised" in errors["fault-parser"] and "Selector" in errors["fault-parser"]
    for ext in ("txt", "html"):
        page = (tmp_path / "digests" / f"{RUN_DATE}.{ext}").read_text(encoding="utf-8")
        assert "fault-hangs" in page and "fault-parser" in page
        assert errors["fault-hangs"][:40] in page and "parser raised" in page
