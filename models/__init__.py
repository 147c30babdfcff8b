"""Veille's enrichment: language, spaCy pipelines, brand matcher, entities, topics, keyphrases, sentiment."""

from __future__ import annotations

from models.enrich import MODEL_VERSION, Enricher, enrich
from models.settings import EnrichSettings

__all__ = ["MODEL_VERSION", "EnrichSettings", "Enricher", "enrich"]
