"""Dates from feeds, APIs and pages, always as aware UTC datetimes."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime, timedelta

import dateparser

_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
}
# A second clock this far from the first moves every relative date ("il y a 1 mois",
# "12 octobre" without a year) and no absolute one: how a date text that counts from the
# clock is told apart, whatever its language.
_OTHER_CLOCK = timedelta(days=400)


def parse_date(value: object, now: datetime | None = None) -> datetime | None:
    """Return an aware UTC datetime from ISO text, French or English prose, or a struct_time.

    Relative dates ("il y a 3 jours", "hier", "3 days ago") count from `now`, the crawl's
    clock, when given (the real clock otherwise).
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.astimezone(UTC) if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, time.struct_time):
        return datetime.fromtimestamp(calendar.timegm(value), tz=UTC)
    text = str(value).strip()
    parsed = _iso(text)
    if parsed is None:
        base = _base(now)
        parsed = _prose(text, base, "first")
        if parsed is not None and parsed != _prose(text, base + _OTHER_CLOCK, "first"):
            # "il y a 2 mois" is that day two months back; "first" only suits "octobre 2026".
            parsed = _prose(text, base, "current")
    if parsed is None:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def is_relative(value: object, now: datetime | None = None) -> bool:
    """Tell whether a date text counts from the clock, so it reads differently every day."""
    if not isinstance(value, str) or _iso(value.strip()) is not None:
        return False
    base = _base(now)
    first = _prose(value.strip(), base, "first")
    return first is not None and first != _prose(value.strip(), base + _OTHER_CLOCK, "first")


def _iso(text: str) -> datetime | None:
    """Return an ISO 8601 datetime, or None when the text is not one."""
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


def _base(now: datetime | None) -> datetime:
    """Return the naive UTC clock relative dates count from."""
    base = now or datetime.now(UTC)
    base = base.astimezone(UTC) if base.tzinfo else base
    return base.replace(tzinfo=None)


def _prose(text: str, base: datetime, day_of_month: str) -> datetime | None:
    """Return dateparser's reading of French or English prose, counted from base."""
    settings = {**_DATEPARSER_SETTINGS, "RELATIVE_BASE": base, "PREFER_DAY_OF_MONTH": day_of_month}
    return dateparser.parse(text, languages=["fr", "en"], settings=settings)
