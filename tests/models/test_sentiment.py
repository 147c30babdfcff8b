"""The lexicon scorer: review idioms, multi-word expressions and emojis."""

from __future__ import annotations

import pytest

from models.sentiment import SentimentScorer


@pytest.mark.parametrize(("text", "sign"), [
    ("Rien à redire.", 1), ("Aucun souci depuis deux ans.", 1), ("Livré sans problème.", 1),
    ("C'est pas terrible.", -1), ("À fuir !", -1), ("Je ne recommande pas.", -1), ("C'est du vol.", -1),
    ("Toujours pas remboursée 😡", -1), ("Livré en 24h 👍", 1),
])
def test_french_review_idioms(fr_nlp, text, sign):
    doc = fr_nlp(text)
    assert sign * SentimentScorer.for_language("fr").score_sentences(list(doc.sents)) > 0.1


@pytest.mark.parametrize(("text", "sign"), [
    ("I can't fault them.", 1), ("No complaints at all.", 1), ("Spot on.", 1),
    ("I wouldn't recommend it.", -1), ("Never again.", -1), ("Total rip-off.", -1),
])
def test_english_review_idioms(en_nlp, text, sign):
    doc = en_nlp(text)
    assert sign * SentimentScorer.for_language("en").score_sentences(list(doc.sents)) > 0.1


def test_a_phrase_does_not_negate_what_follows(fr_nlp):
    scorer = SentimentScorer.for_language("fr")
    doc = fr_nlp("Rien à redire, top.")
    assert scorer.raw(list(doc)) > scorer.raw(list(fr_nlp("Rien à redire.")))
