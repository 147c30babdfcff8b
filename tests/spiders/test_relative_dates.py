"""Relative dates count from the crawl's clock (the spec's `now`), not the real clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from spiders.extract.dates import is_relative, parse_date

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=UTC)


@pytest.mark.parametrize(("text", "day"), [
    ("il y a 3 jours", "2026-11-19"),
    ("hier", "2026-11-21"),
    ("aujourd'hui", "2026-11-22"),
    ("il y a 2 semaines", "2026-11-08"),
    ("3 days ago", "2026-11-19"),
    ("yesterday", "2026-11-21"),
    ("2 weeks ago", "2026-11-08"),
    ("il y a 1 mois", "2026-10-22"),  # that day a month back, not the 1st of the month
    ("il y a 2 mois", "2026-09-22"),
    ("a month ago", "2026-10-22"),
    ("il y a un an", "2025-11-22"),
])
def test_relative_dates_count_from_now(text: str, day: str) -> None:
    parsed = parse_date(text, now=NOW)
    assert parsed is not None and parsed.tzinfo is not None
    assert parsed.date().isoformat() == day


def test_absolute_dates_ignore_now() -> None:
    assert parse_date("12 octobre 2026", now=NOW).date().isoformat() == "2026-10-12"
    assert parse_date("octobre 2026", now=NOW).date().isoformat() == "2026-10-01"
    assert parse_date("2026-11-01T10:00:00+01:00", now=NOW).isoformat() == \
        "2026-11-01T09:00:00+00:00"


def test_review_relative_dates_use_the_context_clock() -> None:
    from spiders.extract.context import DocContext
    from spiders.extract.reviews import review_document

    ctx = DocContext(source="avis", source_type="reviews", channel="review", now=NOW)
    node = {"@type": "Review", "reviewBody": "Livraison lente.", "datePublished": "il y a 3 jours",
            "reviewRating": {"ratingValue": 2, "bestRating": 5},
            "comment": {"@type": "Comment", "text": "Merci pour votre retour.",
                        "dateCreated": "yesterday", "author": {"@type": "Organization"}}}
    doc = review_document(node, "https://avis.example/orbis", ctx)
    assert doc is not None
    assert doc.published_at.date().isoformat() == "2026-11-19"
    assert doc.reply_at.date().isoformat() == "2026-11-21"


@pytest.mark.parametrize(("text", "relative"), [
    ("il y a 3 jours", True), ("hier", True), ("2 weeks ago", True), ("il y a 1 mois", True),
    ("21 novembre 2026", False), ("octobre 2026", False), ("2026-11-01T10:00:00Z", False),
])
def test_is_relative_tells_dates_that_move_with_the_clock(text: str, relative: bool) -> None:
    assert is_relative(text, now=NOW) is relative
