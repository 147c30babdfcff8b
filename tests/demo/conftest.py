"""Share one generated market and one running demo server across the demo tests."""

from __future__ import annotations

import urllib.error
import urllib.request
from datetime import date

import pytest

from demo.generator import generate
from demo.server import serve

RUN_DATE = date(2026, 11, 22)


@pytest.fixture(scope="session")
def market():
    return generate(RUN_DATE)


@pytest.fixture()
def server(market):
    with serve(market) as srv:
        yield srv


def fetch(url: str, headers: dict[str, str] | None = None, method: str = "GET"):
    """Return (status, headers, body text) without raising on HTTP errors."""
    req = urllib.request.Request(url, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, r.headers, r.read().decode("utf-8", "replace")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, e.read().decode("utf-8", "replace")
