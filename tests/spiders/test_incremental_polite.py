"""Incremental runs fetch no unchanged body; Retry-After pauses the host (loopback crawls)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from tests.spiders.conftest import crawl, make_spec

HTML = {"Content-Type": "text/html; charset=utf-8"}
XML = {"Content-Type": "application/xml"}


def _article(title: str, words: str) -> bytes:
    paras = "".join(f"<p>{title} : {words} Paragraphe {i} sur les forfaits, la fibre et "
                    f"les prix pratiqués ce mois-ci par les opérateurs.</p>" for i in range(4))
    return f"<html lang='fr'><body><article><h1>{title}</h1>{paras}</article></body></html>".encode()


def _sitemap(base: str, lastmods: dict[str, str | None]) -> bytes:
    urls = "".join(f"<url><loc>{base}{path}</loc>"
                   + (f"<lastmod>{mod}</lastmod>" if mod else "") + "</url>"
                   for path, mod in lastmods.items())
    return (f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"{urls}</urlset>").encode()


def test_second_sitemap_run_fetches_only_changed_bodies(server, tmp_path: Path) -> None:
    bodies = {"/t/a": _article("Sujet A", "version un."), "/t/b": _article("Sujet B", "stable."),
              "/t/c": _article("Sujet C", "version un.")}
    sent: list[str] = []  # paths answered with a body

    def page(handler):
        path = handler.path
        etag = f'"{hash(bodies[path])}"'
        if handler.headers.get("If-None-Match") == etag:
            return 304, {"ETag": etag}, b""
        sent.append(path)
        return 200, {**HTML, "ETag": etag}, bodies[path]

    lastmods = {"/t/a": "2026-11-20", "/t/b": None, "/t/c": "2026-11-20"}
    server.routes.update({p: page for p in bodies})
    server.routes["/sitemap.xml"] = lambda h: (200, XML, _sitemap(server.base, lastmods))
    spec = make_spec(tmp_path, {"name": "forum", "type": "sitemap",
                                "url": f"{server.base}/sitemap.xml"})
    first = crawl(tmp_path, spec)
    assert first.stats["new"] == 3 and sorted(sent) == ["/t/a", "/t/b", "/t/c"]

    # c changes (new lastmod, new body); a and b do not.
    bodies["/t/c"] = _article("Sujet C", "version deux, corrigée.")
    lastmods["/t/c"] = "2026-11-21"
    sent.clear()
    second = crawl(tmp_path, {**spec, "run_id": "20261123T030000Z-bbbbbb"})
    assert sent == ["/t/c"]  # a: same lastmod, not asked; b: asked conditionally, 304
    assert second.stats["not_modified"] == 1 and second.stats["unchanged"] == 2
    assert (second.stats["new"], second.stats["updated"]) == (0, 1)
    assert [r["url"] for r in second.rows] == [f"{server.base}/t/c"]
    assert "version deux" in second.rows[0]["text"]
    assert second.rows[0]["doc_id"] == next(r["doc_id"] for r in first.rows
                                            if r["url"].endswith("/t/c"))


def test_retry_after_delays_the_hosts_next_request(server, tmp_path: Path) -> None:
    hits: list[tuple[float, str]] = []
    throttled = []

    def page(handler):
        hits.append((time.monotonic(), handler.path))
        if not throttled:  # the first page asked for, with the others queued behind it
            throttled.append(handler.path)
            time.sleep(0.5)  # let the other pages queue in the host's slot meanwhile
            return 429, {"Retry-After": "2"}, b"slow down"
        return 200, HTML, _article(f"Page {handler.path}", "texte.")

    paths = [f"/p/{i}" for i in range(1, 7)]
    server.routes.update(dict.fromkeys(paths, page))
    server.routes["/sitemap.xml"] = lambda h: (200, XML, _sitemap(server.base,
                                                                  dict.fromkeys(paths)))
    spec = make_spec(tmp_path, {"name": "slow", "type": "sitemap",
                                "url": f"{server.base}/sitemap.xml"})
    spec["crawl"]["concurrency_per_domain"] = 1
    result = crawl(tmp_path, spec)
    assert result.stats["new"] == 6 and result.stats["failed"] == 0
    t429 = next(t for t, path in hits if path == throttled[0])
    retry = [t for t, path in hits if path == throttled[0]][1]
    assert retry - t429 >= 2.0
    # No request to the host leaves inside the pause, not even those queued before the 429.
    early = [path for t, path in hits if t429 < t < t429 + 2.0]
    assert early == [] and len(hits) == 7


def test_per_domain_concurrency_holds_without_a_download_delay(server, tmp_path: Path) -> None:
    lock = threading.Lock()
    active, peak = [0], [0]

    def slow_page(handler):
        with lock:
            active[0] += 1
            peak[0] = max(peak[0], active[0])
        time.sleep(0.15)
        with lock:
            active[0] -= 1
        return 200, HTML, _article(f"Page {handler.path}", "texte.")

    paths = [f"/q/{i}" for i in range(1, 9)]
    server.routes.update(dict.fromkeys(paths, slow_page))
    server.routes["/sitemap.xml"] = lambda h: (200, XML, _sitemap(server.base,
                                                                  dict.fromkeys(paths)))
    spec = make_spec(tmp_path, {"name": "conc", "type": "sitemap",
                                "url": f"{server.base}/sitemap.xml"})
    spec["crawl"].update(download_delay=0, concurrency_per_domain=2)
    result = crawl(tmp_path, spec)
    assert result.stats["new"] == 8 and result.stats["failed"] == 0
    assert peak[0] == 2  # never more than asked for, and the two slots were used


def test_robots_disallowed_page_is_never_requested(server, tmp_path: Path) -> None:
    server.routes.update({
        "/robots.txt": (200, {}, b"User-agent: *\nDisallow: /private/\n"),
        "/sitemap.xml": lambda h: (200, XML, _sitemap(server.base, {"/ok": None,
                                                                     "/private/x": None})),
        "/ok": (200, HTML, _article("Ouvert", "texte.")),
        "/private/x": (200, HTML, _article("Privé", "texte.")),
    })
    result = crawl(tmp_path, make_spec(tmp_path, {"name": "r", "type": "sitemap",
                                                  "url": f"{server.base}/sitemap.xml"}))
    assert [r["url"] for r in result.rows] == [f"{server.base}/ok"]
    assert "/private/x" not in server.hits and "/robots.txt" in server.hits
    assert result.stats["dropped"] == {"robots_disallowed": 1} and result.stats["failed"] == 0
