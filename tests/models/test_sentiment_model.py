"""The sentiment component, retraining on starred reviews and the model registry."""

from __future__ import annotations

import json
import random

import pytest

from models import Enricher, EnrichSettings
from models.sentiment_model import SHIPPED_DIR, model_meta, resolve_model_dir
from models.sentiment_train import base_corpus, promote_if_better, review_label, train_from_reviews, written_reviews
from tests.models.conftest import make_docs

# Invented product words the shipped model cannot know: only the stars tell their polarity.
_GOOD, _BAD = "flumix", "zorblax"
_NEUTRAL = ["Commande passée le mardi, livraison le vendredi suivant.",
            "J'ai pris l'abonnement pour la maison et le téléphone.",
            "Le technicien est passé dans la matinée pour l'installation.",
            "Nous avons changé d'offre au mois de mars."]


def _reviews(n: int, seed: int) -> list[tuple[str, float, float, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        good = i % 2 == 0
        word = _GOOD if good else _BAD
        text = f"{rng.choice(_NEUTRAL)} Franchement, c'est {word}, le modem est {word}."
        out.append((text, float(rng.choice([4, 5]) if good else rng.choice([1, 2])), 5.0, "fr"))
    out.append(("Moyen, sans plus.", 3.0, 5.0, "fr"))  # 3 of 5: ignored
    return out


def test_star_ratings_become_labels():
    assert [review_label(r, 5) for r in (1, 2, 3, 4, 5)] == [0, 0, None, 1, 1]
    assert review_label(8, 10) == 1 and review_label(4, 10) == 0 and review_label(3, 0) is None


def test_shipped_model_separates_clear_reviews(enricher):
    docs = make_docs({"text": "Service client injoignable, connexion coupée tous les jours. Je résilie.",
                      "lang_hint": "fr"},
                     {"text": "Très satisfait : installation rapide, débit excellent et conseiller aimable.",
                      "lang_hint": "fr"},
                     {"text": "Terrible support, the router died twice and nobody answered.", "lang_hint": "en"},
                     {"text": "Great value, fast and reliable connection, I recommend it.", "lang_hint": "en"})
    rows = enricher.enrich(docs, "r1")["doc_annotations"].to_pylist()
    assert [r["sentiment"] for r in rows] == ["negative", "positive", "negative", "positive"]
    assert all(r["model_version"].endswith("+sentiment-" + model_meta(SHIPPED_DIR)["version"]) for r in rows)


def test_retraining_learns_the_users_market_and_is_promoted(tmp_path, config):
    report = train_from_reviews(_reviews(120, seed=1), tmp_path / "candidate", seed=0)
    fr = report.languages["fr"]
    assert report.skipped == 1 and fr["trained"] and fr["holdout"] == 24
    assert fr["candidate_f1"] >= 0.9 > fr["current_f1"]
    assert report.languages["en"] == {"trained": False, "reviews": 0}

    registry = tmp_path / "registry"
    registry.mkdir()
    assert promote_if_better(tmp_path / "candidate", registry)
    assert json.loads((registry / "current.json").read_text())["version"] == report.version
    assert resolve_model_dir(registry) == registry / report.version

    adapted = Enricher(EnrichSettings(brands=config["brands"], sentiment_model=str(registry), languages=["fr"]))
    rows = adapted.enrich(make_docs({"text": f"Le modem est {_BAD}, vraiment {_BAD}.", "lang_hint": "fr"}),
                          "r2")["doc_annotations"].to_pylist()
    assert rows[0]["sentiment"] == "negative"
    assert rows[0]["model_version"].endswith(f"+sentiment-{report.version}")


def test_too_few_reviews_train_nothing_and_promote_nothing(tmp_path):
    report = train_from_reviews(_reviews(20, seed=2), tmp_path / "candidate", seed=0)
    assert report.languages["fr"] == {"trained": False, "reviews": 20} and not report.better
    registry = tmp_path / "registry"
    registry.mkdir()
    assert not promote_if_better(tmp_path / "candidate", registry)
    assert not (registry / "current.json").exists()


def test_a_missing_model_names_the_fix(tmp_path):
    with pytest.raises(RuntimeError, match="sentiment_model"):
        resolve_model_dir(tmp_path)


def test_written_reviews_split_into_disjoint_dev_and_train_without_three_stars():
    dev, train = written_reviews("fr", dev=True), written_reviews("fr", dev=False)
    assert len(dev) > 100 and len(train) > 4 * len(dev) * 0.8
    assert not {t for t, _ in dev} & {t for t, _ in train}
    assert all(y in (0, 1) for _, y in dev + train)


def test_base_corpus_weights_each_source_and_leaves_out_zero_weights():
    rows = base_corpus("en", weights={"reviews": 2.0})
    assert rows and {w for _, _, w in rows} == {2.0}
    assert len(rows) == len(written_reviews("en", dev=False))


def test_sentence_scores_reuse_the_components_parts_and_equal_a_fresh_score(fr_nlp):
    doc = fr_nlp("Le réseau d'Orbis est excellent. Le service client de Nova n'est PAS bon !!")
    scorer = fr_nlp.get_pipe("veille_sentiment_v1")
    sents = list(doc.sents)
    assert [scorer.score_spans([s]) for s in sents] == [scorer.model.score([s]) for s in sents]
    assert doc._.sentiment_score == scorer.model.score(sents) == scorer.score_spans(sents)


def test_a_language_that_does_not_improve_keeps_its_weights_while_another_is_adopted(tmp_path):
    import numpy as np

    from models.sentiment_model import LinearSentiment

    # English reviews the shipped model already gets right: retraining cannot beat it there.
    clear = [("Terrible support, the router died twice and nobody answered. Awful.", 1.0),
             ("Great value, fast and reliable connection, I recommend it. Excellent.", 5.0)]
    english = [(text, stars, 5.0, "en") for _ in range(30) for text, stars in clear]
    report = train_from_reviews(_reviews(120, seed=1) + english, tmp_path / "candidate", seed=0)
    fr, en = report.languages["fr"], report.languages["en"]
    assert fr["adopted"] and fr["candidate_f1"] > fr["current_f1"]
    assert en["trained"] and en["current_f1"] == 1.0 and not en["adopted"]
    assert report.better
    kept = LinearSentiment.load(tmp_path / "candidate", "en")
    shipped = LinearSentiment.load(SHIPPED_DIR, "en")
    assert np.array_equal(kept.weights, shipped.weights) and kept.bias == shipped.bias
    assert not np.array_equal(LinearSentiment.load(tmp_path / "candidate", "fr").weights,
                              LinearSentiment.load(SHIPPED_DIR, "fr").weights)


def test_a_docs_parts_read_at_once_equal_each_sentences_own_part(fr_nlp, en_nlp):
    # The component reads a doc's terms in one pass (LinearSentiment.parts); training and
    # score_spans read a sentence's through part(): both must give the same features.
    from pathlib import Path

    from models.sentiment import TokenAttrs

    root = Path(__file__).resolve().parents[2] / "models/eval"
    for nlp, lang in ((fr_nlp, "fr"), (en_nlp, "en")):
        texts = [json.loads(line)["text"] for name in (f"brands_{lang}.jsonl", f"reviews_{lang}.jsonl")
                 for line in (root / name).read_text(encoding="utf-8").splitlines() if line]
        model = nlp.get_pipe("veille_sentiment_v1").model
        sentences = 0
        # Three texts a doc, so that negation scopes and end markers meet sentence bounds.
        for doc in nlp.pipe(" ".join(texts[i:i + 3]) for i in range(0, len(texts), 3)):
            sents = list(doc.sents)
            parts = model.parts(TokenAttrs.of_doc(doc), [(s.start, s.end) for s in sents])
            assert parts == [model.part(TokenAttrs.of_tokens(s)) for s in sents], doc.text
            sentences += len(sents)
        assert sentences > len(texts)
