"""Match configured topic terms on lemmas, case- and accent-insensitively."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import LEMMA, NORM
from spacy.tokens import Doc, Span

from models.text import fold

_CACHE_SIZE = 2**17


@dataclass(frozen=True)
class TopicHit:
    """One occurrence of a topic term: the token range and its sentence."""

    topic_id: str
    start: int
    end: int
    sentence: Span


class TopicMatcher:
    """Match each topic's terms as folded lemma sequences or folded word sequences."""

    def __init__(self, topics: list[dict], lemmatize: Callable[[str], list[str]] | None = None) -> None:
        # first folded token -> [(term tokens, topic id)], longest first so "service client" wins.
        self._index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for topic in topics:
            for term in topic.get("terms", []) or []:
                variants = {tuple(fold(term).split())}
                if lemmatize is not None:
                    variants.add(tuple(fold(w) for w in lemmatize(term)))
                for words in variants:
                    if words:
                        self._index.setdefault(words[0], []).append((words, topic["id"]))
        for entries in self._index.values():
            entries.sort(key=lambda e: len(e[0]), reverse=True)
        # lemma hash -> folded lemma; cleared at _CACHE_SIZE, a bound like models.pipeline.NORM_CACHE_SIZE.
        self._folded: dict[int, str] = {}

    def _fold_lemma(self, lemma: int, strings) -> str:
        if len(self._folded) >= _CACHE_SIZE:
            self._folded.clear()
        folded = self._folded[lemma] = fold(strings[lemma])
        return folded

    def find(self, doc: Doc) -> list[TopicHit]:
        """Return term occurrences in `doc`; a token starts at most one hit per topic."""
        # Read lemmas and norms as arrays: no Token object per token.
        lemma_ids, norm_ids = doc.to_array([LEMMA, NORM]).T.tolist() or ([], [])
        strings, folded = doc.vocab.strings, self._folded
        lemmas = [folded[h] if h in folded else self._fold_lemma(h, strings) for h in lemma_ids]
        norms = [strings[h] for h in norm_ids]
        hits: list[TopicHit] = []
        seen: set[tuple[str, int]] = set()
        index, length = self._index, len(doc)
        i = 0
        while i < length:
            if lemmas[i] not in index and norms[i] not in index:  # most tokens start no term
                i += 1
                continue
            advance = 1
            for key in {lemmas[i], norms[i]}:
                for words, topic_id in self._index.get(key, []):
                    n = len(words)
                    if (topic_id, i) in seen or i + n > len(doc):
                        continue
                    if all(words[k] in (lemmas[i + k], norms[i + k]) for k in range(n)):
                        seen.add((topic_id, i))
                        hits.append(TopicHit(topic_id, i, i + n, doc[i].sent))
                        advance = max(advance, n)
            i += advance
        return hits
