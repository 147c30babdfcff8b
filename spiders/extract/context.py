"""What every document of one source shares, so extractors only fill in what they read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from spiders.items import Document


@dataclass(frozen=True)
class DocContext:
    """Source-level fields stamped on each document."""

    source: str
    source_type: str
    channel: str
    run_id: str = "test"
    brand_owner: str | None = None
    subject_brand: str | None = None
    fetched_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    now: datetime | None = None  # the crawl's clock: relative dates ("hier") count from it

    def document(self, doc_id: str, kind: str, **fields: object) -> Document:
        """Return a Document with this context's fields and the given ones."""
        base = {"brand_owner": self.brand_owner, "subject_brand": self.subject_brand}
        base.update(fields)
        return Document(doc_id=doc_id, source=self.source, source_type=self.source_type,
                        channel=self.channel, kind=kind, fetched_at=self.fetched_at,
                        run_id=self.run_id, **base)
