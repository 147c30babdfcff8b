"""The digest as plain data: what build() returns and write()/to_message() consume."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Image:
    """A PNG chart referenced from the HTML as ``cid:<cid>``."""

    cid: str  # without angle brackets, e.g. "sov.1234@veille"
    png: bytes
    alt: str


@dataclass
class Digest:
    """A rendered digest: subject, HTML (cid: images), plain text and its charts."""

    subject: str
    html: str
    text: str
    images: list[Image] = field(default_factory=list)
    as_of: date | None = None
    language: str = "fr"
