"""The nightly stages as plain functions: crawl, enrich, load, digest. Flows and CLI wire them."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from flows.config import Config, Source
from flows.crawl import CrawlResult, build_spec, crawl_clock, run_crawl
from flows.enrich import (
    EnrichReport,
    backfill_files,
    enrich_files,
    make_enricher,
    pending_raw_files,
)
from flows.layout import Layout, new_run_id
from flows.privacy import KEY_ENV, PurgeReport, purge_expired_text, pseudonym_key
from flows.runs import write_runs

log = logging.getLogger("veille")

Progress = Callable[[str], None]


@dataclass
class Run:
    """One invocation: its config, where its files go, its id and date."""

    cfg: Config
    layout: Layout
    run_id: str
    run_date: date

    @classmethod
    def start(cls, cfg: Config, config_path: Path, run_date: date | None = None) -> Run:
        """Open a run: resolve data_dir, pick the run date in the watch's time zone."""
        base = config_path.resolve().parent
        layout = Layout(cfg.data_dir(base), cfg.lake_url(base)).ensure()
        today = datetime.now(ZoneInfo(cfg.watch.timezone)).date()
        return cls(cfg, layout, new_run_id(), run_date or today)


@dataclass
class RunSummary:
    """What a nightly run did; `exit_code` follows design §3."""

    run_id: str
    run_date: date
    crawls: list[CrawlResult] = field(default_factory=list)
    enrich: EnrichReport | None = None
    tables: dict[str, int] = field(default_factory=dict)
    digest_paths: dict[str, Path] = field(default_factory=dict)

    @property
    def failed_sources(self) -> list[CrawlResult]:
        return [c for c in self.crawls if c.status != "ok"]

    @property
    def exit_code(self) -> int:
        return 1 if self.failed_sources else 0


def select_sources(cfg: Config, only: list[str] | None) -> list[Source]:
    """Return the sources to crawl; unknown names are a usage error."""
    if not only:
        return list(cfg.sources)
    names = {s.name for s in cfg.sources}
    unknown = [n for n in only if n not in names]
    if unknown:
        raise ValueError(
            f"--only names unknown source(s) {', '.join(unknown)}; "
            f"known sources: {', '.join(sorted(names))}"
        )
    return [s for s in cfg.sources if s.name in only]


def crawl_one(run: Run, source: Source) -> CrawlResult:
    """Crawl one source in a subprocess."""
    now = crawl_clock(run.run_date, run.cfg.watch.timezone)
    spec = build_spec(run.cfg, source, run.layout, run.run_id, run.run_date, now)
    log_dir = run.layout.run_dir(run.run_id) / "logs"
    key = pseudonym_key(run.cfg)
    return run_crawl(spec, timeout_s=run.cfg.crawl.source_timeout_s, log_dir=log_dir,
                     secrets={KEY_ENV: key} if key else None)


def crawl_sources(run: Run, sources: list[Source], progress: Progress | None = None) -> list[CrawlResult]:
    """Crawl sources a few at a time; one failing source never stops the others."""
    results: list[CrawlResult] = []
    with ThreadPoolExecutor(max_workers=run.cfg.crawl.parallel_sources) as pool:
        for result in pool.map(lambda s: crawl_one(run, s), sources):
            results.append(result)
            if progress:
                progress(_describe(result))
    return results


def record_runs(run: Run, results: list[CrawlResult]) -> None:
    """Write this run's per-source outcomes to the lake."""
    write_runs(run.layout.store, run.run_id, run.run_date, results)


def _describe(r: CrawlResult) -> str:
    if r.status != "ok":
        return f"{r.source}: FAILED ({r.error})"
    dropped = sum(r.dropped.values())
    return f"{r.source}: {r.new} new, {r.unchanged} unchanged, {dropped} dropped, {r.requests} requests"


def enrich_new(run: Run, progress: Progress | None = None, enricher=None) -> EnrichReport:
    """Enrich the raw files that no enrichment has covered yet."""
    files = pending_raw_files(run.layout)
    if not files:
        return EnrichReport()
    enricher = enricher or make_enricher(run.cfg, run.layout)
    return enrich_files(run.layout, enricher, run.run_id, files, progress=progress)


def enrich_backfill(run: Run, start: date, end: date, progress: Progress | None = None) -> EnrichReport:
    """Re-enrich every raw partition in [start, end], replacing older enrichments."""
    files = backfill_files(run.layout, start, end)
    if not files:
        return EnrichReport()
    return enrich_files(run.layout, make_enricher(run.cfg, run.layout), run.run_id, files, replace=True,
                        progress=progress)


def purge_expired(run: Run) -> PurgeReport | None:
    """Blank raw text older than [privacy] retention_days (enriched rows and aggregates stay)."""
    days = run.cfg.privacy.retention_days
    return purge_expired_text(run.layout, days, run.run_date) if days else None


def publish(run: Run, full: bool = False) -> dict[str, int]:
    """Load the lake into a new warehouse file and swap it in."""
    import warehouse

    report = warehouse.publish(run.layout.store, run.layout.db, run.cfg.as_plain(), full=full)
    return dict(getattr(report, "counts", None) or getattr(report, "row_counts", {}) or {})


def sov_window(db: Path, start: date, end: date) -> tuple[list[str], list[tuple]]:
    """Return each brand's earned share of voice over [start, end] (flows/queries/sov_window.sql)."""
    import warehouse

    sql = (Path(__file__).parent / "queries" / "sov_window.sql").read_text(encoding="utf-8")
    return warehouse.query(db, sql, [start, end])


def share_of_voice(run: Run, days: int = 7) -> list[dict]:
    """Return each brand's share of voice over the `days` ending on the run date."""
    from datetime import timedelta

    start = run.run_date - timedelta(days=days - 1)
    columns, rows = sov_window(run.layout.db, start, run.run_date)
    out = []
    for row in rows:
        r = dict(zip(columns, row))
        out.append({
            "brand": r["brand_id"],
            "name": r["name"],
            "mentions": int(r["mentions"] or 0),
            "share": _round(r["mention_share"]),
            "low": _round(r["share_low"]),
            "high": _round(r["share_high"]),
            "net_sentiment": _round(r["net_sentiment"]),
        })
    return out


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 4)


def make_digest(run: Run, failed: list[CrawlResult]) -> dict[str, Path]:
    """Render the digest of the period ending on the run date and write it to disk."""
    import digest
    import warehouse

    cfg = run.cfg
    con = warehouse.connect_readonly(run.layout.db)
    try:
        version = _metric_version(con)
        built = digest.build(
            con,
            as_of=run.run_date,
            period=cfg.digest.period,
            language=cfg.digest.language,
            watch_name=cfg.watch.name,
            failed_sources=[{"source": f.source, "error": f.error or "failed"} for f in failed],
            metric_version=version,
        )
    finally:
        con.close()
    return digest.write(built, run.layout.digests, sender=cfg.digest.sender,
                        recipients=list(cfg.digest.recipients))


def _metric_version(con) -> str:
    row = con.execute("select version from metric_versions where is_current").fetchone()
    return row[0] if row else "unknown"


def smtp_password(cfg: Config) -> str | None:
    """Read the SMTP password from the environment or a Prefect Secret block; never log it."""
    smtp = cfg.digest.smtp
    if smtp.password_env:
        value = os.environ.get(smtp.password_env)
        if value is None:
            raise RuntimeError(
                f"digest.smtp.password_env names {smtp.password_env}, which is not set; "
                "export it before sending"
            )
        return value
    if smtp.password_block:
        from prefect.blocks.system import Secret

        return Secret.load(smtp.password_block).get()
    return None


def send_digest(run: Run, eml_path: Path, recipients: list[str] | None = None) -> None:
    """Send a written digest over SMTP."""
    import email
    import email.policy

    import digest

    cfg = run.cfg
    smtp = cfg.digest.smtp
    message = email.message_from_bytes(eml_path.read_bytes(), policy=email.policy.default)
    if recipients:
        del message["To"]
        message["To"] = ", ".join(recipients)
    if not message["To"]:
        raise RuntimeError("the digest has no recipient: set digest.recipients or pass --to")
    username = os.environ.get(smtp.username_env) if smtp.username_env else None
    digest.send(
        message,
        host=smtp.host,
        port=smtp.port,
        starttls=smtp.starttls,
        ssl=smtp.ssl,
        username=username,
        password=smtp_password(cfg),
    )
