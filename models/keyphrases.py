"""Extract keyphrases from noun chunks: lemmatised, lower-case, cleaned."""

from __future__ import annotations

import re
from collections import Counter

from spacy.tokens import Doc, Span

from models.text import fold

MAX_TOKENS = 4
# Web boilerplate that noun chunks pick up from feeds and article footers.
BOILERPLATE = frozenset(
    fold(p)
    for p in (
        "cliquez ici", "lire la suite", "en savoir plus", "suite", "article", "lien", "ici",
        "read more", "click here", "learn more", "continue reading", "newsletter", "cookie",
        "cookies", "commentaire", "commentaires", "comment", "comments", "partager", "share",
        "abonnez-vous", "subscribe", "tous droits réservés", "all rights reserved",
    )
)
_EDGE_POS = frozenset({"DET", "ADP", "PRON", "PUNCT", "CCONJ", "SCONJ", "PART", "SYM", "SPACE", "NUM", "AUX"})
_CONTENT_POS = frozenset({"ADJ", "NOUN", "PROPN"})
_URLISH = re.compile(r"(https?:|www\.|\.(com|fr|net|org)\b|@|#)")
_NUMERIC = re.compile(r"^[\d\s.,%€$/:-]+$")


def _edge(token) -> bool:
    # spaCy's French stop list holds content adjectives ("nouveau", "premier"): strip a
    # stop word only when it is a function word, so "le nouveau forfait" keeps "nouveau".
    return (
        token.pos_ in _EDGE_POS
        or (token.is_stop and token.pos_ not in _CONTENT_POS)
        or token.text.endswith(("'", "’"))
    )


def _clean(chunk: Span) -> str | None:
    tokens = [t for t in chunk if not t.is_space]
    while tokens and _edge(tokens[0]):
        tokens = tokens[1:]
    while tokens and _edge(tokens[-1]):
        tokens = tokens[:-1]
    # Possessive markers inside a chunk ("Orbis 's network") carry no meaning.
    tokens = [t for t in tokens if t.text.lower() not in ("'s", "’s")]
    if not tokens or len(tokens) > MAX_TOKENS:
        return None
    # Chunks made only of proper nouns are entities; the entities table owns them.
    if all(t.pos_ == "PROPN" for t in tokens) or all(len(t.text) < 2 for t in tokens):
        return None
    if any(_URLISH.search(t.text) or t.like_url or t.like_email for t in tokens):
        return None
    words = [t.lemma_.lower() if t.pos_ != "PROPN" else t.text.lower() for t in tokens]
    phrase = " ".join(w for w in words if w.strip())
    if not phrase or _NUMERIC.match(phrase) or len(phrase) < 2:
        return None
    if fold(phrase) in BOILERPLATE:
        return None
    return phrase


def keyphrases(doc: Doc) -> Counter[str]:
    """Count cleaned noun-chunk phrases in `doc`; singular and plural share one lemma."""
    counts: Counter[str] = Counter()
    for chunk in doc.noun_chunks:
        phrase = _clean(chunk)
        if phrase:
            counts[phrase] += 1
    return counts
