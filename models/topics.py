"""Match configured topic terms on lemmas, case- and accent-insensitively."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.attrs import LEMMA, ORTH
from spacy.tokens import Doc, Span

from models.text import fold, folded


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

    def find(self, doc: Doc) -> list[TopicHit]:
        """Return term occurrences in `doc`; a token starts at most one hit per topic."""
        # Read lemmas and texts as arrays: no Token object per token.
        lemma_ids, orth_ids = doc.to_array([LEMMA, ORTH]).T.tolist() or ([], [])
        lemmas, norms = folded(lemma_ids, doc.vocab.strings), folded(orth_ids, doc.vocab.strings)
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
