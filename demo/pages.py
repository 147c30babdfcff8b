"""Render the HTML pages of the demo web: articles, review company pages, forum threads."""

from __future__ import annotations

import json
from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

from demo.model import BRANDS, Article, Review, Thread

PARIS = ZoneInfo("Europe/Paris")
REVIEWS_PER_PAGE = 20
_NAMES = {b.id: b.name for b in BRANDS}
_FOOTER = ("Mentions légales · Politique de confidentialité · Gestion des cookies · Plan du site · "
           "© 2026 Tous droits réservés. Ce site utilise des cookies pour mesurer l'audience.")


def _page(lang: str, title: str, site: str, nav: list[tuple[str, str]], main: str, head: str = "") -> str:
    """Wrap a main block in a realistic page: header, navigation, footer boilerplate."""
    links = "".join(f'<li><a href="{escape(href)}">{escape(label)}</a></li>' for label, href in nav)
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title>{head}'
            f'</head><body><header class="site-header"><a class="logo" href="/">{escape(site)}</a>'
            f'<nav><ul>{links}</ul></nav><form class="search"><input name="q" placeholder="Rechercher"></form></header>'
            f'<main>{main}</main><aside class="sidebar"><h2>Newsletter</h2><p>Recevez nos actualités chaque semaine.</p>'
            f'</aside><footer class="site-footer"><p>{_FOOTER}</p></footer></body></html>\n')


def article(base: str, a: Article, site_title: str, home: str) -> str:
    """Render a blog or news article page with its metadata."""
    local = a.at.astimezone(PARIS)
    body = "".join(f"<p>{escape(p)}</p>" for p in a.paragraphs)
    head = (f'<link rel="canonical" href="{escape(base + a.path)}">'
            f'<meta property="og:title" content="{escape(a.title)}">'
            f'<meta property="article:published_time" content="{a.at.isoformat()}">'
            f'<meta name="author" content="{escape(a.author)}">')
    main = (f'<article><h1>{escape(a.title)}</h1><p class="byline">Par {escape(a.author)}, le '
            f'<time datetime="{a.at.isoformat()}">{local:%d/%m/%Y à %H:%M}</time></p>{body}</article>'
            f'<section class="share"><p>Partager : Mastodon · Bluesky · E-mail</p></section>')
    nav = [("Accueil", home), ("Offres", home + "offres"), ("Actualités", home), ("Contact", home + "contact")]
    return _page(a.lang, a.title, site_title, nav, main, head)


def _review_ld(base: str, brand: str, r: Review, cutoff: datetime) -> dict:
    """Build one schema.org Review, with the company's comment when already posted."""
    ld = {"@type": "Review", "@id": base + r.path, "author": {"@type": "Person", "name": r.author},
          "datePublished": r.at.isoformat(), "inLanguage": r.lang, "name": r.title, "reviewBody": r.text,
          "reviewRating": {"@type": "Rating", "ratingValue": r.rating, "bestRating": 5, "worstRating": 1}}
    if r.reply_text and r.reply_at and r.reply_at <= cutoff:
        ld["comment"] = {"@type": "Comment", "author": {"@type": "Organization", "name": _NAMES[brand]},
                         "dateCreated": r.reply_at.isoformat(), "text": r.reply_text}
    return ld


def reviews_page(base: str, brand: str, reviews: list[Review], page: int, cutoff: datetime) -> str | None:
    """Render page `page` of a company's reviews (newest first), or None past the last page."""
    visible = sorted((r for r in reviews if r.at <= cutoff), key=lambda r: r.at, reverse=True)
    pages = max(1, -(-len(visible) // REVIEWS_PER_PAGE))
    if page < 1 or page > pages:
        return None
    chunk = visible[(page - 1) * REVIEWS_PER_PAGE: page * REVIEWS_PER_PAGE]
    url = f"{base}/avis/entreprise/{brand}"
    avg = round(sum(r.rating for r in visible) / len(visible), 2) if visible else 0
    ld = {"@context": "https://schema.org", "@type": "Organization", "@id": url + "#org", "name": _NAMES[brand],
          "url": url, "aggregateRating": {"@type": "AggregateRating", "ratingValue": avg, "bestRating": 5,
                                          "worstRating": 1, "reviewCount": len(visible)},
          "review": [_review_ld(base, brand, r, cutoff) for r in chunk]}
    # "<" as \u003c keeps "</script>" from closing the block; JSON decoding gives the raw text back.
    ld_text = json.dumps(ld, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e")
    head = f'<script type="application/ld+json">{ld_text}</script>'
    if page < pages:
        head += f'<link rel="next" href="{escape(url)}?page={page + 1}">'
    if page > 1:
        head += f'<link rel="prev" href="{escape(url)}?page={page - 1}">'
    items = "".join(_review_html(brand, r, cutoff) for r in chunk)
    pager = ""
    if page > 1:
        pager += f'<a rel="prev" href="{escape(url)}?page={page - 1}">Page précédente</a> '
    if page < pages:
        pager += f'<a rel="next" class="next" href="{escape(url)}?page={page + 1}">Page suivante</a>'
    main = (f'<section class="company"><h1>Avis sur {escape(_NAMES[brand])}</h1>'
            f'<p class="score">Note moyenne {avg} / 5 sur {len(visible)} avis</p></section>'
            f'<section class="reviews">{items}</section><nav class="pagination">{pager} '
            f'<span>Page {page} sur {pages}</span></nav>')
    nav = [("Accueil", "/avis/"), ("Catégories", "/avis/categories"), ("Écrire un avis", "/avis/ecrire")]
    return _page("fr", f"Avis {_NAMES[brand]} - page {page}", "Avis Clients", nav, main, head)


def _review_html(brand: str, r: Review, cutoff: datetime) -> str:
    """Render one review as visible HTML: stars, text and the reply block."""
    stars = "★" * r.rating + "☆" * (5 - r.rating)
    reply = ""
    if r.reply_text and r.reply_at and r.reply_at <= cutoff:
        reply = (f'<div class="reply"><p class="reply-author">Réponse de {escape(_NAMES[brand])}</p>'
                 f'<time datetime="{r.reply_at.isoformat()}">{r.reply_at.astimezone(PARIS):%d/%m/%Y}</time>'
                 f'<p class="reply-text">{escape(r.reply_text)}</p></div>')
    return (f'<article class="review" id="avis-{r.number}" lang="{r.lang}"><header>'
            f'<span class="author">{escape(r.author)}</span>'
            f'<span class="stars" data-rating="{r.rating}" aria-label="{r.rating} sur 5">{stars}</span>'
            f'<time datetime="{r.at.isoformat()}">{r.at.astimezone(PARIS):%d/%m/%Y}</time></header>'
            f'<h3>{escape(r.title)}</h3><p class="review-body">{escape(r.text)}</p>{reply}</article>')


def thread(base: str, t: Thread, cutoff: datetime) -> str:
    """Render a forum thread page with the posts published before the clock."""
    posts = "".join(
        f'<article class="post" id="post-{i}"><header><span class="author">{escape(p.author)}</span>'
        f'<time datetime="{p.at.isoformat()}">{p.at.astimezone(PARIS):%d/%m/%Y %H:%M}</time></header>'
        f'<div class="post-body"><p>{escape(p.text)}</p></div></article>'
        for i, p in enumerate((p for p in t.posts if p.at <= cutoff), 1))
    head = f'<link rel="canonical" href="{escape(base + t.path)}">'
    main = f'<div class="thread"><h1>{escape(t.title)}</h1>{posts}</div>'
    nav = [("Forum", "/forum/"), ("Mobile", "/forum/mobile"), ("Fibre", "/forum/fibre"), ("Règles", "/forum/regles")]
    return _page(t.lang, t.title, "Forum Télécoms", nav, main, head)
