"""Subprocess crawls of the feed spider against a loopback server."""

from __future__ import annotations

from pathlib import Path

from tests.spiders.conftest import crawl, free_port, make_spec

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Orbis</title><language>fr</language>
<item><title>Nouvelle offre fibre</title><link>{base}/posts/1?utm_source=rss</link>
<pubDate>Fri, 20 Nov 2026 08:00:00 +0000</pubDate><description>Résumé un</description></item>
<item><title>Via Google Alerts</title>
<link>https://www.google.com/url?rct=j&amp;sa=t&amp;url={base}/posts/2&amp;ct=ga</link>
<pubDate>Thu, 19 Nov 2026 08:00:00 +0000</pubDate><description>Résumé deux</description></item>
<item><title>Page cassée</title><link>{base}/posts/broken</link>
<pubDate>Wed, 18 Nov 2026 08:00:00 +0000</pubDate><description>Résumé trois</description></item>
<item><title>Trop vieux</title><link>{base}/posts/old</link>
<pubDate>Mon, 01 Jun 2026 08:00:00 +0000</pubDate><description>Ancien</description></item>
</channel></rss>"""

PAGE = """<html lang="fr"><head><title>{title}</title></head><body><nav>Menu Accueil</nav>
<article><h1>{title}</h1><p>{para}</p><p>{para} Deuxième paragraphe, avec des détails sur
l'offre et les prix pratiqués par l'opérateur ce mois-ci.</p></article><footer>Mentions</footer>
</body></html>"""


def _page(title: str) -> tuple[int, dict[str, str], bytes]:
    para = f"Texte intégral de l'article {title}, publié par la marque pour ses clients. " * 3
    return 200, {"Content-Type": "text/html; charset=utf-8"}, \
        PAGE.format(title=title, para=para).encode()


def _serve_feed(server) -> None:
    def feed(handler):
        if handler.headers.get("If-None-Match") == '"v1"':
            return 304, {}, b""
        return 200, {"Content-Type": "application/rss+xml", "ETag": '"v1"'}, \
            RSS.format(base=server.base).encode()

    server.routes.update({
        "/feed.xml": feed,
        "/posts/1": _page("Nouvelle offre fibre"),
        "/posts/2": _page("Via Google Alerts"),
        "/posts/broken": (500, {}, b"oops"),
        "/robots.txt": (200, {}, b"User-agent: *\nDisallow: /private/\n"),
    })


def test_feed_follow_links_writes_rows_stats_and_state(server, tmp_path: Path) -> None:
    _serve_feed(server)
    spec = make_spec(tmp_path, {"name": "orbis-blog", "type": "feed", "brand": "orbis",
                                "url": f"{server.base}/feed.xml", "follow_links": True})
    result = crawl(tmp_path, spec)
    assert result.returncode == 0
    assert result.stats["status"] == "ok" and result.stats["error"] is None
    assert result.stats["new"] == 3
    assert result.stats["dropped"] == {"too_old": 1}
    assert result.stats["failed"] == 1  # /posts/broken: kept with its feed summary
    by_title = {r["title"]: r for r in result.rows}
    assert by_title["Via Google Alerts"]["url"] == f"{server.base}/posts/2"  # unwrapped
    assert "Texte intégral" in by_title["Nouvelle offre fibre"]["text"]
    assert by_title["Page cassée"]["text"] == "Résumé trois"
    assert {r["channel"] for r in result.rows} == {"blog"}
    assert {r["brand_owner"] for r in result.rows} == {"orbis"}
    assert by_title["Nouvelle offre fibre"]["canonical_url"] == f"{server.base}/posts/1"
    assert len(result.state["seen"]) == 3 and result.state["http"]

    # Second run: the feed answers 304 to the kept ETag: nothing new, nothing written.
    again = crawl(tmp_path, {**spec, "run_id": "20261123T030000Z-bbbbbb",
                             "stats_path": str(tmp_path / "runs2" / "orbis-blog.json")})
    assert again.stats["status"] == "ok" and again.stats["new"] == 0 and again.rows == []
    assert server.headers_seen[-1].get("If-None-Match") == '"v1"'


def test_second_run_without_validators_counts_unchanged(server, tmp_path: Path) -> None:
    server.routes["/feed.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                  RSS.format(base=server.base).encode())
    spec = make_spec(tmp_path, {"name": "news", "type": "feed",
                                "url": f"{server.base}/feed.xml"})
    first = crawl(tmp_path, spec)
    assert first.stats["new"] == 3 and {r["channel"] for r in first.rows} == {"news"}
    again = crawl(tmp_path, {**spec, "run_id": "20261123T030000Z-cccccc"})
    assert again.rows == [] and again.stats["unchanged"] == 3 and again.stats["new"] == 0


def test_http_500_fails_the_source(server, tmp_path: Path) -> None:
    server.routes["/faults/500/feed.xml"] = (500, {}, b"boom")
    url = f"{server.base}/faults/500/feed.xml"
    result = crawl(tmp_path, make_spec(tmp_path, {"name": "bad", "type": "feed", "url": url}))
    assert result.returncode == 0
    assert result.stats["status"] == "failed"
    assert result.stats["error"] == f"HTTP 500 on {url}"
    assert result.rows == []


def test_unreachable_port_fails_the_source(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{free_port()}/feed.xml"
    result = crawl(tmp_path, make_spec(tmp_path, {"name": "down", "type": "feed", "url": url}))
    assert result.returncode == 0
    assert result.stats["status"] == "failed"
    assert result.stats["error"].startswith("connection refused")


def test_unparseable_feed_fails_and_truncated_feed_yields_entries(server, tmp_path: Path) -> None:
    server.routes["/garbage.xml"] = (200, {"Content-Type": "application/xml"}, b"<html><p>nope")
    full = RSS.format(base=server.base)
    server.routes["/truncated.xml"] = (200, {"Content-Type": "application/xml"},
                                       full[: full.index("<item><title>Page")].encode())
    bad = crawl(tmp_path, make_spec(tmp_path, {"name": "garbage", "type": "feed",
                                               "url": f"{server.base}/garbage.xml"}))
    assert bad.stats["status"] == "failed" and bad.stats["error"].startswith("malformed feed")
    part = crawl(tmp_path, make_spec(tmp_path, {"name": "trunc", "type": "feed",
                                                "url": f"{server.base}/truncated.xml"}))
    assert part.stats["status"] == "ok" and part.stats["dropped"] == {"malformed_feed": 1}
    assert len(part.rows) == 2
