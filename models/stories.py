"""Near-duplicate stories: a MinHash signature per document, for the warehouse to group.

A press release syndicated on several sites, or a post copied across forums, is one story:
share of voice counted by stories counts it once. Each document of at least `MIN_WORDS`
words gets a signature of `PERMUTATIONS` minima of hashed 4-word shingles (Broder's
MinHash): two signatures agree on a position with probability equal to the Jaccard
similarity of the two shingle sets. The warehouse finds candidates by locality-sensitive
hashing and verifies them (`warehouse.stories`); the numbers both sides share are in
`contract.stories`.
Short posts get no signature: two tweets saying "panne chez Orbis" are two voices.
"""

from __future__ import annotations

import re
import unicodedata
import zlib

import numpy as np

from contract.stories import MIN_WORDS, PERMUTATIONS, SEED, SHINGLE

_PRIME = np.uint64((1 << 61) - 1)
_MAX = np.uint64((1 << 32) - 1)
_rng = np.random.RandomState(SEED)
_A = _rng.randint(1, 1 << 31, size=PERMUTATIONS, dtype=np.int64).astype(np.uint64)
_B = _rng.randint(0, 1 << 31, size=PERMUTATIONS, dtype=np.int64).astype(np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)


class _DropCombining(dict):
    """str.translate table deleting combining marks, filled one code point at a time."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        kept = self[code] = None if unicodedata.combining(char) else char
        return kept


_DROP_COMBINING = _DropCombining()


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    if not folded.isascii():  # str.translate loops in C; the same as a generator over the characters
        folded = folded.translate(_DROP_COMBINING)
    return _WORD.findall(folded)


def signature(text: str | None) -> list[int] | None:
    """Return the document's MinHash signature (PERMUTATIONS ints), or None if too short."""
    words = _words(text or "")
    if len(words) < MIN_WORDS:
        return None
    shingles = {" ".join(words[i:i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}
    hashes = np.fromiter((zlib.crc32(s.encode()) for s in shingles), dtype=np.uint64,
                         count=len(shingles))
    # (a*h + b) mod p per permutation, reduced to 32 bits; h < 2^32 and a, b < 2^31 keep the
    # product inside 64 bits, so this is exact and the same on every machine.
    permuted = ((np.outer(hashes, _A) + _B) % _PRIME) & _MAX
    return permuted.min(axis=0).tolist()  # Python ints, as int() of each


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return sum(x == y for x, y in zip(a, b, strict=True)) / len(a)
