"""Score sentiment with a VADER-style lexicon scorer over spaCy tokens."""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import IS_ALPHA, IS_SPACE, IS_UPPER, LEMMA, LENGTH, NORM
from spacy.tokens import Doc, Token

from models.text import fold

LEXICON_DIR = Path(__file__).parent / "lexicons"
LEXICON_VERSION = "lex-1"
THRESHOLDS_FILE = LEXICON_DIR / "thresholds.json"

# VADER's constants (Hutto & Gilbert 2014, vaderSentiment.py): the booster step, the
# negation factor, the exclamation bonus and the normalisation alpha were fitted by its
# authors on their human-rated data; we keep them as published.
BOOST = 0.293
NEGATION = -0.74
EXCLAMATION = 0.292
ALPHA = 15.0
CAPS = 0.733
# "but" halves what came before and weights what follows by 1.5 (VADER's values).
BEFORE_CONTRAST, AFTER_CONTRAST = 0.5, 1.5
NEGATION_WINDOW = 3

_RULES: dict[str, dict[str, frozenset[str]]] = {
    "fr": {
        "negators": frozenset("pas jamais aucun aucune rien sans ni nullement guere point".split()),
        # "plus" negates only after "ne"/"n'" ("ne marche plus"); alone it compares ("plus rapide").
        "soft_negators": frozenset(["plus"]),
        "ne": frozenset(["ne", "n'"]),
        "boosters": frozenset(
            "tres trop vraiment tellement super extremement hyper ultra totalement completement "
            "absolument particulierement vachement franchement si".split()
        ),
        "dampeners": frozenset("peu assez plutot moyennement legerement".split()),
        "contrast": frozenset("mais cependant pourtant toutefois neanmoins".split()),
    },
    "en": {
        "negators": frozenset(
            "not n't no never neither nor without hardly barely cannot nothing none nobody nowhere".split()
        ),
        "soft_negators": frozenset(),
        "ne": frozenset(),
        "boosters": frozenset(
            "very really so extremely totally completely absolutely incredibly super highly most "
            "particularly truly utterly".split()
        ),
        "dampeners": frozenset("slightly somewhat barely kinda sorta marginally".split()),
        "contrast": frozenset("but however yet although though".split()),
    },
}


def load_lexicon(lang: str) -> dict[str, float]:
    """Read the derived lexicon of one language: folded term -> valence on VADER's -4..4 scale."""
    path = LEXICON_DIR / f"{lang}.tsv"
    if not path.exists():
        return {}
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        term, _, value = line.partition("\t")
        out[term] = float(value)
    return out


def load_thresholds() -> dict[str, float]:
    """Read the per-language label thresholds tuned by `python -m models.evaluate tune`."""
    if THRESHOLDS_FILE.exists():
        return json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))
    return {}


# Lemma hash -> (lower-cased lemma, folded lower-cased lemma), shared by every pipeline (a
# string's hash is the same in every StringStore). Not tuned, a bound: cleared when full,
# so at most about 30 MB (2**17 entries of about 230 bytes); the bench uses a few thousand.
_LEMMA_CACHE_SIZE = 2**17
_LEMMAS: dict[int, tuple[str, str]] = {}


def _lemma_forms(lemma: int, strings) -> tuple[str, str]:
    if len(_LEMMAS) >= _LEMMA_CACHE_SIZE:
        _LEMMAS.clear()
    lower = strings[lemma].lower()
    forms = _LEMMAS[lemma] = (lower, fold(lower))
    return forms


@dataclass
class TokenAttrs:
    """The token attributes the sentiment scorers read, as plain lists (one item per token)."""

    norms: list[str]
    lemmas: list[str]  # lower-cased
    folded: list[str]  # fold() of the lower-cased lemma
    space: list[bool] | list[int]
    upper: list[bool] | list[int]
    alpha: list[bool] | list[int]
    length: list[int]

    @classmethod
    def of_tokens(cls, tokens: Sequence[Token]) -> TokenAttrs:
        """Read the attributes of any token sequence (a Span, a Doc, a list of tokens)."""
        tokens = list(tokens)
        lemmas = [t.lemma_.lower() for t in tokens]
        return cls([t.norm_ for t in tokens], lemmas, [fold(lemma) for lemma in lemmas],
                   [t.is_space for t in tokens], [t.is_upper for t in tokens],
                   [t.is_alpha for t in tokens], [len(t) for t in tokens])

    @classmethod
    def of_doc(cls, doc: Doc) -> TokenAttrs:
        """Read the attributes of a whole Doc in one array pass, without a Token object per token."""
        columns = doc.to_array([NORM, LEMMA, IS_SPACE, IS_UPPER, IS_ALPHA, LENGTH]).T.tolist()
        if not columns:
            return cls([], [], [], [], [], [], [])
        norm, lemma, space, upper, alpha, length = columns
        strings = doc.vocab.strings
        forms = [_LEMMAS[h] if h in _LEMMAS else _lemma_forms(h, strings) for h in lemma]
        return cls([strings[h] for h in norm], [f[0] for f in forms], [f[1] for f in forms],
                   space, upper, alpha, length)  # flags as 0/1 ints: only their truth is read

    def slice(self, start: int, end: int) -> TokenAttrs:
        """Return the attributes of tokens start..end."""
        return TokenAttrs(self.norms[start:end], self.lemmas[start:end], self.folded[start:end],
                          self.space[start:end], self.upper[start:end], self.alpha[start:end],
                          self.length[start:end])


def normalize(raw: float) -> float:
    """Map an unbounded VADER sum into [-1, 1]."""
    return raw / math.sqrt(raw * raw + ALPHA) if raw else 0.0


@dataclass
class SentimentScorer:
    """Score token sequences of one language; lexicon and thresholds are read once."""

    lang: str
    lexicon: dict[str, float] = field(default_factory=dict)
    threshold: float = 0.05

    @classmethod
    def for_language(cls, lang: str) -> SentimentScorer:
        """Build the scorer of `lang` from the shipped lexicon and tuned threshold."""
        # 0.05 is VADER's published default, used for a language without a tuned value.
        return cls(lang, load_lexicon(lang), load_thresholds().get(lang, 0.05))

    def raw(self, tokens: Sequence[Token]) -> float:
        """Return the unnormalised VADER-style sum of one sentence."""
        return self.raw_attrs(TokenAttrs.of_tokens(tokens))

    def raw_attrs(self, attrs: TokenAttrs) -> float:
        """Return the unnormalised VADER-style sum of one sentence given as token attributes."""
        rules = _RULES.get(self.lang, _RULES["en"])
        norms, lemmas, alpha, upper = attrs.norms, attrs.lemmas, attrs.alpha, attrs.upper
        contrast, boosters, negators, ne = rules["contrast"], rules["boosters"], rules["negators"], rules["ne"]
        lex = self.lexicon
        n = len(norms)
        all_caps = all(u for u, a in zip(upper, alpha) if a)
        values: list[float] = []
        contrast_at = -1
        for i in range(n):
            word = norms[i]
            if word in contrast:
                contrast_at = i
            # A booster modifies the next word ("très lent"); alone ("Super !") it keeps its own valence.
            modifies = i + 1 < n and alpha[i + 1]
            if (word in boosters and modifies) or word in negators or word in ne:
                values.append(0.0)
                continue
            # Valence of the lemma, else of the folded lemma, else of the norm (inlined: once per token).
            lemma, folded = lemmas[i], attrs.folded[i]
            valence = lex[lemma] if lemma in lex else lex[folded] if folded in lex else lex.get(word, 0.0)
            if not valence:
                values.append(0.0)
                continue
            if upper[i] and alpha[i] and attrs.length[i] > 1 and not all_caps:
                valence += CAPS if valence > 0 else -CAPS
            for back in range(1, NEGATION_WINDOW + 1):
                j = i - back
                if j < 0:
                    break
                prev = norms[j]
                decay = 1.0 - 0.05 * (back - 1)
                if prev in rules["boosters"]:
                    valence += (BOOST if valence > 0 else -BOOST) * decay
                elif prev in rules["dampeners"]:
                    valence -= (BOOST if valence > 0 else -BOOST) * decay
            if self._negated(norms, lemmas, i, rules):
                valence *= NEGATION
            values.append(valence)
        if contrast_at >= 0:
            values = [
                v * (BEFORE_CONTRAST if i < contrast_at else AFTER_CONTRAST) for i, v in enumerate(values)
            ]
        total = sum(values)
        bangs = min(norms.count("!"), 4)
        if total and bangs:
            total += EXCLAMATION * bangs if total > 0 else -EXCLAMATION * bangs
        return total

    @staticmethod
    def _negated(norms: list[str], lemmas: list[str], i: int, rules: dict[str, frozenset[str]]) -> bool:
        for j in range(max(0, i - NEGATION_WINDOW), i):
            # French "ne"/"n'" marks the negation before the verb; "pas" often comes after it.
            if norms[j] in rules["negators"] or lemmas[j] in rules["negators"] or norms[j] in rules["ne"]:
                return True
            if norms[j] in rules["soft_negators"] and any(
                norms[k] in rules["ne"] for k in range(max(0, j - NEGATION_WINDOW), j)
            ):
                return True
        return False

    def score_sentences(self, sentences: Iterable[Sequence[Token]]) -> float:
        """Return the normalised score of several sentences taken together."""
        return normalize(sum(self.raw(s) for s in sentences))

    def label(self, score: float) -> str:
        """Return positive, negative or neutral for a normalised score."""
        if score >= self.threshold:
            return "positive"
        if score <= -self.threshold:
            return "negative"
        return "neutral"
