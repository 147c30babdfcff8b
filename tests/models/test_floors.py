"""Quality floors of models/floors.json, enforced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from models.evaluate import (VADER_DIR, _jsonl, _scores, _vader_rows, brand_scores, dev_review_metrics,
                             heldout_review_metrics, neutral_band, sentiment_metrics)

FLOORS = json.loads((Path(__file__).parents[2] / "models/floors.json").read_text(encoding="utf-8"))
EVAL = Path(__file__).parents[2] / "models/eval"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_brand_matching_floors(lang, enricher):
    measured = brand_scores(lang, enricher.pipeline(lang))
    floor = FLOORS["brands"][lang]
    assert measured["precision"] >= floor["precision"], measured["errors"]
    assert measured["recall"] >= floor["recall"], measured["errors"]
    assert measured["n"] >= 300 and 0 < measured["macro_f1"] <= 1  # issue #4: at least 300 sentences


def test_french_sentiment_floors(fr_nlp):
    rows = _jsonl(EVAL / "sentiment_fr.jsonl")
    m = sentiment_metrics([r["label"] for r in rows], _scores("fr", [r["text"] for r in rows], fr_nlp),
                          neutral_band("fr"))
    floor = FLOORS["sentiment"]["fr"]
    assert m["acc3"] >= floor["acc3"] and m["f1_3"] >= floor["f1_3"] and m["f1_2"] >= floor["f1_2"], m


@pytest.mark.skipif(not VADER_DIR.exists(), reason="shared/data/sentiment not beside the checkout")
def test_english_sentiment_floors_on_amazon(en_nlp):
    texts, gold = _vader_rows(VADER_DIR, dev=False)
    m = sentiment_metrics(gold[:2000], _scores("en", texts[:2000], en_nlp), neutral_band("en"))
    floor = FLOORS["sentiment"]["en_amazon2000"]
    assert m["acc3"] >= floor["acc3"] and m["f1_3"] >= floor["f1_3"] and m["f1_2"] >= floor["f1_2"], m


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sentiment_floors_on_our_written_reviews(lang, enricher):
    m = dev_review_metrics(lang, enricher.pipeline(lang))
    floor = FLOORS["sentiment"][f"reviews_{lang}"]
    assert m["f1_2"] >= floor["f1_2"] and m["f1_label"] >= floor["f1_label"], m


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sentiment_floors_on_the_held_out_reviews(lang, enricher):
    m = heldout_review_metrics(lang, enricher.pipeline(lang))
    assert m["n"] >= 400 and m["macro_f1"] >= FLOORS["sentiment"][f"heldout_reviews_{lang}"]["macro_f1"], m
