"""Build a digest from an open warehouse connection: queries, charts, templates."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import UTC, date, datetime
from uuid import uuid4

import duckdb

from digest import charts
from digest.context import Period, collect
from digest.i18n import Locale
from digest.model import Digest, Image
from digest.render import html as render_html
from digest.render import text as render_text

_MAX_ERROR_CHARS = 300


def _one_line(value: object, limit: int | None = None) -> str:
    """Collapse whitespace (no newline may reach a mail header or a table cell)."""
    flat = re.sub(r"\s+", " ", str(value or "")).strip()
    return flat[: limit - 1] + "…" if limit and len(flat) > limit else flat


def _cid(name: str) -> str:
    # Unique per build so a client never mixes up the charts of two digests in one thread.
    return f"{name}-{uuid4().hex}@veille.digest"


def _charts(ctx: dict, loc: Locale) -> dict[str, Image | None]:
    """Draw the share-of-voice and net-sentiment charts with their alt text."""
    names: dict[str, str] = ctx["names"]
    by_brand: dict[str, list[tuple[date, float]]] = defaultdict(list)
    for r in ctx["sov_rows"]:
        if r["mention_share"] is not None:
            by_brand[r["brand_id"]].append((r["period_start"], r["mention_share"]))
    # Order lines like the brands table (own brand first) so colours are stable per brand.
    order = [b["id"] for b in ctx["brands"] if b["id"] in by_brand]
    order += sorted(set(by_brand) - set(order))
    series = [charts.Series(names.get(b, b), by_brand[b]) for b in order]
    table = ctx["brand_table"]
    latest = ", ".join(f"{b['brand']} {b['share']}" for b in table) or loc.number(None)
    images: dict[str, Image | None] = {"sov": None, "sentiment": None}
    if series:
        images["sov"] = Image(_cid("sov"), charts.share_of_voice(series, loc, loc.t("sov_chart")),
                              loc.t("sov_chart_alt", values=latest))
    if table:
        values = [(b["brand"], b["net_value"]) for b in table]
        alt = ", ".join(f"{b['brand']} {b['net']}" for b in table)
        images["sentiment"] = Image(_cid("sentiment"),
                                    charts.net_sentiment(values, loc, loc.t("sentiment")),
                                    loc.t("sentiment_alt", values=alt))
    return images


def build(
    con: duckdb.DuckDBPyConnection,
    *,
    as_of: date,
    period: str = "week",
    language: str = "fr",
    watch_name: str,
    failed_sources: list[dict],
    metric_version: str,
) -> Digest:
    """Build the digest of the day or ISO week (Monday first) that contains ``as_of``."""
    loc = Locale(language)
    span = Period.containing(as_of, period)
    ctx = collect(con, span, loc)
    images = _charts(ctx, loc)
    label = loc.period(span.kind, span.start, span.end)
    watch = _one_line(watch_name, 80)
    now = datetime.now(UTC).date()
    failed = [{"source": _one_line(f.get("source"), 80),
               "error": _one_line(f.get("error"), _MAX_ERROR_CHARS)} for f in failed_sources]
    # A source failing tonight is listed once, as failed, even if it was silent before.
    names = {f["source"] for f in failed}
    silent = [{"source": _one_line(s["source"], 80), "error": s["error"]}
              for s in ctx.pop("silent_sources") if _one_line(s["source"], 80) not in names]
    ctx.update(
        lang=language,
        t=loc.t,
        sep=" : " if language == "fr" else ": ",
        title=loc.t("title", watch=watch, period=label),
        charts=images,
        failed_sources=failed + silent,
        footer=loc.t("footer", version=_one_line(metric_version, 40), generated=loc.day(now)),
    )
    return Digest(
        subject=loc.t("subject", watch=watch, period=label),
        html=render_html(ctx),
        text=render_text(ctx),
        images=[i for i in images.values() if i is not None],
        as_of=as_of,
        language=language,
    )
