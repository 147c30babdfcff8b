"""Turn spaCy entities and brand matches into one entity list, brands overriding."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc

from models.brands import BrandMatch
from models.text import entity_norm

# English OntoNotes labels onto the French WikiNER set used in the warehouse;
# numeric and temporal labels (DATE, MONEY, CARDINAL...) are not entities we track.
_LABELS = {
    "PER": "PER", "PERSON": "PER",
    "ORG": "ORG",
    "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
    "MISC": "MISC", "NORP": "MISC", "PRODUCT": "MISC", "EVENT": "MISC",
    "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC",
}


@dataclass(frozen=True)
class Entity:
    """One entity row before it becomes Arrow."""

    label: str
    text: str
    norm: str
    brand_id: str | None
    start: int
    end: int


def entities(doc: Doc, brands: list[BrandMatch]) -> list[Entity]:
    """Return statistical entities not overlapping a brand, plus one BRAND entity per brand match."""
    out = [Entity("BRAND", m.text, m.brand_id, m.brand_id, m.start, m.end) for m in brands]
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        # One-letter "entities" are tokenizer debris ("5G" -> "5", "G").
        if label is None or len(ent.text.strip()) < 2:
            continue
        start, end = ent.start_char, ent.end_char
        if any(m.start < end and start < m.end for m in brands):
            continue
        norm = entity_norm(ent.text)
        if norm:
            out.append(Entity(label, ent.text, norm, None, start, end))
    out.sort(key=lambda e: e.start)
    return out
