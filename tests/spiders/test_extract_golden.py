"""Golden tests of the pure extractors on real-world captures (../shared/data/realworld)."""

from __future__ import annotations

import json

import pytest
from scrapy.http import HtmlResponse

from spiders.extract import bluesky, mastodon
from spiders.extract.context import DocContext
from spiders.extract.feed import parse_feed
from spiders.extract.reviews import extract_reviews
from spiders.extract.urls import canonical_url, unwrap_redirect
from tests.spiders.conftest import REALWORLD, realworld

FEEDS = sorted((REALWORLD / "feeds").glob("*")) if (REALWORLD / "feeds").exists() else []
CTX = DocContext(source="t", source_type="feed", channel="news")


@pytest.mark.parametrize("path", FEEDS, ids=lambda p: p.name)
def test_every_real_feed_parses_to_documents(path) -> None:
    result = parse_feed(path.read_bytes(), "https://example.org/feed", CTX)
    assert result.documents, result.error
    for doc in result.documents:
        assert doc.url and doc.url.startswith("http") and doc.title and doc.doc_id


def test_feed_dates_languages_and_encodings() -> None:
    docs = parse_feed(realworld("feeds", "miniflux__encoding_WINDOWS-1251.xml").read_bytes(),
                      "https://x/", CTX).documents
    assert len(docs) == 50 and docs[0].title == "Цитата #17703" and docs[0].lang_hint == "ru"
    assert docs[0].published_at.isoformat() == "2018-03-21T07:27:32+00:00"
    heise = parse_feed(realworld("feeds", "rss-parser__heise.atom").read_bytes(), "https://x/", CTX)
    assert all(d.published_at for d in heise.documents)


def test_truncated_real_feed_yields_readable_entries() -> None:
    body = realworld("feeds", "feedjira__TechCrunch.xml").read_bytes()
    result = parse_feed(body[: len(body) // 2], "https://x/", CTX)
    assert result.error and result.error.startswith("malformed feed")
    assert len(result.documents) >= 5


@pytest.mark.parametrize("name,count,author", [
    ("allrecipes.com__allrecipescurated.html", 10, "G8RTCHR"),
    ("seriouseats.com__seriouseats.html", 5, "Mark Chais"),
])
def test_recipe_pages_json_ld_reviews(name, count, author) -> None:
    html = realworld("review_pages", "recipe-scrapers", name).read_bytes()
    expected = json.loads((realworld("review_pages", "recipe-scrapers")
                           / name.replace(".html", ".expected.json")).read_text())
    page = extract_reviews(HtmlResponse(url="https://r.example/p", body=html),
                           DocContext("t", "reviews", "review", subject_brand="b"))
    assert len(page.documents) == count and page.documents[0].author == author
    assert all(d.kind == "review" and d.rating_best == 5.0 and d.text for d in page.documents)
    assert page.aggregate["rating"] == pytest.approx(expected["ratings"], abs=0.05)


def test_microdata_reviews_have_dates_and_french_text() -> None:
    html = realworld("review_pages", "product-extraction-benchmark",
                     "kiabi.com_brassiere-sport.html").read_bytes()
    page = extract_reviews(HtmlResponse(url="https://kiabi.example/p", body=html),
                           DocContext("t", "reviews", "review"))
    first = page.documents[0]
    assert (first.author, first.rating, first.published_at.date().isoformat()) == \
        ("fanny848", 5.0, "2017-05-03")
    assert len({d.doc_id for d in page.documents}) == len(page.documents) == 10


def test_mastodon_statuses_map_counts_and_replies() -> None:
    root = realworld("social", "mastodon")
    ctx = DocContext("t", "mastodon", "social")
    status = json.loads((root / "mastodon.social__api_v1_statuses_113358687695262945.json").read_text())
    doc = mastodon.status_document(status, "mastodon.social", ctx, {})
    assert (doc.likes, doc.shares, doc.comments, doc.lang_hint) == (0, 1, 1, "en")
    assert doc.url == "https://icosahedron.website/@halcy/113358685028104954"
    assert doc.author_handle == "@halcy@icosahedron.website" and doc.kind == "post"
    reply = json.loads((root / "mastodon.social__api_v1_statuses_110447003454258227.json").read_text())
    rdoc = mastodon.status_document(reply, "mastodon.social", ctx,
                                    {"@halcy@mastodon.social": "halcy"})
    assert rdoc.kind == "comment" and rdoc.parent_id == reply["in_reply_to_id"]
    assert rdoc.brand_owner == "halcy" and rdoc.text == "image post"
    account = json.loads((root / "mastodon.social__api_v1_accounts_23972.json").read_text())
    snap = mastodon.account_snapshot(account, "mastodon.social", "t", "r", doc.fetched_at, {})
    assert snap.followers == account["followers_count"] and snap.handle.startswith("@")


def test_bluesky_thread_maps_to_posts() -> None:
    answer = json.loads(realworld("social", "bluesky",
                                  "thread_view_post_with_embed_media.json").read_text())
    docs = [bluesky.post_document(p, DocContext("t", "bluesky", "social"), {})
            for p in bluesky.thread_posts(answer)]
    assert docs[0].url == "https://bsky.app/profile/test.marshal.dev/post/3kaheyt6vpc22"
    assert docs[0].lang_hint == "en" and docs[0].published_at.year == 2023
    assert all(d.doc_id and d.likes is not None for d in docs)


@pytest.mark.parametrize("wrapped,real", [
    ("https://www.google.com/url?rct=j&sa=t&url=https://ex.fr/a%3Fb%3D1&ct=ga", "https://ex.fr/a?b=1"),
    ("https://out.reddit.com/t3_x?url=https%3A%2F%2Fex.fr%2Fb&token=t", "https://ex.fr/b"),
    ("https://news.example/redirect?u=https://ex.fr/c", "https://ex.fr/c"),
    ("https://ex.fr/plain?id=3", "https://ex.fr/plain?id=3"),
])
def test_unwrap_redirect(wrapped, real) -> None:
    assert unwrap_redirect(wrapped) == real


def test_canonical_url_strips_tracking_and_fragment() -> None:
    assert canonical_url("https://Ex.fr/a?utm_source=x&fbclid=1&b=2#top") == "https://ex.fr/a?b=2"
