"""Turn warehouse rows into the plain context that the digest templates render."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any
from urllib.parse import urlsplit

import duckdb

from digest import queries
from digest.i18n import Locale

# How much history the share-of-voice chart shows: two months of weeks, two weeks of days.
_HISTORY = {"week": 8, "day": 14}
# A rating headline needs a drop a reader notices on a star widget (a third of a star)
# and enough reviews that one angry customer is not a trend. First guesses: revisit
# against the demo's planted falling average.
_RATING_DROP = 0.3
_MIN_REVIEWS = 3
# A burst reads as negative when most of its example documents are negative.
_NEGATIVE_SHARE = 0.5
# Caps that keep the mail short and far under 1 MB.
_MAX_BURSTS = 5
_MAX_RISING = 8
_MAX_COMPETITOR_POSTS = 5
_POSTS_PER_HEADLINE = 3
_POSTS_PER_TOPIC = 2
_SNIPPET_CHARS = 200
_MAX_TOPICS = 10
_MAX_BAD_BUZZ = 5
# A source is silent when its last runs all succeeded without a single new document.
SILENT_RUNS = 3


@dataclass(frozen=True)
class Period:
    """The reported period and the one before it, as inclusive day bounds."""

    kind: str
    start: date
    end: date
    previous_start: date

    @classmethod
    def containing(cls, as_of: date, kind: str) -> Period:
        """Return the day or ISO week (Monday first) that contains ``as_of``."""
        if kind == "day":
            return cls("day", as_of, as_of, as_of - timedelta(days=1))
        if kind == "week":
            start = as_of - timedelta(days=as_of.weekday())
            return cls("week", start, start + timedelta(days=6), start - timedelta(days=7))
        raise ValueError(f"unsupported digest period {kind!r}: use 'day' or 'week'")

    @property
    def end_excl(self) -> date:
        return self.end + timedelta(days=1)

    @property
    def step(self) -> timedelta:
        return timedelta(days=7 if self.kind == "week" else 1)


@dataclass
class Post:
    """A document shown as evidence: escaped later by the template, never here."""

    title: str
    snippet: str
    url: str | None
    source: str
    published: str
    detail: str


@dataclass
class Headline:
    """One change worth reading, with its evidence sentence and example posts."""

    kind: str  # "sov", "burst" or "rating"
    sentence: str
    cause: str | None = None
    posts: list[Post] = field(default_factory=list)


def safe_url(url: str | None) -> str | None:
    """Return ``url`` if it is http(s), else None, so no javascript: link reaches a mail."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def snippet(text: str | None, limit: int = _SNIPPET_CHARS) -> str:
    """Collapse whitespace and cut ``text`` at a word boundary near ``limit`` characters."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def _as_date(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    return value


def _headline_bursts(terms: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Return the bursts worth a headline: negative ones first, then by score."""
    bursts = [t for t in terms if t["is_burst"]]
    bursts.sort(key=lambda t: ((t["share_negative"] or 0) < _NEGATIVE_SHARE, -(t["score"] or 0)))
    return bursts[:_MAX_BURSTS]


class _Builder:
    """Query the warehouse once per section and keep the shared lookups."""

    def __init__(self, con: duckdb.DuckDBPyConnection, period: Period, loc: Locale) -> None:
        self.con, self.period, self.loc = con, period, loc
        self.brands = queries.run(con, "brands")
        self.names = {b["id"]: b["name"] for b in self.brands}

    def name(self, brand_id: str | None) -> str:
        if brand_id is None:
            return self.loc.t("all_brands")
        return self.names.get(brand_id, brand_id)

    def post(self, row: dict[str, Any], detail: str | None = None) -> Post:
        loc = self.loc
        title = snippet(row.get("title"), 140)
        body = snippet(row.get("text"))
        if detail is None:
            detail = loc.t("engagement", n=loc.number(row.get("engagement") or 0))
            if row.get("rating") is not None:
                best = row.get("rating_best") or 5
                detail = f"{loc.number(row['rating'] / best * 5, 1)}/5 · {detail}"
        published = _as_date(row.get("published_at"))
        return Post(
            title=title or loc.t("untitled"),
            snippet=body if body != title else "",
            url=safe_url(row.get("url")),
            source=row.get("source") or "",
            published=loc.day(published) if published else "",
            detail=detail,
        )

    def sov(self) -> list[dict[str, Any]]:
        p = self.period
        first = p.start - p.step * (_HISTORY[p.kind] - 1)
        return queries.run(self.con, "sov", grain=p.kind, first=first, last=p.start)

    def sov_headlines(self, rows: list[dict[str, Any]]) -> list[Headline]:
        p, loc = self.period, self.loc
        current = {r["brand_id"]: r for r in rows if r["period_start"] == p.start}
        previous = {r["brand_id"]: r for r in rows if r["period_start"] == p.previous_start}
        found = []
        for brand_id, cur in current.items():
            prev = previous.get(brand_id)
            if not prev or None in (cur["share_low"], cur["share_high"],
                                    prev["share_low"], prev["share_high"]):
                continue
            # Only a move whose 95 % intervals do not overlap is news, not noise.
            if cur["share_low"] > prev["share_high"]:
                key = "sov_up"
            elif cur["share_high"] < prev["share_low"]:
                key = "sov_down"
            else:
                continue
            sentence = loc.t(
                key, brand=self.name(brand_id), share=loc.percent(cur["mention_share"]),
                previous=loc.percent(prev["mention_share"]),
                previous_period=loc.t(f"previous_{p.kind}"),
                low=loc.percent(cur["share_low"]), high=loc.percent(cur["share_high"]),
                mentions=loc.number(cur["mentions"]),
            )
            docs = queries.run(self.con, "brand_mentions", brand=brand_id, start=p.start,
                               end_excl=p.end_excl, limit=_POSTS_PER_HEADLINE)
            move = abs((cur["mention_share"] or 0) - (prev["mention_share"] or 0))
            found.append((move, Headline("sov", sentence, posts=[self.post(d) for d in docs])))
        return [h for _, h in sorted(found, key=lambda x: -x[0])]

    def terms(self) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
        p = self.period
        terms = queries.run(self.con, "terms", start=p.start, end=p.end)
        shown = _headline_bursts(terms) + terms[:_MAX_RISING]
        wanted = {d for t in shown for d in (t["doc_ids"] or [])}
        docs = queries.run(self.con, "documents_by_id", ids=sorted(wanted)) if wanted else []
        return terms, {d["doc_id"]: d for d in docs}

    def _examples(self, term: dict[str, Any], docs: dict[str, dict[str, Any]], n: int) -> list[dict]:
        rows = [docs[i] for i in (term["doc_ids"] or []) if i in docs]
        return sorted(rows, key=lambda d: -(d["engagement"] or 0))[:n]

    def burst_headlines(self, terms: list[dict[str, Any]],
                        docs: dict[str, dict[str, Any]]) -> list[Headline]:
        loc = self.loc
        found = []
        for t in _headline_bursts(terms):
            tone = ""
            if t["share_negative"] is not None and t["share_negative"] > 0:
                tone = loc.t("burst_tone", negative=loc.percent(t["share_negative"], 0))
            sentence = loc.t(
                "burst", term=t["term"],
                brand=loc.t("about_brand", brand=self.name(t["brand_id"])) if t["brand_id"] else "",
                count=loc.number(t["burst_mentions"]), expected=loc.number(t["burst_expected"], 1),
                when=loc.when(t["first_burst_day"], t["last_burst_day"]),
                score=loc.number(t["score"], 1), tone=tone,
            )
            examples = self._examples(t, docs, _POSTS_PER_HEADLINE)
            cause = None
            if examples:
                # The most engaging example is the best single guess at what set it off.
                top = examples[0]
                cause = loc.t("burst_cause", cause=snippet(top["title"] or top["text"], 160))
            found.append(Headline("burst", sentence, cause, [self.post(d) for d in examples]))
        return found

    def rising(self, terms: list[dict[str, Any]],
               docs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
        loc = self.loc
        rows = []
        for t in terms[:_MAX_RISING]:
            rows.append({
                "term": t["term"],
                "kind": loc.t(f"kind_{t['term_kind']}") if t["term_kind"] in
                        ("topic", "keyphrase", "entity") else t["term_kind"],
                "brand": self.name(t["brand_id"]),
                "mentions": loc.number(t["mentions"]),
                "score": loc.number(t["score"], 1),
                "is_burst": bool(t["is_burst"]),
                "posts": [self.post(d) for d in self._examples(t, docs, _POSTS_PER_TOPIC)],
            })
        return rows

    def reviews(self) -> tuple[list[dict[str, Any]], list[Headline]]:
        p, loc = self.period, self.loc
        week = p.start - timedelta(days=p.start.weekday())
        rows = queries.run(self.con, "review_kpis", week=week, previous=week - timedelta(days=7))
        table, drops = [], []
        for r in rows:
            change = None
            if r["avg_rating"] is not None and r["previous_avg_rating"] is not None:
                change = r["avg_rating"] - r["previous_avg_rating"]
            table.append({
                "brand": self.name(r["brand_id"]), "source": r["source"],
                "reviews": loc.number(r["reviews"]), "rating": loc.number(r["avg_rating"], 1),
                "change": loc.signed(change, 1) if change is not None else loc.number(None),
                "falling": change is not None and change < 0,
                "share_negative": loc.percent(r["share_negative"], 0),
                "response_rate": loc.percent(r["response_rate"], 0),
                "response_time": (loc.t("hours", n=loc.number(r["median_response_hours"], 0))
                                  if r["median_response_hours"] is not None else loc.number(None)),
            })
            if change is not None and change <= -_RATING_DROP and (r["reviews"] or 0) >= _MIN_REVIEWS:
                sentence = loc.t(
                    "rating_drop", brand=self.name(r["brand_id"]), source=r["source"],
                    rating=loc.number(r["avg_rating"], 1), previous=loc.number(r["previous_avg_rating"], 1),
                    previous_period=loc.t("previous_week"), reviews=loc.number(r["reviews"]),
                    negative=loc.percent(r["share_negative"], 0),
                )
                docs = queries.run(self.con, "worst_reviews", brand=r["brand_id"], source=r["source"],
                                   start=week, end_excl=week + timedelta(days=7),
                                   limit=_POSTS_PER_HEADLINE)
                drops.append((change, Headline("rating", sentence, posts=[self.post(d) for d in docs])))
        return table, [h for _, h in sorted(drops, key=lambda x: x[0])]

    def competitor_posts(self) -> list[Post]:
        p, loc = self.period, self.loc
        rows = queries.run(self.con, "competitor_posts", start=p.start, end_excl=p.end_excl,
                           limit=_MAX_COMPETITOR_POSTS)
        posts = []
        for r in rows:
            key = "owned" if r["owned"] else "earned"
            detail = (f"{loc.t(key, brand=self.name(r['brand_id']))} · "
                      f"{loc.t('engagement', n=loc.number(r['engagement']))}")
            posts.append(self.post(r, detail))
        return posts


    def topic_sentiment(self) -> list[dict[str, Any]]:
        p, loc = self.period, self.loc
        rows = queries.run(self.con, "topic_sentiment", start=p.start, end_excl=p.end_excl,
                           limit=_MAX_TOPICS)
        return [{
            "topic": r["label"], "documents": loc.number(r["documents"]),
            "positive": loc.number(r["positive"]), "negative": loc.number(r["negative"]),
            "neutral": loc.number(r["neutral"]),
            "net": loc.signed(r["net_sentiment"]) if r["net_sentiment"] is not None
            else loc.number(None),
        } for r in rows]

    def audience(self) -> list[dict[str, Any]]:
        p, loc = self.period, self.loc
        week = p.start - timedelta(days=p.start.weekday())
        rows = queries.run(self.con, "audience", week=week)
        return [{
            "brand": self.name(r["brand_id"]), "followers": loc.number(r["followers"]),
            "growth": loc.signed_percent(r["audience_growth"]),
            "falling": (r["audience_growth"] or 0) < 0,
        } for r in rows]

    def bad_buzz(self) -> list[dict[str, Any]]:
        p, loc = self.period, self.loc
        rows = queries.run(self.con, "bad_buzz", start=p.start, end=p.end,
                           negative=_NEGATIVE_SHARE, limit=_MAX_BAD_BUZZ)
        alerts = []
        for r in rows:
            first = _as_date(r["first_document_at"])
            if r["answered_at"] is None:
                answer = loc.t("not_answered")
            else:
                answer = loc.t("answered", delay=loc.duration(r["response_hours"]),
                               how=loc.t(f"answer_{r['answered_by']}"))
            alerts.append({
                "sentence": loc.t("bad_buzz_line", brand=self.name(r["brand_id"]), term=r["term"],
                                  negative=loc.percent(r["share_negative"], 0),
                                  day=loc.day(first) if first else loc.number(None)),
                "answer": answer, "answered": r["answered_at"] is not None,
            })
        return alerts

    def silent_sources(self) -> list[dict[str, str]]:
        loc = self.loc
        rows = queries.run(self.con, "silent_sources", n=SILENT_RUNS,
                           last_run_date=self.period.end_excl)
        return [{"source": r["source"],
                 "error": loc.t("silent", n=SILENT_RUNS, start=loc.day(r["first_run"]),
                                end=loc.day(r["last_run"]))} for r in rows]


def brand_table(rows: list[dict[str, Any]], period: Period, names: dict[str, str],
                loc: Locale) -> list[dict[str, Any]]:
    """Return this period's share of voice and sentiment per brand, largest share first."""
    current = [r for r in rows if r["period_start"] == period.start]
    current.sort(key=lambda r: -(r["mention_share"] or 0))
    return [{
        "brand_id": r["brand_id"],
        "brand": names.get(r["brand_id"], r["brand_id"]),
        "share": loc.percent(r["mention_share"]),
        "interval": f"{loc.percent(r['share_low'])} – {loc.percent(r['share_high'])}",
        "mentions": loc.number(r["mentions"]),
        "positive": loc.number(r["positive"]), "negative": loc.number(r["negative"]),
        "neutral": loc.number(r["neutral"]),
        "net": loc.signed(r["net_sentiment"]) if r["net_sentiment"] is not None else loc.number(None),
        "net_value": r["net_sentiment"],
    } for r in current]


def collect(con: duckdb.DuckDBPyConnection, period: Period, loc: Locale) -> dict[str, Any]:
    """Query every section of the digest and return the template context (without charts)."""
    b = _Builder(con, period, loc)
    sov_rows = b.sov()
    terms, docs = b.terms()
    review_table, rating_drops = b.reviews()
    headlines = b.sov_headlines(sov_rows) + b.burst_headlines(terms, docs) + rating_drops
    return {
        "brands": b.brands,
        "names": b.names,
        "sov_rows": sov_rows,
        "brand_table": brand_table(sov_rows, period, b.names, loc),
        "headlines": headlines,
        "rising": b.rising(terms, docs),
        "competitor_posts": b.competitor_posts(),
        "reviews": review_table,
        "topic_sentiment": b.topic_sentiment(),
        "audience": b.audience(),
        "bad_buzz": b.bad_buzz(),
        "silent_sources": b.silent_sources(),
    }
