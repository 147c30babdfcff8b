"""Subprocess crawls of the feed spider against a loopback server."""

from __future__ import annotations

from pathlib import Path

from tests.spiders.conftest import crawl, crawl_many, free_port, make_spec

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


def test_failing_sources_fail_with_a_one_line_error(server, tmp_path: Path) -> None:
    server.routes["/faults/500/feed.xml"] = (500, {}, b"boom")
    server.routes["/garbage.xml"] = (200, {"Content-Type": "application/xml"}, b"<html><p>nope")
    full = RSS.format(base=server.base)
    server.routes["/truncated.xml"] = (200, {"Content-Type": "application/xml"},
                                       full[: full.index("<item><title>Page")].encode())
    urls = {"http500": f"{server.base}/faults/500/feed.xml",
            "down": f"http://127.0.0.1:{free_port()}/feed.xml",
            "garbage": f"{server.base}/garbage.xml", "trunc": f"{server.base}/truncated.xml"}
    http500, down, garbage, trunc = crawl_many(tmp_path, [
        make_spec(tmp_path, {"name": name, "type": "feed", "url": url})
        for name, url in urls.items()])
    assert {r.returncode for r in (http500, down, garbage, trunc)} == {0}
    assert (http500.stats["status"], http500.stats["error"]) == \
        ("failed", f"HTTP 500 on {urls['http500']}")
    assert http500.rows == []
    assert down.stats["status"] == "failed"
    assert down.stats["error"] == f"connection refused: {urls['down']}"
    assert garbage.stats["status"] == "failed"
    assert garbage.stats["error"].startswith("malformed feed")
    # a truncated feed is reported as failed, and what could be read is kept
    assert trunc.stats["status"] == "failed" and trunc.stats["dropped"] == {"malformed_feed": 1}
    assert trunc.stats["error"].startswith("malformed feed") and "2 entries read" in trunc.stats["error"]
    assert len(trunc.rows) == 2 and trunc.stats["new"] == 2
