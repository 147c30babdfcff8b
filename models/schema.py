"""The enriched lake contract: one Parquet table per kind of annotation (design §4, §5).

Written under `enriched/<table>/date=<raw partition date>/<run_id>.parquet`.
Every row carries the enrichment `run_id` and `model_version`; for a given
doc_id the warehouse keeps only the rows of its newest enrichment run.
"""

from __future__ import annotations

import pyarrow as pa

_TS = pa.timestamp("us", tz="UTC")

_COMMON = [
    pa.field("model_version", pa.string(), nullable=False),
    pa.field("run_id", pa.string(), nullable=False),
]

ENRICHED_SCHEMAS: dict[str, pa.Schema] = {
    # one row per document
    "doc_annotations": pa.schema(
        [
            pa.field("doc_id", pa.string(), nullable=False),
            pa.field("lang", pa.string(), nullable=False),  # ISO 639-1, or "und"
            pa.field("sentiment", pa.string(), nullable=False),  # positive | negative | neutral
            pa.field("sentiment_score", pa.float64(), nullable=False),  # -1 .. 1
            # MinHash of the text (models/stories.py), null for short texts: near-duplicate stories
            pa.field("minhash", pa.list_(pa.int64())),
            pa.field("enriched_at", _TS, nullable=False),
            *_COMMON,
        ]
    ),
    # one row per brand mention
    "mentions": pa.schema(
        [
            pa.field("doc_id", pa.string(), nullable=False),
            pa.field("brand_id", pa.string(), nullable=False),
            pa.field("matched_text", pa.string(), nullable=False),
            pa.field("start_char", pa.int32(), nullable=False),
            pa.field("end_char", pa.int32(), nullable=False),
            pa.field("sentence", pa.string()),
            pa.field("via", pa.string(), nullable=False),  # text | subject (a review of the brand)
            pa.field("sentiment", pa.string(), nullable=False),
            pa.field("sentiment_score", pa.float64(), nullable=False),
            *_COMMON,
        ]
    ),
    "entities": pa.schema(
        [
            pa.field("doc_id", pa.string(), nullable=False),
            pa.field("label", pa.string(), nullable=False),  # PER, ORG, LOC, MISC, BRAND
            pa.field("text", pa.string(), nullable=False),  # as written
            pa.field("norm", pa.string(), nullable=False),  # normalised key: one organisation, one norm
            pa.field("brand_id", pa.string()),  # set when the entity is a configured brand
            pa.field("start_char", pa.int32(), nullable=False),
            pa.field("end_char", pa.int32(), nullable=False),
            *_COMMON,
        ]
    ),
    "doc_topics": pa.schema(
        [
            pa.field("doc_id", pa.string(), nullable=False),
            pa.field("topic_id", pa.string(), nullable=False),
            pa.field("hits", pa.int32(), nullable=False),  # matched term occurrences
            pa.field("sentiment", pa.string(), nullable=False),  # of the sentences naming the topic
            pa.field("sentiment_score", pa.float64(), nullable=False),
            *_COMMON,
        ]
    ),
    # one row per (document, brand, topic) named together: in one sentence, or anywhere in a
    # review of that brand (its subject)
    "brand_topics": pa.schema(
        [
            pa.field("doc_id", pa.string(), nullable=False),
            pa.field("brand_id", pa.string(), nullable=False),
            pa.field("topic_id", pa.string(), nullable=False),
            pa.field("sentences", pa.int32(), nullable=False),  # sentences scored together
            pa.field("via", pa.string(), nullable=False),  # sentence | subject
            pa.field("sentiment", pa.string(), nullable=False),
            pa.field("sentiment_score", pa.float64(), nullable=False),
            *_COMMON,
        ]
    ),
    "keyphrases": pa.schema(
        [
            pa.field("doc_id", pa.string(), nullable=False),
            pa.field("phrase", pa.string(), nullable=False),  # lemmatised, lower-case, singular
            pa.field("count", pa.int32(), nullable=False),
            *_COMMON,
        ]
    ),
}
