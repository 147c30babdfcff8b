"""Render the Mastodon- and Bluesky-compatible JSON APIs over the generated market."""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timedelta
from html import escape
from urllib.parse import urlencode

from demo.model import Account, BskyPost, Market, Status

MASTO_DEFAULT_LIMIT, MASTO_MAX_LIMIT = 20, 40  # Mastodon's own defaults
BSKY_DEFAULT_LIMIT, BSKY_MAX_LIMIT = 50, 100  # app.bsky.feed.getAuthorFeed's defaults
_TOKEN = re.compile(r"(?<![\w&/])([#@])(\w+)")


def _ts(at: datetime) -> str:
    """Format a timestamp the way Mastodon and Bluesky do (UTC, milliseconds, Z)."""
    return at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"


class SocialApi:
    """Answer Mastodon and Bluesky API calls for a market, a base URL and a clock."""

    def __init__(self, market: Market, base: str) -> None:
        self.m, self.base = market, base
        self.masto = base + "/mastodon"
        self.by_id = {s.id: s for s in market.statuses}
        self.accounts = {a.username: a for a in market.accounts if a.platform == "mastodon"}
        self.accounts_by_id = {a.id: a for a in market.accounts if a.platform == "mastodon"}
        self.bsky = {a.username: a for a in market.accounts if a.platform == "bluesky"}
        self.bsky |= {a.id: a for a in market.accounts if a.platform == "bluesky"}

    # --- Mastodon -----------------------------------------------------------------------
    def lookup(self, acct: str) -> Account | None:
        """Resolve "user", "@user" or "user@mastodon.demo" to an account."""
        return self.accounts.get(acct.lstrip("@").split("@")[0])

    def account_json(self, acc: Account, cutoff: datetime, day_index: int) -> dict:
        """Render an Account entity as of the clock."""
        mine = [s for s in self.m.statuses if s.account == acc.username and s.at <= cutoff]
        return {"id": acc.id, "username": acc.username, "acct": acc.username, "display_name": acc.display_name,
                "locked": False, "bot": False, "discoverable": True, "group": False,
                "created_at": "2019-03-04T00:00:00.000Z", "note": f"<p>{escape(acc.note)}</p>",
                "url": f"{self.masto}/@{acc.username}", "uri": f"{self.masto}/users/{acc.username}",
                "avatar": f"{self.masto}/avatars/{acc.id}.png", "header": f"{self.masto}/headers/{acc.id}.png",
                "followers_count": acc.followers[day_index], "following_count": acc.following,
                "statuses_count": acc.prior_posts + len(mine),
                "last_status_at": mine[-1].at.strftime("%Y-%m-%d") if mine else None,
                "emojis": [], "fields": []}

    def _content(self, text: str) -> str:
        """Render status text as Mastodon HTML: escaped, with hashtag and mention links."""
        def link(m: re.Match) -> str:
            sign, word = m.groups()
            if sign == "#":
                return (f'<a href="{self.masto}/tags/{word.lower()}" class="mention hashtag" rel="tag">'
                        f"#<span>{word}</span></a>")
            return (f'<span class="h-card"><a href="{self.masto}/@{word}" class="u-url mention">'
                    f"@<span>{word}</span></a></span>")
        return "<p>" + _TOKEN.sub(link, escape(text, quote=False)) + "</p>"

    def status_json(self, s: Status, cutoff: datetime, day_index: int) -> dict:
        """Render a Status entity; a boost embeds the boosted status."""
        acc = self.accounts[s.account]
        reblog = self.by_id.get(s.reblog_of) if s.reblog_of else None
        parent = self.by_id.get(s.in_reply_to) if s.in_reply_to else None
        mentions = [{"id": self.accounts[w].id, "username": w, "acct": w, "url": f"{self.masto}/@{w}"}
                    for sign, w in _TOKEN.findall(s.text) if sign == "@" and w in self.accounts]
        return {"id": str(s.id), "created_at": _ts(s.at), "in_reply_to_id": str(parent.id) if parent else None,
                "in_reply_to_account_id": self.accounts[parent.account].id if parent else None,
                "sensitive": False, "spoiler_text": "", "visibility": "public",
                "language": None if reblog else s.lang,
                "uri": f"{self.masto}/users/{s.account}/statuses/{s.id}" + ("/activity" if reblog else ""),
                "url": None if reblog else f"{self.masto}/@{s.account}/{s.id}",
                "replies_count": 0 if reblog else s.replies, "reblogs_count": 0 if reblog else s.reblogs,
                "favourites_count": 0 if reblog else s.favourites, "edited_at": None,
                "content": "" if reblog else self._content(s.text),
                "reblog": self.status_json(reblog, cutoff, day_index) if reblog else None,
                "account": self.account_json(acc, cutoff, day_index), "media_attachments": [],
                "mentions": mentions, "emojis": [], "card": None, "poll": None,
                "tags": [{"name": t, "url": f"{self.masto}/tags/{t}"} for t in s.hashtags]}

    def page(self, statuses: list[Status], path: str, params: dict[str, str], cutoff: datetime,
             day_index: int) -> tuple[list[dict], str | None]:
        """Page statuses newest first with max_id/since_id/min_id; return JSON and the Link header."""
        limit = _limit(params.get("limit"), MASTO_DEFAULT_LIMIT, MASTO_MAX_LIMIT)
        rows = sorted((s for s in statuses if s.at <= cutoff), key=lambda s: s.id, reverse=True)
        if params.get("max_id", "").isdigit():
            rows = [s for s in rows if s.id < int(params["max_id"])]
        if params.get("since_id", "").isdigit():
            rows = [s for s in rows if s.id > int(params["since_id"])]
        if params.get("min_id", "").isdigit():
            # min_id returns the statuses right after it (oldest first), shown newest first.
            rows = [s for s in rows if s.id > int(params["min_id"])][-limit:]
        rows = rows[:limit]
        link = None
        if rows:
            url = self.base + path
            parts = []
            if len(rows) == limit:
                parts.append(f'<{url}?{urlencode({"limit": limit, "max_id": rows[-1].id})}>; rel="next"')
            parts.append(f'<{url}?{urlencode({"limit": limit, "since_id": rows[0].id})}>; rel="prev"')
            link = ", ".join(parts)
        return [self.status_json(s, cutoff, day_index) for s in rows], link

    def account_statuses(self, acc: Account) -> list[Status]:
        """List an account's statuses, boosts included."""
        return [s for s in self.m.statuses if s.account == acc.username]

    def tag_statuses(self, tag: str) -> list[Status]:
        """List original public statuses carrying a hashtag (case-insensitive)."""
        tag = tag.lower()
        return [s for s in self.m.statuses if s.reblog_of is None and tag in s.hashtags]

    # --- Bluesky ------------------------------------------------------------------------
    def bsky_actor(self, actor: str) -> Account | None:
        """Resolve a handle (with or without "@") or a did."""
        return self.bsky.get(actor.lstrip("@"))

    def profile(self, acc: Account, cutoff: datetime, day_index: int) -> dict:
        """Render app.bsky.actor.defs#profileViewDetailed as of the clock."""
        posts = sum(1 for p in self.m.bsky_posts if p.handle == acc.username and p.at <= cutoff)
        return {"did": acc.id, "handle": acc.username, "displayName": acc.display_name,
                "description": acc.note, "avatar": f"{self.base}/bsky/avatars/{acc.username}.jpg",
                "followersCount": acc.followers[day_index], "followsCount": acc.following,
                "postsCount": acc.prior_posts + posts, "createdAt": "2023-05-01T00:00:00.000Z",
                "indexedAt": "2024-01-01T00:00:00.000Z", "labels": []}

    def _post(self, p: BskyPost, acc: Account) -> dict:
        """Render app.bsky.feed.defs#postView."""
        cid = "bafyrei" + hashlib.sha256(p.key.encode()).hexdigest()[:52]
        return {"uri": f"at://{acc.id}/app.bsky.feed.post/{p.rkey}", "cid": cid,
                "author": {"did": acc.id, "handle": acc.username, "displayName": acc.display_name,
                           "avatar": f"{self.base}/bsky/avatars/{acc.username}.jpg", "labels": []},
                "record": {"$type": "app.bsky.feed.post", "text": p.text, "createdAt": _ts(p.at), "langs": [p.lang]},
                "replyCount": p.replies, "repostCount": p.reposts, "likeCount": p.likes, "quoteCount": p.quotes,
                "indexedAt": _ts(p.at + timedelta(seconds=1)), "labels": []}

    def author_feed(self, acc: Account, params: dict[str, str], cutoff: datetime) -> dict:
        """Page an author's posts newest first; the cursor is the last rkey, absent at the end."""
        limit = _limit(params.get("limit"), BSKY_DEFAULT_LIMIT, BSKY_MAX_LIMIT)
        rows = sorted((p for p in self.m.bsky_posts if p.handle == acc.username and p.at <= cutoff),
                      key=lambda p: p.rkey, reverse=True)
        if params.get("cursor"):
            rows = [p for p in rows if p.rkey < params["cursor"]]
        out: dict = {"feed": [{"post": self._post(p, acc)} for p in rows[:limit]]}
        if len(rows) > limit:
            out["cursor"] = rows[limit - 1].rkey
        return out


def _limit(raw: str | None, default: int, most: int) -> int:
    """Parse a limit parameter, clamped as the real APIs do."""
    try:
        return max(1, min(int(raw), most)) if raw else default
    except ValueError:
        return default
