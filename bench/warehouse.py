"""Benchmark the warehouse: N synthetic mentions over D days, views, cookbook, reload vs append.

Prints a table (each view, the sov macro and each cookbook query: ms, ratio to the
baseline, pass/fail against issue #5's thresholds; reload/append), then one JSON line
of figures. Usage:
    .venv/bin/python bench/warehouse.py --mentions 10000000 --days 730
The lake is generated with DuckDB (one COPY per table, hive-partitioned by day), the
first D-1 days published, then the last day appended (one publish), then the same day
rewritten and published again (a reload), each timed; `--cycles N` repeats the pair
(removing the day, publishing, appending, reloading) and keeps each one's best time.
Then every view and cookbook query is timed (best of `--runs`) on a read-only
connection against a bare `count(*) GROUP BY week, brand_id` over `mentions`, timed
the same way before and after them (its best time is the baseline: the ratios are of
the same run, on the same loaded machine).

Thresholds (issue #5): each view/macro <= 3 x baseline and < 1 s; each cookbook query
< 1 s; reload <= 2 x append.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import duckdb

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import warehouse  # noqa: E402
from warehouse.cookbook import cookbook  # noqa: E402

BRANDS = ("nova", "orbis", "zen", "lumen")
CONFIG = {
    "watch": {"name": "bench", "timezone": "Europe/Paris"},
    "brands": [{"id": b, "name": b.title(), "own": b == "nova"} for b in BRANDS],
    "topics": [{"id": f"t{i}", "label": f"topic {i}", "terms": [f"t{i}"]} for i in range(8)],
    "sources": [{"name": "bench", "type": "feed", "url": "https://bench.example"}],
}
BASELINE = (
    "SELECT date_trunc('week', published_date) AS week, brand_id, count(*) AS n "
    "FROM mentions GROUP BY ALL"
)
VIEWS = ("sov_daily", "sov_weekly", "trending_topics", "review_kpis", "brand_activity")
# the macro of design §5, at another grain and window than the tables
MACRO = ("sov(month, last quarter)", "SELECT * FROM sov('month', current_date - 90, current_date)")
MAX_VIEW_RATIO, MAX_QUERY_S, MAX_RELOAD_RATIO = 3.0, 1.0, 2.0

# A document names a first brand and, 1 in 4, a second one drawn independently; the two
# coincide with probability sum(p^2) = 15/49 (weights 1, 2, 3, 1 of 7 in _brand), and the
# load keeps one mention then. Mentions per document, so that --mentions is what loads:
MENTIONS_PER_DOC = 1 + 0.25 * (1 - 15 / 49)

# One row per document; 1 in 4 names a second brand (see MENTIONS_PER_DOC).
_DOCS = """
CREATE OR REPLACE TABLE bench_docs AS
SELECT
    'd' || i AS doc_id, 'bench' AS source, 'feed' AS source_type,
    ['news', 'blog', 'forum', 'social', 'review'][1 + i % 5] AS channel,
    CASE WHEN i % 5 = 4 THEN 'review' ELSE 'post' END AS kind,
    CASE WHEN i % 20 = 0 THEN $brands[1 + (i // 20) % len($brands)] END AS brand_owner,
    CASE WHEN i % 5 = 4 THEN $brands[1 + i % len($brands)] END AS subject_brand,
    'https://bench.example/' || i AS url, NULL AS canonical_url,
    'author ' || (i % 5000) AS author, '@a' || (i % 5000) AS author_handle,
    (i % 997) * 10 AS author_followers, 'title ' || i AS title,
    'texte du document ' || (i % 1000) || ' sur le prix et le réseau' AS text,
    $start::TIMESTAMPTZ + to_seconds((i * $days * 86400) // $n_docs) + INTERVAL 10 HOUR AS published_at,
    $start::TIMESTAMPTZ + to_seconds((i * $days * 86400) // $n_docs) + INTERVAL 20 HOUR AS fetched_at,
    CASE WHEN i % 5 = 4 THEN 1 + i % 5 END AS rating, CASE WHEN i % 5 = 4 THEN 5 END AS rating_best,
    CASE WHEN i % 15 = 4 THEN 'Merci pour votre avis' END AS reply_text,
    CASE WHEN i % 15 = 4 THEN $start::TIMESTAMPTZ + to_seconds((i * $days * 86400) // $n_docs)
        + INTERVAL 30 HOUR END AS reply_at,
    i % 50 AS likes, i % 7 AS shares, i % 11 AS comments, NULL::BIGINT AS views,
    NULL AS parent_id, 'fr' AS lang_hint,
    ((i * $days) // $n_docs)::INTEGER AS day_no
FROM range($n_docs) AS r(i)
"""


def _write_lake(con: duckdb.DuckDBPyConnection, lake: Path, day_filter: str) -> None:
    """Write the lake tables of the days matching `day_filter` (hive-partitioned by date)."""
    run = "strftime(DATE '{start}' + day_no, '%Y%m%d') || 'T030000Z-bench00'"
    enrich = "strftime(DATE '{start}' + day_no, '%Y%m%d') || 'T040000Z-bench01'"
    start = con.execute("SELECT min(published_at)::DATE FROM bench_docs").fetchone()[0]
    run, enrich = run.format(start=start), enrich.format(start=start)
    queries = {
        "raw/source=bench": f"SELECT * EXCLUDE (day_no), {run} AS run_id",
        "enriched/doc_annotations": (
            "SELECT doc_id, 'fr' AS lang, ['positive','negative','neutral'][1 + (hash(doc_id) % 3)::BIGINT] "
            "AS sentiment, 0.0 AS sentiment_score, now() AS enriched_at, 'bench@1' AS model_version, "
            f"{enrich} AS run_id"
        ),
        "enriched/mentions": (
            f"SELECT doc_id, b AS brand_id, b AS matched_text, 0 AS start_char, 4 AS end_char, "
            f"NULL AS sentence, 'text' AS via, ['positive','negative','neutral'][1 + (hash(doc_id || b) % 3)::BIGINT] "
            f"AS sentiment, 0.0 AS sentiment_score, 'bench@1' AS model_version, {enrich} AS run_id"
        ),
        "enriched/doc_topics": (
            "SELECT doc_id, 't' || hash(doc_id) % 8 AS topic_id, 1 AS hits, 'neutral' AS sentiment, "
            f"0.0 AS sentiment_score, 'bench@1' AS model_version, {enrich} AS run_id"
        ),
        "enriched/brand_topics": (
            f"SELECT doc_id, {_brand('1')} AS brand_id, 't' || hash(doc_id) % 8 AS topic_id, 1 AS sentences, "
            "'sentence' AS via, ['positive','negative','neutral'][1 + (hash(doc_id || 't') % 3)::BIGINT] AS sentiment, "
            f"0.0 AS sentiment_score, 'bench@1' AS model_version, {enrich} AS run_id"
        ),
        "enriched/keyphrases": (
            "SELECT doc_id, 'phrase ' || hash(doc_id) % 300 AS phrase, 1 AS count, "
            f"'bench@1' AS model_version, {enrich} AS run_id"
        ),
    }
    for folder, select in queries.items():
        source = "bench_docs"
        if folder == "enriched/mentions":  # first brand, plus a second one for 1 doc in 4
            source = (
                "(SELECT *, unnest(CASE WHEN hash(doc_id) % 4 = 0 THEN [b1, b2] ELSE [b1] END) AS b "
                f"FROM (SELECT *, {_brand('1')} AS b1, {_brand('2')} AS b2 FROM bench_docs))"
            )
        target = lake / folder
        target.mkdir(parents=True, exist_ok=True)
        con.execute(
            f"COPY ({select}, strftime(DATE '{start}' + day_no, '%Y-%m-%d') AS date "
            f"FROM {source} WHERE {day_filter}) TO '{target}' "
            "(FORMAT parquet, PARTITION_BY (date), OVERWRITE_OR_IGNORE, FILENAME_PATTERN 'part_{i}')"
        )


def _brand(salt: str) -> str:
    """Return SQL picking a brand for a document, skewed so shares differ."""
    return f"['nova','orbis','orbis','zen','zen','zen','lumen'][1 + (hash(doc_id || '{salt}') % 7)::BIGINT]"


def _best(con: duckdb.DuckDBPyConnection, query: str, runs: int = 3) -> float:
    """Return the best of `runs` wall times of running a query and fetching it as Arrow."""
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        con.execute(query).to_arrow_table()
        times.append(time.perf_counter() - t0)
    return min(times)


def _timed(fn: Callable[[], object]) -> tuple[float, object]:
    """Run fn once; return (seconds, result)."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def _publish_cycle(gen: duckdb.DuckDBPyConnection, lake: Path, db: Path, day_no: int) -> tuple:
    """Append the day `day_no` (one publish), rewrite it and publish again; return both timings."""
    _write_lake(gen, lake, f"day_no = {day_no}")
    t_append, appended = _timed(lambda: warehouse.publish(lake, db, CONFIG))
    _write_lake(gen, lake, f"day_no = {day_no}")  # the same day, rewritten
    t_reload, reloaded = _timed(lambda: warehouse.publish(lake, db, CONFIG))
    assert reloaded.counts == appended.counts, (reloaded.counts, appended.counts)
    return t_append, appended, t_reload, reloaded


def _remove_day(lake: Path, day: date) -> None:
    """Delete every lake file of a day (hive partition date=YYYY-MM-DD)."""
    for path in lake.rglob(f"date={day.isoformat()}/*.parquet"):
        path.unlink()


def run(mentions: int, days: int, workdir: Path, *, cycles: int = 1, runs: int = 3) -> dict:
    """Generate, publish, append, reload, and time every view and cookbook query."""
    n_docs = round(mentions / MENTIONS_PER_DOC)
    lake, db = workdir / "lake", workdir / "veille.duckdb"
    start = date.today() - timedelta(days=days)
    gen = duckdb.connect()
    gen.execute(_DOCS, {"brands": list(BRANDS), "start": start, "days": days, "n_docs": n_docs})
    last_day = gen.execute("SELECT min(published_at)::DATE FROM bench_docs").fetchone()[0]
    last_day += timedelta(days=days - 1)
    t_gen, _ = _timed(lambda: _write_lake(gen, lake, f"day_no < {days - 1}"))
    t_first, first = _timed(lambda: warehouse.publish(lake, db, CONFIG))
    appends, reloads = [], []
    for cycle in range(cycles):
        if cycle:  # back to the state before the day: its files gone, published
            _remove_day(lake, last_day)
            warehouse.publish(lake, db, CONFIG)
        t_append, appended, t_reload, reloaded = _publish_cycle(gen, lake, db, days - 1)
        appends.append(t_append)
        reloads.append(t_reload)
    con = warehouse.connect_readonly(db)
    try:
        base = _best(con, BASELINE, runs)
        views = {v: _best(con, f"SELECT * FROM {v}", runs) for v in VIEWS}
        views[MACRO[0]] = _best(con, MACRO[1], runs)
        book = {q.name: _best(con, q.text, runs) for q in cookbook()}
        base = min(base, _best(con, BASELINE, runs))  # the machine's best, before and after
        n_mentions = con.execute("SELECT count(*) FROM mentions").fetchone()[0]
    finally:
        con.close()
    append_s, reload_s = min(appends), min(reloads)
    view_ratios = {k: v / base for k, v in views.items()}
    return {
        "mentions": n_mentions,
        "documents": appended.counts["documents"],
        "days": days,
        "generate_s": round(t_gen, 2),
        "first_publish_s": round(t_first, 2),
        "append_day_s": round(append_s, 3),
        "reload_day_s": round(reload_s, 3),
        "reload_over_append": round(reload_s / append_s, 3),
        "cycles_append_s": [round(t, 3) for t in appends],
        "cycles_reload_s": [round(t, 3) for t in reloads],
        "append_files": appended.load.new_files,
        "reload_files_changed": reloaded.load.changed_files + reloaded.load.new_files,
        "baseline_count_by_week_brand_s": round(base, 4),
        "views_s": {k: round(v, 4) for k, v in views.items()},
        "views_over_baseline": {k: round(r, 2) for k, r in view_ratios.items()},
        "views_max_s": round(max(views.values()), 4),
        "views_max_ratio": round(max(view_ratios.values()), 2),
        "cookbook_s": {k: round(v, 4) for k, v in book.items()},
        "cookbook_over_baseline": {k: round(v / base, 2) for k, v in book.items()},
        "cookbook_max_s": round(max(book.values(), default=0), 4),
        "first_publish_mode": "full" if first.load.full else "incremental",
        "db_mb": round(db.stat().st_size / 1e6, 1),
    }


def verdicts(figures: dict) -> dict[str, bool]:
    """Return each acceptance line of issue #5 and whether these figures meet it."""
    views = figures["views_s"].items()
    return {
        f"each view <= {MAX_VIEW_RATIO:g} x baseline": all(
            figures["views_over_baseline"][k] <= MAX_VIEW_RATIO for k, _ in views
        ),
        f"each view < {MAX_QUERY_S:g} s": all(s < MAX_QUERY_S for _, s in views),
        f"each cookbook query < {MAX_QUERY_S:g} s": all(
            s < MAX_QUERY_S for s in figures["cookbook_s"].values()
        ),
        f"reload <= {MAX_RELOAD_RATIO:g} x append": figures["reload_over_append"] <= MAX_RELOAD_RATIO,
    }


def report(figures: dict) -> str:
    """Format the figures as a table: ms, ratio to the baseline, pass/fail per query."""
    base = figures["baseline_count_by_week_brand_s"]
    lines = [
        f"{figures['mentions']:,} mentions, {figures['documents']:,} documents, {figures['days']} days; "
        f"database {figures['db_mb']:,} MB; first publish {figures['first_publish_s']} s",
        f"baseline count(*) GROUP BY week, brand_id over mentions: {base * 1000:.1f} ms",
        "",
        f"{'query':<40} {'ms':>9} {'x base':>7}  verdict",
    ]
    for name, seconds in figures["views_s"].items():
        ratio = figures["views_over_baseline"][name]
        ok = ratio <= MAX_VIEW_RATIO and seconds < MAX_QUERY_S
        lines.append(f"{'view ' + name:<40} {seconds * 1000:>9.1f} {ratio:>7.2f}  {'pass' if ok else 'FAIL'}")
    for name, seconds in figures["cookbook_s"].items():
        ratio = figures["cookbook_over_baseline"][name]
        ok = seconds < MAX_QUERY_S
        lines.append(f"{'cookbook ' + name:<40} {seconds * 1000:>9.1f} {ratio:>7.2f}  {'pass' if ok else 'FAIL'}")
    ratio = figures["reload_over_append"]
    lines += [
        "",
        f"append a day {figures['append_day_s']:.2f} s, reload it {figures['reload_day_s']:.2f} s "
        f"(best of {len(figures['cycles_append_s'])}): reload/append {ratio:.2f}  "
        f"{'pass' if ratio <= MAX_RELOAD_RATIO else 'FAIL'}",
        "",
    ]
    lines += [f"{'pass' if ok else 'FAIL'}  {line}" for line, ok in verdicts(figures).items()]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse the size, run the benchmark (in a temp dir unless --workdir), print the table and JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mentions", type=int, default=10_000_000)
    parser.add_argument("--days", type=int, default=730)
    parser.add_argument("--cycles", type=int, default=1, help="append + reload pairs (best of)")
    parser.add_argument("--runs", type=int, default=3, help="runs per query (best of)")
    parser.add_argument("--workdir", type=Path, default=None, help="kept when given")
    args = parser.parse_args(argv)
    sizes = (args.mentions, args.days)
    if args.workdir:
        args.workdir.mkdir(parents=True, exist_ok=True)
        figures = run(*sizes, args.workdir, cycles=args.cycles, runs=args.runs)
    else:
        with tempfile.TemporaryDirectory(prefix="veille-bench-") as tmp:
            figures = run(*sizes, Path(tmp), cycles=args.cycles, runs=args.runs)
    print(report(figures))
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
