"""The demo web answers like the real sites and APIs it imitates."""

from __future__ import annotations

import json
import re
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import extruct
import feedparser
from protego import Protego

from demo.config import render_config
from tests.demo.conftest import RUN_DATE, fetch


def test_blog_and_news_feeds_parse_and_link_to_articles(server):
    for path in ("/blogs/orbis/feed.xml", "/actu-telecom/feed.xml"):
        status, _, body = fetch(server.base_url + path)
        feed = feedparser.parse(body)
        assert status == 200 and not feed.bozo and feed.entries
        status, _, page = fetch(feed.entries[0].link)
        assert status == 200 and "<article>" in page and '<html lang="' in page


def test_review_pages_carry_json_ld_and_paginate(server, market):
    url = server.base_url + "/avis/entreprise/orbis"
    seen, page_url = [], url
    while page_url:
        status, _, html = fetch(page_url)
        assert status == 200
        org = extruct.extract(html, syntaxes=["json-ld"])["json-ld"][0]
        assert org["aggregateRating"]["reviewCount"] == len(market.reviews["orbis"])
        seen += org["review"]
        nxt = re.search(r'<a rel="next"[^>]*href="([^"]+)"', html)
        page_url = nxt[1].replace("&amp;", "&") if nxt else None
    assert len(seen) == len(market.reviews["orbis"]) and len({r["@id"] for r in seen}) == len(seen)
    assert any(r.get("comment", {}).get("@type") == "Comment" for r in seen)
    assert all(r["reviewRating"]["bestRating"] == 5 for r in seen)


def test_script_in_a_review_is_escaped_in_html_and_raw_in_json_ld(server):
    _, _, html = fetch(server.base_url + "/avis/entreprise/nova")
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html
    bodies = [r["reviewBody"] for r in extruct.extract(html, syntaxes=["json-ld"])["json-ld"][0]["review"]]
    assert any("<script>alert('x')</script>" in b for b in bodies)


def test_mastodon_link_headers_walk_the_hashtag_timeline(server, market):
    url = server.base_url + "/mastodon/api/v1/timelines/tag/telecoms?limit=40"
    ids = []
    while url:
        status, headers, body = fetch(url)
        assert status == 200
        ids += [int(s["id"]) for s in json.loads(body)]
        nxt = re.search(r'<([^>]+)>; rel="next"', headers.get("Link") or "")
        url = nxt[1] if nxt else None
    expected = [s.id for s in market.statuses if s.reblog_of is None and "telecoms" in s.hashtags]
    assert ids == sorted(expected, reverse=True)


def test_mastodon_since_id_returns_only_newer_statuses(server):
    _, headers, body = fetch(server.base_url + "/mastodon/api/v1/accounts/1/statuses?limit=5")
    newest = json.loads(body)
    prev = re.search(r'<([^>]+)>; rel="prev"', headers["Link"])[1]
    assert parse_qs(urlsplit(prev).query)["since_id"] == [newest[0]["id"]]
    _, _, body = fetch(server.base_url + f"/mastodon/api/v1/accounts/1/statuses?since_id={newest[2]['id']}")
    assert [s["id"] for s in json.loads(body)] == [s["id"] for s in newest[:2]]


def test_mastodon_lookup_and_account_counts(server):
    status, _, body = fetch(server.base_url + "/mastodon/api/v1/accounts/lookup?acct=@novamobile@mastodon.demo")
    acc = json.loads(body)
    assert status == 200 and acc["id"] == "1" and acc["followers_count"] == 15600
    assert fetch(server.base_url + "/mastodon/api/v1/accounts/lookup?acct=nobody")[0] == 404


def test_bluesky_cursor_paging_ends(server, market):
    url = server.base_url + "/bsky/xrpc/app.bsky.feed.getAuthorFeed?actor=orbis.bsky.demo&limit=10"
    uris, cursor = [], ""
    for _ in range(50):
        _, _, body = fetch(url + (f"&cursor={cursor}" if cursor else ""))
        page = json.loads(body)
        uris += [f["post"]["uri"] for f in page["feed"]]
        cursor = page.get("cursor")
        if not cursor:
            break
    assert not cursor and len(uris) == len(set(uris)) == sum(p.handle == "orbis.bsky.demo" for p in market.bsky_posts)
    _, _, body = fetch(server.base_url + "/bsky/xrpc/app.bsky.actor.getProfile?actor=orbis.bsky.demo")
    assert json.loads(body)["did"].startswith("did:plc:")


def test_clock_hides_future_content_and_rewinds_followers(server, market):
    status, _, _ = fetch(server.base_url + f"/_demo/clock?date={RUN_DATE - timedelta(days=21)}", method="POST")
    assert status == 200
    feed = feedparser.parse(fetch(server.base_url + "/actu-telecom/feed.xml")[2])
    assert 0 < len(feed.entries) < len(market.news) / 3
    acc = json.loads(fetch(server.base_url + "/mastodon/api/v1/accounts/1")[2])
    assert acc["followers_count"] == market.account("mastodon", "novamobile").followers[6]
    late = market.news[-1]
    assert fetch(server.base_url + late.path)[0] == 404


def test_conditional_requests_get_304(server):
    url = server.base_url + "/blogs/hexa/feed.xml"
    _, headers, _ = fetch(url)
    assert fetch(url, {"If-None-Match": headers["ETag"]})[0] == 304
    assert fetch(url, {"If-Modified-Since": headers["Last-Modified"]})[0] == 304
    assert fetch(url, {"If-None-Match": '"other"'})[0] == 200


def test_faults(server):
    assert fetch(server.base_url + "/faults/500/feed.xml")[0] == 500
    feed = feedparser.parse(fetch(server.base_url + "/faults/malformed/feed.xml")[2])
    assert feed.bozo and len(feed.entries) >= 2


def test_robots_forbid_private_threads_listed_in_sitemaps(server, market):
    robots = Protego.parse(fetch(server.base_url + "/robots.txt")[2])
    index = fetch(server.base_url + "/forum/sitemap.xml")[2]
    locs = []
    for sm in re.findall(r"<loc>([^<]+)</loc>", index):
        locs += re.findall(r"<loc>([^<]+)</loc>", fetch(sm)[2])
    private = [u for u in locs if "/forum/private/" in u]
    assert private and not any(robots.can_fetch(u, "Veille") for u in private)
    assert all(robots.can_fetch(u, "Veille") for u in locs if u not in private)
    assert server.requests["/forum/sitemap.xml"] == 1


def test_config_declares_the_demo_sources(server):
    import tomllib

    cfg = tomllib.loads(render_config(server.base_url, "/tmp/data", RUN_DATE))
    assert [b["id"] for b in cfg["brands"]] == ["nova", "orbis", "libre", "hexa"]
    assert {s["type"] for s in cfg["sources"]} == {"feed", "reviews", "mastodon", "bluesky", "sitemap"}
    masto = next(s for s in cfg["sources"] if s["type"] == "mastodon")
    for acct in masto["accounts"]:
        assert fetch(masto["instance"] + f"/api/v1/accounts/lookup?acct={acct}")[0] == 200
