"""The disjointness check itself finds exact and near copies, and passes distinct texts."""

from __future__ import annotations

from tests.eval_protocol import overlaps


def test_exact_copy_after_folding_is_found():
    assert overlaps(["Le réseau d'Orange est tombé ce matin."], ["le reseau d orange est TOMBE ce matin"])


def test_near_copy_with_a_handle_changed_is_found():
    dev = ["@user1 franchement le service client de Free ne répond jamais, trois semaines sans ligne"]
    sealed = ["@user2 franchement le service client de Free ne répond jamais, trois semaines sans ligne"]
    assert overlaps(dev, sealed)


def test_distinct_texts_on_one_subject_pass():
    dev = ["Orange augmente ses tarifs fibre en janvier."]
    sealed = ["Le prix de la fibre chez Orange monte au premier janvier, selon l'opérateur."]
    assert overlaps(dev, sealed) == []
