"""Subprocess crawls of the reviews, mastodon, bluesky and sitemap spiders on loopback."""

from __future__ import annotations

import json
from pathlib import Path

from tests.spiders.conftest import crawl, make_spec

JSON = {"Content-Type": "application/json"}


def _review_page(n: int, next_href: str | None, reviews: list[dict]) -> bytes:
    data = {"@context": "https://schema.org", "@type": "Organization", "name": "Orbis",
            "aggregateRating": {"@type": "AggregateRating", "ratingValue": "3.4",
                                "reviewCount": 4},
            "review": reviews}
    link = f'<link rel="next" href="{next_href}">' if next_href else ""
    return (f'<html lang="fr"><head>{link}<script type="application/ld+json">'
            f'{json.dumps(data)}</script></head><body>Page {n}</body></html>').encode()


def _review(i: int, rating: int, day: int, reply: bool = False) -> dict:
    review = {"@type": "Review", "@id": f"https://avis.example/orbis#r{i}",
              "author": {"@type": "Person", "name": f"Client {i}"},
              "datePublished": f"2026-11-{day:02d}", "name": f"Avis {i}",
              "reviewBody": f"Service client {'lent' if rating < 3 else 'rapide'} ({i}).",
              "reviewRating": {"@type": "Rating", "ratingValue": rating, "bestRating": 5}}
    if reply:
        review["comment"] = {"@type": "Comment", "text": "Merci, nous revenons vers vous.",
                             "dateCreated": f"2026-11-{day + 1:02d}T10:00:00+01:00",
                             "author": {"@type": "Organization", "name": "Orbis"}}
    return review


def test_reviews_two_pages_then_incremental(server, tmp_path: Path) -> None:
    html = {"Content-Type": "text/html; charset=utf-8"}
    server.routes.update({
        "/orbis": (200, html, _review_page(1, "/orbis?page=2",
                                           [_review(4, 1, 20, reply=True), _review(3, 5, 19)])),
        "/orbis?page=2": (200, html, _review_page(2, None, [_review(2, 2, 15), _review(1, 4, 10)])),
    })
    spec = make_spec(tmp_path, {"name": "avis-orbis", "type": "reviews", "brand": "orbis",
                                "url": f"{server.base}/orbis"})
    result = crawl(tmp_path, spec)
    assert result.stats["status"] == "ok" and result.stats["new"] == 4
    assert result.stats["aggregate_rating"]["rating"] == 3.4
    rows = {r["title"]: r for r in result.rows}
    assert rows["Avis 4"]["rating"] == 1.0 and rows["Avis 4"]["rating_best"] == 5.0
    assert rows["Avis 4"]["reply_text"] == "Merci, nous revenons vers vous."
    assert rows["Avis 4"]["reply_at"].isoformat() == "2026-11-21T09:00:00+00:00"
    assert {(r["channel"], r["kind"], r["brand_owner"], r["subject_brand"])
            for r in result.rows} == {("review", "review", None, "orbis")}
    again = crawl(tmp_path, {**spec, "run_id": "20261123T030000Z-dddddd"})
    assert again.rows == [] and again.stats["unchanged"] == 4
    # recent unanswered reviews are read again, so page 2 is too: a late reply may come
    assert server.hits.count("/orbis?page=2") == 2

    server.routes["/orbis"] = (200, html, _review_page(
        1, "/orbis?page=2", [_review(4, 1, 20, reply=True), _review(3, 5, 19, reply=True)]))
    third = crawl(tmp_path, {**spec, "run_id": "20261124T030000Z-eeeeee"})
    assert [(r["title"], r["reply_text"]) for r in third.rows] == [
        ("Avis 3", "Merci, nous revenons vers vous.")]
    assert third.stats["updated"] == 1 and third.stats["new"] == 0
    # page 1 held nothing new nor awaiting a reply: the older pages are not fetched
    assert server.hits.count("/orbis?page=2") == 2


def _status(i: int, day: int, *, reply_to: str | None = None, boost_of: dict | None = None,
            acct: str = "nova") -> dict:
    status = {"id": str(1000 + i), "created_at": f"2026-11-{day:02d}T12:00:00.000Z",
              "in_reply_to_id": reply_to, "language": "fr",
              "uri": f"https://mastodon.example/users/{acct}/statuses/{1000 + i}",
              "url": f"https://mastodon.example/@{acct}/{1000 + i}",
              "replies_count": i, "reblogs_count": 2 * i, "favourites_count": 3 * i,
              "content": f"<p>Statut {i} de {acct}</p><p>Deuxième ligne</p>", "reblog": boost_of,
              "account": {"id": "1", "acct": acct, "username": acct, "display_name": acct.title(),
                          "followers_count": 120}}
    return status


def test_mastodon_link_pagination_and_since_id(server, tmp_path: Path) -> None:
    prefix = "/social/mastodon"
    original = _status(1, 18, acct="fan@other.example")
    page1 = [_status(5, 21), _status(4, 20, reply_to="1003"),
             _status(3, 19, boost_of=original)]
    page2 = [_status(2, 15), _status(0, 1)]  # the last one is older than since_days

    def statuses(handler):
        if "max_id=1003" in handler.path:
            return 200, JSON, json.dumps(page2).encode()
        if "since_id=1005" in handler.path:
            return 200, JSON, b"[]"
        link = f'<{server.base}{prefix}/api/v1/accounts/1/statuses?limit=40&max_id=1003>; rel="next"'
        return 200, {**JSON, "Link": link, "X-RateLimit-Remaining": "290"}, json.dumps(page1).encode()

    server.routes.update({
        f"{prefix}/api/v1/accounts/lookup": (200, JSON, json.dumps(
            {"id": "1", "acct": "nova", "followers_count": 120, "following_count": 7,
             "statuses_count": 42}).encode()),
        f"{prefix}/api/v1/accounts/1/statuses": statuses,
    })
    spec = make_spec(tmp_path, {"name": "masto", "type": "mastodon",
                                "instance": f"{server.base}{prefix}/",
                                "accounts": ["@nova@127.0.0.1"], "since_days": 10},
                     brand_accounts={"mastodon": {"@nova@127.0.0.1": "nova"}})
    result = crawl(tmp_path, spec)
    assert result.stats["status"] == "ok", result.log[-2000:]
    assert result.stats["new"] == 4 and result.stats["dropped"] == {}
    assert [a["followers"] for a in result.accounts] == [120]
    assert result.accounts[0]["brand_owner"] == "nova"
    rows = {r["url"].rsplit("/", 1)[-1]: r for r in result.rows}
    assert set(rows) == {"1005", "1004", "1001", "1002"}  # boost -> original 1001
    assert rows["1001"]["author_handle"] == "@fan@other.example" and rows["1001"]["brand_owner"] is None
    assert rows["1005"]["brand_owner"] == "nova" and rows["1005"]["likes"] == 15
    assert rows["1004"]["kind"] == "comment" and rows["1004"]["parent_id"] == "1003"
    assert rows["1005"]["text"] == "Statut 5 de nova\n\nDeuxième ligne"
    again = crawl(tmp_path, {**spec, "run_id": "20261123T030000Z-eeeeee"})
    assert again.stats["status"] == "ok" and again.rows == []
    assert any("since_id=1005" in hit for hit in server.hits)


def test_bluesky_profile_and_author_feed(server, tmp_path: Path) -> None:
    def post(rkey: str, day: int, text: str) -> dict:
        return {"post": {"uri": f"at://did:plc:nova/app.bsky.feed.post/{rkey}",
                         "author": {"did": "did:plc:nova", "handle": "nova.bsky.social"},
                         "record": {"text": text, "createdAt": f"2026-11-{day:02d}T09:00:00Z",
                                    "langs": ["fr"]},
                         "likeCount": 4, "repostCount": 1, "quoteCount": 2, "replyCount": 3}}

    server.routes.update({
        "/bsky/xrpc/app.bsky.actor.getProfile": (200, JSON, json.dumps(
            {"handle": "nova.bsky.social", "followersCount": 900, "followsCount": 10,
             "postsCount": 77}).encode()),
        "/bsky/xrpc/app.bsky.feed.getAuthorFeed": (200, JSON, json.dumps(
            {"feed": [post("3abc", 21, "Promo fibre"), post("3old", 1, "Vieux")]}).encode()),
    })
    spec = make_spec(tmp_path, {"name": "bsky", "type": "bluesky",
                                "api_base": f"{server.base}/bsky", "accounts": ["nova.bsky.social"],
                                "since_days": 10},
                     brand_accounts={"bluesky": {"nova.bsky.social": "nova"}})
    result = crawl(tmp_path, spec)
    assert result.stats["status"] == "ok"
    assert [r["url"] for r in result.rows] == ["https://bsky.app/profile/nova.bsky.social/post/3abc"]
    assert result.rows[0]["shares"] == 3 and result.rows[0]["brand_owner"] == "nova"
    assert result.accounts[0]["followers"] == 900


def test_sitemap_index_allow_and_robots(server, tmp_path: Path) -> None:
    page = ("<html lang='fr'><body><article><h1>Sujet {n}</h1><p>"
            + "Discussion du forum sur les forfaits mobiles et la fibre optique. " * 6
            + "</p></article></body></html>")
    xml = {"Content-Type": "application/xml"}
    server.routes.update({
        "/robots.txt": (200, {}, f"User-agent: *\nDisallow: /forum/private\n"
                                 f"Sitemap: {server.base}/sitemap_index.xml\n".encode()),
        "/sitemap_index.xml": (200, xml, f"""<?xml version="1.0"?>
<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>{server.base}/sitemap-forum.xml</loc></sitemap></sitemapindex>""".encode()),
        "/sitemap-forum.xml": (200, xml, f"""<?xml version="1.0"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<url><loc>{server.base}/forum/t1</loc><lastmod>2026-11-20</lastmod></url>
<url><loc>{server.base}/forum/private-t2</loc><lastmod>2026-11-20</lastmod></url>
<url><loc>{server.base}/about</loc><lastmod>2026-11-20</lastmod></url>
</urlset>""".encode()),
        "/forum/t1": (200, {"Content-Type": "text/html"}, page.format(n=1).encode()),
    })
    spec = make_spec(tmp_path, {"name": "forum", "type": "sitemap",
                                "url": f"{server.base}/robots.txt", "allow": ["/forum/"]})
    result = crawl(tmp_path, spec)
    assert result.stats["status"] == "ok", result.log[-2000:]
    assert [r["url"] for r in result.rows] == [f"{server.base}/forum/t1"]
    assert result.rows[0]["channel"] == "forum" and "forfaits" in result.rows[0]["text"]
    assert "/forum/private-t2" not in server.hits and "/about" not in server.hits
