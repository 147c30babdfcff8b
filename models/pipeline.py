"""Load the installed spaCy pipelines and add Veille's accent-folding component."""

from __future__ import annotations

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_package_version

from models.text import fold

ACCENT_NORM = "veille_accent_norm_v1"
LINE_BREAKS = "veille_line_breaks_v1"
# NER is kept (entities table); nothing else in the packaged pipelines is unused:
# the parser gives noun_chunks and sentences, the lemmatizer topics and sentiment.
_DISABLED: tuple[str, ...] = ()


@Language.component(ACCENT_NORM)
def accent_norm(doc: Doc) -> Doc:
    """Set each token's norm_ to its lower-case accentless form."""
    for token in doc:
        token.norm_ = fold(token.text)
    return doc


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break, so a title never runs into the body's first sentence."""
    for i, token in enumerate(doc[:-1]):
        if token.is_space and "\n" in token.text:
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
