"""Load the real pipelines once per test session."""

from __future__ import annotations

import json
from datetime import datetime, UTC
from pathlib import Path

import pyarrow as pa
import pytest

from models import Enricher, EnrichSettings
from spiders.schema import DOCUMENT_SCHEMA

EVAL_CONFIG = Path(__file__).parents[2] / "models/eval/config.json"


@pytest.fixture(scope="session")
def config() -> dict:
    return json.loads(EVAL_CONFIG.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def enricher(config) -> Enricher:
    return Enricher(EnrichSettings(brands=config["brands"], topics=config["topics"]))


@pytest.fixture(scope="session")
def fr_nlp(enricher):
    return enricher.pipeline("fr")


@pytest.fixture(scope="session")
def en_nlp(enricher):
    return enricher.pipeline("en")


def make_docs(*rows: dict) -> pa.Table:
    """Build a DOCUMENT_SCHEMA table from partial rows."""
    now = datetime.now(UTC)
    base = {f.name: None for f in DOCUMENT_SCHEMA}
    base.update(source="s", source_type="feed", channel="blog", kind="article", fetched_at=now, run_id="r0")
    return pa.Table.from_pylist([{**base, "doc_id": str(i), **row} for i, row in enumerate(rows)],
                                schema=DOCUMENT_SCHEMA)
