"""Bluesky AppView answers (profiles, author feeds, threads) to snapshots and documents."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

from spiders.extract.context import DocContext
from spiders.extract.dates import parse_date
from spiders.extract.urls import platform_doc_id
from spiders.items import AccountSnapshot, Document


def profile_snapshot(profile: dict, source: str, run_id: str, observed_at: datetime,
                     brand_accounts: dict[str, str]) -> AccountSnapshot:
    """Return the follower snapshot of an app.bsky.actor.getProfile answer."""
    handle = profile.get("handle") or profile.get("did") or ""
    return AccountSnapshot(
        source=source, platform="bluesky", handle=handle, observed_at=observed_at,
        run_id=run_id, brand_owner=brand_accounts.get(handle),
        followers=profile.get("followersCount"), following=profile.get("followsCount"),
        posts_count=profile.get("postsCount"))


def web_url(uri: str, handle: str) -> str:
    """Return the bsky.app link of an at:// post uri."""
    rkey = uri.rstrip("/").rsplit("/", 1)[-1]
    return f"https://bsky.app/profile/{handle}/post/{rkey}"


def post_document(post: dict, ctx: DocContext, brand_accounts: dict[str, str]) -> Document:
    """Return one post view (app.bsky.feed.defs#postView) as a document."""
    author = post.get("author") or {}
    handle = author.get("handle") or author.get("did") or ""
    record = post.get("record") or {}
    uri = post.get("uri") or ""
    url = web_url(uri, handle)
    parent = ((record.get("reply") or {}).get("parent") or {}).get("uri")
    langs = record.get("langs") or []
    return ctx.document(
        platform_doc_id("bluesky", uri), "comment" if parent else "post",
        brand_owner=brand_accounts.get(handle),
        url=url, canonical_url=url,
        author=author.get("displayName") or None, author_handle=handle,
        author_followers=author.get("followersCount"),
        text=(record.get("text") or "").strip() or None,
        published_at=parse_date(record.get("createdAt") or post.get("indexedAt")),
        likes=post.get("likeCount"),
        shares=(post.get("repostCount") or 0) + (post.get("quoteCount") or 0),
        comments=post.get("replyCount"), parent_id=parent,
        lang_hint=langs[0].split("-")[0].lower() if langs else None)


def feed_items(answer: dict) -> Iterator[dict]:
    """Yield the feed items (post, and reason when reposted or pinned) of a getAuthorFeed answer."""
    for item in answer.get("feed") or []:
        if isinstance(item, dict) and isinstance(item.get("post"), dict):
            yield item


def is_reposted(item: dict) -> bool:
    """Tell whether a feed item is there for a reason (a repost, a pin) rather than as posted."""
    return isinstance(item.get("reason"), dict)


def feed_time(item: dict) -> datetime | None:
    """Return when an item entered the feed: the repost's time for a repost, else the post's."""
    reason = item.get("reason") if is_reposted(item) else None
    when = reason.get("indexedAt") if reason else None
    return parse_date(when or (item["post"].get("record") or {}).get("createdAt"))


def thread_posts(answer: dict) -> Iterator[dict]:
    """Yield every post view of a getPostThread answer: parents, the post, then replies."""
    def walk(node: dict | None, up: bool) -> Iterator[dict]:
        if not isinstance(node, dict) or "post" not in node:
            return
        if up:
            yield from walk(node.get("parent"), True)
        yield node["post"]
        if not up:
            for reply in node.get("replies") or []:
                yield from walk(reply, False)

    thread = answer.get("thread") or {}
    yield from walk(thread.get("parent"), True)
    yield from walk(thread, False)
