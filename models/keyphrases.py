"""Extract keyphrases from noun chunks: lemmatised, lower-case, cleaned."""

from __future__ import annotations

import re
from collections import Counter

from spacy.attrs import IS_SPACE, IS_STOP, LEMMA, LIKE_EMAIL, LIKE_URL, ORTH, POS
from spacy.parts_of_speech import NAMES
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


class _DocTokens:
    """The attributes keyphrase cleaning reads, one list per attribute, read once per Doc as arrays
    (a Token object per token per chunk cost more than the noun chunks themselves)."""

    def __init__(self, doc: Doc) -> None:
        columns = doc.to_array([ORTH, LEMMA, POS, IS_STOP, IS_SPACE, LIKE_URL, LIKE_EMAIL]).T.tolist()
        orth, lemma, pos, stop, space, url, email = columns or ([],) * 7
        strings = doc.vocab.strings
        self.text = [strings[h] for h in orth]
        self.lemma = [strings[h] for h in lemma]
        self.pos = [NAMES[p] for p in pos]
        self.stop, self.space, self.url, self.email = stop, space, url, email

    def edge(self, i: int) -> bool:
        # spaCy's French stop list holds content adjectives ("nouveau", "premier"): strip a
        # stop word only when it is a function word, so "le nouveau forfait" keeps "nouveau".
        pos = self.pos[i]
        return pos in _EDGE_POS or (bool(self.stop[i]) and pos not in _CONTENT_POS) or self.text[i].endswith(("'", "’"))

    def clean(self, start: int, end: int) -> str | None:
        """Return the cleaned phrase of tokens start..end, or None."""
        text, pos = self.text, self.pos
        tokens = [i for i in range(start, end) if not self.space[i]]
        while tokens and self.edge(tokens[0]):
            tokens = tokens[1:]
        while tokens and self.edge(tokens[-1]):
            tokens = tokens[:-1]
        # Possessive markers inside a chunk ("Orbis 's network") carry no meaning.
        tokens = [i for i in tokens if text[i].lower() not in ("'s", "’s")]
        if not tokens or len(tokens) > MAX_TOKENS:
            return None
        # Chunks made only of proper nouns are entities; the entities table owns them.
        if all(pos[i] == "PROPN" for i in tokens) or all(len(text[i]) < 2 for i in tokens):
            return None
        if any(_URLISH.search(text[i]) or self.url[i] or self.email[i] for i in tokens):
            return None
        words = [self.lemma[i].lower() if pos[i] != "PROPN" else text[i].lower() for i in tokens]
        phrase = " ".join(w for w in words if w.strip())
        if not phrase or _NUMERIC.match(phrase) or len(phrase) < 2:
            return None
        if fold(phrase) in BOILERPLATE:
            return None
        return phrase


def _clean(chunk: Span) -> str | None:
    return _DocTokens(chunk.doc).clean(chunk.start, chunk.end)


def keyphrases(doc: Doc) -> Counter[str]:
    """Count cleaned noun-chunk phrases in `doc`; singular and plural share one lemma."""
    counts: Counter[str] = Counter()
    tokens = _DocTokens(doc)
    for chunk in doc.noun_chunks:
        phrase = tokens.clean(chunk.start, chunk.end)
        if phrase:
            counts[phrase] += 1
    return counts
