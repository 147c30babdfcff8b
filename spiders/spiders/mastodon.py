"""Mastodon spider: account lookups, account statuses and hashtag timelines (REST API v1)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from urllib.parse import quote, urlsplit

import scrapy
from scrapy.http import Response
from w3lib.url import add_or_replace_parameter

from spiders.base import VeilleSpider
from spiders.extract.dates import parse_date
from spiders.extract.mastodon import account_snapshot, status_document, status_id
from spiders.items import AccountSnapshot, Document

PAGE_SIZE = 40  # Mastodon's maximum for statuses endpoints


class MastodonSpider(VeilleSpider):
    """Snapshot each account, then page its statuses (and hashtags) back to the last run."""

    name = "mastodon"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Look up each account and open each hashtag timeline."""
        self.api = (self.source.instance or "").rstrip("/") + "/api/v1"
        self.host = _local_domain(self.source.accounts, self.source.instance or "")
        self.brand_accounts = self.spec.brand_accounts.get("mastodon", {})
        self.emitted = 0
        self.newest: dict[str, int] = {}
        # Cursors as the last run left them; self.state.cursors moves forward during this run.
        self.last_run = dict(self.state.cursors)
        for account in self.source.accounts:
            acct = account.lstrip("@")
            yield self.start_request(f"{self.api}/accounts/lookup?acct={quote(acct)}",
                                     callback=self.parse_account, dont_filter=True)
        for tag in self.source.hashtags:
            tag = tag.lstrip("#")
            stream = f"tag:{tag.lower()}"
            url = self._since(f"{self.api}/timelines/tag/{quote(tag)}?limit={PAGE_SIZE}", stream)
            yield self.start_request(url, callback=self.parse_statuses, dont_filter=True,
                                     cb_kwargs={"stream": stream})

    def parse_account(self, response: Response) -> Iterator[scrapy.Request | AccountSnapshot]:
        """Yield the account snapshot and request its first page of statuses."""
        account = _json(response)
        if not isinstance(account, dict) or "id" not in account:
            self.count_drop("bad_api_answer")
            return
        yield account_snapshot(account, self.host, self.source.name, self.spec.run_id,
                               self.now, self.brand_accounts)
        stream = f"account:{account['id']}"
        url = self._since(f"{self.api}/accounts/{account['id']}/statuses?limit={PAGE_SIZE}",
                          stream)
        yield scrapy.Request(url, callback=self.parse_statuses, errback=self.request_failed,
                             cb_kwargs={"stream": stream})

    def parse_statuses(self, response: Response,
                       stream: str) -> Iterator[scrapy.Request | Document]:
        """Yield documents of one page and follow rel="next" until known or old statuses."""
        statuses = _json(response)
        if not isinstance(statuses, list):
            self.count_drop("bad_api_answer")
            return
        last_seen = int(self.last_run.get(stream, 0) or 0)
        done = False
        for status in statuses:
            if not isinstance(status, dict):
                self.count_drop("bad_api_answer")
                continue
            sid = status_id(status)
            self.newest[stream] = max(self.newest.get(stream, last_seen), sid)
            # The cursor is committed with the state, i.e. only after the Parquet is written.
            self.state.cursors[stream] = str(self.newest[stream])
            created = parse_date(status.get("created_at"))
            if (last_seen and sid <= last_seen) or self.is_old(created):
                done = True
                continue
            if self.emitted >= self.source.max_items:
                self.count_drop("max_items")
                return
            self.emitted += 1
            # Only the stream's cursor ends it: a boost of a known post (a brand boosting its
            # own post of last week) is newer than the cursor and the page goes on past it.
            yield status_document(status, self.host, self.ctx, self.brand_accounts)
        next_url = response.links.get("next") if hasattr(response, "links") else None
        next_url = next_url or _link_next(response.headers.get(b"Link", b"").decode("latin-1"))
        if statuses and next_url and not done:
            yield scrapy.Request(next_url, callback=self.parse_statuses,
                                 errback=self.request_failed, cb_kwargs={"stream": stream})

    def _since(self, url: str, stream: str) -> str:
        """Add since_id so the server only sends what the last run did not see."""
        last = self.last_run.get(stream)
        return add_or_replace_parameter(url, "since_id", last) if last else url


def _local_domain(accounts: list[str], instance: str) -> str:
    """Return the domain of the instance's local accounts, as configured handles spell it.

    An instance served under another name (a path prefix on loopback, a web domain unlike the
    handle domain) answers local accts without a domain; the configured handles know it.
    """
    for account in accounts:
        parts = account.lstrip("@").split("@")
        if len(parts) == 2 and parts[1]:
            return parts[1]
    return urlsplit(instance).hostname or ""


def _link_next(header: str) -> str | None:
    """Return the rel="next" URL of an RFC 8288 Link header."""
    for part in header.split(","):
        if 'rel="next"' in part or "rel=next" in part:
            start, end = part.find("<"), part.find(">")
            if start != -1 and end > start:
                return part[start + 1:end].strip()
    return None


def _json(response: Response) -> object:
    """Return the decoded JSON body, or None when it is not JSON."""
    try:
        return json.loads(response.body)
    except ValueError:
        return None
