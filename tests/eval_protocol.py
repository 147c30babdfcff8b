"""The evaluation protocol's one check: a labelled set's dev and sealed parts share no text.

Every labelled set (extraction pages, brand sentences, sentiment texts) has a dev part that
work may look at and a sealed part that is only scored, never read error by error. The two
must be disjoint exactly and near-exactly: the same text after folding case, accents,
spacing and punctuation, or two texts whose word 3-gram sets overlap at `NEAR` Jaccard or
more (a retweet with a different handle, a page saved twice, a review quoted in another).
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable

NEAR = 0.8  # a copy with a handle, a date or a few words changed stays above it
SHINGLE = 3
_WORD = re.compile(r"\w+", re.UNICODE)


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return _WORD.findall("".join(c for c in folded if not unicodedata.combining(c)))


def _shingles(words: list[str]) -> frozenset[str]:
    if len(words) < SHINGLE:
        return frozenset([" ".join(words)])
    return frozenset(" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1))


def overlaps(dev: Iterable[str], sealed: Iterable[str], near: float = NEAR) -> list[tuple[int, int, float]]:
    """Return (dev index, sealed index, Jaccard) of every pair that is the same or nearly the same text."""
    dev_sets = [_shingles(_words(t)) for t in dev]
    index: dict[str, list[int]] = defaultdict(list)
    for i, shingles in enumerate(dev_sets):
        for s in shingles:
            index[s].append(i)
    found = []
    for j, text in enumerate(sealed):
        mine = _shingles(_words(text))
        shared: dict[int, int] = defaultdict(int)
        for s in mine:
            for i in index.get(s, ()):
                shared[i] += 1
        for i, n in shared.items():
            jaccard = n / len(mine | dev_sets[i])
            if jaccard >= near:
                found.append((i, j, round(jaccard, 3)))
    return found
