"""Retrain the shipped sentiment model on starred reviews as `veille train-sentiment` does; score it held out.

    .venv/bin/python bench/sentiment_retrain.py [--reviews 1000]

The "user's reviews" are models/train/reviews_<lang>.jsonl (written for training, stars kept),
at most --reviews per language; the scores are on models/eval/reviews_<lang>.jsonl (another
author's, never trained or tuned on), before and after, with the labels the warehouse stores
(a neutral counts as a miss). Prints one JSON line.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models.evaluate import heldout_review_metrics  # noqa: E402
from models.pipeline import load_pipeline  # noqa: E402
from models.sentiment_model import COMPONENT  # noqa: E402
from models.sentiment_train import REVIEWS_DIR, review_text, train_from_reviews  # noqa: E402
from models.settings import EnrichSettings  # noqa: E402


def _starred(lang: str, limit: int) -> list[tuple[str, float, float, str]]:
    rows = [json.loads(line) for line in (REVIEWS_DIR / f"reviews_{lang}.jsonl").read_text(encoding="utf-8")
            .splitlines() if line.strip()]
    return [(review_text(r), float(r["stars"]), 5.0, lang) for r in rows][:limit]


def _held_out(lang: str, model_path: str) -> dict[str, float]:
    nlp = load_pipeline(EnrichSettings().pipelines[lang])
    nlp.add_pipe(COMPONENT, config={"lang": lang, "path": model_path})
    return {k: round(v, 3) for k, v in heldout_review_metrics(lang, nlp).items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviews", type=int, default=1000, help="starred reviews per language to learn from")
    args = parser.parse_args()
    out: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        reviews = _starred("fr", args.reviews) + _starred("en", args.reviews)
        report = train_from_reviews(reviews, Path(tmp) / "candidate")
        out["train_s"] = round(time.perf_counter() - start, 1)
        out["report"] = report.languages
        for lang in ("fr", "en"):
            out[lang] = {"before": _held_out(lang, ""), "after": _held_out(lang, str(Path(tmp) / "candidate"))}
    print(json.dumps(out))


if __name__ == "__main__":
    main()
