"""Main-text extraction: the quality floors on real articles, and each repair on its own."""

from __future__ import annotations

import json
from pathlib import Path

import lxml.html

from spiders.extract.evaluate import score_articles
from spiders.extract.maintext import _with_lead, clean_lines, extract_main_text
from tests.spiders.conftest import realworld

FLOORS = json.loads((Path(__file__).resolve().parents[2] / "spiders" / "extract"
                     / "floors.json").read_text())


def test_real_articles_meet_the_pinned_floors_in_each_language() -> None:
    scores = score_articles(realworld("articles"), lambda html, url: extract_main_text(html, url).text)
    for lang in ("fr", "en"):
        score, floor = scores[lang], FLOORS[lang]
        assert score.snippet_accuracy >= floor["snippet_accuracy"], (lang, score.wrong)
        assert score.page_accuracy >= floor["page_accuracy"], (lang, score.wrong)


def test_clean_lines_drops_headline_calls_to_action_and_paywall_tail() -> None:
    text = "\n".join(["Nouvelle offre fibre | Blog | Orbis", "Le premier paragraphe de l'article. " * 5,
                      "Abonnez-vous à notre newsletter", "Le second paragraphe. " * 5,
                      "Pour lire la suite, créez votre compte", "Offre découverte 1€"])
    assert clean_lines(text, "Nouvelle offre fibre").splitlines() == [
        ("Le premier paragraphe de l'article. " * 5).strip(), ("Le second paragraphe. " * 5).strip()]


def test_long_paragraph_mentioning_a_newsletter_is_kept() -> None:
    para = ("The company said its newsletter subscribers grew by a third this year, "
            "which it credits to the new fibre offer and lower prices across the board. ") * 2
    assert clean_lines(para, None) == para.strip()


def test_json_ld_article_body_replaces_a_teaser() -> None:
    body = "Le texte complet de l'article, rendu par script. " * 40
    html = f"""<html><head><title>T</title><script type="application/ld+json">
    {json.dumps({"@context": "https://schema.org", "@type": "NewsArticle", "articleBody": body})}
    </script></head><body><article><p>Un court extrait de l'article qui sert de teaser pour
    la page, avant le rendu du script.</p></article></body></html>"""
    assert extract_main_text(html, "https://ex.fr/a").text.startswith("Le texte complet")


def test_lead_block_the_extractor_skipped_is_put_back_before_the_story() -> None:
    lead = "Le chapeau de l'article résume toute l'affaire en une seule phrase, sans aucun lien."
    paras = [f"Paragraphe {i} de l'article, avec assez de texte pour compter comme contenu "
             f"principal de la page." for i in range(3)]
    html = (f"<html><body><nav><a href='/'>Accueil</a></nav><main><div class='lead'>{lead}</div>"
            f"<div class='body'>{''.join(f'<p>{p}</p>' for p in paras)}</div></main></body></html>")
    tree = lxml.html.document_fromstring(html)
    # as if the extractor had returned the paragraphs only
    assert _with_lead(tree, "\n".join(paras), None).splitlines() == [lead, *paras]
    assert _with_lead(tree, "\n".join([lead, *paras]), None).splitlines() == [lead, *paras]


def test_standfirst_shown_on_the_page_is_taken_from_the_description() -> None:
    deck = "We're about to get much bigger drives, and the path looks clear to scale up further."
    html = f"<html><body><header><h1>Title</h1><p>{deck}</p></header><p>Story.</p></body></html>"
    tree = lxml.html.document_fromstring(html)
    assert _with_lead(tree, "Story.", deck).splitlines() == [deck, "Story."]
    assert _with_lead(tree, "Story.", "A description nobody shows on the page, long enough to count.") \
        == "Story."
