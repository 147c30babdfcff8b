"""The folders agree on the files between them: Parquet schemas and warehouse tables."""

from __future__ import annotations

import duckdb
import pytest

from flows.runs import RUN_SCHEMA
from models.schema import ENRICHED_SCHEMAS
from spiders.schema import ACCOUNT_SCHEMA, DOCUMENT_SCHEMA
from warehouse.migrate import migrate


@pytest.fixture(scope="module")
def tables() -> dict[str, set[str]]:
    con = duckdb.connect()
    migrate(con)
    rows = con.execute(
        "select table_name, column_name from information_schema.columns where table_schema = 'main'"
    ).fetchall()
    con.close()
    found: dict[str, set[str]] = {}
    for table, column in rows:
        found.setdefault(table, set()).add(column)
    return found


def test_documents_hold_every_raw_column(tables):
    missing = set(DOCUMENT_SCHEMA.names) - tables["documents"]
    assert not missing


def test_documents_hold_the_enriched_document_columns(tables):
    # the MinHash signature is kept in story_signatures (warehouse/stories.py), not documents
    wanted = set(ENRICHED_SCHEMAS["doc_annotations"].names) - {"doc_id", "run_id", "enriched_at",
                                                                "minhash"}
    assert wanted <= tables["documents"]
    assert {"doc_id", "minhash"} <= tables["story_signatures"]


@pytest.mark.parametrize("name", ["mentions", "entities", "doc_topics", "brand_topics", "keyphrases"])
def test_enriched_tables_match(tables, name):
    missing = set(ENRICHED_SCHEMAS[name].names) - {"run_id"} - tables[name]
    assert not missing


def test_account_snapshots_and_runs_match(tables):
    assert set(ACCOUNT_SCHEMA.names) - {"run_id"} <= tables["account_snapshots"]
    assert set(RUN_SCHEMA.names) <= tables["runs"]
