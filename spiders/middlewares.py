"""Downloader middleware honouring Retry-After and API rate-limit headers."""

from __future__ import annotations

import asyncio
import time
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import get_retry_request
from scrapy.http import Response

from spiders.extract.dates import parse_date


# A delay small enough not to slow a crawl, non-zero so Scrapy honours a slot's lastseen.
TOKEN_DELAY = 0.001


class RetryAfterMiddleware:
    """Delay a host's next requests by Retry-After (429/503) or until a rate-limit reset."""

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.max_wait = crawler.settings.getfloat("RETRY_AFTER_MAX", 120)
        self.low_water = crawler.settings.getint("RATELIMIT_LOW_WATER", 5)
        self.not_before: dict[str, float] = {}
        self.zero_delay_slots: set[str] = set()  # slots given a token delay during a pause

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> RetryAfterMiddleware:
        """Build the middleware from the crawler's settings."""
        middleware = cls(crawler)
        # The downloader sends response_downloaded before it frees the slot and dispatches
        # the next queued request, and before any middleware sees the answer: pausing here
        # holds every request to the host, including those queued before the 429 came.
        crawler.signals.connect(middleware.response_downloaded,
                                signal=signals.response_downloaded)
        return middleware

    async def process_request(self, request: Request) -> None:
        """Wait until the host's pause (if any) is over."""
        wait = self.not_before.get(_host(request.url), 0) - time.monotonic()
        if wait > 0:
            self.crawler.stats.inc_value("veille/retry_after_waits")
            await asyncio.sleep(wait)
        elif self.zero_delay_slots:
            self._restore_delays()

    def response_downloaded(self, response: Response, request: Request, spider: Spider) -> None:
        """Pause the host on Retry-After (429/503) or a nearly spent rate limit."""
        host = _host(request.url)
        remaining = response.headers.get(b"X-RateLimit-Remaining")
        if remaining is not None and _int(remaining) is not None \
                and _int(remaining) <= self.low_water:
            reset = parse_date(response.headers.get(b"X-RateLimit-Reset", b"").decode())
            if reset is not None:
                self._pause(host, reset.timestamp() - time.time(), request)
        delay = _honoured_retry_after(response, self.max_wait)
        if delay is not None:
            self._pause(host, delay, request)

    def process_response(self, request: Request, response: Response) -> Request | Response:
        """Retry a 429/503 that says when to come back (the pause is already set)."""
        if _honoured_retry_after(response, self.max_wait) is not None:
            spider: Spider = self.crawler.spider
            retry = get_retry_request(request, spider=spider,
                                      reason=f"retry_after_{response.status}")
            if retry is not None:
                return retry
        return response

    def _pause(self, host: str, seconds: float, request: Request) -> None:
        """Push the host's next request at least `seconds` away (capped)."""
        seconds = min(max(seconds, 0.0), self.max_wait)
        until = time.monotonic() + seconds
        self.not_before[host] = max(self.not_before.get(host, 0), until)
        # Requests already queued in the host's download slot passed process_request before
        # this answer came: hold the slot itself too. Scrapy only waits on a slot with a
        # delay, so a zero delay becomes a token one until the pause is over.
        downloader = getattr(self.crawler.engine, "downloader", None)
        if downloader is None:
            return
        key = downloader.get_slot_key(request)
        slot = downloader.slots.get(key)
        if slot is None:
            return
        if not slot.delay:
            slot.delay = TOKEN_DELAY
            self.zero_delay_slots.add(key)
        slot.lastseen = max(slot.lastseen, until)

    def _restore_delays(self) -> None:
        """Give slots their zero delay back once every pause is over."""
        now = time.monotonic()
        if any(t > now for t in self.not_before.values()):
            return
        slots = self.crawler.engine.downloader.slots
        for key in self.zero_delay_slots:
            if key in slots and slots[key].delay == TOKEN_DELAY:
                slots[key].delay = 0.0
        self.zero_delay_slots.clear()


def _honoured_retry_after(response: Response, max_wait: float) -> float | None:
    """Return the Retry-After pause of a 429/503 answer if it is one we wait for."""
    if response.status not in (429, 503) or b"Retry-After" not in response.headers:
        return None
    delay = _retry_after(response.headers[b"Retry-After"].decode("latin-1"))
    return delay if delay is not None and delay <= max_wait else None


def _retry_after(value: str) -> float | None:
    """Return seconds from a Retry-After value (delta-seconds or HTTP date)."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
    except (TypeError, ValueError):
        return None


def _int(value: bytes) -> int | None:
    """Return an int header value or None."""
    try:
        return int(value.decode().strip())
    except ValueError:
        return None


def _host(url: str) -> str:
    """Return the host:port a download slot is keyed on."""
    return urlsplit(url).netloc.lower()
