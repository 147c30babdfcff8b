"""Measure the brand matcher and the sentiment scorer: `python -m models.evaluate brands|sentiment|dev|reviews|tune`.

Data: models/eval/*.jsonl (ours, held out from tuning) and, for English sentiment,
the VADER ICWSM-2014 rated snippets (amazon, movie), whose path is an argument
(default: shared/data/sentiment/vader-icwsm2014-en beside the checkout); `dev` scores the dev
split of our written reviews, models/train/reviews_<lang>.jsonl (see its PROVENANCE.md), and
`reviews` the held-out reviews models/eval/reviews_<lang>.jsonl.
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

from models.brands import BrandMatcher
from models.pipeline import load_pipeline
from models.sentiment import THRESHOLDS_FILE, SentimentScorer
from models.sentiment_model import COMPONENT, SHIPPED_DIR, LinearSentiment
from models.sentiment_train import review_text, written_reviews
from models.settings import EnrichSettings

EVAL_DIR = Path(__file__).parent / "eval"
VADER_DIR = Path(__file__).resolve().parents[2] / "shared/data/sentiment/vader-icwsm2014-en"
# VADER's authors call a mean rating above +0.5 (of -4..4) positive and below -0.5 negative.
RATING_CUT = 0.5
# 30 % of the English snippets (by a hash of their id) tune the thresholds; 70 % are held out.
DEV_SHARE = 3
LABELS = ("positive", "negative", "neutral")


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _config() -> dict:
    return json.loads((EVAL_DIR / "config.json").read_text(encoding="utf-8"))


def brand_scores(lang: str, nlp=None) -> dict[str, float]:
    """Return mention-level precision, recall and F1 (micro, and macro over brand ids) on brands_<lang>.jsonl."""
    settings = EnrichSettings()
    nlp = nlp or load_pipeline(settings.pipelines[lang])
    matcher = BrandMatcher(_config()["brands"])
    rows = _jsonl(EVAL_DIR / f"brands_{lang}.jsonl")
    tp = fp = fn = exact = 0
    per_brand = {b["id"]: Counter() for b in _config()["brands"]}
    errors = []
    for row, doc in zip(rows, nlp.pipe(r["text"] for r in rows)):
        found = Counter(m.brand_id for m in matcher.find(row["text"], (s.start_char for s in doc.sents)))
        gold = Counter(row["brands"])
        hit = sum((found & gold).values())
        tp, fp, fn = tp + hit, fp + sum(found.values()) - hit, fn + sum(gold.values()) - hit
        for brand, counts in per_brand.items():
            both = min(found[brand], gold[brand])
            counts.update(tp=both, fp=found[brand] - both, fn=gold[brand] - both)
        if found != gold:
            errors.append((row["text"], dict(gold), dict(found)))
        exact += found == gold
    precision, recall = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
    brand_f1 = [2 * c["tp"] / max(2 * c["tp"] + c["fp"] + c["fn"], 1) for c in per_brand.values()]
    return {"n": len(rows), "precision": precision, "recall": recall,
            "f1": 2 * precision * recall / max(precision + recall, 1e-9),
            "macro_f1": sum(brand_f1) / max(len(brand_f1), 1), "accuracy": exact / max(len(rows), 1),
            "errors": errors}


def _f1(gold: list[str], pred: list[str], labels: tuple[str, ...]) -> float:
    scores = []
    for label in labels:
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label and g != label for g, p in zip(gold, pred))
        fn = sum(g == label and p != label for g, p in zip(gold, pred))
        scores.append(2 * tp / max(2 * tp + fp + fn, 1))
    return sum(scores) / len(scores)


def _label_of(score: float, threshold: float) -> str:
    return "positive" if score >= threshold else "negative" if score <= -threshold else "neutral"


def _scores(lang: str, texts: list[str], nlp=None) -> list[float]:
    """Score texts with the shipped sentiment component (added to `nlp` when missing)."""
    nlp = nlp or load_pipeline(EnrichSettings().pipelines[lang])
    if COMPONENT not in nlp.pipe_names:
        nlp.add_pipe(COMPONENT, config={"lang": lang, "path": ""})
    return [d._.sentiment_score for d in nlp.pipe(texts, batch_size=256)]


def _lexicon_scores(lang: str, texts: list[str], nlp=None) -> list[float]:
    """Score texts with the VADER-style lexicon alone (the baseline the model must beat)."""
    nlp = nlp or load_pipeline(EnrichSettings().pipelines[lang])
    scorer = SentimentScorer.for_language(lang)
    return [scorer.score_sentences(list(d.sents)) for d in nlp.pipe(texts, batch_size=256)]


def neutral_band(lang: str) -> float:
    """Return the shipped model's neutral half-width for `lang`."""
    return LinearSentiment.load(SHIPPED_DIR, lang).neutral


def sentiment_metrics(gold: list[str], scores: list[float], threshold: float) -> dict[str, float]:
    """Return 3-class accuracy and macro-F1, and binary ones on the polar items (sign of the score)."""
    pred = [_label_of(s, threshold) for s in scores]
    polar = [(g, "positive" if s >= 0 else "negative") for g, s in zip(gold, scores) if g != "neutral"]
    pg, pp = [g for g, _ in polar], [p for _, p in polar]
    per_class = []
    for label in ("positive", "negative"):
        tp = sum(g == p == label for g, p in polar)
        per_class.append((tp / max(sum(p == label for p in pp), 1), tp / max(sum(g == label for g in pg), 1)))
    return {
        "precision2": sum(p for p, _ in per_class) / 2,
        "recall2": sum(r for _, r in per_class) / 2,
        "n": len(gold),
        "acc3": sum(g == p for g, p in zip(gold, pred)) / len(gold),
        "f1_3": _f1(gold, pred, LABELS),
        "n_polar": len(polar),
        "acc2": sum(g == p for g, p in polar) / max(len(polar), 1),
        "f1_2": _f1(pg, pp, ("positive", "negative")),
    }


def _vader_rows(vader_dir: Path, dev: bool) -> tuple[list[str], list[str]]:
    texts, gold = [], []
    for name in ("amazonReviewSnippets_GroundTruth.txt", "movieReviewSnippets_GroundTruth.txt"):
        for line in (vader_dir / name).read_text(encoding="utf-8", errors="replace").splitlines():
            parts = line.rstrip("\r").split("\t")
            if len(parts) < 3:
                continue
            in_dev = int(hashlib.sha1(parts[0].encode()).hexdigest(), 16) % 10 < DEV_SHARE
            if in_dev != dev:
                continue
            rating = float(parts[1])
            texts.append(parts[2])
            gold.append("positive" if rating > RATING_CUT else "negative" if rating < -RATING_CUT else "neutral")
    return texts, gold


def tune(vader_dir: Path = VADER_DIR) -> dict[str, float]:
    """Pick the threshold maximising 3-class macro-F1 on the English dev split; write thresholds.json."""
    texts, gold = _vader_rows(vader_dir, dev=True)
    scores = _scores("en", texts)
    grid = [round(0.025 * i, 3) for i in range(0, 25)]
    best = max(grid, key=lambda t: sentiment_metrics(gold, scores, t)["f1_3"])
    # No French dev set with neutral labels exists yet; French reuses the English value.
    thresholds = {"en": best, "fr": best}
    THRESHOLDS_FILE.write_text(json.dumps(thresholds, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({"tuned_on": f"vader amazon+movie dev ({len(texts)})", **thresholds}))
    return thresholds


def sentiment(vader_dir: Path = VADER_DIR) -> dict[str, dict[str, float]]:
    """Print and return held-out sentiment metrics per language."""
    out = {}
    thresholds = json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))
    rows = _jsonl(EVAL_DIR / "sentiment_fr.jsonl")
    texts, gold = [r["text"] for r in rows], [r["label"] for r in rows]
    out["fr"] = sentiment_metrics(gold, _scores("fr", texts), neutral_band("fr"))
    out["fr_lexicon"] = sentiment_metrics(gold, _lexicon_scores("fr", texts), thresholds["fr"])
    if vader_dir.exists():
        texts, gold = _vader_rows(vader_dir, dev=False)
        out["en"] = sentiment_metrics(gold, _scores("en", texts), neutral_band("en"))
        out["en_lexicon"] = sentiment_metrics(gold, _lexicon_scores("en", texts), thresholds["en"])
    for lang, m in out.items():
        print(lang, json.dumps({k: round(v, 3) for k, v in m.items()}))
    return out


def dev_review_metrics(lang: str, nlp=None) -> dict[str, float]:
    """Return the shipped model's metrics on the dev split of our written reviews (stars as labels).

    f1_2 predicts by the sign of the score; f1_label uses the shipped labels, a neutral counting as a miss.
    """
    rows = written_reviews(lang, dev=True)
    gold = ["positive" if y else "negative" for _, y in rows]
    scores = _scores(lang, [t for t, _ in rows], nlp)
    m = sentiment_metrics(gold, scores, neutral_band(lang))
    labels = [_label_of(s, neutral_band(lang)) for s in scores]
    m["f1_label"] = _f1(gold, labels, ("positive", "negative"))
    return m


def dev_reviews() -> dict[str, dict[str, float]]:
    """Print and return the metrics on the dev split of models/train/reviews_<lang>.jsonl."""
    out = {lang: dev_review_metrics(lang) for lang in ("fr", "en")}
    for lang, m in out.items():
        print(lang, json.dumps({k: round(v, 3) for k, v in m.items()}))
    return out


def review_metrics(gold: list[str], labels: list[str]) -> dict[str, float]:
    """Return macro-F1, precision, recall and accuracy over positive and negative reviews.

    A review predicted neutral counts as wrong: the warehouse stores the label, not the sign.
    """
    pairs = [(g, p) for g, p in zip(gold, labels) if g != "neutral"]
    per_class = []
    for label in ("positive", "negative"):
        tp = sum(g == p == label for g, p in pairs)
        predicted, actual = sum(p == label for _, p in pairs), sum(g == label for g, _ in pairs)
        per_class.append((tp / max(predicted, 1), tp / max(actual, 1)))
    f1s = [2 * p * r / max(p + r, 1e-9) for p, r in per_class]
    return {"n": len(pairs), "macro_f1": sum(f1s) / 2, "precision": sum(p for p, _ in per_class) / 2,
            "recall": sum(r for _, r in per_class) / 2, "accuracy": sum(g == p for g, p in pairs) / max(len(pairs), 1),
            "predicted_neutral": sum(p == "neutral" for _, p in pairs)}


def heldout_review_metrics(lang: str, nlp=None) -> dict[str, float]:
    """Return `review_metrics` of the pipeline's sentiment component (the shipped one when it has
    none) on the held-out reviews of `lang`, labelled with that model's own neutral band."""
    nlp = nlp or load_pipeline(EnrichSettings().pipelines[lang])
    texts, gold = review_texts(lang)
    scores = _scores(lang, texts, nlp)
    band = nlp.get_pipe(COMPONENT).model.neutral
    return review_metrics(gold, [_label_of(s, band) for s in scores])


def review_texts(lang: str) -> tuple[list[str], list[str]]:
    """Return the held-out reviews of `lang` as the enricher reads them (title, then text) and their labels."""
    rows = _jsonl(EVAL_DIR / f"reviews_{lang}.jsonl")
    return [review_text(r) for r in rows], [r["label"] for r in rows]


def reviews() -> dict[str, dict[str, float]]:
    """Print and return the shipped model's and the lexicon's figures on the held-out reviews.

    models/eval/reviews_<lang>.jsonl were written by another author than the model's, and were
    never read while building or tuning it (models/eval/REVIEWS_PROVENANCE.md).
    """
    out = {}
    thresholds = json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))
    for lang in ("fr", "en"):
        out[lang] = heldout_review_metrics(lang)
        texts, gold = review_texts(lang)
        out[f"{lang}_lexicon"] = review_metrics(
            gold, [_label_of(s, thresholds[lang]) for s in _lexicon_scores(lang, texts)])
    for name, m in out.items():
        print(name, json.dumps({k: round(v, 3) for k, v in m.items()}))
    return out


def brands() -> dict[str, dict]:
    """Print and return brand-matching precision, recall, F1, macro-F1, accuracy and n per language."""
    out = {}
    for lang in ("fr", "en"):
        m = brand_scores(lang)
        out[lang] = m
        print(lang, json.dumps({k: round(v, 3) for k, v in m.items() if k != "errors"}))
        for text, gold, found in m["errors"]:
            print("   miss/extra:", text, "gold", gold, "found", found)
    return out


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "brands"
    extra = [Path(a) for a in sys.argv[2:3]]
    {"brands": brands, "sentiment": sentiment, "dev": dev_reviews, "reviews": reviews, "tune": tune}[command](*extra)
