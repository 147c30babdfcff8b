"""The story signature's shape: what the enrichment writes and the warehouse groups by.

A document of at least `MIN_WORDS` words gets `PERMUTATIONS` minima of hashed `SHINGLE`-word
shingles (Broder's MinHash, computed in `models.stories`); the warehouse finds candidate
pairs by locality-sensitive hashing (`BANDS` bands of `ROWS` positions: same band, candidate
pair) and keeps the pairs whose signatures agree on at least `THRESHOLD` of the positions
(`warehouse.stories`). Both sides must agree on these numbers, and signatures written on
one night must compare with those of another: change one and `VERSION` changes with it.
"""

from __future__ import annotations

VERSION = "minhash-4w-64-v1"
SHINGLE = 4
PERMUTATIONS = 64
BANDS, ROWS = 21, 3  # candidates: 93 % of pairs at Jaccard 0.5, 42 % at 0.3; then verified
THRESHOLD = 0.5
MIN_WORDS = 25
SEED = 20261122  # fixed: signatures must compare across nights
