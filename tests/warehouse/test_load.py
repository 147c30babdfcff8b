"""Migrations, idempotent loads, latest-wins rules and config tables."""

from __future__ import annotations

from datetime import UTC, date, datetime

import duckdb

import warehouse
from warehouse.migrate import migrate, pending

from .lakebuilder import CONFIG, CRAWL_RUN, at

DAY = date(2025, 1, 6)
LATER_CRAWL = "20250107T030000Z-cccccc"
LATER_ENRICH = "20250107T040000Z-dddddd"


def test_migrations_are_applied_once(lake, db_path, publish, rows):
    lake.doc("d1", DAY)
    assert publish().migrations_applied == ["001_core", "002_incremental", "003_enrichment_days", "004_brand_days",
                                            "005_stories", "006_brand_topics"]
    assert publish().migrations_applied == []
    assert rows("SELECT name FROM _migrations") == [("001_core",), ("002_incremental",), ("003_enrichment_days",), ("004_brand_days",),
                                                     ("005_stories",), ("006_brand_topics",)]


def test_migrate_records_each_migration(tmp_path):
    con = duckdb.connect(str(tmp_path / "m.duckdb"))
    assert migrate(con) == ["001_core", "002_incremental", "003_enrichment_days", "004_brand_days",
                                            "005_stories", "006_brand_topics"]
    assert pending(con) == [] and migrate(con) == []


def test_publish_twice_gives_the_same_counts(lake, publish):
    lake.doc("d1", DAY).annotate("d1").mention("d1", "orbis").topic("d1", "prix")
    lake.account("@nova@mastodon.example", at(DAY), 100).run(CRAWL_RUN, "forum")
    first, second = publish(), publish()
    assert first.counts == second.counts
    assert first.counts["documents"] == 1 and first.counts["mentions"] == 1


def test_a_doc_in_two_raw_files_keeps_its_latest_fetch(lake, publish, rows):
    lake.doc("d1", DAY, likes=1).doc(
        "d1", DAY, run_id=LATER_CRAWL, likes=9, fetched_at=datetime(2025, 1, 7, 3, tzinfo=UTC)
    )
    publish()
    assert rows("SELECT doc_id, likes, run_id FROM documents") == [("d1", 9, LATER_CRAWL)]


def test_a_newer_enrichment_run_replaces_older_rows(lake, publish, rows):
    lake.doc("d1", DAY).annotate("d1", "negative").mention("d1", "orbis").mention(
        "d1", "zen", start=9
    )
    lake.annotate("d1", "positive", run_id=LATER_ENRICH, model_version="sentiment-fr@2")
    lake.mention("d1", "orbis", "positive", run_id=LATER_ENRICH)  # zen was a false positive
    publish()
    assert rows("SELECT sentiment, model_version, enrich_run_id FROM documents") == [
        ("positive", "sentiment-fr@2", LATER_ENRICH)
    ]
    assert rows("SELECT brand_id, sentiment, run_id FROM mentions") == [
        ("orbis", "positive", LATER_ENRICH)
    ]


def test_story_id_is_the_doc_id_for_now(lake, publish, rows):
    lake.doc("d1", DAY)
    publish()
    assert rows("SELECT story_id FROM documents") == [("d1",)]


def test_published_date_is_the_local_day(lake, publish, rows):
    lake.doc(
        "late", DAY, published_at=datetime(2025, 1, 5, 23, 30, tzinfo=UTC)
    )  # Monday 00:30 in Paris
    publish()
    assert rows("SELECT published_date FROM documents") == [(DAY,)]


def test_account_snapshots_keep_the_last_observation_of_a_day(lake, publish, rows):
    lake.account("@nova@mastodon.example", at(DAY, 8), 100)
    lake.account("@nova@mastodon.example", at(DAY, 20), 120, run_id=LATER_CRAWL)
    publish()
    assert rows("SELECT followers, observed_date FROM account_snapshots") == [(120, DAY)]


def test_runs_have_one_row_per_run_and_source(lake, publish, rows):
    lake.run(CRAWL_RUN, "forum").run(CRAWL_RUN, "nova-blog", "failed")
    publish()
    assert rows("SELECT source, status, dropped FROM runs ORDER BY source") == [
        ("forum", "ok", '{"too_short": 1}'),
        ("nova-blog", "failed", '{"too_short": 1}'),
    ]


def test_config_tables_follow_the_config(lake, publish, rows):
    publish()
    assert rows("SELECT id, own, aliases FROM brands ORDER BY id")[0] == ("nova", True, ["Nova"])
    fewer = dict(CONFIG, brands=CONFIG["brands"][:1])
    publish(fewer)
    assert rows("SELECT id FROM brands") == [("nova",)]
    assert rows("SELECT options->>'max_items' FROM sources WHERE name = 'nova-blog'") == [("500",)]


def test_a_brand_without_id_names_the_fix(lake, publish, db_path):
    bad = dict(CONFIG, brands=[{"name": "Nova"}])
    try:
        publish(bad)
    except ValueError as exc:
        assert "brands[0]" in str(exc) and "'id'" in str(exc)
    else:
        raise AssertionError("publish accepted a brand without id")
    assert not db_path.exists()


def test_metric_version_is_recorded_and_current(lake, publish, rows):
    publish()
    assert rows("SELECT version, is_current FROM metric_versions") == [
        (warehouse.METRIC_VERSION, True)
    ]
