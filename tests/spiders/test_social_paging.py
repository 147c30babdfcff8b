"""Mastodon and Bluesky crawls against loopback APIs that page as the real ones do."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from spiders.extract.urls import platform_doc_id
from tests.spiders.conftest import crawl, make_spec, realworld

JSON = {"Content-Type": "application/json; charset=utf-8"}
RUN2 = {"run_id": "20261123T030000Z-bbbbbb", "now": "2026-11-23T03:00:00+00:00",
        "run_date": "2026-11-23"}


def _iso(when: datetime) -> str:
    return when.strftime("%Y-%m-%dT%H:%M:%S.000Z")


# --- Mastodon -------------------------------------------------------------------------------

def _account(acct: str, account_id: str, followers: int = 10) -> dict:
    username = acct.split("@")[0]
    return {"id": account_id, "username": username, "acct": acct,
            "display_name": username.title(), "locked": False, "bot": False,
            "url": f"https://mastodon.example/@{acct}", "followers_count": followers,
            "following_count": 3, "statuses_count": 100, "note": "", "emojis": [], "fields": []}


def _toot(sid: int, when: datetime, account: dict, *, text: str | None = None,
          reblog: dict | None = None) -> dict:
    """Return a status as /api/v1 serialises it (a boost carries the original in `reblog`)."""
    web = f"https://mastodon.example/@{account['acct']}/{sid}"
    return {"id": str(sid), "created_at": _iso(when), "in_reply_to_id": None,
            "in_reply_to_account_id": None, "sensitive": False, "spoiler_text": "",
            "visibility": "public", "language": "fr",
            "uri": f"https://mastodon.example/users/{account['username']}/statuses/{sid}"
                   + ("/activity" if reblog else ""),
            "url": None if reblog else web,
            "replies_count": sid % 3, "reblogs_count": sid % 5, "favourites_count": sid % 7,
            "edited_at": None,
            "content": "" if reblog else f"<p>{text or f'Statut {sid}'} <a href=\"https://"
                       f"mastodon.example/tags/5g\" class=\"mention hashtag\">#<span>5G</span></a></p>",
            "reblog": reblog, "account": account, "media_attachments": [], "mentions": [],
            "tags": [], "emojis": [], "card": None, "poll": None}


def _timeline(server, path: str, statuses: list[dict]):
    """Serve statuses (any order) under path with Mastodon's max_id/since_id/limit paging.

    Like Mastodon, since_id answers the newest statuses above it, and the Link header's next
    page (max_id) does not carry since_id: the client must stop at what it knows.
    """
    def answer(handler):
        query = {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}
        limit = min(int(query.get("limit", 20)), 40)
        page = sorted(statuses, key=lambda s: -int(s["id"]))
        if "max_id" in query:
            page = [s for s in page if int(s["id"]) < int(query["max_id"])]
        if "since_id" in query:
            page = [s for s in page if int(s["id"]) > int(query["since_id"])]
        page = page[:limit]
        headers = {**JSON, "X-RateLimit-Limit": "300", "X-RateLimit-Remaining": "299"}
        links = []
        if len(page) == limit:
            links.append(f'<{server.base}{path}?limit={limit}&max_id={page[-1]["id"]}>; rel="next"')
        if page:
            links.append(f'<{server.base}{path}?limit={limit}&min_id={page[0]["id"]}>; rel="prev"')
        if links:
            headers["Link"] = ", ".join(links)
        return 200, headers, json.dumps(page).encode()

    server.routes[path] = answer


def test_mastodon_hashtag_timelines_page_by_link_header(server, tmp_path: Path) -> None:
    prefix = "/m/api/v1"
    orbis, alice = _account("orbis", "1", 500), _account("alice", "2")
    remote = _account("nova@nova.example", "3", 900)
    start = datetime(2026, 11, 13, 12, tzinfo=UTC)
    authors = [alice, remote, orbis]
    fiveg = [_toot(3000 + i, start + timedelta(hours=4 * i), authors[i % 3]) for i in range(43)]
    old = _toot(2999, datetime(2026, 10, 1, tzinfo=UTC), alice)  # before since_days
    shared = fiveg[-1]  # tagged #5G and #telecoms: one row
    telecoms = [shared, _toot(3100, start, alice, text="Fibre en panne"),
                _toot(3101, start + timedelta(hours=1), remote, text="Nouveau forfait")]
    _timeline(server, f"{prefix}/timelines/tag/5G", [*fiveg, old])
    _timeline(server, f"{prefix}/timelines/tag/telecoms", telecoms)
    spec = make_spec(tmp_path, {"name": "tags", "type": "mastodon",
                                "instance": f"{server.base}/m", "hashtags": ["5G", "#telecoms"],
                                "since_days": 10},
                     brand_accounts={"mastodon": {"@orbis@127.0.0.1": "orbis",
                                                  "@nova@nova.example": "nova"}})
    result = crawl(tmp_path, spec)

    assert result.stats["status"] == "ok", result.log[-2000:]
    assert result.stats["new"] == 45 and result.stats["dropped"] == {"duplicate": 1}
    assert result.accounts == []  # hashtags alone snapshot no account
    assert f"{prefix}/timelines/tag/5G?limit=40" in server.hits
    assert f"{prefix}/timelines/tag/5G?limit=40&max_id=3003" in server.hits
    assert len([h for h in server.hits if "/tag/5G" in h]) == 2  # page 2 ends on an old one
    rows = {r["url"].rsplit("/", 1)[-1]: r for r in result.rows}
    assert set(rows) == {str(3000 + i) for i in range(43)} | {"3100", "3101"}
    assert rows["3002"]["author_handle"] == "@orbis@127.0.0.1"  # local accts get the domain
    assert rows["3002"]["brand_owner"] == "orbis" and rows["3001"]["brand_owner"] == "nova"
    assert rows["3000"]["brand_owner"] is None and rows["3000"]["author_followers"] == 10
    assert rows["3101"]["text"] == "Nouveau forfait #5G"
    assert (rows["3040"]["likes"], rows["3040"]["shares"], rows["3040"]["comments"]) == (2, 0, 1)
    assert result.state["cursors"] == {"tag:5g": "3042", "tag:telecoms": "3101"}


def test_mastodon_second_run_pages_since_id_back_to_the_last_status_seen(
        server, tmp_path: Path) -> None:
    prefix = "/m/api/v1"
    orbis, fan = _account("orbis", "1", 500), _account("fan@other.example", "9")
    start = datetime(2026, 11, 13, 12, tzinfo=UTC)
    statuses = [_toot(2000 + i, start + timedelta(hours=4 * i), orbis) for i in range(45)]
    statuses.append(_toot(1999, datetime(2026, 11, 1, tzinfo=UTC), orbis))  # before since_days
    server.routes[f"{prefix}/accounts/lookup"] = lambda h: (200, JSON, json.dumps(orbis).encode())
    _timeline(server, f"{prefix}/accounts/1/statuses", statuses)
    spec = make_spec(tmp_path, {"name": "masto", "type": "mastodon",
                                "instance": f"{server.base}/m", "accounts": ["@orbis@127.0.0.1"],
                                "since_days": 10},
                     brand_accounts={"mastodon": {"@orbis@127.0.0.1": "orbis"}})
    first = crawl(tmp_path, spec)
    assert first.stats["new"] == 45, first.log[-2000:]
    assert first.state["cursors"] == {"account:1": "2044"}
    assert [(a["handle"], a["followers"], a["brand_owner"]) for a in first.accounts] == [
        ("@orbis@127.0.0.1", 500, "orbis")]

    # 42 statuses since: more than a page; among the newest 40, orbis boosts its own status
    # 2010 (known) and a fan's post (new: the row is the fan's original, not the boost).
    fan_post = _toot(1500, datetime(2026, 11, 22, 8, tzinfo=UTC), fan, text="Merci Orbis")
    later = datetime(2026, 11, 22, 3, 30, tzinfo=UTC)
    boosts = {2080: statuses[10], 2070: fan_post}
    for sid in range(2045, 2087):
        when = later + timedelta(minutes=30 * (sid - 2045))
        statuses.append(_toot(sid, when, orbis, reblog=boosts.get(sid)))
    orbis["followers_count"] = 510
    second = crawl(tmp_path, {**spec, **RUN2})

    assert second.stats["status"] == "ok", second.log[-2000:]
    assert f"{prefix}/accounts/1/statuses?limit=40&since_id=2044" in server.hits
    assert f"{prefix}/accounts/1/statuses?limit=40&max_id=2047" in server.hits
    urls = sorted(r["url"] for r in second.rows)
    own = [f"https://mastodon.example/@orbis/{sid}" for sid in range(2045, 2087)
           if sid not in boosts]
    assert urls == sorted([*own, "https://mastodon.example/@fan@other.example/1500"])
    assert (second.stats["new"], second.stats["unchanged"]) == (41, 1)
    boosted = next(r for r in second.rows if r["url"].endswith("/1500"))
    assert boosted["author_handle"] == "@fan@other.example" and boosted["brand_owner"] is None
    assert boosted["published_at"].isoformat() == "2026-11-22T08:00:00+00:00"
    assert boosted["doc_id"] == platform_doc_id(
        "mastodon", "https://mastodon.example/users/fan/statuses/1500")
    assert not {r["doc_id"] for r in first.rows} & {r["doc_id"] for r in second.rows}
    assert second.state["cursors"] == {"account:1": "2086"}
    assert [a["followers"] for a in second.accounts] == [510]


def test_mastodon_boost_of_a_real_status_is_the_original(server, tmp_path: Path) -> None:
    root = realworld("social", "mastodon")
    boosted = json.loads((root / "mastodon.social__api_v1_statuses_110447098625216345.json")
                         .read_text())
    reply = json.loads((root / "mastodon.social__api_v1_statuses_110447003454258227.json")
                       .read_text())
    account = reply["account"]
    boost = {**reply, "id": "110450000000000000", "created_at": "2023-05-29T01:00:00.000Z",
             "in_reply_to_id": None, "content": "", "url": None, "reblog": boosted,
             "uri": f"https://mastodon.social/users/{account['username']}/statuses/"
                    "110450000000000000/activity"}
    server.routes.update({
        "/api/v1/accounts/lookup": (200, JSON, json.dumps(account).encode()),
        f"/api/v1/accounts/{account['id']}/statuses": (200, JSON,
                                                       json.dumps([boost, reply]).encode()),
    })
    spec = make_spec(tmp_path, {"name": "halcy", "type": "mastodon", "instance": server.base,
                                "accounts": [f"@{account['acct']}@mastodon.social"]},
                     now="2023-05-29T03:00:00+00:00")
    result = crawl(tmp_path, spec)

    assert result.stats["status"] == "ok" and result.stats["new"] == 2, result.log[-2000:]
    rows = {r["url"]: r for r in result.rows}
    original = rows[boosted["url"]]
    assert original["doc_id"] == platform_doc_id("mastodon", boosted["uri"])
    assert original["published_at"] == datetime.fromisoformat(boosted["created_at"])
    assert original["author_handle"] == "@halcy@mastodon.social"
    # Mastodon hides a long link's middle in spans: the text keeps the whole URL.
    assert original["text"] == ("https://soundcloud.com/wakarangirl/popstars-dj-wakaran-girl-"
                                "khard-bass-flex-1 link to soundcloud that should generate a card")
    answer = rows[reply["url"]]
    assert (answer["kind"], answer["parent_id"], answer["text"]) == (
        "comment", reply["in_reply_to_id"], "image post")
    assert [a["followers"] for a in result.accounts] == [account["followers_count"]]


# --- Bluesky --------------------------------------------------------------------------------

NOVA = {"did": "did:plc:nova", "handle": "nova.bsky.social", "displayName": "Nova Mobile",
        "labels": [], "createdAt": "2023-04-26T19:05:34.249Z"}
OTHER = {"did": "did:plc:other", "handle": "fan.bsky.social", "displayName": "Fan",
         "labels": [], "createdAt": "2023-05-01T10:00:00.000Z"}


def _post(rkey: str, when: datetime, author: dict = NOVA, *, text: str | None = None,
          reply_to: str | None = None, counts: tuple[int, int, int, int] = (1, 2, 3, 4)) -> dict:
    """Return an app.bsky.feed.defs#postView (counts: likes, reposts, replies, quotes)."""
    uri = f"at://{author['did']}/app.bsky.feed.post/{rkey}"
    record = {"$type": "app.bsky.feed.post", "createdAt": _iso(when), "langs": ["fr"],
              "text": text or f"Post {rkey}"}
    if reply_to:
        record["reply"] = {"root": {"uri": reply_to, "cid": "bafyroot"},
                           "parent": {"uri": reply_to, "cid": "bafyparent"}}
    likes, reposts, replies, quotes = counts
    return {"uri": uri, "cid": f"bafy{rkey}", "author": author, "record": record,
            "replyCount": replies, "repostCount": reposts, "likeCount": likes,
            "quoteCount": quotes, "indexedAt": _iso(when), "labels": []}


def _item(post: dict, reposted_at: datetime | None = None) -> dict:
    """Return a feed item; a repost names who reposted and when (reasonRepost)."""
    item = {"post": post}
    if reposted_at:
        item["reason"] = {"$type": "app.bsky.feed.defs#reasonRepost", "by": NOVA,
                          "indexedAt": _iso(reposted_at)}
    return item


def _sort_at(item: dict) -> str:
    return (item.get("reason") or {}).get("indexedAt") or item["post"]["record"]["createdAt"]


def _author_feed(items: list[dict]):
    """Serve getAuthorFeed as the AppView does: newest first, `limit` items, cursor = sortAt."""
    def answer(handler):
        query = {k: v[0] for k, v in parse_qs(urlsplit(handler.path).query).items()}
        page = sorted(items, key=_sort_at, reverse=True)
        if "cursor" in query:
            page = [i for i in page if _sort_at(i) < query["cursor"]]
        page = page[:int(query.get("limit", 50))]
        body = {"feed": page, **({"cursor": _sort_at(page[-1])} if page else {})}
        return 200, JSON, json.dumps(body).encode()
    return answer


def test_bluesky_cursor_pages_then_second_run_stops_at_known_posts(server, tmp_path: Path) -> None:
    start = datetime(2026, 11, 13, 12, tzinfo=UTC)
    posts = [_post(f"3l{i:03d}", start + timedelta(hours=4 * i)) for i in range(52)]
    fan = _post("3lfan", datetime(2026, 11, 20, 9, tzinfo=UTC), OTHER, text="Vive la fibre")
    old = _post("3lold", datetime(2026, 10, 1, 9, tzinfo=UTC), OTHER, text="Vieux post")
    reply = _post("3lrep", datetime(2026, 11, 21, 23, tzinfo=UTC), text="Merci !",
                  reply_to=fan["uri"], counts=(5, 0, 1, 2))
    items = [_item(p) for p in posts] + [_item(fan, datetime(2026, 11, 21, 8, tzinfo=UTC)),
                                         _item(reply)]
    # The 50th item of page 1 reposts a post older than since_days: the feed goes on.
    items.append(_item(old, _sort_time(sorted(items, key=_sort_at, reverse=True)[48])))
    profile = {**NOVA, "followersCount": 900, "followsCount": 10, "postsCount": 77}
    server.routes.update({
        "/bsky/xrpc/app.bsky.actor.getProfile": lambda h: (200, JSON, json.dumps(profile).encode()),
        "/bsky/xrpc/app.bsky.feed.getAuthorFeed": _author_feed(items),
    })
    spec = make_spec(tmp_path, {"name": "bsky", "type": "bluesky",
                                "api_base": f"{server.base}/bsky/", "accounts": ["@nova.bsky.social"],
                                "since_days": 10},
                     brand_accounts={"bluesky": {"nova.bsky.social": "nova"}})
    first = crawl(tmp_path, spec)

    assert first.stats["status"] == "ok", first.log[-2000:]
    feed_hits = [h for h in server.hits if "getAuthorFeed" in h]
    assert len(feed_hits) == 3 and "cursor=" in feed_hits[1]  # the third answers an empty feed
    urls = {r["url"] for r in first.rows}
    assert urls == {f"https://bsky.app/profile/nova.bsky.social/post/3l{i:03d}" for i in range(52)} \
        | {"https://bsky.app/profile/fan.bsky.social/post/3lfan",
           "https://bsky.app/profile/nova.bsky.social/post/3lrep"}
    rows = {r["url"].rsplit("/", 1)[-1]: r for r in first.rows}
    assert (rows["3lrep"]["kind"], rows["3lrep"]["parent_id"]) == ("comment", fan["uri"])
    assert (rows["3lrep"]["likes"], rows["3lrep"]["shares"], rows["3lrep"]["comments"]) == (5, 2, 1)
    assert (rows["3l000"]["likes"], rows["3l000"]["shares"], rows["3l000"]["comments"]) == (1, 6, 3)
    assert rows["3lfan"]["author_handle"] == "fan.bsky.social" and rows["3lfan"]["brand_owner"] is None
    assert rows["3l000"]["brand_owner"] == "nova" and rows["3l000"]["lang_hint"] == "fr"
    assert first.stats["new"] == 54
    assert [(a["handle"], a["followers"], a["brand_owner"]) for a in first.accounts] == [
        ("nova.bsky.social", 900, "nova")]

    # 51 posts since, and on page 1 a repost of a known post: the feed goes on to page 2,
    # where the known posts begin.
    later = datetime(2026, 11, 22, 3, 30, tzinfo=UTC)
    new = [_post(f"3m{i:03d}", later + timedelta(minutes=25 * i)) for i in range(51)]
    items += [_item(p) for p in new] + [_item(posts[3], later + timedelta(minutes=25 * 40 + 1))]
    server.hits.clear()
    second = crawl(tmp_path, {**spec, **RUN2})

    assert second.stats["status"] == "ok", second.log[-2000:]
    assert sorted(r["url"].rsplit("/", 1)[-1] for r in second.rows) == [
        f"3m{i:03d}" for i in range(51)]
    # unchanged: the repost, and the 48 known posts that fill page 2 after the 2 new ones
    assert (second.stats["new"], second.stats["unchanged"]) == (51, 49)
    assert len([h for h in server.hits if "getAuthorFeed" in h]) == 2


def _sort_time(item: dict) -> datetime:
    return datetime.fromisoformat(_sort_at(item).replace("Z", "+00:00")) - timedelta(seconds=1)
