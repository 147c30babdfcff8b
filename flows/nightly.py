"""The nightly Prefect flow (design §9): crawl each source, enrich, load, digest."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NO_CACHE

from flows.config import load_config
from flows.privacy import pseudonym_key
from flows.stages import (
    Run,
    RunSummary,
    crawl_one,
    enrich_new,
    make_digest,
    publish,
    purge_expired,
    record_runs,
    select_sources,
    send_digest,
    share_of_voice,
)

# Bounds the crawl subprocesses of a run to crawl.parallel_sources, whatever the task runner.
_SLOTS: dict[str, threading.BoundedSemaphore] = {}


@task(cache_policy=NO_CACHE, task_run_name="crawl-{source.name}")
def crawl_task(run: Run, source):
    """Crawl one source; a failed source is a result, not an exception."""
    with _SLOTS[run.run_id]:
        return crawl_one(run, source)


@task(cache_policy=NO_CACHE)
def enrich_task(run: Run):
    """Enrich the raw partitions no enrichment has covered yet."""
    return enrich_new(run, progress=get_run_logger().info)


def _enrich(run: Run):
    """Enrich locally, or fanned out by partition on Dask when a scheduler is configured."""
    from flows.scale import dask_address, enrich_on_dask

    address = dask_address(run.cfg)
    if address:
        return enrich_on_dask(run, address)
    return enrich_task(run)


# Publishing swaps a file; a transient lock (an analyst's client on the live file) is worth a retry.
@task(cache_policy=NO_CACHE, retries=2, retry_delay_seconds=[5, 20])
def publish_task(run: Run):
    """Load the lake into a new warehouse file and publish it."""
    return publish(run)


@task(cache_policy=NO_CACHE)
def purge_task(run: Run):
    """Blank raw text past the retention period, before the load publishes it."""
    report = purge_expired(run)
    if report and report.files:
        get_run_logger().info("retention: blanked the text of %d documents in %d raw files older "
                              "than %s", report.documents, report.files, report.cutoff)
    return report


@task(cache_policy=NO_CACHE)
def digest_task(run: Run, failed):
    """Write the digest files."""
    return make_digest(run, failed)


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[10, 30, 90])
def send_task(run: Run, eml: Path):
    """Send the digest over SMTP (I/O, so retried)."""
    send_digest(run, eml)


@flow(name="veille-nightly", log_prints=True)
def nightly(
    config: str = "veille.toml",
    run_date: date | None = None,
    only: list[str] | None = None,
    send: bool = False,
    digest: bool = True,
) -> dict:
    """Crawl every source, enrich what is new, publish the warehouse, write the digest."""
    logger = get_run_logger()
    config_path = Path(config)
    cfg = load_config(config_path)
    pseudonym_key(cfg)  # fail before crawling rather than collect names in clear
    run = Run.start(cfg, config_path, run_date)
    summary = RunSummary(run.run_id, run.run_date)
    _SLOTS[run.run_id] = threading.BoundedSemaphore(cfg.crawl.parallel_sources)
    try:
        futures = [crawl_task.submit(run, s) for s in select_sources(cfg, only)]
        summary.crawls = [f.result() for f in futures]
    finally:
        _SLOTS.pop(run.run_id, None)
    record_runs(run, summary.crawls)
    for c in summary.failed_sources:
        logger.warning("source %s failed: %s", c.source, c.error)
    summary.enrich = _enrich(run)
    if cfg.privacy.retention_days:
        purge_task(run)
    summary.tables = publish_task(run)
    if digest:
        summary.digest_paths = digest_task(run, summary.failed_sources)
        if send:
            send_task(run, summary.digest_paths["eml"])
    _artifacts(summary, share_of_voice(run))
    return _plain(summary)


def _artifacts(summary: RunSummary, sov: list[dict]) -> None:
    rows = [
        {
            "source": c.source,
            "status": c.status,
            "new": c.new,
            "unchanged": c.unchanged,
            "dropped": sum(c.dropped.values()),
            "requests": c.requests,
            "error": c.error or "",
        }
        for c in summary.crawls
    ]
    create_table_artifact(key="veille-sources", table=rows, description="Per-source crawl outcome")
    failed = ", ".join(c.source for c in summary.failed_sources) or "none"
    lines = [
        f"# Veille run {summary.run_id} ({summary.run_date})",
        "",
        f"- sources: {len(summary.crawls)}, failed: {failed}",
        f"- new documents: {sum(c.new for c in summary.crawls)}",
        f"- enriched documents: {summary.enrich.documents if summary.enrich else 0}",
        f"- warehouse rows: {summary.tables}",
        f"- digest: {summary.digest_paths.get('html', '-')}",
    ]
    create_markdown_artifact(key="veille-run", markdown="\n".join(lines))
    create_table_artifact(key="veille-share-of-voice", table=sov or [{"brand": "none"}],
                          description=f"Share of voice, 7 days to {summary.run_date}")


def _plain(summary: RunSummary) -> dict:
    return {
        "run_id": summary.run_id,
        "run_date": summary.run_date.isoformat(),
        "exit_code": summary.exit_code,
        "crawls": [c.as_row() for c in summary.crawls],
        "failed_sources": [c.source for c in summary.failed_sources],
        "enriched_documents": summary.enrich.documents if summary.enrich else 0,
        "tables": summary.tables,
        "digest": {k: str(v) for k, v in summary.digest_paths.items()},
    }
