"""Extract keyphrases from noun chunks: lemmatised, lower-case, cleaned."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

import numpy as np
from spacy.attrs import DEP, HEAD, IS_SPACE, IS_STOP, LEMMA, LIKE_EMAIL, LIKE_URL, ORTH, POS
from spacy.parts_of_speech import NAMES
from spacy.symbols import NOUN, PRON, PROPN
from spacy.tokens import Doc

from models.text import fold, strings_of

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
        self.text = strings_of(orth, strings)
        self.lemma = strings_of(lemma, strings)
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


# spaCy's noun_chunks (spacy/lang/{fr,en}/syntax_iterators.py, 3.8), the same rules, reading
# POS, DEP and HEAD from arrays: spaCy's walks a Token object through every token of the doc,
# which cost as much as the cleaning of the chunks. tests/models/test_enrich.py checks that
# both give the same chunks; another language uses doc.noun_chunks.
_NP_DEPS = {
    "fr": ("nsubj", "nsubj:pass", "obj", "obl", "obl:agent", "obl:arg", "obl:mod", "nmod", "pcomp",
           "appos", "ROOT"),
    "en": ("oprd", "nsubj", "dobj", "nsubjpass", "pcomp", "pobj", "dative", "appos", "attr", "ROOT"),
}
_FR_POST_MODIFIERS = ("flat", "flat:name", "flat:foreign", "fixed", "compound")
_NOMINAL = (NOUN, PROPN, PRON)


# lang -> the label and part-of-speech ids noun_chunk_bounds compares with: a string's id is
# its hash, the same in every StringStore, so they are looked up once per language.
_LABEL_IDS: dict[str, tuple] = {}


def _label_ids(lang: str, strings) -> tuple:
    if lang not in _LABEL_IDS:
        # As spaCy does: a part-of-speech name added to the strings gives its symbol, the POS value.
        _LABEL_IDS[lang] = ({strings.add(label) for label in _NP_DEPS[lang]}, strings.add("conj"),
                            {strings.add(m) for m in _FR_POST_MODIFIERS},
                            *(strings.add(x) for x in ("amod", "det", "DET", "ADP", "CCONJ")))
    return _LABEL_IDS[lang]


def noun_chunk_bounds(doc: Doc) -> Iterator[tuple[int, int]]:
    """Yield (start, end) of each noun chunk, as doc.noun_chunks would."""
    lang = doc.lang_
    if lang not in _NP_DEPS or not len(doc):
        yield from ((c.start, c.end) for c in doc.noun_chunks)
        return
    if not doc.has_annotation("DEP"):
        raise ValueError("noun chunks need a dependency parse: keep the parser in the pipeline")
    np_deps, conj, np_modifs, amod, det, det_pos, adp_pos, conj_pos = _label_ids(lang, doc.vocab.strings)
    # HEAD is relative, and negative offsets come out of the uint64 array wrapped: int64 again.
    columns = doc.to_array([POS, DEP, HEAD])
    pos, dep = columns[:, 0].tolist(), columns[:, 1].tolist()
    head = (columns[:, 2].astype(np.int64) + np.arange(len(doc))).tolist()
    french = lang == "fr"
    prev_end = -1
    for i in [i for i, p in enumerate(pos) if p in _NOMINAL]:
        word = doc[i]
        left = word.left_edge.i
        if left <= prev_end:
            continue
        if dep[i] in np_deps:
            if not french:
                prev_end = i
                yield left, i + 1
                continue
            rights = [j for j in range(i + 1, word.right_edge.i + 1) if head[j] == i]
            right_end = i
            if rights:
                child = rights[0]
                if dep[child] == amod:
                    right_end = doc[child].right_edge.i
                elif dep[child] == det and pos[child] == det_pos:
                    right_end = child
                elif dep[child] in np_modifs:
                    right_end = word.right_edge.i
            prev_end = right_end
            yield (left + 1 if pos[left] == adp_pos else left), right_end + 1
        elif dep[i] == conj:
            h = head[i]
            while dep[h] == conj and head[h] < h:
                h = head[h]
            if dep[h] in np_deps:
                prev_end = i
                yield (left + 1 if french and pos[left] == conj_pos else left), i + 1


def keyphrases(doc: Doc) -> Counter[str]:
    """Count cleaned noun-chunk phrases in `doc`; singular and plural share one lemma."""
    counts: Counter[str] = Counter()
    tokens = _DocTokens(doc)
    for start, end in noun_chunk_bounds(doc):
        phrase = tokens.clean(start, end)
        if phrase:
            counts[phrase] += 1
    return counts
