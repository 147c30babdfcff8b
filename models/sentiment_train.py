"""Train the sentiment component: the shipped base model and the user's own, from starred reviews.

`python -m models.sentiment_train base [SHARED_SENTIMENT_DIR]` rebuilds models/sentiment_base/
from the permissively licensed sets in ../shared/data/sentiment (read at training time only).
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
import sys
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import datetime, UTC
from pathlib import Path

import numpy as np
from spacy.language import Language
from thinc.api import Config

from models.pipeline import load_pipeline
from models.sentiment_model import N_HASH, SHIPPED_DIR, LinearSentiment, model_meta, resolve_model_dir
from models.settings import EnrichSettings
from models.text import analysed_text

CONFIG_FILE = Path(__file__).parent / "sentiment_train.cfg"
REVIEWS_DIR = Path(__file__).parent / "train"
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared/data/sentiment"
# (hashed indices, dense features, label), optionally followed by the example's weight (default 1).
Example = tuple[np.ndarray, np.ndarray, int] | tuple[np.ndarray, np.ndarray, int, float]


@dataclass
class TrainReport:
    """What `train_from_reviews` did, per language: sizes and held-out macro-F1 before and after."""

    version: str
    out_dir: str
    parent: str
    languages: dict[str, dict] = field(default_factory=dict)
    skipped: int = 0

    @property
    def better(self) -> bool:
        """Return True when at least one language adopted its retrained weights (the others kept
        the current ones, so none got worse)."""
        trained = [m for m in self.languages.values() if m.get("trained")]
        if any("adopted" not in m for m in trained):  # a report written before per-language adoption
            return bool(trained) and all(m["candidate_f1"] >= m["current_f1"] for m in trained) and any(
                m["candidate_f1"] > m["current_f1"] for m in trained)
        return any(m["adopted"] for m in trained)


def settings(section: str) -> dict:
    """Return one section of models/sentiment_train.cfg."""
    return dict(Config().from_disk(CONFIG_FILE)[section])


def training_pipeline(lang: str, pipelines: dict[str, str] | None = None) -> Language:
    """Load `lang`'s pipeline for feature extraction: lemmas kept, parser and NER off, rule sentences."""
    nlp = load_pipeline((pipelines or EnrichSettings().pipelines)[lang])
    nlp.disable_pipes(*[p for p in ("parser", "ner") if p in nlp.pipe_names])
    nlp.add_pipe("sentencizer")
    return nlp


def featurize(model: LinearSentiment, nlp: Language, texts: Iterable[str]) -> list[tuple[np.ndarray, np.ndarray]]:
    """Return the features of each text."""
    return [model.features(list(doc.sents)) for doc in nlp.pipe(texts, batch_size=256)]


def fit(model: LinearSentiment, examples: list[Example], cfg: dict, prior: np.ndarray | None = None) -> None:
    """Fit `model` in place by logistic regression (Adagrad, L2 toward `prior` or 0)."""
    rng = np.random.default_rng(cfg["seed"])
    w = model.weights
    prior = np.zeros_like(w) if prior is None else prior
    g2 = np.full_like(w, 1e-8)
    b, gb2 = model.bias, 1e-8
    lr, l2 = cfg["learn_rate"], cfg["l2"]
    order = np.arange(len(examples))
    # Class-balanced: each class weighs half, so the bias does not learn the corpus's skew
    # (xed-fr is 71 % negative, the English sets 62 % positive; review sites differ again).
    ys = np.array([e[2] for e in examples])
    n_pos = max(int(ys.sum()), 1)
    n_neg = max(len(ys) - n_pos, 1)
    class_w = {1: len(ys) / (2 * n_pos), 0: len(ys) / (2 * n_neg)} if cfg.get("balance") else {1: 1.0, 0: 1.0}
    l2_ngram = cfg.get("ngram_l2", l2)
    for _ in range(cfg["epochs"]):
        rng.shuffle(order)
        for start in range(0, len(order), cfg["batch_size"]):
            batch = [examples[i] for i in order[start:start + cfg["batch_size"]]]
            lens = np.array([len(e[0]) for e in batch])
            scale = 1.0 / np.sqrt(np.maximum(lens, 1))
            idx = np.concatenate([e[0] for e in batch]) if lens.sum() else np.zeros(0, dtype=np.int64)
            owner = np.repeat(np.arange(len(batch)), lens)
            dense = np.stack([e[1] for e in batch])
            y = np.array([e[2] for e in batch], dtype=np.float32)
            cw = np.array([class_w[e[2]] * (e[3] if len(e) > 3 else 1.0) for e in batch], dtype=np.float32)
            z = np.bincount(owner, weights=w[idx], minlength=len(batch)) * scale + dense @ w[N_HASH:] + b
            err = (1.0 / (1.0 + np.exp(-np.clip(z, -30, 30))) - y) * cw / len(batch)
            grad = np.zeros_like(w)
            grad[:N_HASH] = np.bincount(idx, weights=(err * scale)[owner], minlength=N_HASH)
            grad[N_HASH:] = dense.T @ err
            grad[:N_HASH] += l2_ngram * (w[:N_HASH] - prior[:N_HASH])
            grad[N_HASH:] += l2 * (w[N_HASH:] - prior[N_HASH:])
            g2 += grad * grad
            w -= lr * grad / np.sqrt(g2)
            gb = float(err.sum())
            gb2 += gb * gb
            b -= lr * gb / np.sqrt(gb2)
    model.weights, model.bias = w.astype(np.float32), float(b)


def macro_f1(gold: list[int], scores: list[float]) -> float:
    """Return macro-F1 over positive (1) and negative (0), predicting by the sign of the score."""
    pred = [1 if s >= 0 else 0 for s in scores]
    f1s = []
    for label in (0, 1):
        tp = sum(g == p == label for g, p in zip(gold, pred))
        fp = sum(p == label != g for g, p in zip(gold, pred))
        fn = sum(g == label != p for g, p in zip(gold, pred))
        f1s.append(2 * tp / max(2 * tp + fp + fn, 1))
    return sum(f1s) / 2


def _score_all(model: LinearSentiment, feats: list[tuple[np.ndarray, np.ndarray]]) -> list[float]:
    return [model.logit(i, d) if len(i) else 0.0 for i, d in feats]


def _write_meta(out_dir: Path, version: str, languages: list[str], **extra: object) -> None:
    meta = {"version": version, "languages": languages, "created_at": datetime.now(UTC).isoformat(), **extra}
    (out_dir / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def review_label(rating: float, best: float) -> int | None:
    """Return 1 for >= 4 of 5, 0 for <= 2 of 5, None in between (or without a usable scale)."""
    if not best or best <= 0 or rating is None:
        return None
    five = 5.0 * rating / best
    return 1 if five >= 4 else 0 if five <= 2 else None


def train_from_reviews(reviews: list[tuple[str, float, float, str]], out_dir: Path, *,
                       base: Path | None = None, seed: int = 0,
                       pipelines: dict[str, str] | None = None) -> TrainReport:
    """Adapt the current model to starred reviews (text, rating, best, lang); evaluate on a held-out split."""
    cfg = {**settings("user"), "seed": seed}
    base_dir = resolve_model_dir(base)
    base_meta = model_meta(base_dir)
    by_lang: dict[str, list[tuple[str, int]]] = {}
    report = TrainReport(version="", out_dir=str(out_dir), parent=base_meta["version"])
    for text, rating, best, lang in reviews:
        label = review_label(rating, best)
        lang = (lang or "").split("-")[0].lower()
        if label is None or lang not in base_meta["languages"] or not (text or "").strip():
            report.skipped += 1
            continue
        by_lang.setdefault(lang, []).append((text, label))
    digest = hashlib.sha1(json.dumps(sorted(by_lang.items())).encode()).hexdigest()[:8]
    report.version = f"user-{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{digest}"
    out_dir.mkdir(parents=True, exist_ok=True)
    for lang in base_meta["languages"]:
        current = LinearSentiment.load(base_dir, lang)
        rows = by_lang.get(lang, [])
        if len(rows) < cfg["min_reviews"]:
            current.save(out_dir)
            report.languages[lang] = {"trained": False, "reviews": len(rows)}
            continue
        random.Random(seed).shuffle(rows)
        n_hold = max(int(len(rows) * cfg["holdout"]), 1)
        hold, train = rows[:n_hold], rows[n_hold:]
        nlp = training_pipeline(lang, pipelines)
        train_feats = featurize(current, nlp, (t for t, _ in train))
        hold_feats = featurize(current, nlp, (t for t, _ in hold))
        gold = [y for _, y in hold]
        current_f1 = macro_f1(gold, _score_all(current, hold_feats))
        candidate = LinearSentiment(lang, current.weights.copy(), current.bias, current.neutral)
        fit(candidate, [(i, d, y) for (i, d), (_, y) in zip(train_feats, train)], cfg, prior=current.weights)
        candidate_f1 = macro_f1(gold, _score_all(candidate, hold_feats))
        # Each language takes its retrained weights only when they score better on its held-out
        # reviews: French can improve while English, with fewer reviews, keeps what it had.
        adopted = candidate_f1 > current_f1
        (candidate if adopted else current).save(out_dir)
        report.languages[lang] = {"trained": True, "reviews": len(rows), "train": len(train), "holdout": n_hold,
                                  "current_f1": round(current_f1, 4), "candidate_f1": round(candidate_f1, 4),
                                  "adopted": adopted}
    _write_meta(out_dir, report.version, base_meta["languages"], parent=base_meta["version"],
                report=asdict(report))
    return report


def promote_if_better(candidate: Path, registry_dir: Path) -> bool:
    """Copy `candidate` to `<registry>/<version>/` and make it current when its held-out F1 is better."""
    meta = model_meta(candidate)
    report = TrainReport(**meta["report"])
    if not report.better:
        return False
    target = registry_dir / meta["version"]
    if not target.exists():
        shutil.copytree(candidate, target.with_suffix(".tmp"), dirs_exist_ok=True)
        target.with_suffix(".tmp").rename(target)
    tmp = registry_dir / "current.json.tmp"
    tmp.write_text(json.dumps({"version": meta["version"], "parent": meta.get("parent")}) + "\n",
                   encoding="utf-8")
    tmp.replace(registry_dir / "current.json")
    return True


def _split(key: str) -> int:
    """Return a stable bucket 0..9 of a text id, shared with models.evaluate's held-out splits."""
    return int(hashlib.sha1(key.encode()).hexdigest(), 16) % 10


def review_text(row: dict) -> str:
    """Return the text the enricher analyses for a review: its title, a blank line, its body."""
    return analysed_text(row.get("title"), row.get("text"))


def written_reviews(lang: str, dev: bool, directory: Path = REVIEWS_DIR) -> list[tuple[str, int]]:
    """Return our written reviews of `lang` (models/train/reviews_<lang>.jsonl) as (text, 1/0), 3 of 5 left out.

    Two in ten (by a hash of the id) are the dev split: tuned on, never trained on.
    """
    path = directory / f"reviews_{lang}.jsonl"
    if not path.exists():
        return []
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(review_text(r), label) for r in rows
            if (_split(r["id"]) < 2) == dev and (label := review_label(r["stars"], 5)) is not None]


def _vader_snippets(shared: Path, name: str) -> list[tuple[str, int]]:
    rows = []
    for line in (shared / f"vader-icwsm2014-en/{name}_GroundTruth.txt").read_text(
            encoding="utf-8", errors="replace").splitlines():
        parts = line.rstrip("\r").split("\t")
        if len(parts) < 3 or abs(float(parts[1])) <= 0.5:
            continue
        # amazon and movie: only the 30 % dev split; the other 70 % are models.evaluate's held-out set.
        if name in ("amazonReviewSnippets", "movieReviewSnippets") and _split(parts[0]) >= 3:
            continue
        rows.append((parts[2], int(float(parts[1]) > 0)))
    return rows


def _goemotions(shared: Path) -> list[tuple[str, int]]:
    rows = []
    for line in (shared / "goemotions-group-en/train.tsv").read_text(encoding="utf-8").splitlines():
        text, labels, _ = line.split("\t")
        if labels in ("1", "3"):
            rows.append((text, int(labels == "3")))
    return rows


def _xed(shared: Path) -> list[tuple[str, int]]:
    positive, negative = {"5", "8"}, {"1", "3", "4", "6"}
    rows = []
    for line in (shared / "xed-fr/fr-projections.tsv").read_text(encoding="utf-8").splitlines():
        parts = line.rstrip("\r").split("\t")
        if len(parts) != 2 or _split(parts[0]) >= 8:  # 20 % held out
            continue
        labels = {x.strip() for x in parts[1].split(",")}
        if labels and labels <= positive:
            rows.append((parts[0], 1))
        elif labels and labels <= negative:
            rows.append((parts[0], 0))
    return rows


# Every base training source by name: (language, loader). The weight of each is in
# sentiment_train.cfg ([base.<lang>.sources]); a weight of 0 leaves the source out.
SOURCES = {
    "vader_amazon": ("en", lambda d: _vader_snippets(d, "amazonReviewSnippets")),
    "vader_movie": ("en", lambda d: _vader_snippets(d, "movieReviewSnippets")),
    "vader_tweets": ("en", lambda d: _vader_snippets(d, "tweets")),
    "vader_nyt": ("en", lambda d: _vader_snippets(d, "nytEditorialSnippets")),
    "goemotions": ("en", _goemotions),
    "xed": ("fr", _xed),
    "reviews": ("*", None),
}


def base_corpus(lang: str, shared: Path = SHARED_DIR,
                weights: dict[str, float] | None = None) -> list[tuple[str, int, float]]:
    """Return the base training texts of `lang` as (text, 1 = positive / 0 = negative, weight), training splits only."""
    weights = weights if weights is not None else settings("base")[lang]["sources"]
    rows: list[tuple[str, int, float]] = []
    for name, (source_lang, load) in SOURCES.items():
        weight = float(weights.get(name, 0.0))
        if not weight or source_lang not in (lang, "*"):
            continue
        texts = written_reviews(lang, dev=False) if load is None else load(shared)
        rows.extend((text, label, weight) for text, label in texts)
    return rows


DATA = {
    "vader_amazon": "vader-icwsm2014-en amazon snippets 30 % dev split (MIT)",
    "vader_movie": "vader-icwsm2014-en movie snippets 30 % dev split (MIT)",
    "vader_tweets": "vader-icwsm2014-en tweets (MIT)",
    "vader_nyt": "vader-icwsm2014-en NYT editorial snippets (MIT)",
    "goemotions": "goemotions-group-en train, positive-only and negative-only (Apache-2.0)",
    "xed": "xed-fr 80 % split, joy/trust positive, anger/disgust/fear/sadness negative (CC BY 4.0)",
    "reviews": "models/train/reviews_<lang>.jsonl 80 % split, written by the Veille developers (Apache-2.0)",
}


def train_base(out_dir: Path = SHIPPED_DIR, shared: Path = SHARED_DIR, languages: tuple[str, ...] = ("fr", "en"),
               version: str = "base-2") -> dict[str, dict]:
    """Train the shipped model of each language from the permissively licensed sets; return sizes."""
    out_dir.mkdir(parents=True, exist_ok=True)
    figures, data = {}, {}
    for lang in languages:
        lang_cfg = settings("base")[lang]
        cfg = {**settings("base"), **{k: v for k, v in lang_cfg.items() if k != "sources"}}
        rows = base_corpus(lang, shared, lang_cfg["sources"])
        model = LinearSentiment(lang, neutral=cfg["neutral"])
        nlp = training_pipeline(lang)
        feats = featurize(model, nlp, (t for t, _, _ in rows))
        fit(model, [(i, d, y, w) for (i, d), (_, y, w) in zip(feats, rows)], cfg)
        model.save(out_dir)
        figures[lang] = {"texts": len(rows), "positive": sum(y for _, y, _ in rows),
                         "train_f1": round(macro_f1([y for _, y, _ in rows], _score_all(model, feats)), 4)}
        data[lang] = "; ".join(f"{DATA[name]} x{w:g}" for name, w in lang_cfg["sources"].items() if w) + (
            "; lexicon features from models/lexicons (MIT, PDDL, Apache-2.0, CC BY 4.0)" if lang == "fr" else "")
    _write_meta(out_dir, version, list(languages), training=figures, data=data)
    return figures


if __name__ == "__main__":
    if sys.argv[1:2] == ["base"]:
        print(json.dumps(train_base(shared=Path(sys.argv[2]) if len(sys.argv) > 2 else SHARED_DIR)))
