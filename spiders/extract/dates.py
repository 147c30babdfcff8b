"""Dates from feeds, APIs and pages, always as aware UTC datetimes."""

from __future__ import annotations

import calendar
import time
from datetime import UTC, datetime

import dateparser

_DATEPARSER_SETTINGS = {
    "RETURN_AS_TIMEZONE_AWARE": True,
    "TIMEZONE": "UTC",
    "TO_TIMEZONE": "UTC",
    "PREFER_DAY_OF_MONTH": "first",
}


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
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        settings = dict(_DATEPARSER_SETTINGS)
        if now is not None:
            base = now.astimezone(UTC) if now.tzinfo else now.replace(tzinfo=UTC)
            settings["RELATIVE_BASE"] = base.replace(tzinfo=None)
        parsed = dateparser.parse(text, languages=["fr", "en"], settings=settings)
    if parsed is None:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
