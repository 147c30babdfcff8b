"""Load the installed spaCy pipelines and add Veille's line-break sentence starts.

The statistical components read each token's NORM (tok2vec embeds it), so nothing here
changes norms: the matchers fold the token texts themselves (models.text.folded). Folding
the norms before the tagger, as Veille did until 2026-12, changed 3 % of French POS tags
and 10 % of heads ("Très" tagged PRON, "êtes" PROPN) and the entities of half the documents.
"""

from __future__ import annotations

import numpy as np
import spacy
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import get_package_version

LINE_BREAKS = "veille_line_breaks_v1"
# NER is kept (entities table); nothing else in the packaged pipelines is unused:
# the parser gives noun_chunks and sentences, the lemmatizer topics and sentiment.
_DISABLED: tuple[str, ...] = ()


@Language.component(LINE_BREAKS)
def line_breaks(doc: Doc) -> Doc:
    """Start a sentence after a line break, so a title never runs into the body's first sentence."""
    spaces = doc.to_array(IS_SPACE)
    for i in np.flatnonzero(spaces[:-1]).tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def load_pipeline(package: str) -> Language:
    """Load an installed pipeline package by name, with the line-break component first."""
    try:
        nlp = spacy.load(package, disable=list(_DISABLED))
    except OSError as exc:
        raise RuntimeError(
            f"spaCy pipeline {package!r} is not installed; install its wheel "
            f"(e.g. `pip install {package.replace('_', '-')}`) or change [enrich.pipelines] in veille.toml"
        ) from exc
    if LINE_BREAKS not in nlp.pipe_names:
        # Before the parser: it keeps sentence starts that are already set.
        nlp.add_pipe(LINE_BREAKS, first=True)
    return nlp


def package_version(package: str) -> str:
    """Return the installed version of a pipeline package, "unknown" when absent."""
    return get_package_version(package) or "unknown"
