"""Sitemap spider: robots.txt / sitemap index / sitemaps, then main text of each new page."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator

import scrapy
from scrapy.http import Response
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from spiders.base import VeilleSpider
from spiders.extract.dates import parse_date
from spiders.extract.page import extract_page
from spiders.extract.urls import canonical_url, sha1_id
from spiders.items import Document


class SitemapSpider(VeilleSpider):
    """Read sitemaps, keep allowed URLs whose lastmod moved, extract each page."""

    name = "sitemap"
    # A known page is fetched again only when its lastmod or ETag moved: its content may too.
    rereads_known_documents = True

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Request the configured sitemap or robots.txt."""
        self.allow = [re.compile(p) for p in self.source.allow]
        self.emitted = 0
        self.sitemaps_read = 0
        yield self.start_request(self.source.url or "", callback=self.parse_sitemap,
                                 dont_filter=True)

    def parse_sitemap(self, response: Response) -> Iterator[scrapy.Request]:
        """Follow nested sitemaps and request pages that are new or modified."""
        self.sitemaps_read += 1
        if response.url.endswith("/robots.txt"):
            for url in sitemap_urls_from_robots(response.text, base_url=response.url):
                yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.request_failed)
            return
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body)
        try:
            sitemap = Sitemap(body)
        except Exception:  # lxml refuses some broken XML outright
            sitemap = None
        if sitemap is None or sitemap.type not in ("sitemapindex", "urlset"):
            self.count_drop("bad_sitemap")
            if self.sitemaps_read == 1 and self.start_total == 1:
                self.fail_source(f"not a sitemap: {response.url}")
            return
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                if self.sitemaps_read <= self.source.max_pages:
                    yield response.follow(loc, callback=self.parse_sitemap,
                                          errback=self.request_failed)
                continue
            yield from self._page_request(loc, entry.get("lastmod"))

    def _page_request(self, loc: str, lastmod: str | None) -> Iterator[scrapy.Request]:
        """Yield a page request unless filtered, unchanged, old or over max_items."""
        if self.allow and not any(p.search(loc) for p in self.allow):
            return
        modified = parse_date(lastmod)
        if self.is_old(modified):
            return
        key = f"lastmod:{canonical_url(loc)}"
        if lastmod and self.state.cursors.get(key) == lastmod:
            self.crawler.stats.inc_value("veille/unchanged")
            return
        if self.emitted >= self.source.max_items:
            self.count_drop("max_items")
            return
        self.emitted += 1
        # Pages without lastmod (or whose lastmod moved) are asked conditionally: a server
        # that kept the page as it was answers 304 and sends no body.
        yield scrapy.Request(loc, callback=self.parse_page, errback=self.request_failed,
                             headers=self.conditional_headers(canonical_url(loc)),
                             meta={"handle_httpstatus_list": [304]},
                             cb_kwargs={"lastmod": lastmod, "key": key})

    def parse_page(self, response: Response, lastmod: str | None, key: str) -> Iterator[Document]:
        """Yield the page's main text as an article (nothing when it was not modified)."""
        if lastmod:
            self.state.cursors[key] = lastmod
        if response.status == 304:
            self.crawler.stats.inc_value("veille/unchanged")
            return
        self.remember_validators(key.removeprefix("lastmod:"), response)
        page = extract_page(response.body, response.url)
        canon = canonical_url(response.url)
        yield self.ctx.document(
            sha1_id(canon), "article", url=response.url, canonical_url=canon,
            title=page.title, author=page.author, text=page.text,
            published_at=page.published_at or parse_date(lastmod), lang_hint=page.language)
