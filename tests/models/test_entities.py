from __future__ import annotations

import pytest

from models.text import entity_norm, fold
from tests.models.conftest import make_docs


@pytest.mark.parametrize(
    ("text", "norm"),
    [("L’Orbis", "orbis"), ("la  Société   Générale", "societe generale"), ("The Economist", "economist"),
     ("d'Hexa", "hexa"), ("Orbis's", "orbis")],
)
def test_norm_folds_articles_elisions_and_spaces(text, norm):
    assert entity_norm(text) == norm


def test_fold_keeps_offsets():
    assert len(fold("L’Été à Paris")) == len("L’Été à Paris")
    assert fold("L’Été") == "l'ete"


def test_brands_override_statistical_entities(enricher):
    text = "Emmanuel Macron a visité le siège d'Orbis Télécom à Lyon."
    rows = enricher.enrich(make_docs({"text": text}), "r")["entities"].to_pylist()
    brand = [r for r in rows if r["label"] == "BRAND"]
    assert [(r["brand_id"], r["norm"], r["text"]) for r in brand] == [("orbis", "orbis", "Orbis Télécom")]
    assert not any(r["label"] != "BRAND" and "Orbis" in r["text"] for r in rows)
    assert {"PER", "LOC"} <= {r["label"] for r in rows}
