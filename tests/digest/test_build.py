"""build(): what a reader of the digest sees, in French and English."""
from __future__ import annotations

import re

import digest
from tests.digest.conftest import AS_OF

FAILED = [{"source": "bluesky-nova", "error": "HTTP 503 <img src=x onerror=alert(3)>"}]


def _build(con, **kw):
    args = {"as_of": AS_OF, "watch_name": "Télécoms FR", "failed_sources": FAILED,
            "metric_version": "2026.11-1"}
    return digest.build(con, **(args | kw))


def test_scraped_markup_is_escaped_in_html(warehouse):
    d = _build(warehouse)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in d.html
    assert "<script" not in d.html
    assert "Panne &lt;b&gt;générale&lt;/b&gt;" in d.html
    assert "<b>" not in d.html
    assert "onerror=alert(3)&gt;" in d.html and "<img src=x" not in d.html


def test_plain_text_is_plain(warehouse):
    d = _build(warehouse)
    assert "Panne <b>générale</b> chez Orbis" in d.text
    assert "&lt;" not in d.text and "<html" not in d.text


def test_non_http_links_are_dropped(warehouse):
    d = _build(warehouse)
    assert "Zéphyr déçoit" in d.html
    assert "javascript:" not in d.html and "javascript:" not in d.text


def test_french_numbers_and_dates(warehouse):
    d = _build(warehouse)
    assert d.subject == "Veille Télécoms FR : semaine du 16 au 22 novembre 2026"
    assert "34,2\u00a0%" in d.text
    assert "34,2&nbsp;%" in d.html or "34,2\u00a0%" in d.html
    assert "20 novembre 2026" in d.text
    assert "Ce qui a changé" in d.html


def test_share_of_voice_moves_only_when_intervals_do_not_overlap(warehouse):
    d = _build(warehouse)
    assert "Nova gagne en part de voix : 45,0\u00a0% contre 30,0\u00a0%" in d.text
    assert "Zéphyr perd de la part de voix" in d.text
    assert "Orbis gagne" not in d.text and "Orbis perd" not in d.text


def test_negative_burst_comes_first_with_cause_and_links(warehouse):
    d = _build(warehouse)
    panne, promo = d.text.index("Pic sur « panne réseau »"), d.text.index("Pic sur « promo noël »")
    assert panne < promo
    assert "du 20 au 21 novembre 2026" in d.text
    assert "Cause probable : Panne <b>générale</b> chez Orbis" in d.text
    assert 'href="https://forum.example/t/42"' in d.html
    assert "vieille affaire" not in d.text  # a burst outside the period


def test_rating_drop_headline_and_review_table(warehouse):
    d = _build(warehouse)
    assert "Note en baisse pour Orbis sur avis-example : 2,9 sur 5 contre 3,8" in d.text
    assert "Nova / avis-example : 4,2/5 (+0,1)" in d.text


def test_rising_topics_and_competitor_posts(warehouse):
    d = _build(warehouse)
    assert "fibre &lt;i&gt;optique&lt;/i&gt;" in d.html
    section = d.text.split("Publications les plus engageantes des concurrents")[1]
    assert section.index("Promo de Noël") < section.index("Nova bat un record")
    assert "publié par Nova" in section and "Panne" not in section.split("Avis clients")[0]


def test_charts_are_cid_images_with_alt_text(warehouse):
    d = _build(warehouse)
    cids = set(re.findall(r'src="cid:([^"]+)"', d.html))
    assert cids == {i.cid for i in d.images} and len(cids) == 2
    for image in d.images:
        assert image.png.startswith(b"\x89PNG") and len(image.png) < 80_000
        assert image.alt
    for tag in re.findall(r"<img [^>]*>", d.html):
        assert re.search(r'alt="[^"]+"', tag)
    assert "Nova 45,0" in d.images[0].alt


def test_failed_sources_and_metric_version(warehouse):
    d = _build(warehouse)
    assert "Sources en échec" in d.html and "bluesky-nova" in d.html
    assert "bluesky-nova : HTTP 503" in d.text
    assert "Métriques version 2026.11-1" in d.html and "2026.11-1" in d.text


def test_english_template(warehouse):
    d = _build(warehouse, language="en")
    assert d.subject == "Veille Télécoms FR: week of 16 to 22 November 2026"
    assert "What changed" in d.html and "Ce qui a changé" not in d.html
    assert "45.0%" in d.text and "Burst on “panne réseau”" in d.text
    assert "Metrics version 2026.11-1" in d.text


def test_daily_period_reads_sov_daily(warehouse):
    d = _build(warehouse, period="day")
    assert d.subject == "Veille Télécoms FR : 22 novembre 2026"
    assert "Nova : 75,0\u00a0%" in d.text


def test_empty_warehouse_still_builds(empty_warehouse):
    d = _build(empty_warehouse, failed_sources=[])
    assert "Aucun changement significatif" in d.text
    assert "Sources en échec" not in d.text
    assert d.images == [] and "cid:" not in d.html  # no chart without data


def test_unknown_language_or_period_names_the_fix(warehouse):
    import pytest

    with pytest.raises(ValueError, match="use one of"):
        _build(warehouse, language="de")
    with pytest.raises(ValueError, match="'day' or 'week'"):
        _build(warehouse, period="month")
