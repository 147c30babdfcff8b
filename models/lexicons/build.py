"""Derive the compact lexicons fr.tsv and en.tsv from the permissively licensed sources.

Run once by a developer, never at enrichment time:
    python -m models.lexicons.build SENTIMENT_DIR VADER_LEXICON
SENTIMENT_DIR is shared/data/sentiment; VADER_LEXICON is vader_lexicon.txt from the
vaderSentiment 3.3.2 wheel (MIT).
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from models.text import fold

HERE = Path(__file__).parent
# Entries weaker than this (VADER -4..4 scale) are mostly noise from the translated lists.
MIN_ABS = 0.3
# Scale factors onto VADER's -4..4 scale: AFINN is -5..5; textblob-fr polarity is -1..1
# but rarely beyond ±0.8, so ×3.5 puts "excellent" (0.8 -> 2.8) near VADER's 3.1;
# Umigon only says positive or negative, ±1.5 is VADER's median absolute valence.
AFINN_SCALE = 0.8
TEXTBLOB_SCALE = 3.5
UMIGON_VALENCE = 1.5


def _single(term: str) -> str | None:
    key = fold(term.strip())
    return key if key and " " not in key and not key.startswith("#") else None


def _french(src: Path) -> dict[str, float]:
    votes: dict[str, list[float]] = defaultdict(list)
    for line in (src / "vadersentiment-fr/fr_lexicon.txt").read_text(encoding="utf-8").splitlines():
        term, _, value = line.partition("->")
        if (key := _single(term)) and value:
            votes[key].append(float(value))
    for line in (src / "afinn-fr/AFINN-fr-165.txt").read_text(encoding="utf-8").splitlines():
        term, _, value = line.rpartition("\t")
        if (key := _single(term)) and value:
            votes[key].append(float(value) * AFINN_SCALE)
    blob: dict[str, list[float]] = defaultdict(list)
    xml = (src / "textblob-fr/fr-sentiment.xml").read_text(encoding="utf-8")
    for form, polarity in re.findall(r'<word form="([^"]+)"[^>]*?polarity="([-0-9.]+)"', xml):
        if key := _single(form):
            blob[key].append(float(polarity) * TEXTBLOB_SCALE)
    for key, values in blob.items():
        votes[key].append(sum(values) / len(values))
    for name, valence in (("1_positive_tone.txt", UMIGON_VALENCE), ("2_negative_tone.txt", -UMIGON_VALENCE)):
        for line in (src / "umigon-fr" / name).read_text(encoding="utf-8").splitlines():
            if key := _single(line.split("\t")[0]):
                votes[key].append(valence)
    return {k: sum(v) / len(v) for k, v in votes.items()}


def _english(vader_lexicon: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    for line in vader_lexicon.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and (key := _single(parts[0])):
            out[key] = float(parts[1])
    return out


def _domain(lang: str) -> dict[str, float]:
    path = HERE / f"{lang}_domain.tsv"
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            term, value = line.split("\t")[:2]
            # Multi-word expressions are matched by the scorer at load time, never by one token.
            if " " not in term.strip():
                out[fold(term.strip())] = float(value)
    return out


def _write(lexicon: dict[str, float], path: Path) -> None:
    rows = sorted((k, v) for k, v in lexicon.items() if abs(v) >= MIN_ABS)
    path.write_text("".join(f"{k}\t{v:.2f}\n" for k, v in rows), encoding="utf-8")
    print(f"{path.name}: {len(rows)} entries")


def main(sentiment_dir: str, vader_lexicon: str) -> None:
    """Write fr.tsv and en.tsv; the domain files override the general lists."""
    # French stop words in the translated lists are noise ("plus" +1.5, "comme" +1.6,
    # "dire" -2.4): drop them; the domain file may put one back.
    from spacy.lang.fr.stop_words import STOP_WORDS

    stop = {fold(w) for w in STOP_WORDS}
    general = {k: v for k, v in _french(Path(sentiment_dir) / "french-lexicons").items() if k not in stop}
    french = general | _domain("fr")
    english = _english(Path(vader_lexicon)) | _domain("en")
    _write(french, HERE / "fr.tsv")
    _write(english, HERE / "en.tsv")


if __name__ == "__main__":
    main(*sys.argv[1:3])
