"""`veille train-sentiment`: retrain sentiment on the watch's starred reviews, promote if better."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flows.stages import Run


@dataclass
class TrainOutcome:
    """What a retraining did: the models' report, whether it became current, how many reviews."""

    report: object
    promoted: bool
    reviews: int


def starred_reviews(run: Run) -> list[tuple[str, float, float, str]]:
    """Return (text, rating, rating_best, lang) of every starred review in the warehouse."""
    import warehouse

    if not run.layout.db.exists():
        raise FileNotFoundError(
            f"no warehouse at {run.layout.db}: run `veille run` first so there are reviews to learn from"
        )
    sql = (Path(__file__).parent / "queries" / "starred_reviews.sql").read_text(encoding="utf-8")
    _, rows = warehouse.query(run.layout.db, sql)
    return [(text, float(rating), float(best), lang or "") for text, rating, best, lang in rows]


def train_sentiment(run: Run) -> TrainOutcome:
    """Train a candidate on the starred reviews and make it current when it beats the current one."""
    from models.sentiment_train import promote_if_better, train_from_reviews

    reviews = starred_reviews(run)
    registry = run.layout.sentiment_registry
    registry.mkdir(parents=True, exist_ok=True)
    base = registry if (registry / "current.json").exists() else None
    out_dir = run.layout.data_dir / "models" / "candidates" / run.run_id
    report = train_from_reviews(reviews, out_dir, base=base, pipelines=dict(run.cfg.nlp.pipelines))
    promoted = promote_if_better(Path(report.out_dir), registry)
    return TrainOutcome(report=report, promoted=promoted, reviews=len(reviews))
