"""Incremental loads: only new, changed or removed lake files are restaged, same result as full."""

from __future__ import annotations

from datetime import date

import warehouse

from .lakebuilder import CONFIG, Lake, days

DAY = date(2025, 1, 6)
LATER_ENRICH = "20250110T040000Z-eeeeee"

_STATE = (
    "SELECT (SELECT list((doc_id, likes, sentiment) ORDER BY doc_id) FROM documents), "
    "(SELECT list((doc_id, brand_id, sentiment, published_date) ORDER BY doc_id, brand_id) FROM mentions), "
    "(SELECT list((period_start, brand_id, mentions) ORDER BY period_start, brand_id) FROM sov_daily), "
    "(SELECT list(b ORDER BY day, brand_id) FROM brand_days AS b), "
    "(SELECT list((day, term, brand_id, count, baseline) ORDER BY day, term, brand_id) FROM trending_topics)"
)


def _week(lake):
    for i, day in enumerate(days(DAY, 10)):
        lake.doc(f"d{i}", day, likes=i).annotate(f"d{i}").mention(f"d{i}", ["orbis", "zen"][i % 2])
        lake.keyphrase(f"d{i}", "panne")


def test_an_unchanged_lake_restages_nothing(lake, publish, db_path):
    _week(lake)
    assert publish().load.full
    again = warehouse.publish(lake.root, db_path, CONFIG).load  # no file rewritten
    assert (again.full, again.new_files, again.changed_files, again.affected_docs) == (
        False, 0, 0, 0,
    )


def test_a_new_file_is_appended_and_matches_a_full_rebuild(lake, publish, rows, db_path):
    _week(lake)
    publish()
    Lake(lake.root).annotate("d3", "negative", run_id=LATER_ENRICH).mention(
        "d3", "orbis", "negative", run_id=LATER_ENRICH
    ).write()  # only the new enrichment files
    report = warehouse.publish(lake.root, db_path, CONFIG).load
    assert (report.new_files, report.affected_docs) == (2, 1)
    assert rows("SELECT brand_id, sentiment FROM mentions WHERE doc_id = 'd3'") == [
        ("orbis", "negative")
    ]
    incremental = rows(_STATE)
    warehouse.publish(lake.root, db_path, CONFIG, full=True)
    assert rows(_STATE) == incremental


def test_a_rewritten_or_removed_file_replaces_its_rows(lake, publish, rows, db_path):
    _week(lake)
    publish()
    raw = sorted((lake.root / "raw").rglob("*.parquet"))[0]
    rewritten = Lake(lake.root)
    rewritten.rows["raw"] = [dict(r, likes=100) for r in lake.rows["raw"]]
    rewritten.write()  # the raw file only, every row with 100 likes
    report = warehouse.publish(lake.root, db_path, CONFIG).load
    assert report.changed_files == 1 and rows("SELECT DISTINCT likes FROM documents") == [(100,)]
    for path in (lake.root / "enriched" / "mentions").rglob("*.parquet"):
        path.unlink()
    assert warehouse.publish(lake.root, db_path, CONFIG).load.removed_files == 1
    assert rows("SELECT count(*) FROM mentions") == [(0,)] and raw.exists()
