"""Mastodon REST answers (accounts, statuses) to snapshots and documents."""

from __future__ import annotations

from datetime import datetime

from spiders.extract.context import DocContext
from spiders.extract.dates import parse_date
from spiders.extract.text import html_to_text
from spiders.extract.urls import canonical_url, platform_doc_id
from spiders.items import AccountSnapshot, Document


def account_handle(account: dict, instance_host: str) -> str:
    """Return the full @user@host handle of an account (local accounts lack the host)."""
    acct = account.get("acct") or account.get("username") or ""
    return f"@{acct}" if "@" in acct else f"@{acct}@{instance_host}"


def account_snapshot(account: dict, instance_host: str, source: str, run_id: str,
                     observed_at: datetime, brand_accounts: dict[str, str]) -> AccountSnapshot:
    """Return the follower snapshot of an account lookup answer."""
    handle = account_handle(account, instance_host)
    return AccountSnapshot(
        source=source, platform="mastodon", handle=handle, observed_at=observed_at,
        run_id=run_id, brand_owner=_brand(handle, brand_accounts),
        followers=account.get("followers_count"), following=account.get("following_count"),
        posts_count=account.get("statuses_count"))


def status_document(status: dict, instance_host: str, ctx: DocContext,
                    brand_accounts: dict[str, str]) -> Document:
    """Return one status as a document; a boost yields the boosted (original) post."""
    if status.get("reblog"):
        status = status["reblog"]
    account = status.get("account") or {}
    handle = account_handle(account, instance_host)
    uri = status.get("uri") or status.get("url") or str(status.get("id"))
    url = status.get("url") or uri
    text = html_to_text(status.get("content"))
    if status.get("spoiler_text"):
        text = f"{status['spoiler_text']}\n\n{text}".strip()
    reply_to = status.get("in_reply_to_id")
    return ctx.document(
        platform_doc_id("mastodon", uri), "comment" if reply_to else "post",
        brand_owner=_brand(handle, brand_accounts),
        url=url, canonical_url=canonical_url(url),
        author=account.get("display_name") or account.get("username") or None,
        author_handle=handle, author_followers=account.get("followers_count"),
        text=text or None, published_at=parse_date(status.get("created_at")),
        likes=status.get("favourites_count"), shares=status.get("reblogs_count"),
        comments=status.get("replies_count"),
        parent_id=str(reply_to) if reply_to else None,
        lang_hint=status.get("language") or None)


def status_id(status: dict) -> int:
    """Return a status id as an int (Mastodon ids are snowflakes that sort by time)."""
    try:
        return int(status.get("id") or 0)
    except (TypeError, ValueError):
        return 0


def _brand(handle: str, brand_accounts: dict[str, str]) -> str | None:
    """Return the brand owning a handle, matching with or without the leading @."""
    lowered = {k.lower().lstrip("@"): v for k, v in brand_accounts.items()}
    return lowered.get(handle.lower().lstrip("@"))
