"""Compute the planted signals from the generated data and write demo/signals.json.

Run `python -m demo.signals --write` after changing the generator; days are offsets
from the run date (0 = run date, -1 = the day before), so the file holds for any date.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import Counter
from datetime import date
from pathlib import Path

from demo.generator import BURST_PER_DAY, DAYS, PROMO_DAY, PROMO_PER_DAY, generate
from demo.model import BRAND_IDS, Market

SIGNALS_PATH = Path(__file__).with_name("signals.json")
REFERENCE_DATE = date(2026, 11, 22)  # any date gives the same file; this one has no DST change inside


def _daily(docs, pred) -> dict[str, int]:
    """Count documents matching pred per day offset."""
    c = Counter(d.day for d in docs if pred(d))
    return {str(day): c.get(day, 0) for day in range(-DAYS + 1, 1)}


def _reviews(m: Market, brand: str, lo: int, hi: int) -> dict:
    """Summarise a brand's reviews published between two day offsets (inclusive)."""
    rows = [r for r in m.reviews[brand] if lo <= r.day <= hi]
    cutoff = _end_of_run_date(m)
    replied = [r for r in rows if r.reply_at and r.reply_at <= cutoff]
    hours = [(r.reply_at - r.at).total_seconds() / 3600 for r in replied]
    return {"from": lo, "to": hi, "reviews": len(rows), "avg_rating": round(statistics.fmean(r.rating for r in rows), 3),
            "replied": len(replied), "response_rate": round(len(replied) / len(rows), 3),
            "median_response_hours": round(statistics.median(hours), 1) if hours else None}


def _end_of_run_date(m: Market):
    """Return the end of run_date in UTC (replies after it are not visible yet)."""
    from datetime import UTC, datetime, time, timedelta
    from zoneinfo import ZoneInfo

    return datetime.combine(m.run_date + timedelta(days=1), time(), ZoneInfo("Europe/Paris")).astimezone(UTC)


def _local_hours(start, end) -> float:
    """Return wall-clock hours between two instants in Paris, so DST does not change the file."""
    from zoneinfo import ZoneInfo

    paris = ZoneInfo("Europe/Paris")
    delta = end.astimezone(paris).replace(tzinfo=None) - start.astimezone(paris).replace(tzinfo=None)
    return round(delta.total_seconds() / 3600, 1)


def compute(m: Market) -> list[dict]:
    """Return the planted signals with expected values measured on the market."""
    docs = m.documents()
    earned = [d for d in docs if d.earned]
    mentions = Counter(b for d in earned for b in d.brands)
    total = sum(mentions.values())
    out: list[dict] = []
    for b in BRAND_IDS:
        out.append({"id": f"sov-{b}", "kind": "share_of_voice", "brand": b,
                    "description": f"Earned mention share of {b} over the 28 days (reviews count for their company)",
                    "from_day": -DAYS + 1, "to_day": 0, "mentions": mentions[b], "total_mentions": total,
                    "share": round(mentions[b] / total, 4), "tolerance": {"share": 0.05}})
    out.append({"id": "sov-rank", "kind": "share_of_voice_rank", "brand": None,
                "description": "Brands ordered by earned mention share", "order": [b for b, _ in mentions.most_common()],
                "tolerance": {}})
    burst = _daily(earned, lambda d: "orbis" in d.brands and d.topic == "reseau" and d.sentiment == "negative")
    base_days = [v for k, v in burst.items() if int(k) < -1]
    acks = [d for d in docs if "outage_reply" in d.tags]
    out.append({"id": "burst-orbis-reseau", "kind": "negative_burst", "brand": "orbis", "topic": "reseau",
                "description": "Orbis network outage: negative reseau mentions burst on the last two days",
                "sentiment": "negative", "burst_days": sorted(BURST_PER_DAY), "counts_by_day": burst,
                "burst_counts": {str(k): burst[str(k)] for k in sorted(BURST_PER_DAY)},
                "baseline_mean": round(statistics.fmean(base_days), 3), "baseline_max": max(base_days),
                "channels": sorted({d.source_type for d in earned if "burst" in d.tags}),
                "brand_answers": [{"source_type": d.source_type, "day": d.day, "path": d.path,
                                   "hours_after_burst_start": _local_hours(
                                       min(x.at for x in earned if "burst" in x.tags), d.at)} for d in acks],
                "tolerance": {"min_count_per_burst_day": 12, "burst_score_min": 1.0}})
    promo = _daily(earned, lambda d: "hexa" in d.brands and d.topic == "prix")
    promo_pos = _daily(earned, lambda d: "hexa" in d.brands and d.topic == "prix" and d.sentiment == "positive")
    rest = [v for k, v in promo.items() if int(k) not in PROMO_PER_DAY]
    out.append({"id": "promo-hexa-prix", "kind": "competitor_promotion", "brand": "hexa", "topic": "prix",
                "description": "Hexa -50 % promotion on day -10; positive earned prix mentions of hexa rise days -10..-8",
                "promo_day": PROMO_DAY, "burst_days": sorted(PROMO_PER_DAY), "counts_by_day": promo,
                "positive_counts_by_day": promo_pos, "baseline_mean": round(statistics.fmean(rest), 3),
                "owned_paths": [d.path for d in docs if d.owner == "hexa" and "promo" in d.tags],
                "tolerance": {"min_count_per_burst_day": 5}})
    first, mid, last = (-DAYS + 1, -14), (-13, -7), (-6, 0)
    for b in BRAND_IDS:
        periods = {"first_two_weeks": _reviews(m, b, *first), "middle_week": _reviews(m, b, *mid),
                   "last_week": _reviews(m, b, *last), "all": _reviews(m, b, -DAYS + 1, 0)}
        out.append({"id": f"reviews-{b}", "kind": "review_kpis" if b != "libre" else "falling_reviews", "brand": b,
                    "description": ("Libre's average falls from ~4.0 to ~2.3 and it answers ~10 % of reviews"
                                    if b == "libre" else f"Review KPIs of {b}"),
                    "periods": periods, "tolerance": {"avg_rating": 0.3, "response_rate": 0.05}})
    for acc in (a for a in m.accounts if a.brand):
        if acc.platform != "mastodon":
            continue
        start, end = acc.followers[0], acc.followers[-1]
        out.append({"id": f"followers-{acc.brand}", "kind": "follower_growth", "brand": acc.brand,
                    "description": f"Mastodon followers of @{acc.username} from day -27 to day 0",
                    "platform": "mastodon", "handle": acc.username, "followers_by_day": {
                        str(i - DAYS + 1): n for i, n in enumerate(acc.followers)},
                    "start": start, "end": end, "growth": round((end - start) / start, 4),
                    "tolerance": {"growth": 0.05}})
    noise = [d for d in earned if "noise" in d.tags]
    out.append({"id": "noise-libre", "kind": "common_word_noise", "brand": "libre",
                "description": "Earned documents using 'libre' as a common word; they must not count as the brand",
                "documents": len(noise), "by_source_type": dict(Counter(d.source_type for d in noise)),
                "other_brand_mentions": dict(Counter(b for d in noise for b in d.brands)),
                "paths": sorted(d.path for d in noise), "tolerance": {"false_positives_max": 2}})
    xss = next(r for rs in m.reviews.values() for r in rs if "xss" in r.tags)
    out.append({"id": "escaping-probe", "kind": "escaping", "brand": xss.subject,
                "description": "A review whose text holds a script tag; the digest must show it escaped",
                "path": xss.path, "needle": "<script>alert('x')</script>", "tolerance": {}})
    out.append({"id": "volume", "kind": "volume", "brand": None, "description": "Documents per source type and language",
                "documents": len(docs), "by_source_type": dict(sorted(Counter(d.source_type for d in docs).items())),
                "by_lang": dict(sorted(Counter(d.lang for d in docs).items())),
                "earned": len(earned), "owned": len(docs) - len(earned), "tolerance": {}})
    return out


def render(seed: int = 7, run_date: date = REFERENCE_DATE) -> str:
    """Return signals.json's text for a seed."""
    return json.dumps(compute(generate(run_date, seed)), ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> None:
    """Print or write demo/signals.json."""
    ap = argparse.ArgumentParser(prog="python -m demo.signals", description=__doc__.splitlines()[0])
    ap.add_argument("--write", action="store_true", help=f"write {SIGNALS_PATH.name} instead of printing")
    args = ap.parse_args(argv)
    text = render()
    if args.write:
        SIGNALS_PATH.write_text(text, encoding="utf-8")
    else:
        print(text, end="")


if __name__ == "__main__":
    main()
