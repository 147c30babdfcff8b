"""Score sentiment with a linear model over lexicon and n-gram features, as a spaCy component."""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import minibatch

from models.sentiment import SentimentScorer, TokenAttrs, normalize

COMPONENT = "veille_sentiment_v1"
SHIPPED_DIR = Path(__file__).parent / "sentiment_base"
# 2**18 hashed n-gram slots: the English base set (about 40k texts) has about 120k distinct
# uni+bigrams, so collisions stay rare; one float32 weight table is 1 MB per language.
N_HASH = 2**18
# Lexicon features come after the hashed slots: VADER compound of the whole text, of its
# first and last sentence, the positive and the negative sums (squashed).
N_DENSE = 5
NEGATION_SCOPE = 3
_STOP_SCOPE = frozenset(".,;:!?()")

_END = "</s>"
# What a word does in a sentence's terms (`parts`): kept as a term, ends the negation scope, opens one.
_WORD, _STOP, _NEGATOR = "word", "stop", "negator"
# doc.user_data key of the per-sentence parts the component computed, by sentence start, so
# that scoring a sentence again (a mention's, a topic's) reuses them. Plain data: user_data is
# serialised.
_PARTS = "veille_sentiment_parts"

if not Doc.has_extension("sentiment_score"):
    Doc.set_extension("sentiment_score", default=0.0)


def _hash(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) % N_HASH


# term -> (its UTF-8 bytes, its hash, the CRC-32 state after "term "): the hash of the bigram
# "a b" is then crc32(b's bytes, a's state), the same number as _hash(f"{a} {b}") without
# building the string. Not tuned, a bound: cleared when full, so at most about 30 MB
# (2**17 entries of about 250 bytes); the bench's documents use a few thousand terms.
_TERM_CACHE_SIZE = 2**17
_TERMS: dict[str, tuple[bytes, int, int]] = {}


def _term_code(term: str) -> tuple[bytes, int, int]:
    if len(_TERMS) >= _TERM_CACHE_SIZE:
        _TERMS.clear()
    data = term.encode("utf-8")
    crc = zlib.crc32(data)
    code = _TERMS[term] = (data, crc % N_HASH, zlib.crc32(b" ", crc))
    return code


@dataclass
class LinearSentiment:
    """One language's weights: hashed uni/bigrams plus lexicon features, logistic output."""

    lang: str
    weights: np.ndarray = field(default_factory=lambda: np.zeros(N_HASH + N_DENSE, dtype=np.float32))
    bias: float = 0.0
    # Half-width of the neutral band on the [-1, 1] score, tuned on held-out data at training.
    neutral: float = 0.1

    def __post_init__(self) -> None:
        self.scorer = SentimentScorer.for_language(self.lang)
        rules_neg = {"fr": "ne n' pas jamais aucun aucune rien sans ni plus guere",
                     "en": "not no never without nothing none nobody neither nor cannot hardly"}
        self.negators = frozenset(rules_neg.get(self.lang, rules_neg["en"]).split())
        # norm -> _WORD, _STOP or _NEGATOR, for `parts`.
        self._kinds: dict[str, str] = {}

    def part(self, attrs: TokenAttrs) -> tuple[list[int], list[int], str, float]:
        """Return one sentence's share of the features: (unigram hashes, hashes of the bigrams
        up to its end marker, its first term, its lexicon sum)."""
        return self.parts(attrs, [(0, len(attrs.norms))])[0]

    def parts(self, attrs: TokenAttrs, bounds: Sequence[tuple[int, int]]) -> list[tuple[list[int], list[int], str, float]]:
        """Return the `part` of each sentence (start, end) of one doc's attributes, the terms of
        the whole doc looked up at once.

        A sentence's terms are its folded lemmas, marked `!` inside a negation's scope (so "pas
        bon" != "bon"): the NEGATION_SCOPE words after a negator, until punctuation ends it."""
        kinds = self._kinds
        if len(kinds) >= _TERM_CACHE_SIZE:
            kinds.clear()
        norms, folded, space = attrs.norms, attrs.folded, attrs.space
        terms: list[str] = []
        ends: list[int] = []
        for start, end in bounds:  # a sentence after the other, each closed by _END
            scope = 0
            for word, lemma, blank in zip(norms[start:end], folded[start:end], space[start:end]):
                if blank:
                    continue
                kind = kinds.get(word)
                if kind is None:
                    kind = kinds[word] = (_STOP if word in _STOP_SCOPE else
                                          _NEGATOR if word in self.negators or word.endswith("n't") else _WORD)
                if kind is _WORD:
                    lemma = lemma or word
                    if scope:
                        terms.append(f"!{lemma}")
                        scope -= 1
                    else:
                        terms.append(lemma)
                else:
                    scope = 0 if kind is _STOP else NEGATION_SCOPE
                    terms.append(word)
            ends.append(len(terms))
            terms.append(_END)
        try:
            codes = list(map(_TERMS.__getitem__, terms))
        except KeyError:
            codes = [_TERMS[t] if t in _TERMS else _term_code(t) for t in terms]
        out = []
        first = 0
        raw_attrs = self.scorer.raw_attrs
        for (start, end), last in zip(bounds, ends):
            own = codes[first:last + 1]  # the sentence's terms and its end marker
            uni = [code[1] for t, code in zip(terms[first:last], own) if t != _END and t not in _STOP_SCOPE]
            bi = [zlib.crc32(b[0], a[2]) % N_HASH for a, b in zip(own, own[1:])]
            out.append((uni, bi, terms[first], raw_attrs(attrs.slice(start, end))))
            first = last + 1
        return out

    def features(self, sentences: Sequence[Sequence[Token]]) -> tuple[np.ndarray, np.ndarray]:
        """Return (hashed indices, dense lexicon features) of a text given as sentences."""
        return self.features_of_parts([self.part(TokenAttrs.of_tokens(s)) for s in sentences])

    def features_of_parts(self, parts: Sequence[Sequence]) -> tuple[np.ndarray, np.ndarray]:
        """Return the features of sentences from their `part`s: the terms of all sentences with
        an end marker after each, unigrams first, then the bigrams in text order."""
        hashes: list[int] = []
        for uni, _, _, _ in parts:
            hashes.extend(uni)
        for k, (_, bi, _, _) in enumerate(parts):
            hashes.extend(bi)
            if k + 1 < len(parts):
                hashes.append(_hash(f"{_END} {parts[k + 1][2]}"))
        # set() adds in list order, as the set comprehension over the n-grams did, so the
        # indices (and the float32 sum of their weights) come in the same order.
        idx = np.fromiter(set(hashes), dtype=np.int64)
        raws = [p[3] for p in parts]
        pos = sum(r for r in raws if r > 0)
        neg = sum(r for r in raws if r < 0)
        dense = np.array([normalize(sum(raws)), normalize(raws[0]) if raws else 0.0,
                          normalize(raws[-1]) if raws else 0.0, normalize(pos), normalize(neg)],
                         dtype=np.float32)
        return idx, dense

    def logit(self, idx: np.ndarray, dense: np.ndarray) -> float:
        """Return the raw linear score of one feature vector."""
        # Bag of n-grams is scaled by 1/sqrt(n) so long reviews do not saturate.
        scale = 1.0 / math.sqrt(max(len(idx), 1))
        return float(self.weights[idx].sum() * scale + self.weights[N_HASH:] @ dense + self.bias)

    def score(self, sentences: Sequence[Sequence[Token]]) -> float:
        """Return the sentiment score in [-1, 1] (2·P(positive) − 1) of some sentences."""
        return self.score_parts([self.part(TokenAttrs.of_tokens(s)) for s in sentences])

    def score_parts(self, parts: Sequence[Sequence]) -> float:
        """Return the score of sentences from their `part`s."""
        idx, dense = self.features_of_parts(parts)
        if not len(idx):
            return 0.0
        z = self.logit(idx, dense)
        return 2.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0))) - 1.0

    def label(self, score: float) -> str:
        """Return positive, negative or neutral for a score."""
        if score >= self.neutral:
            return "positive"
        if score <= -self.neutral:
            return "negative"
        return "neutral"

    def save(self, directory: Path) -> None:
        """Write the weights and their metadata under `directory`."""
        directory.mkdir(parents=True, exist_ok=True)
        nz = np.flatnonzero(self.weights)
        # Only non-zero weights are stored (float16 keeps the artefact near 1 MB).
        np.savez_compressed(directory / f"{self.lang}.npz", index=nz.astype(np.int32),
                            value=self.weights[nz].astype(np.float16))
        (directory / f"{self.lang}.json").write_text(
            json.dumps({"bias": self.bias, "neutral": self.neutral}) + "\n", encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, lang: str) -> LinearSentiment:
        """Read one language's model written by `save`."""
        meta = json.loads((directory / f"{lang}.json").read_text(encoding="utf-8"))
        with np.load(directory / f"{lang}.npz") as data:
            weights = np.zeros(N_HASH + N_DENSE, dtype=np.float32)
            weights[data["index"]] = data["value"].astype(np.float32)
        return cls(lang, weights, float(meta["bias"]), float(meta["neutral"]))


def resolve_model_dir(path: str | Path | None) -> Path:
    """Return the model directory: the shipped one, a model dir, or a registry's current version."""
    if not path:
        return SHIPPED_DIR
    directory = Path(path)
    current = directory / "current.json"
    if current.exists():
        return directory / json.loads(current.read_text(encoding="utf-8"))["version"]
    if not (directory / "meta.json").exists():
        raise RuntimeError(f"no sentiment model at {directory}: give a model directory (with meta.json) "
                           "or a registry with current.json, or leave sentiment_model empty for the shipped one")
    return directory


def model_meta(directory: Path) -> dict:
    """Return the meta.json of a model directory (version, languages, training figures)."""
    return json.loads((directory / "meta.json").read_text(encoding="utf-8"))


class SentimentComponent:
    """Set `doc._.sentiment_score`; score any list of sentences with `score_spans`."""

    def __init__(self, lang: str, path: str) -> None:
        self.directory = resolve_model_dir(path)
        self.version = model_meta(self.directory)["version"]
        self.model = LinearSentiment.load(self.directory, lang)

    def __call__(self, doc: Doc) -> Doc:
        attrs = TokenAttrs.of_doc(doc)
        bounds = ([(s.start, s.end) for s in doc.sents] if doc.has_annotation("SENT_START")
                  else [(0, len(doc))])
        parts = {start: (end, part) for (start, end), part in zip(bounds, self.model.parts(attrs, bounds))}
        doc.user_data[_PARTS] = parts
        doc._.sentiment_score = self.model.score_parts([part for _, part in parts.values()])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 64) -> Iterator[Doc]:
        """Score docs a batch at a time (nlp.pipe calls this): the lexicons and memos stay in the
        CPU caches across a batch instead of alternating with the lemmatizer's doc by doc."""
        for batch in minibatch(docs, batch_size):
            for doc in batch:
                self(doc)
            yield from batch

    def score_spans(self, spans: Sequence[Span]) -> float:
        """Return the score of some sentences taken together."""
        doc = getattr(spans[0], "doc", None) if spans else None
        cached = doc.user_data.get(_PARTS, {}) if doc is not None else {}
        parts = []
        for span in spans:
            end, part = cached.get(span.start, (None, None))
            if end == span.end:
                parts.append(part)
            else:  # not a sentence of the doc as the component saw it
                parts.append(self.model.part(TokenAttrs.of_tokens(span)))
        return self.model.score_parts(parts)

    def label(self, score: float) -> str:
        """Return positive, negative or neutral for a score."""
        return self.model.label(score)


@Language.factory(COMPONENT, default_config={"lang": "fr", "path": ""})
def make_sentiment(nlp: Language, name: str, lang: str, path: str) -> SentimentComponent:
    """Build the sentiment component of `lang` from a model directory ("" = the shipped one)."""
    return SentimentComponent(lang, path)
