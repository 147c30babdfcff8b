"""Load the installed spaCy pipelines and add Veille's accent-folding component."""

from __future__ import annotations

import numpy as np
import spacy
from spacy.attrs import IS_SPACE, NORM, ORTH
from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab
from spacy.util import get_package_version

from models.text import fold

ACCENT_NORM = "veille_accent_norm_v1"
LINE_BREAKS = "veille_line_breaks_v1"
# NER is kept (entities table); nothing else in the packaged pipelines is unused:
# the parser gives noun_chunks and sentences, the lemmatizer topics and sentiment.
_DISABLED: tuple[str, ...] = ()
# Distinct word forms whose folded norm AccentNorm remembers before starting afresh. Not
# tuned, a bound on its memory (about 100 bytes an entry, so 13 MB) on a stream of ever new
# words; the bench's documents have a few thousand forms.
NORM_CACHE_SIZE = 2**17


class AccentNorm:
    """Set each token's norm_ to its lower-case accentless form."""

    def __init__(self, vocab: Vocab) -> None:
        self.strings = vocab.strings
        self._norms: dict[int, int] = {}  # orth hash -> hash of fold(orth), added to the strings

    def _norm(self, orth: int) -> int:
        if len(self._norms) >= NORM_CACHE_SIZE:
            self._norms.clear()
        norm = self._norms[orth] = self.strings.add(fold(self.strings[orth]))
        return norm

    def __call__(self, doc: Doc) -> Doc:
        # One array in, one array out: no Token object per token (same norms as `token.norm_ = ...`).
        if not len(doc):
            return doc
        norms = self._norms
        orths = doc.to_array(ORTH).tolist()
        doc.from_array([NORM], np.array([norms.get(o) or self._norm(o) for o in orths], dtype=np.uint64))
        return doc


@Language.factory(ACCENT_NORM)
def make_accent_norm(nlp: Language, name: str) -> AccentNorm:
    """Build the accent-folding component over the pipeline's strings."""
    return AccentNorm(nlp.vocab)


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break, so a title never runs into the body's first sentence."""
    spaces = doc.to_array(IS_SPACE)
    for i in np.flatnonzero(spaces[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def load_pipeline(package: str) -> Language:
    """Load an installed pipeline package by name, with the accent-folding component first."""
    try:
        nlp = spacy.load(package, disable=list(_DISABLED))
    except OSError as exc:
        raise RuntimeError(
            f"spaCy pipeline {package!r} is not installed; install its wheel "
            f"(e.g. `pip install {package.replace('_', '-')}`) or change [enrich.pipelines] in veille.toml"
        ) from exc
    if ACCENT_NORM not in nlp.pipe_names:
        nlp.add_pipe(ACCENT_NORM, first=True)
    if LINE_BREAKS not in nlp.pipe_names:
        # Before the parser: it keeps sentence starts that are already set.
        nlp.add_pipe(LINE_BREAKS, after=ACCENT_NORM)
    return nlp


def package_version(package: str) -> str:
    """Return the installed version of a pipeline package, "unknown" when absent."""
    return get_package_version(package) or "unknown"
