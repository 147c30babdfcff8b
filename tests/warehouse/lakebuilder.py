"""Build a small Parquet lake in a temp dir with the real lake schemas (tests only)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from models.schema import ENRICHED_SCHEMAS
from spiders.schema import ACCOUNT_SCHEMA, DOCUMENT_SCHEMA

CRAWL_RUN = "20250106T030000Z-aaaaaa"
ENRICH_RUN = "20250106T040000Z-bbbbbb"
MODEL = "sentiment-fr@1"

CONFIG: dict[str, Any] = {
    "watch": {"name": "Veille test", "timezone": "Europe/Paris"},
    "brands": [
        {
            "id": "nova",
            "name": "Nova Mobile",
            "own": True,
            "aliases": ["Nova"],
            "accounts": {"mastodon": ["@nova@mastodon.example"]},
        },
        {"id": "orbis", "name": "Orbis", "aliases": ["Orbis"]},
        {"id": "zen", "name": "Zen Télécom", "aliases": ["Zen"], "exact": ["ZEN"]},
    ],
    "sources": [
        {
            "name": "forum",
            "type": "sitemap",
            "url": "https://forum.example/sitemap.xml",
            "channel": "forum",
        },
        {
            "name": "nova-blog",
            "type": "feed",
            "url": "https://nova.example/feed.xml",
            "brand": "nova",
            "channel": "blog",
            "max_items": 500,
        },
    ],
    "topics": [{"id": "prix", "label": "Prix et forfaits", "terms": ["prix", "tarif"]}],
}

RUN_SCHEMA = pa.schema(  # docs/contracts.md, "Runs"
    [
        ("run_id", pa.string()),
        ("run_date", pa.date32()),
        ("source", pa.string()),
        ("source_type", pa.string()),
        ("started_at", pa.timestamp("us", tz="UTC")),
        ("finished_at", pa.timestamp("us", tz="UTC")),
        ("status", pa.string()),
        ("requests", pa.int64()),
        ("fetched", pa.int64()),
        ("new", pa.int64()),
        ("unchanged", pa.int64()),
        ("failed", pa.int64()),
        ("dropped", pa.string()),
        ("error", pa.string()),
    ]
)


def at(day: date, hour: int = 12) -> datetime:
    """Return noon (or `hour`) UTC of a day: the same local day in Paris."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


@dataclass
class Lake:
    """Rows to write, grouped at write time by partition and run id."""

    root: Path
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=lambda: defaultdict(list))

    def doc(self, doc_id: str, day: date, *, run_id: str = CRAWL_RUN, **fields: Any) -> Lake:
        """Add a raw document published on `day` (forum post by default)."""
        row = {
            "doc_id": doc_id,
            "source": "forum",
            "source_type": "sitemap",
            "channel": "forum",
            "kind": "post",
            "published_at": at(day),
            "fetched_at": at(day, 20),
            "run_id": run_id,
            "title": f"title {doc_id}",
            "text": f"text {doc_id}",
        }
        row.update(fields)
        self.rows["raw"].append(row)
        return self

    def annotate(
        self,
        doc_id: str,
        sentiment: str = "neutral",
        *,
        run_id: str = ENRICH_RUN,
        model_version: str = MODEL,
        minhash: list[int] | None = None,
    ) -> Lake:
        """Add the doc-level enrichment of a document."""
        score = {"positive": 0.8, "negative": -0.8}.get(sentiment, 0.0)
        self.rows["doc_annotations"].append(
            {
                "doc_id": doc_id,
                "lang": "fr",
                "sentiment": sentiment,
                "sentiment_score": score,
                "minhash": minhash,
                "enriched_at": datetime(2025, 1, 6, 4, tzinfo=UTC),
                "model_version": model_version,
                "run_id": run_id,
            }
        )
        return self

    def mention(
        self,
        doc_id: str,
        brand_id: str,
        sentiment: str = "neutral",
        *,
        run_id: str = ENRICH_RUN,
        start: int = 0,
        via: str = "text",
    ) -> Lake:
        """Add one brand mention in a document's text."""
        self.rows["mentions"].append(
            {
                "doc_id": doc_id,
                "brand_id": brand_id,
                "matched_text": brand_id,
                "start_char": start,
                "end_char": start + len(brand_id),
                "sentence": f"... {brand_id} ...",
                "via": via,
                "sentiment": sentiment,
                "sentiment_score": 0.0,
                "model_version": MODEL,
                "run_id": run_id,
            }
        )
        return self

    def topic(self, doc_id: str, topic_id: str, *, run_id: str = ENRICH_RUN) -> Lake:
        """Tag a document with a topic."""
        self.rows["doc_topics"].append(
            {
                "doc_id": doc_id,
                "topic_id": topic_id,
                "hits": 1,
                "sentiment": "neutral",
                "sentiment_score": 0.0,
                "model_version": MODEL,
                "run_id": run_id,
            }
        )
        return self

    def keyphrase(self, doc_id: str, phrase: str, *, run_id: str = ENRICH_RUN) -> Lake:
        """Add a keyphrase to a document."""
        self.rows["keyphrases"].append(
            {
                "doc_id": doc_id,
                "phrase": phrase,
                "count": 1,
                "model_version": MODEL,
                "run_id": run_id,
            }
        )
        return self

    def entity(self, doc_id: str, norm: str, *, run_id: str = ENRICH_RUN) -> Lake:
        """Add a named entity to a document."""
        self.rows["entities"].append(
            {
                "doc_id": doc_id,
                "label": "ORG",
                "text": norm,
                "norm": norm,
                "brand_id": None,
                "start_char": 0,
                "end_char": len(norm),
                "model_version": MODEL,
                "run_id": run_id,
            }
        )
        return self

    def account(
        self,
        handle: str,
        observed_at: datetime,
        followers: int,
        *,
        brand: str = "nova",
        run_id: str = CRAWL_RUN,
    ) -> Lake:
        """Add a follower snapshot of a brand account."""
        self.rows["accounts"].append(
            {
                "source": f"mastodon-{brand}",
                "platform": "mastodon",
                "handle": handle,
                "brand_owner": brand,
                "followers": followers,
                "following": 10,
                "posts_count": 100,
                "observed_at": observed_at,
                "run_id": run_id,
            }
        )
        return self

    def run(self, run_id: str, source: str, status: str = "ok", finished_hour: int = 3) -> Lake:
        """Add a run record for one source."""
        day = date(int(run_id[:4]), int(run_id[4:6]), int(run_id[6:8]))
        self.rows["runs"].append(
            {
                "run_id": run_id,
                "run_date": day,
                "source": source,
                "source_type": "feed",
                "started_at": at(day, 3),
                "finished_at": at(day, finished_hour),
                "status": status,
                "requests": 3,
                "fetched": 2,
                "new": 2,
                "unchanged": 0,
                "failed": 0,
                "dropped": '{"too_short": 1}',
                "error": None,
            }
        )
        return self

    def write(self) -> Path:
        """Write every row to its partition file (`<run_id>.parquet`) and return the lake root."""
        for kind, rows in self.rows.items():
            groups: dict[Path, list[dict[str, Any]]] = defaultdict(list)
            for row in rows:
                groups[self._path(kind, row)].append(row)
            schema = self._schema(kind)
            for path, group in groups.items():
                path.parent.mkdir(parents=True, exist_ok=True)
                pq.write_table(pa.Table.from_pylist(group, schema=schema), path)
        self.root.mkdir(parents=True, exist_ok=True)
        return self.root

    def _path(self, kind: str, row: dict[str, Any]) -> Path:
        """Return the lake file of a row (docs/contracts.md, "Lake layout")."""
        run_day = f"{row['run_id'][:4]}-{row['run_id'][4:6]}-{row['run_id'][6:8]}"
        name = f"{row['run_id']}.parquet"
        if kind == "raw":
            return self.root / "raw" / f"source={row['source']}" / f"date={run_day}" / name
        if kind == "accounts":
            return self.root / "accounts" / f"source={row['source']}" / f"date={run_day}" / name
        if kind == "runs":
            return self.root / "runs" / f"date={run_day}" / name
        return self.root / "enriched" / kind / f"date={run_day}" / name

    @staticmethod
    def _schema(kind: str) -> pa.Schema:
        """Return the contract schema of a kind of rows."""
        return {"raw": DOCUMENT_SCHEMA, "accounts": ACCOUNT_SCHEMA, "runs": RUN_SCHEMA}.get(
            kind
        ) or ENRICHED_SCHEMAS[kind]


def days(start: date, n: int) -> list[date]:
    """Return n consecutive days from start."""
    return [start + timedelta(days=i) for i in range(n)]
