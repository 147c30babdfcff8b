"""Crawl a 5,000-page loopback site with the sitemap spider (extraction on) beside `scrapy bench`.

Prints one JSON line: pages/s of both, their ratio (target >= 0.5) and process wall times.
Usage: .venv/bin/python bench/crawl.py [--pages N]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

_WORDS = ("offre fibre forfait mobile prix client réseau opérateur débit promotion service "
          "abonnement box antenne couverture tarif engagement données appel message roaming "
          "qualité panne support facture remise nouveauté lancement marché concurrence").split()


def make_site(pages: int, seed: int = 7) -> dict[str, bytes]:
    """Return path -> body for a blog of `pages` articles with menus, footers and a sitemap."""
    rng = random.Random(seed)
    site: dict[str, bytes] = {
        "/robots.txt": b"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap.xml\n"}
    nav = "".join(f"<li><a href='/rubrique/{w}'>{w.title()}</a></li>" for w in _WORDS[:12])
    for i in range(pages):
        title = " ".join(rng.choice(_WORDS) for _ in range(6)).capitalize()
        paras = "".join(
            "<p>" + " ".join(rng.choice(_WORDS) for _ in range(rng.randint(40, 90))).capitalize()
            + ".</p>" for _ in range(rng.randint(4, 9)))
        site[f"/articles/{i}"] = (
            f"<!doctype html><html lang='fr'><head><meta charset='utf-8'><title>{title} | Blog"
            f"</title><meta name='description' content='{title}'></head><body><header><nav><ul>"
            f"{nav}</ul></nav></header><main><article><h1>{title}</h1><p class='meta'>Par "
            f"Auteur {i % 17}, le 2026-11-{1 + i % 20:02d}</p>{paras}</article><aside><h2>"
            f"À lire aussi</h2><ul>{nav}</ul></aside></main><footer>© Orbis — Mentions légales"
            f" — Newsletter</footer></body></html>").encode()
    urls = "".join(f"<url><loc>{{base}}/articles/{i}</loc><lastmod>2026-11-{1 + i % 20:02d}"
                   f"</lastmod></url>" for i in range(pages))
    site["/sitemap.xml"] = (f'<?xml version="1.0" encoding="UTF-8"?><urlset xmlns='
                            f'"http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>'
                            ).encode()
    return site


def serve(site: dict[str, bytes]) -> tuple[ThreadingHTTPServer, str]:
    """Serve the site on a free loopback port from a daemon thread; return server and base URL."""
    holder: dict[str, bytes] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            body = holder.get(self.path.split("?")[0])
            status = 200 if body is not None else 404
            body = body if body is not None else b"not found"
            ctype = "application/xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    holder.update({k: v.replace(b"{base}", base.encode()) for k, v in site.items()})
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, base


def final_stats(log: str) -> tuple[int, float]:
    """Return (responses received, elapsed seconds) from Scrapy's closing stats dump."""
    received = re.findall(r"'response_received_count': (\d+)", log)
    elapsed = re.findall(r"'elapsed_time_seconds': ([\d.]+)", log)
    if not received or not elapsed:
        raise SystemExit("no Scrapy stats dump found in the crawl log:\n" + log[-2000:])
    return int(received[-1]), float(elapsed[-1])


def run_veille(base: str, pages: int, tmp: Path, concurrency: int) -> dict:
    """Crawl the site with the real sitemap spider and return its figures."""
    now = datetime(2026, 11, 22, 3, tzinfo=UTC)
    spec = {"source": {"name": "bench", "type": "sitemap", "url": f"{base}/robots.txt",
                       "since_days": 60, "max_items": pages + 10, "max_pages": 5},
            "run_id": "20261122T030000Z-bench0", "run_date": "2026-11-22",
            "now": now.isoformat(), "lake_dir": str(tmp / "lake"),
            "state_path": str(tmp / "state" / "bench.json"),
            "stats_path": str(tmp / "runs" / "bench.json"),
            "user_agent": "VeilleBench/0.1 (+mailto:bench@example.com)",
            "crawl": {"download_delay": 0, "autothrottle": False,
                      "concurrency_per_domain": concurrency, "obey_robots": True,
                      "timeout_s": 30}}
    spec_path = tmp / "spec.json"
    spec_path.write_text(json.dumps(spec))
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "scrapy", "crawl", "sitemap", "-a",
                           f"spec={spec_path}", "-s", "LOG_LEVEL=INFO",
                           "-s", f"CONCURRENT_REQUESTS={concurrency}"],
                          cwd=REPO, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    received, elapsed = final_stats(proc.stderr)
    stats = json.loads(Path(spec["stats_path"]).read_text())
    return {"pages_per_s": round(received / elapsed, 1), "responses": received,
            "documents": stats["new"], "crawl_s": round(elapsed, 2),
            "process_wall_s": round(wall, 2), "dropped": stats["dropped"]}


def run_scrapy_bench(tmp: Path) -> dict:
    """Run `scrapy bench` outside the project (its default settings) and return its figures."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "scrapy", "bench", "-s", "LOG_LEVEL=INFO"],
                          cwd=tmp, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    received, elapsed = final_stats(proc.stderr)
    return {"pages_per_s": round(received / elapsed, 1), "responses": received,
            "crawl_s": round(elapsed, 2), "process_wall_s": round(wall, 2)}


def main() -> None:
    """Build the site, run both crawls one after the other, print the JSON line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    # scrapy bench runs with Scrapy's default CONCURRENT_REQUESTS = 16: the same here.
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    site = make_site(args.pages)
    httpd, base = serve(site)
    try:
        with tempfile.TemporaryDirectory() as tmp:
            veille = run_veille(base, args.pages, Path(tmp), args.concurrency)
        with tempfile.TemporaryDirectory() as tmp:
            bench = run_scrapy_bench(Path(tmp))
    finally:
        httpd.shutdown()
    print(json.dumps({"pages": args.pages, "veille_sitemap": veille, "scrapy_bench": bench,
                      "ratio": round(veille["pages_per_s"] / bench["pages_per_s"], 2)}))


if __name__ == "__main__":
    main()
