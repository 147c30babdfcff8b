"""Serve the demo market on loopback: every site on one port, with a movable clock.

Run in the foreground with `python -m demo.server --port 8765 --date 2026-11-22`.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import threading
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Self
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from demo import feeds, pages
from demo.generator import DAYS, generate
from demo.model import BRAND_IDS, Market
from demo.social import SocialApi

PARIS = ZoneInfo("Europe/Paris")


class _Reply(Exception):
    """Carry a finished response out of the routing code."""

    def __init__(self, status: int, body: str | bytes = b"", ctype: str = "text/plain; charset=utf-8",
                 headers: dict[str, str] | None = None, last_modified: datetime | None = None) -> None:
        super().__init__(status)
        self.status, self.ctype, self.headers, self.last_modified = status, ctype, headers or {}, last_modified
        self.body = body.encode() if isinstance(body, str) else body


class DemoServer:
    """Serve a market on loopback in a background thread; count requests per path."""

    def __init__(self, market: Market, host: str = "127.0.0.1", port: int = 0) -> None:
        self.market = market
        self.clock = market.run_date
        self.requests: Counter[str] = Counter()
        self._lock = threading.Lock()
        self.httpd = ThreadingHTTPServer((host, port), _handler_for(self))
        self.httpd.daemon_threads = True
        self.base_url = f"http://{host}:{self.httpd.server_address[1]}"
        self.api = SocialApi(market, self.base_url)
        self._thread = threading.Thread(target=self.httpd.serve_forever, name="demo-web", daemon=True)

    def start(self) -> DemoServer:
        """Start serving in the background."""
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and release the port."""
        self.httpd.shutdown()
        self.httpd.server_close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def set_clock(self, day: date) -> None:
        """Serve only what was published up to the end of `day` (Europe/Paris)."""
        with self._lock:
            self.clock = day

    @property
    def cutoff(self) -> datetime:
        """Return the end of the clock's day, in UTC."""
        return datetime.combine(self.clock + timedelta(days=1), time(), PARIS).astimezone(UTC)

    @property
    def day_index(self) -> int:
        """Return the clock's index into daily follower counts, clamped to the window."""
        start = self.market.run_date - timedelta(days=DAYS - 1)
        return max(0, min(DAYS - 1, (self.clock - start).days))

    def count(self, path: str) -> None:
        """Count one request for a path (query string excluded)."""
        with self._lock:
            self.requests[path] += 1

    # --- routing ------------------------------------------------------------------------
    def route(self, method: str, path: str, params: dict[str, str]) -> _Reply:
        """Answer one request; raise nothing but _Reply-worthy results."""
        base, cut, m = self.base_url, self.cutoff, self.market
        xml, html, js = "application/xml; charset=utf-8", "text/html; charset=utf-8", "application/json; charset=utf-8"
        if path == "/_demo/clock":
            if method == "POST":
                try:
                    self.set_clock(date.fromisoformat(params.get("date", "")))
                except ValueError:
                    return _Reply(400, "date=YYYY-MM-DD is required\n")
            return _Reply(200, json.dumps({"date": self.clock.isoformat()}), js)
        if method != "GET":
            return _Reply(405, "method not allowed\n")
        if path == "/robots.txt":
            return _Reply(200, feeds.ROBOTS.format(base=base))
        if path == "/faults/500/feed.xml":
            return _Reply(500, "Internal Server Error\n")
        if path == "/faults/malformed/feed.xml":
            return _Reply(200, feeds.malformed_feed(base, m), xml)
        if path in ("/", "/index.html"):
            return _Reply(200, _index(), html)
        if mt := re.fullmatch(r"/blogs/(\w+)/feed\.xml", path):
            arts = [a for a in m.blogs.get(mt[1], []) if a.at <= cut]
            if mt[1] not in m.blogs:
                return _Reply(404, "no such blog\n")
            return _Reply(200, feeds.rss(base, mt[1], arts, f"/blogs/{mt[1]}/"), "application/rss+xml; charset=utf-8",
                          last_modified=max((a.at for a in arts), default=None))
        if mt := re.fullmatch(r"/blogs/(\w+)/posts/([\w-]+)", path):
            return self._article(m.blogs.get(mt[1], []), mt[2], feeds.SITE_TITLES.get(mt[1], ""), f"/blogs/{mt[1]}/")
        if path == "/actu-telecom/feed.xml":
            arts = [a for a in m.news if a.at <= cut]
            return _Reply(200, feeds.rss(base, "actu-telecom", arts, "/actu-telecom/"),
                          "application/rss+xml; charset=utf-8", last_modified=max((a.at for a in arts), default=None))
        if mt := re.fullmatch(r"/actu-telecom/articles/([\w-]+)", path):
            return self._article(m.news, mt[1], "Actu Télécom", "/actu-telecom/")
        if mt := re.fullmatch(r"/avis/entreprise/(\w+)", path):
            page = int(params.get("page", "1")) if params.get("page", "1").isdigit() else 0
            body = pages.reviews_page(base, mt[1], m.reviews.get(mt[1], []), page, cut) if mt[1] in m.reviews else None
            return _Reply(200, body, html) if body else _Reply(404, "no such page\n")
        threads = [t for t in m.threads if t.at <= cut]
        if path == "/forum/sitemap.xml":
            return _Reply(200, feeds.sitemap_index(base, threads), xml)
        if mt := re.fullmatch(r"/forum/sitemap-(\d{4}-\d{2})\.xml", path):
            body = feeds.sitemap_month(base, threads, mt[1])
            return _Reply(200, body, xml) if body else _Reply(404, "no such sitemap\n")
        if re.fullmatch(r"/forum/(private/)?t/[\w-]+", path):
            t = next((t for t in threads if t.path == path), None)
            if t is None:
                return _Reply(404, "no such thread\n")
            return _Reply(200, pages.thread(base, t, cut), html, last_modified=max(p.at for p in t.posts if p.at <= cut))
        if path.startswith("/mastodon/api/v1/"):
            return self._mastodon(path.removeprefix("/mastodon/api/v1/"), path, params)
        if path.startswith("/bsky/xrpc/"):
            return self._bsky(path.removeprefix("/bsky/xrpc/"), params)
        return _Reply(404, "not found\n")

    def _article(self, arts: list, slug: str, site: str, home: str) -> _Reply:
        """Answer an article page if published before the clock."""
        a = next((a for a in arts if a.slug == slug and a.at <= self.cutoff), None)
        if a is None:
            return _Reply(404, "no such article\n")
        return _Reply(200, pages.article(self.base_url, a, site, home), "text/html; charset=utf-8", last_modified=a.at)

    def _mastodon(self, rest: str, path: str, params: dict[str, str]) -> _Reply:
        """Answer the Mastodon API subset."""
        api, cut, di = self.api, self.cutoff, self.day_index
        if rest == "accounts/lookup":
            acc = api.lookup(params.get("acct", ""))
            return _json(api.account_json(acc, cut, di)) if acc else _json({"error": "Record not found"}, 404)
        if mt := re.fullmatch(r"accounts/(\d+)(/statuses)?", rest):
            acc = api.accounts_by_id.get(mt[1])
            if acc is None:
                return _json({"error": "Record not found"}, 404)
            if not mt[2]:
                return _json(api.account_json(acc, cut, di))
            rows, link = api.page(api.account_statuses(acc), path, params, cut, di)
            return _json(rows, headers={"Link": link} if link else None)
        if mt := re.fullmatch(r"timelines/tag/(\w+)", rest):
            rows, link = api.page(api.tag_statuses(mt[1]), path, params, cut, di)
            return _json(rows, headers={"Link": link} if link else None)
        return _json({"error": "Record not found"}, 404)

    def _bsky(self, method: str, params: dict[str, str]) -> _Reply:
        """Answer the Bluesky XRPC subset."""
        acc = self.api.bsky_actor(params.get("actor", ""))
        if method not in ("app.bsky.actor.getProfile", "app.bsky.feed.getAuthorFeed"):
            return _json({"error": "MethodNotImplemented", "message": "Method Not Implemented"}, 501)
        if acc is None:
            return _json({"error": "InvalidRequest", "message": "Profile not found"}, 400)
        if method == "app.bsky.actor.getProfile":
            return _json(self.api.profile(acc, self.cutoff, self.day_index))
        return _json(self.api.author_feed(acc, params, self.cutoff))


def _json(data: object, status: int = 200, headers: dict[str, str] | None = None) -> _Reply:
    """Wrap JSON data in a reply."""
    return _Reply(status, json.dumps(data, ensure_ascii=False), "application/json; charset=utf-8", headers)


def _index() -> str:
    """Render a home page that links to every site."""
    links = [("Actu Télécom", "/actu-telecom/feed.xml"), ("Forum", "/forum/sitemap.xml")]
    links += [(f"Blog {b}", f"/blogs/{b}/feed.xml") for b in BRAND_IDS]
    links += [(f"Avis {b}", f"/avis/entreprise/{b}") for b in BRAND_IDS]
    items = "".join(f'<li><a href="{escape(h)}">{escape(t)}</a></li>' for t, h in links)
    return f'<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8"><title>Démo</title></head><body><ul>{items}</ul></body></html>'


def _not_modified(headers, etag: str, last_modified: datetime | None) -> bool:
    """Tell whether a conditional request matches: If-None-Match wins over If-Modified-Since."""
    inm = headers.get("If-None-Match")
    if inm is not None:
        return etag in [t.strip() for t in inm.split(",")] or inm.strip() == "*"
    ims = headers.get("If-Modified-Since")
    if ims and last_modified is not None:
        try:
            return last_modified.replace(microsecond=0) <= parsedate_to_datetime(ims)
        except (TypeError, ValueError):
            return False
    return False


def _handler_for(server: DemoServer) -> type[BaseHTTPRequestHandler]:
    """Build the request handler class bound to one DemoServer."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "VeilleDemo/0.1"

        def log_message(self, *args: object) -> None:  # quiet: tests read .requests instead
            pass

        def _serve(self, method: str) -> None:
            url = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(url.query).items()}
            server.count(url.path)
            try:
                reply = server.route("GET" if method == "HEAD" else method, url.path, params)
            except Exception as exc:  # noqa: BLE001 - a bug in the demo must show up as a 500, not hang the client
                reply = _Reply(500, f"demo error: {exc!r}\n")
            headers = dict(reply.headers)
            if reply.status == 200 and method in ("GET", "HEAD"):
                etag = '"' + hashlib.sha1(reply.body).hexdigest()[:20] + '"'
                headers["ETag"] = etag
                if reply.last_modified:
                    headers["Last-Modified"] = format_datetime(reply.last_modified.astimezone(UTC), usegmt=True)
                if _not_modified(self.headers, etag, reply.last_modified):
                    reply = _Reply(304)
            self.send_response(reply.status)
            for k, v in headers.items():
                self.send_header(k, v)
            if reply.status != 304:
                self.send_header("Content-Type", reply.ctype)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            if method != "HEAD":
                self.wfile.write(reply.body)

        def do_GET(self) -> None:
            self._serve("GET")

        def do_HEAD(self) -> None:
            self._serve("HEAD")

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            if length:
                self.rfile.read(length)
            self._serve("POST")

    return Handler


def serve(market: Market, host: str = "127.0.0.1", port: int = 0) -> DemoServer:
    """Start serving a market on loopback in a background thread."""
    return DemoServer(market, host, port).start()


def main(argv: list[str] | None = None) -> None:
    """Serve the demo web in the foreground."""
    ap = argparse.ArgumentParser(prog="python -m demo.server", description=__doc__.splitlines()[0])
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--date", type=date.fromisoformat, default=date.today(), help="run date, YYYY-MM-DD")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    srv = DemoServer(generate(args.date, args.seed), args.host, args.port)
    print(f"demo web on {srv.base_url} (clock {srv.clock}); Ctrl-C to stop", flush=True)
    try:
        srv.httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        srv.httpd.server_close()


if __name__ == "__main__":
    main()
