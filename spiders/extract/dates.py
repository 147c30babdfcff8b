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


def parse_date(value: object) -> datetime | None:
    """Return an aware UTC datetime from ISO text, French or English prose, or a struct_time."""
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
        parsed = dateparser.parse(text, languages=["fr", "en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None:
        return None
    return parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
