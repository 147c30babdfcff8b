"""What every Veille spider shares: the spec, the clock, the state and failure bookkeeping."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadConnectionRefusedError, DownloadTimeoutError, IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.internet.error import (
    ConnectionRefusedError,
    DNSLookupError,
    TCPTimedOutError,
    TimeoutError,
)
from twisted.python.failure import Failure

from spiders.extract.context import DocContext
from spiders.spec import RunSpec, load_spec
from spiders.state import SourceState, load_state


class VeilleSpider(scrapy.Spider):
    """Base spider: reads `-a spec=<path>`, applies its politeness and tracks source failure."""

    spec: RunSpec
    state: SourceState

    @classmethod
    def from_crawler(cls, crawler: Crawler, *args: Any, **kwargs: Any) -> VeilleSpider:
        """Load the spec and apply its crawl settings before the engine starts."""
        if "spec" not in kwargs:
            raise ValueError("missing spider argument: run `scrapy crawl <type> -a spec=<path>`")
        spec = load_spec(kwargs["spec"])
        # Settings are still mutable here (frozen in Crawler._apply_settings, after this call).
        crawler.settings.setdict(spec.scrapy_settings(), priority="spider")
        spider = super().from_crawler(crawler, *args, **kwargs)
        spider.setup(spec)
        crawler.signals.connect(spider.parse_failed, signal=signals.spider_error)
        return spider

    def setup(self, spec: RunSpec) -> None:
        """Bind the spec, the state and the document context to this spider."""
        self.spec = spec
        self.source = spec.source
        self.state = load_state(spec.state_path)
        self.now = spec.now if spec.now.tzinfo else spec.now.replace(tzinfo=UTC)
        self.cutoff = self.now - timedelta(days=self.source.since_days)
        self.source_error: str | None = None
        self.start_total = 0
        self.start_failures: list[str] = []
        self.parse_errors: list[str] = []
        self.ctx = self.make_context()

    def make_context(self) -> DocContext:
        """Return the fields every document of this source carries."""
        return DocContext(source=self.source.name, source_type=self.name,
                          channel=self.source.resolved_channel(), run_id=self.spec.run_id,
                          brand_owner=self.source.brand, fetched_at=datetime.now(UTC),
                          now=self.spec.now)

    def start_request(self, url: str, **kwargs: Any) -> scrapy.Request:
        """Return a request whose failure counts against the source as a whole."""
        self.start_total += 1
        return scrapy.Request(url, errback=self.start_failed, **kwargs)

    def start_failed(self, failure: Failure) -> None:
        """Record why a start request failed; the source fails when all of them did."""
        message = describe_failure(failure)
        self.logger.warning("start request failed: %s", message)
        self.start_failures.append(message)
        self.crawler.stats.inc_value("veille/failed")
        if len(self.start_failures) >= self.start_total:
            self.source_error = self.start_failures[0]

    def request_failed(self, failure: Failure) -> None:
        """Count a failed follow-up request; the crawl goes on."""
        message = describe_failure(failure)
        if isinstance(failure.value, IgnoreRequest) and "robots.txt" in str(failure.value):
            # Not a failure: the site asked not to be crawled there, and we obeyed.
            self.count_drop("robots_disallowed")
            return
        self.logger.info("request failed: %s", message)
        self.crawler.stats.inc_value("veille/failed")

    def parse_failed(self, failure: Failure, response: scrapy.http.Response, spider: Any) -> None:
        """Count a page whose parsing raised (Scrapy logs it and goes on)."""
        self.crawler.stats.inc_value("veille/parse_errors")
        self.parse_errors.append(f"{type(failure.value).__name__}: {failure.value} on {response.url}"
                                 .replace("\n", " ")[:300])

    def fail_source(self, message: str) -> None:
        """Mark the source as unreadable as a whole."""
        self.source_error = message

    def count_drop(self, reason: str, n: int = 1) -> None:
        """Count a document lost before it became an item (same key as the validation gate)."""
        self.crawler.stats.inc_value(f"drop_item/{self.name}/{reason}", n)

    def conditional_headers(self, url: str) -> dict[str, str]:
        """Return If-None-Match/If-Modified-Since from the validators the last run kept."""
        cached = self.state.http.get(url, {})
        headers = {}
        if cached.get("etag"):
            headers["If-None-Match"] = cached["etag"]
        if cached.get("last_modified"):
            headers["If-Modified-Since"] = cached["last_modified"]
        return headers

    def remember_validators(self, url: str, response: scrapy.http.Response) -> None:
        """Keep the response's ETag and Last-Modified for the next run's conditional request."""
        validators = {}
        if response.headers.get(b"ETag"):
            validators["etag"] = response.headers[b"ETag"].decode("latin-1")
        if response.headers.get(b"Last-Modified"):
            validators["last_modified"] = response.headers[b"Last-Modified"].decode("latin-1")
        self.state.http.pop(url, None)  # re-insert: newest last, so the oldest go first
        if validators:
            self.state.http[url] = validators
        self.state.trim_http()

    def is_old(self, when: datetime | None) -> bool:
        """Tell whether a date falls before the look-back window."""
        return when is not None and when < self.cutoff


def describe_failure(failure: Failure) -> str:
    """Return a one-line reason for a failed request."""
    exc = failure.value
    request = getattr(failure, "request", None)
    url = request.url if request is not None else ""
    if isinstance(exc, HttpError):
        return f"HTTP {exc.response.status} on {exc.response.url}"
    # Scrapy >= 2.17 wraps Twisted's errors in its own Download* exceptions; accept both.
    if isinstance(exc, (ConnectionRefusedError, DownloadConnectionRefusedError)):
        return f"connection refused: {url}"
    if isinstance(exc, DNSLookupError) or "DNS lookup failed" in str(exc):
        return f"DNS lookup failed for {urlsplit(url).hostname}: {url}"
    if isinstance(exc, (TimeoutError, TCPTimedOutError, DownloadTimeoutError)):
        return f"timeout: {url}"
    if isinstance(exc, IgnoreRequest):
        return f"{exc or 'request ignored'}: {url}".replace("\n", " ")
    return f"{type(exc).__name__}: {exc} on {url}".replace("\n", " ")[:300]
