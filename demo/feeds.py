"""Render the XML side of the demo web: RSS feeds, forum sitemaps, robots.txt, faulty feeds."""

from __future__ import annotations

from datetime import datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape

from demo.model import Article, Market, Thread

ROBOTS = "User-agent: *\nDisallow: /forum/private/\nAllow: /\n\nSitemap: {base}/forum/sitemap.xml\n"
SITE_TITLES = {"actu-telecom": "Actu Télécom", "nova": "Le blog Nova Mobile", "orbis": "Le blog Orbis Télécom",
               "libre": "Le blog Libre Mobile", "hexa": "Le blog Hexa Télécom"}


def rss(base: str, site: str, articles: list[Article], home: str) -> str:
    """Render an RSS 2.0 feed, newest first; descriptions carry the summary only."""
    items = []
    for a in sorted(articles, key=lambda a: a.at, reverse=True):
        link = base + a.path
        items.append(
            f"<item><title>{escape(a.title)}</title><link>{escape(link)}</link>"
            f'<guid isPermaLink="true">{escape(link)}</guid><pubDate>{format_datetime(a.at, usegmt=True)}</pubDate>'
            f"<dc:creator>{escape(a.author)}</dc:creator><description>{escape(a.summary)}</description></item>")
    built = format_datetime(max((a.at for a in articles), default=datetime(2000, 1, 1).astimezone()), usegmt=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
            f"<channel><title>{escape(SITE_TITLES.get(site, site))}</title><link>{escape(base + home)}</link>"
            f"<description>{escape(SITE_TITLES.get(site, site))}</description><language>fr-FR</language>"
            f"<lastBuildDate>{built}</lastBuildDate>\n" + "\n".join(items) + "\n</channel></rss>\n")


def malformed_feed(base: str, market: Market) -> str:
    """Render a feed with two readable items, then a truncated, broken tail."""
    good = rss(base, "actu-telecom", market.news[:2], "/actu-telecom/")
    head = good.split("</channel>")[0]
    return head + "\n<item><title>Coupure &amp; <b>panne</title><link>" + base + "/actu-telecom/articles/x<desc\x00ription>�"


def sitemap_index(base: str, threads: list[Thread]) -> str:
    """Render the forum's sitemap index: one sitemap per month, with its lastmod."""
    months: dict[str, datetime] = {}
    for t in threads:
        key = t.at.strftime("%Y-%m")
        months[key] = max(months.get(key, t.posts[-1].at), t.posts[-1].at)
    rows = "".join(f"<sitemap><loc>{escape(base)}/forum/sitemap-{m}.xml</loc><lastmod>{_iso(lm)}</lastmod></sitemap>"
                   for m, lm in sorted(months.items()))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{rows}</sitemapindex>\n')


def sitemap_month(base: str, threads: list[Thread], month: str) -> str | None:
    """Render one month's sitemap of thread pages (private ones included, robots forbid them)."""
    rows = [t for t in threads if t.at.strftime("%Y-%m") == month]
    if not rows:
        return None
    urls = "".join(f"<url><loc>{escape(base + t.path)}</loc><lastmod>{_iso(t.posts[-1].at)}</lastmod></url>"
                   for t in sorted(rows, key=lambda t: t.at))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>\n')


def _iso(at: datetime) -> str:
    """Format a UTC timestamp the W3C way."""
    return at.strftime("%Y-%m-%dT%H:%M:%S+00:00")
