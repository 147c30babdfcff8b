"""Share of voice: exact numbers on handmade rows (design §6)."""

from __future__ import annotations

from datetime import date, timedelta

import duckdb
import pytest

DAY = date(2025, 1, 6)  # a Monday
NEXT = DAY + timedelta(days=1)
COLUMNS = "brand_id, mentions, mention_share, engagement, engagement_share, positive, negative, neutral, net_sentiment"


@pytest.fixture
def sov_lake(lake, publish):
    """Four earned documents and one owned on DAY, one earned on NEXT."""
    lake.doc("e1", DAY, likes=10).mention("e1", "orbis", "positive")
    lake.doc("e2", DAY, likes=4, shares=1).mention("e2", "orbis", "negative").mention(
        "e2", "zen", "positive", start=20
    )
    lake.doc("e3", DAY).mention("e3", "zen")
    # two sentences naming orbis, both positive: one mention, positive
    lake.doc("e4", DAY, likes=0).mention("e4", "orbis", "positive").mention(
        "e4", "orbis", "positive", start=30
    )
    # owned content never counts in share of voice, even when it names competitors
    lake.doc(
        "o1",
        DAY,
        source="nova-blog",
        channel="blog",
        kind="article",
        brand_owner="nova",
        likes=1000,
    )
    lake.mention("o1", "nova", "positive").mention("o1", "orbis", "negative", start=10)
    lake.doc("e5", NEXT, likes=2).mention("e5", "nova", "negative")
    publish()


def test_daily_sov_counts_each_brand_of_a_document(sov_lake, rows):
    got = rows(f"SELECT {COLUMNS} FROM sov_daily WHERE period_start = ?", [DAY])
    assert got == [
        ("nova", 0, 0.0, 0, 0.0, 0, 0, 0, None),
        ("orbis", 3, 0.6, 15, 0.75, 2, 1, 0, pytest.approx(1 / 3)),
        ("zen", 2, 0.4, 5, 0.25, 1, 0, 1, 1.0),
    ]


def test_brands_without_mentions_appear_with_zero(sov_lake, rows):
    assert rows(
        "SELECT brand_id, mentions, net_sentiment FROM sov_daily WHERE period_start = ?", [NEXT]
    ) == [("nova", 1, -1.0), ("orbis", 0, None), ("zen", 0, None)]


def test_wilson_bounds_match_the_textbook_value(sov_lake, rows):
    # by hand, p = 3/5, n = 5, z = 1.959964: centre (0.6 + z²/10) / (1 + z²/5) = 0.556552,
    # half-width z·sqrt(0.048 + z²/100) / (1 + z²/5) = 0.325828
    low, high = rows(
        "SELECT share_low, share_high FROM sov_daily WHERE period_start = ? AND brand_id = 'orbis'",
        [DAY],
    )[0]
    assert low == pytest.approx(0.230724, abs=1e-6) and high == pytest.approx(0.882379, abs=1e-6)


def test_weekly_sov_sums_the_week(sov_lake, rows):
    assert rows("SELECT brand_id, mentions, mention_share FROM sov_weekly") == [
        ("nova", 1, pytest.approx(1 / 6)),
        ("orbis", 3, 0.5),
        ("zen", 2, pytest.approx(1 / 3)),
    ]


def test_sov_macro_takes_a_grain_and_bounds(sov_lake, rows):
    got = rows(
        "SELECT period_start, brand_id, mentions FROM sov('month', DATE '2025-01-07', NULL) WHERE mentions > 0"
    )
    assert got == [(date(2025, 1, 1), "nova", 1)]


def test_sov_macro_refuses_an_unknown_grain(sov_lake, rows):
    with pytest.raises(duckdb.Error, match="grain must be"):
        rows("SELECT * FROM sov('year', NULL, NULL)")
