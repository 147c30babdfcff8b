"""The topic sentiment, audience, bad-buzz and silent-source sections."""
from __future__ import annotations

from tests.digest.test_build import _build


def _section(text: str, title: str, after: str | None = None) -> str:
    part = text.split(title + "\n", 1)[1]
    return part.split(after, 1)[0] if after else part


def test_net_sentiment_by_topic_counts_earned_documents_only(warehouse):
    d = _build(warehouse)
    section = _section(d.text, "Sentiment net par sujet", "Sujets montants")
    assert "Réseau : \u22120,33 (+1 / -2 / =0), 3 documents" in section
    assert "Prix & <promos> : \u22121,00 (+0 / -1 / =0), 1 documents" in section  # owned d3 left out
    assert "Service client : – (+0 / -0 / =1)" in section  # null when no positive nor negative
    assert "Prix &amp; &lt;promos&gt;" in d.html


def test_audience_growth_is_formatted_per_language(warehouse):
    fr = _section(_build(warehouse).text, "Croissance de l'audience", "Sources en échec")
    assert "Orbis : 48\u202f250 abonnés (+12,5\u00a0%)" in fr
    assert "Zéphyr : 3\u202f100 abonnés (\u22123,1\u00a0%)" in fr and "Lien : 900 abonnés (–)" in fr
    assert fr.count("Nova") == 1  # one line per brand, not per channel
    en = _build(warehouse, language="en").text
    assert "Orbis: 48,250 followers (+12.5%)" in en


def test_bad_buzz_alerts_with_time_to_first_answer(warehouse):
    d = _build(warehouse)
    section = _section(d.text, "Alertes bad buzz", "Croissance de l'audience")
    assert ("Orbis : « panne réseau », 100\u00a0% de messages négatifs, premier document "
            "le 20 novembre 2026.\n  Première réponse publique 6 h après "
            "(publication sur ses propres canaux).") in section
    assert "« facture <b>salée</b> »" in section and "44 h après" in section
    assert "Zéphyr : « service client »" in section and "Pas encore de réponse." in section
    assert "promo noël" not in section  # a positive burst
    assert "facture &lt;b&gt;salée&lt;/b&gt;" in d.html
    en = _build(warehouse, language="en").text
    assert "First public answer 6 h later (post on its own channels)." in en
    assert "No answer yet." in en


def test_silent_sources_are_listed_with_failed_ones(warehouse):
    d = _build(warehouse)
    section = _section(d.text, "Sources en échec ou silencieuses")
    assert "bluesky-nova : HTTP 503" in section
    assert ("rss-lien : aucun nouveau document lors des 3 dernières collectes "
            "(20 novembre 2026 – 22 novembre 2026)") in section
    assert "blog-<i>calme</i>" in section  # three quiet runs, the last on 22 November
    assert "blog-&lt;i&gt;calme&lt;/i&gt;" in d.html and "<i>" not in d.html
    for busy in ("forum-example", "news-example", "blog-neuf"):  # new docs, a failure, 2 runs
        assert busy not in section
    en = _build(warehouse, language="en", failed_sources=[{"source": "rss-lien", "error": "boom"}])
    section = _section(en.text, "Failed or silent sources")
    assert section.count("rss-lien") == 1 and "rss-lien: boom" in section


def test_new_sections_on_an_empty_warehouse(empty_warehouse):
    d = _build(empty_warehouse, failed_sources=[])
    for line in ("Aucun sujet détecté", "Aucun pic négatif", "Aucune mesure d'audience"):
        assert line in d.text and line.split("'")[0] in d.html
