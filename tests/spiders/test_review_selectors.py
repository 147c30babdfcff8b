"""Review pages without schema.org markup, read with a source's configured CSS selectors."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from scrapy.http import HtmlResponse

from spiders.extract.context import DocContext
from spiders.extract.reviews import extract_reviews
from tests.spiders.conftest import crawl, make_spec

HTML = {"Content-Type": "text/html; charset=utf-8"}
CTX = DocContext("avis", "reviews", "review", now=datetime(2026, 11, 22, 3, tzinfo=UTC))
# As veille.example.toml spells them: `css@attr` reads an attribute.
SELECTORS = {"review": "article.avis", "title": ".titre", "author": ".auteur",
             "rating": ".etoiles@data-note", "date": ".quand", "body": ".texte",
             "reply": ".reponse .texte-reponse", "reply_date": ".reponse .date-reponse",
             "next": "nav.pagination a.suivant@href"}


def _avis(author: str, when: str, body: str, note: int, reply: tuple[str, str] | None = None,
          block_id: str = "") -> str:
    answer = (f'<div class="reponse"><b>Réponse de Orbis</b> <span class="date-reponse">'
              f'{reply[1]}</span><p class="texte-reponse">{reply[0]}</p></div>') if reply else ""
    ident = f' id="{block_id}"' if block_id else ""
    return (f'<article class="avis"{ident}><h3 class="titre">Avis de {author}</h3>'
            f'<span class="auteur">{author}</span> <span class="quand">{when}</span>'
            f'<span class="etoiles" data-note="{note}">{"★" * note}{"☆" * (5 - note)}</span>'
            f'<div class="texte"><p>{body}</p></div>{answer}</article>')


def _reply(reply: tuple | None, night: int) -> tuple[str, str] | None:
    """Return (text, date) as the site words the reply on that night."""
    if reply is None:
        return None
    text, when = reply
    return text, when if isinstance(when, str) else when[night]


def _page(reviews: list[str], prev_href: str | None, next_href: str | None) -> bytes:
    # No rel=next and no markup: only the configured selectors find reviews and the next page.
    nav = "".join([f'<a class="precedent" href="{prev_href}">Précédent</a>' if prev_href else "",
                   f'<a class="suivant" href="{next_href}">Suivant</a>' if next_href else ""])
    return (f'<html lang="fr"><body><h1>Avis sur Orbis</h1>{"".join(reviews)}'
            f'<nav class="pagination">{nav}</nav></body></html>').encode()


def test_reviews_by_selectors_page_on_and_keep_their_ids_as_dates_move(server, tmp_path: Path) -> None:
    reviews = {  # newest first; how the site words each date on the first night, then the next
        "Zoé": (("il y a 5 heures", "il y a 5 heures"), "Nouvelle box, installation rapide.", 5, None),
        "Marc": (("hier", "il y a 2 jours"), "Réseau coupé tout le week-end.", 1, None),
        "Léa": (("il y a 3 jours", "il y a 4 jours"), "Facture erronée, <br>toujours pas corrigée.", 2,
                 ("Nous avons corrigé votre facture.", "21 novembre 2026")),
        "Tom": (("2 weeks ago", "2 weeks ago"), "Good coverage in Lyon.", 4, None),
        "Inès": (("il y a 3 semaines", "il y a 3 semaines"), "Service client injoignable.", 1,
                 ("Désolés, nous vous rappelons.", ("hier", "il y a 2 jours"))),
        "Paul": (("20 octobre 2026", "20 octobre 2026"), "Trop ancien pour la veille.", 3, None),
    }
    night = [1]  # which wording the site shows: 0 the first night, 1 the next

    def page(n: int):
        def answer(handler):
            names = list(reviews)[1:] if night[0] == 0 else list(reviews)  # Zoé comes later
            chunk = names[3 * (n - 1):3 * n]
            html = [_avis(a, reviews[a][0][night[0]], reviews[a][1], reviews[a][2],
                          _reply(reviews[a][3], night[0])) for a in chunk]
            more = len(names) > 3 * n
            return 200, HTML, _page(html, f"/orbis/avis?p={n - 1}" if n > 1 else None,
                                    f"/orbis/avis?p={n + 1}" if more else None)
        return answer

    server.routes.update({"/orbis/avis": page(1), "/orbis/avis?p=2": page(2),
                          "/orbis/avis?p=3": page(3)})
    night[0] = 0
    spec = make_spec(tmp_path, {"name": "avis-orbis", "type": "reviews", "brand": "orbis",
                                "url": f"{server.base}/orbis/avis", "selectors": SELECTORS})
    first = crawl(tmp_path, spec)

    assert first.stats["status"] == "ok", first.log[-2000:]
    assert "/orbis/avis?p=2" in server.hits and "/orbis/avis?p=3" not in server.hits
    assert "/orbis/avis?p=0" not in server.hits
    assert first.stats["dropped"] == {"too_old": 1}  # Paul, 20 octobre: past since_days
    rows = {r["author"]: r for r in first.rows}
    assert {a: r["published_at"].isoformat() for a, r in rows.items()} == {
        "Marc": "2026-11-21T03:00:00+00:00", "Léa": "2026-11-19T03:00:00+00:00",
        "Tom": "2026-11-08T03:00:00+00:00", "Inès": "2026-11-01T03:00:00+00:00"}
    lea = rows["Léa"]
    assert (lea["title"], lea["rating"], lea["rating_best"]) == ("Avis de Léa", 2.0, 5.0)
    assert lea["text"] == "Facture erronée,\ntoujours pas corrigée."
    assert lea["reply_text"] == "Nous avons corrigé votre facture."
    assert lea["reply_at"].isoformat() == "2026-11-21T00:00:00+00:00"
    assert rows["Inès"]["reply_at"].isoformat() == "2026-11-21T03:00:00+00:00"  # "hier"
    assert rows["Marc"]["reply_text"] is None and rows["Marc"]["reply_at"] is None
    assert {(r["channel"], r["kind"], r["subject_brand"]) for r in first.rows} == {
        ("review", "review", "orbis")}
    assert rows["Tom"]["url"].startswith(f"{server.base}/orbis/avis#review-")

    # The next night: Zoé's review pushes Tom's to page 2, and every relative date reads a
    # day later from a clock a few minutes later. Only Zoé's review is new.
    night[0] = 1
    server.hits.clear()
    second = crawl(tmp_path, {**spec, "run_id": "20261123T030500Z-bbbbbb",
                              "now": "2026-11-23T03:05:00+00:00", "run_date": "2026-11-23"})
    assert second.stats["status"] == "ok", second.log[-2000:]
    assert [(r["author"], r["published_at"].isoformat()) for r in second.rows] == [
        ("Zoé", "2026-11-22T22:05:00+00:00")]
    assert (second.stats["new"], second.stats["unchanged"], second.stats["updated"]) == (1, 4, 0)
    assert "/orbis/avis?p=2" in server.hits


def test_selector_forms_read_text_attributes_and_rating_scales() -> None:
    html = ('<html><body><div class="r"><span class="stars" data-rating="4">★★★★☆</span>'
            '<time datetime="2026-11-20T10:00:00+01:00">20 nov.</time><p class="t">Bien.</p></div>'
            '<div class="r"><span class="note">Noté 8 sur 10</span><time>12 novembre 2026</time>'
            '<p class="t">Correct.</p></div><div class="r"><span class="note">3,5/5</span>'
            '<p class="t">Moyen.</p></div></body></html>')
    response = HtmlResponse(url="https://avis.example/orbis", body=html.encode(), encoding="utf-8")
    by_attr = extract_reviews(response, CTX, {"review": "div.r", "body": ".t",
                                              "rating": ".stars::attr(data-rating)",
                                              "date": "time@datetime"}).documents
    assert [(d.rating, d.published_at) for d in by_attr] == [
        (4.0, datetime(2026, 11, 20, 9, tzinfo=UTC)), (None, None), (None, None)]
    by_text = extract_reviews(response, CTX, {"review": "div.r", "body": ".t", "rating": ".note",
                                              "date": "time"}).documents
    assert [(d.rating, d.rating_best) for d in by_text] == [(None, 5.0), (8.0, 10.0), (3.5, 5.0)]
    assert by_text[1].published_at == datetime(2026, 11, 12, tzinfo=UTC)


def test_example_config_selectors_read_a_review() -> None:
    """The selectors veille.example.toml shows work as written."""
    html = ('<article class="review"><span class="stars" data-rating="1"></span>'
            '<time datetime="2026-11-18">18/11</time><div class="text">Coupure.</div>'
            '<div class="reply">On s\'en occupe.</div></article>')
    response = HtmlResponse(url="https://avis.example/o", body=html.encode(), encoding="utf-8")
    selectors = {"review": "article.review", "body": ".text", "rating": ".stars@data-rating",
                 "date": "time@datetime", "reply": ".reply"}
    [doc] = extract_reviews(response, CTX, selectors).documents
    assert (doc.text, doc.rating, doc.reply_text) == ("Coupure.", 1.0, "On s'en occupe.")
    assert doc.published_at == datetime(2026, 11, 18, tzinfo=UTC)


def test_review_keeps_its_id_when_pushed_to_the_next_page() -> None:
    block = _avis("Léa", "il y a 3 jours", "Facture erronée.", 2, block_id="avis-812")
    anonymous = _avis("Marc", "hier", "Réseau coupé.", 1)
    base = "https://avis.example/orbis"
    pages = [extract_reviews(HtmlResponse(url=url, body=_page([block, anonymous], None, None),
                                          encoding="utf-8"), CTX, SELECTORS, id_base=base)
             for url in (base, f"{base}?page=2")]
    assert [d.doc_id for d in pages[0].documents] == [d.doc_id for d in pages[1].documents]
    assert pages[1].documents[0].url == f"{base}?page=2#avis-812"  # where it was read


def test_plain_next_selector_follows_its_href() -> None:
    response = HtmlResponse(url="https://avis.example/orbis?page=1", encoding="utf-8",
                            body=_page([], "/orbis?page=0", "/orbis?page=2"))
    page = extract_reviews(response, CTX, {"review": "article.avis", "next": "a.suivant"})
    assert page.next_url == "https://avis.example/orbis?page=2"
