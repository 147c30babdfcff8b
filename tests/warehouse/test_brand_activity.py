"""Owned activity and audience growth per week, brand and channel (design §6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .lakebuilder import at

DAY = date(2025, 1, 6)  # a Monday
PREVIOUS_WEEK = DAY - timedelta(days=7)


@pytest.fixture
def activity(lake, publish, rows):
    """Nova's week: two blog posts, one social post, two accounts growing."""
    blog = {"source": "nova-blog", "channel": "blog", "kind": "article", "brand_owner": "nova"}
    lake.doc("b1", DAY, likes=10, **blog).doc(
        "b2", DAY + timedelta(days=2), likes=15, shares=5, **blog
    )
    lake.doc(
        "s1", DAY, source="mastodon-nova", channel="social", brand_owner="nova", likes=4, comments=2
    )
    lake.doc("e1", DAY, likes=99)  # earned: not nova's activity
    masto, bsky = "@nova@mastodon.example", "nova.bsky.social"
    lake.account(masto, at(DAY - timedelta(days=3)), 1000)  # the previous week's only snapshot
    lake.account(masto, at(DAY + timedelta(days=2)), 1100).account(
        masto, at(DAY + timedelta(days=6)), 1200
    )
    lake.account(bsky, at(DAY + timedelta(days=1)), 500).account(
        bsky, at(DAY + timedelta(days=5)), 600
    )
    publish()
    return rows("SELECT * FROM brand_activity ORDER BY week_start, channel")


def test_posts_and_engagement_per_channel(activity):
    assert [row[:6] for row in activity if row[0] == DAY] == [
        (DAY, "nova", "blog", 2, 30, 15.0),
        (DAY, "nova", "social", 1, 6, 6.0),
    ]


def test_followers_sum_the_accounts_and_growth_is_end_over_start(activity):
    # end: 1200 + 600; start: 1000 (last before the week) + 500 (first in the week)
    assert [row[6:] for row in activity if row[0] == DAY] == [(1800, pytest.approx(0.2))] * 2


def test_growth_is_null_when_the_start_is_unknown(activity):
    assert [row for row in activity if row[0] == PREVIOUS_WEEK] == [
        (PREVIOUS_WEEK, "nova", "social", 0, 0, None, 1000, None)
    ]
