"""Score sentiment with a VADER-style lexicon scorer over spaCy tokens."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.attrs import IS_ALPHA, IS_SPACE, IS_UPPER, LEMMA, LENGTH, ORTH
from spacy.tokens import Doc, Token

from models.text import fold, folded, memoised

LEXICON_DIR = Path(__file__).parent / "lexicons"
# lex-2: the domain lists are read at load time too, and may hold multi-word expressions.
LEXICON_VERSION = "lex-2"
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
    """Read the lexicon of one language: folded term -> valence on VADER's -4..4 scale.

    The derived list (`<lang>.tsv`) comes first; the hand-written domain list (`<lang>_domain.tsv`)
    overrides it, so a domain entry takes effect without rebuilding the derived list. Entries with
    a space are multi-word expressions (see `load_phrases`) and are left out here.
    """
    path = LEXICON_DIR / f"{lang}.tsv"
    out: dict[str, float] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            term, _, value = line.partition("\t")
            out[term] = float(value)
    for term, value in _domain_entries(lang).items():
        if " " not in term:
            out[term] = out[fold(term)] = value
    return out


def _domain_entries(lang: str) -> dict[str, float]:
    path = LEXICON_DIR / f"{lang}_domain.tsv"
    out: dict[str, float] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                term, value = line.split("\t")[:2]
                out[term.strip().lower()] = float(value)
    return out


_PHRASE_TOKENS = re.compile(r"\w+'|\w+|[^\w\s]")
# spaCy's English norms of contractions ("can't" -> "ca", "n't"), written in full in the phrase lists.
_CONTRACTIONS = {"n't": "not", "ca": "can", "wo": "will", "nt": "not"}


def load_phrases(lang: str) -> dict[tuple[str, ...], float]:
    """Return the multi-word expressions of the domain list as folded token tuples -> valence."""
    return {tuple(_PHRASE_TOKENS.findall(fold(term))): value
            for term, value in _domain_entries(lang).items() if " " in term}


def load_thresholds() -> dict[str, float]:
    """Read the per-language label thresholds tuned by `python -m models.evaluate tune`."""
    if THRESHOLDS_FILE.exists():
        return json.loads(THRESHOLDS_FILE.read_text(encoding="utf-8"))
    return {}


# Lemma hash -> (lower-cased lemma, folded lower-cased lemma), shared by every pipeline.
_LEMMAS: dict[int, tuple[str, str]] = {}


def _lemma_forms(lemma: str) -> tuple[str, str]:
    lower = lemma.lower()
    return lower, fold(lower)


@dataclass
class TokenAttrs:
    """The token attributes the sentiment scorers read, as plain lists (one item per token)."""

    norms: list[str]  # fold() of each token's text
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
        return cls([fold(t.text) for t in tokens], lemmas, [fold(lemma) for lemma in lemmas],
                   [t.is_space for t in tokens], [t.is_upper for t in tokens],
                   [t.is_alpha for t in tokens], [len(t) for t in tokens])

    @classmethod
    def of_doc(cls, doc: Doc) -> TokenAttrs:
        """Read the attributes of a whole Doc in one array pass, without a Token object per token."""
        columns = doc.to_array([ORTH, LEMMA, IS_SPACE, IS_UPPER, IS_ALPHA, LENGTH]).T.tolist()
        if not columns:
            return cls([], [], [], [], [], [], [])
        orth, lemma, space, upper, alpha, length = columns
        strings = doc.vocab.strings
        forms = memoised(lemma, strings, _LEMMAS, _lemma_forms)
        return cls(folded(orth, strings), [f[0] for f in forms], [f[1] for f in forms],
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
    phrases: dict[tuple[str, ...], float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._longest = max((len(p) for p in self.phrases), default=0)
        # Most words open no expression: only these positions are looked up.
        self._firsts = frozenset(p[0] for p in self.phrases)
        # The norms that can open one, contractions included ("ca" of "can't"): a sentence with
        # none of them holds no expression, and its norms need not be rewritten.
        self._openers = self._firsts | {short for short, full in _CONTRACTIONS.items() if full in self._firsts}

    @classmethod
    def for_language(cls, lang: str) -> SentimentScorer:
        """Build the scorer of `lang` from the shipped lexicon and tuned threshold."""
        # 0.05 is VADER's published default, used for a language without a tuned value.
        return cls(lang, load_lexicon(lang), load_thresholds().get(lang, 0.05), load_phrases(lang))

    def _phrase_spans(self, norms: list[str]) -> dict[int, tuple[int, float]]:
        """Return start -> (length, valence) of the longest multi-word expressions, left to right.

        `norms` are folded already: only contractions change ("ca", "n't" -> "can", "not"), and
        only in the windows that open an expression."""
        spans: dict[int, tuple[int, float]] = {}
        if not self._longest:
            return spans
        firsts, phrases, longest, n_tokens = self._firsts, self.phrases, self._longest, len(norms)
        free = 0  # the first position not inside an expression found
        # Most words open no expression: only the positions of first words are tried.
        for i in [i for i, word in enumerate(norms) if word in self._openers]:
            if i < free or _CONTRACTIONS.get(norms[i], norms[i]) not in firsts:
                continue
            window = [_CONTRACTIONS.get(w, w) for w in norms[i:i + longest]]
            for n in range(min(longest, n_tokens - i), 1, -1):
                valence = phrases.get(tuple(window[:n]))
                if valence is not None:
                    spans[i] = (n, valence)
                    free = i + n
                    break
        return spans

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
        # Valence of the lemma, else of the folded lemma, else of the norm: most words have none,
        # and only those that have one go through the rules below.
        valences = [lex[lemma] if lemma in lex else lex[fold_] if fold_ in lex else lex.get(word, 0.0)
                    for lemma, fold_, word in zip(lemmas, attrs.folded, norms)]
        may_phrase = bool(self.phrases) and not self._openers.isdisjoint(norms)
        if not may_phrase and not any(valences):
            return 0.0  # no word of the sentence carries a valence: every rule below adds nothing
        values = [0.0] * n
        # A multi-word expression ("rien à redire", "pas terrible") carries its own valence, its
        # negation included: its first token holds it, its other tokens count for nothing and
        # do not negate or boost what follows. Norms are folded already: only contractions change.
        phrases = self._phrase_spans(norms) if may_phrase else {}
        inside: set[int] = set()
        for start, (length, valence) in phrases.items():
            values[start] = valence
            inside.update(range(start, start + length))
        all_caps: bool | None = None
        for i in [i for i, valence in enumerate(valences) if valence]:
            word = norms[i]
            if i in inside:
                continue
            # A booster modifies the next word ("très lent"); alone ("Super !") it keeps its own valence.
            if (word in boosters and i + 1 < n and alpha[i + 1]) or word in negators or word in ne:
                continue
            valence = valences[i]
            if upper[i] and alpha[i] and attrs.length[i] > 1:
                if all_caps is None:
                    all_caps = all(u for u, a in zip(upper, alpha) if a)
                if not all_caps:
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
            # An emoji or emoticon says how the writer feels: "pas remboursée 😡" does not negate it.
            if alpha[i] and self._negated(norms, lemmas, i, rules, inside):
                valence *= NEGATION
            values[i] = valence
        contrast_at = (max(i for i, word in enumerate(norms) if word in contrast)
                       if not contrast.isdisjoint(norms) else -1)
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
    def _negated(norms: list[str], lemmas: list[str], i: int, rules: dict[str, frozenset[str]],
                 skip: set[int] | frozenset[int] = frozenset()) -> bool:
        for j in range(max(0, i - NEGATION_WINDOW), i):
            if j in skip:
                continue
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
