"""Checks stop the publish, name the check and leave the live file as it was."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import duckdb
import pytest

import warehouse
from warehouse.checks import CheckFailed, run_checks
from warehouse.publishing import building_path

DAY = date(2025, 1, 6)


def test_an_orphan_mention_stops_the_publish_and_keeps_the_live_file(lake, publish, rows, db_path):
    lake.doc("d1", DAY).mention("d1", "orbis")
    publish()
    lake.mention("ghost", "zen")  # enriched, but its raw document is missing
    with pytest.raises(
        CheckFailed, match=r"'mentions_orphan' failed: 1 offending row.*ghost"
    ) as failure:
        publish()
    assert failure.value.count == 1 and "re-run the crawl" in str(failure.value)
    assert rows("SELECT count(*) FROM mentions") == [(1,)]
    assert building_path(db_path).exists()  # the rejected build stays for inspection


def test_a_document_published_in_the_future_stops_the_publish(lake, publish, db_path):
    lake.doc("d1", DAY, published_at=datetime.now(UTC) + timedelta(days=3))
    with pytest.raises(CheckFailed, match="documents_published_in_future"):
        publish()
    assert not db_path.exists()


def test_a_duplicate_doc_id_is_reported_with_a_sample(lake, publish, db_path, tmp_path):
    lake.doc("d1", DAY)
    publish()
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(db_path.read_bytes())
    con = duckdb.connect(str(copy))
    con.execute("INSERT INTO documents SELECT * FROM documents")
    with pytest.raises(CheckFailed) as failure:
        run_checks(con)
    assert (failure.value.check, failure.value.count, failure.value.sample) == (
        "documents_unique_doc_id",
        1,
        [("d1", 2)],
    )


def test_a_clean_publish_runs_every_check(lake, publish):
    lake.doc("d1", DAY)
    assert publish().checks == [
        "account_snapshots_unique_day",
        "documents_published_in_future",
        "documents_unique_doc_id",
        "mentions_orphan",
        "sov_shares_sum_to_one",
    ]


def test_query_refuses_anything_but_reads(lake, publish, db_path):
    publish()
    with pytest.raises(PermissionError, match="only reads"):
        warehouse.query(db_path, "COPY (SELECT 1) TO '/tmp/x.csv'")
    with pytest.raises(ValueError, match="exactly one statement"):
        warehouse.query(db_path, "SELECT * FROM documents; DROP TABLE documents")
    assert warehouse.query(db_path, "SELECT count(*) AS n FROM brands WHERE own = ?", [True]) == (
        ["n"],
        [(1,)],
    )
