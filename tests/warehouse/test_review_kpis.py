"""Review KPIs per week, brand and source (design §6)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from .lakebuilder import at

DAY = date(2025, 1, 6)  # a Monday


def review(lake, doc_id, rating, best=5.0, reply=None, reply_after_h=None, **fields):
    """Add a review of Orbis on the review site, published at noon on DAY."""
    reply_at = at(DAY) + timedelta(hours=reply_after_h) if reply_after_h is not None else None
    values = {
        "source": "avis-orbis",
        "source_type": "reviews",
        "channel": "review",
        "kind": "review",
        "subject_brand": "orbis",
        "rating": rating,
        "rating_best": best,
        "reply_text": reply,
        "reply_at": reply_at,
    }
    values.update(fields)
    lake.doc(doc_id, DAY, **values)


def test_review_kpis_on_handmade_reviews(lake, publish, rows):
    review(lake, "r1", 5, reply="Merci !", reply_after_h=2)
    review(lake, "r2", 1)
    review(lake, "r3", 4, best=10, reply="  ", reply_after_h=1)  # 2 of 5; a blank reply is no reply
    review(lake, "r4", 2, reply="Désolé", reply_after_h=10)
    publish()
    assert rows("SELECT * FROM review_kpis") == [
        (DAY, "orbis", "avis-orbis", 4, 2.5, 0.75, 0.5, 6.0)
    ]


def test_a_review_without_subject_counts_for_the_brands_it_mentions(lake, publish, rows):
    review(lake, "r5", 3, subject_brand=None)
    lake.mention("r5", "zen")
    publish()
    assert rows(
        "SELECT brand_id, reviews, avg_rating, share_negative, response_rate, median_response_hours FROM review_kpis"
    ) == [("zen", 1, pytest.approx(3.0), 0.0, 0.0, None)]
