"""Bluesky spider: profiles and author feeds through an AppView's XRPC API."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Iterator
from urllib.parse import urlencode

import scrapy
from scrapy.http import Response

from spiders.base import VeilleSpider
from spiders.extract.bluesky import (
    feed_items,
    feed_time,
    is_reposted,
    post_document,
    profile_snapshot,
)
from spiders.extract.dates import parse_date
from spiders.items import AccountSnapshot, Document

PAGE_SIZE = 50
DEFAULT_API = "https://public.api.bsky.app"


class BlueskySpider(VeilleSpider):
    """Snapshot each handle, then page its author feed back to known or old posts."""

    name = "bluesky"

    async def start(self) -> AsyncIterator[scrapy.Request]:
        """Request each account's profile."""
        self.xrpc = (self.source.api_base or DEFAULT_API).rstrip("/") + "/xrpc"
        self.brand_accounts = self.spec.brand_accounts.get("bluesky", {})
        self.emitted = 0
        for handle in self.source.accounts:
            handle = handle.lstrip("@")
            yield self.start_request(
                f"{self.xrpc}/app.bsky.actor.getProfile?{urlencode({'actor': handle})}",
                callback=self.parse_profile, dont_filter=True, cb_kwargs={"handle": handle})

    def parse_profile(self, response: Response,
                      handle: str) -> Iterator[scrapy.Request | AccountSnapshot]:
        """Yield the profile snapshot and request the first feed page."""
        profile = _json(response)
        if not isinstance(profile, dict) or not profile.get("handle"):
            self.count_drop("bad_api_answer")
            return
        yield profile_snapshot(profile, self.source.name, self.spec.run_id,
                               self.now, self.brand_accounts)
        yield self._feed_request(profile["handle"], None)

    def parse_feed(self, response: Response, handle: str) -> Iterator[scrapy.Request | Document]:
        """Yield the page's posts; follow the cursor while posts are new and recent."""
        answer = _json(response)
        if not isinstance(answer, dict):
            self.count_drop("bad_api_answer")
            return
        done = False
        items = list(feed_items(answer))
        for item in items:
            post = item["post"]
            created = parse_date((post.get("record") or {}).get("createdAt"))
            doc = post_document(post, self.ctx, self.brand_accounts)
            # The author's own posts come newest first, so a known one means the rest is known;
            # a repost (or a pin) of a known post may sit above new posts and ends nothing.
            if self.state.is_seen(doc.doc_id) and not is_reposted(item):
                done = True
            if self.is_old(created):  # a repost of an old post: skip it, the feed goes on
                continue
            if self.emitted >= self.source.max_items:
                self.count_drop("max_items")
                return
            self.emitted += 1
            yield doc
        cursor = answer.get("cursor")
        # The feed is ordered by when items entered it: a repost by the repost's time.
        if cursor and not done and items and not self.is_old(feed_time(items[-1])):
            yield self._feed_request(handle, cursor)

    def _feed_request(self, handle: str, cursor: str | None) -> scrapy.Request:
        """Return the getAuthorFeed request for one page."""
        params = {"actor": handle, "limit": PAGE_SIZE}
        if cursor:
            params["cursor"] = cursor
        return scrapy.Request(f"{self.xrpc}/app.bsky.feed.getAuthorFeed?{urlencode(params)}",
                              callback=self.parse_feed, errback=self.request_failed,
                              cb_kwargs={"handle": handle})


def _json(response: Response) -> object:
    """Return the decoded JSON body, or None when it is not JSON."""
    try:
        return json.loads(response.body)
    except ValueError:
        return None
