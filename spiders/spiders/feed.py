"""Feed spider: RSS/Atom/JSON Feed, optionally following each entry to its page."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import replace

import scrapy
from scrapy.http import Response

from spiders.base import VeilleSpider
from spiders.extract.feed import parse_feed
from spiders.extract.page import extract_page
from spiders.items import Document


class FeedSpider(VeilleSpider):
    """Fetch one feed (conditionally), yield its entries, follow links when asked."""

    name = "feed"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Request the feed with the validators kept from the last run."""
        url = self.source.url or ""
        yield self.start_request(url, callback=self.parse_feed,
                                 headers=self.conditional_headers(url),
                                 meta={"handle_httpstatus_list": [304]}, dont_filter=True)

    def parse_feed(self, response: Response) -> Iterator[scrapy.Request | Document]:
        """Yield the feed's documents, or requests for their pages."""
        if response.status == 304:
            self.logger.info("feed not modified since last run: %s", response.url)
            return
        result = parse_feed(response.body, response.url, self.ctx,
                            headers={k.decode().lower(): v[0].decode("latin-1")
                                     for k, v in response.headers.items() if v})
        if result.error and not result.documents:
            self.fail_source(result.error)
            return
        if result.error:
            # What could be read is kept, but the source is reported as failed so the run
            # exits 1 and the digest names it: a feed that breaks usually loses entries.
            self.logger.warning("%s (%d entries readable)", result.error, len(result.documents))
            self.count_drop("malformed_feed")
            self.fail_source(f"{result.error} ({len(result.documents)} entries read)")
        if result.skipped:
            self.count_drop("no_link", result.skipped)
        self.remember_validators(self.source.url or response.url, response)
        docs = sorted(result.documents, key=lambda d: d.published_at.timestamp()
                      if d.published_at else 0, reverse=True)
        if len(docs) > self.source.max_items:
            self.count_drop("max_items", len(docs) - self.source.max_items)
            docs = docs[: self.source.max_items]
        for doc in docs:
            # Known or out-of-window entries go to the pipelines as they are (counted there);
            # only new ones are worth a page fetch.
            if not self.source.follow_links or self.state.is_seen(doc.doc_id) \
                    or self.is_old(doc.published_at):
                yield doc
                continue
            yield scrapy.Request(doc.url, callback=self.parse_page, errback=self.page_failed,
                                 cb_kwargs={"doc": doc})

    def parse_page(self, response: Response, doc: Document) -> Iterator[Document]:
        """Yield the entry completed with the page's main text and metadata."""
        page = extract_page(response.body, response.url)
        yield replace(
            doc,
            text=page.text or doc.text,
            title=doc.title or page.title,
            author=doc.author or page.author,
            published_at=doc.published_at or page.published_at,
            lang_hint=doc.lang_hint or page.language,
        )

    def page_failed(self, failure) -> Iterator[Document]:
        """Count the failed page and keep the entry with its feed summary."""
        self.request_failed(failure)
        yield failure.request.cb_kwargs["doc"]
