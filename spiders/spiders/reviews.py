"""Reviews spider: paginated pages with schema.org Review markup (or configured selectors)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import scrapy
from scrapy.http import Response, TextResponse

from spiders.base import VeilleSpider
from spiders.extract.context import DocContext
from spiders.extract.reviews import extract_reviews
from spiders.items import Document


# Companies answer reviews days after they are posted: reviews this recent are read again on
# every run so a late reply is caught. Most answers come within 48 h (the demo's 2-48 h, and
# what review sites show); 14 days covers slow responders at the cost of a few more pages.
REPLY_WINDOW_DAYS = 14


class ReviewsSpider(VeilleSpider):
    """Walk a company's review pages until max_pages or a page with nothing new."""

    name = "reviews"
    rereads_known_documents = True  # a review read again may carry a reply since

    def make_context(self) -> DocContext:
        """Reviews are earned content: about the brand, not owned by it."""
        ctx = super().make_context()
        return DocContext(source=ctx.source, source_type=ctx.source_type, channel=ctx.channel,
                          run_id=ctx.run_id, brand_owner=None, subject_brand=self.source.brand,
                          fetched_at=ctx.fetched_at, now=ctx.now)

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Request the first review page."""
        self.emitted = 0
        yield self.start_request(self.source.url or "", callback=self.parse_page,
                                 cb_kwargs={"page_no": 1}, dont_filter=True)

    def parse_page(self, response: Response, page_no: int) -> Iterator[scrapy.Request | Document]:
        """Yield the page's reviews and, while they are new, a request for the next page."""
        if not isinstance(response, TextResponse):
            self.count_drop("not_html")
            return
        # Ids hang on the first page's URL: a review pushed to page 2 by newer ones keeps its id.
        page = extract_reviews(response, self.ctx, self.source.selectors,
                               id_base=self.source.url)
        if page_no == 1 and page.aggregate:
            self.crawler.stats.set_value("veille/aggregate_rating", page.aggregate)
        if not page.documents:
            self.count_drop("no_reviews")
        new = 0
        for doc in page.documents:
            if self.emitted >= self.source.max_items:
                self.count_drop("max_items")
                return
            if not self.is_old(doc.published_at) and (
                not self.state.is_seen(doc.doc_id) or self._may_get_reply(doc)
            ):
                new += 1
            self.emitted += 1
            yield doc
        # Review sites list newest first: a page with nothing new nor recent means the rest is known.
        if page.next_url and new and page_no < self.source.max_pages:
            yield response.follow(page.next_url, callback=self.parse_page,
                                  errback=self.request_failed, cb_kwargs={"page_no": page_no + 1})

    def _may_get_reply(self, doc: Document) -> bool:
        """Tell whether a known review is recent enough that a reply may have come since."""
        recent = doc.published_at is None or doc.published_at >= self.now - timedelta(days=REPLY_WINDOW_DAYS)
        return recent and not doc.reply_text
