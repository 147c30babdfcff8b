"""Run one source's crawl as a `scrapy crawl` subprocess and read back its stats."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from datetime import time as dtime
from pathlib import Path
from zoneinfo import ZoneInfo

from flows.config import Config, Source
from flows.layout import Layout

_REPO = Path(__file__).resolve().parents[1]


@dataclass
class CrawlResult:
    """What one source's crawl did, as recorded in `runs`."""

    source: str
    source_type: str
    status: str  # ok | failed
    started_at: datetime
    finished_at: datetime
    requests: int = 0
    fetched: int = 0
    new: int = 0
    unchanged: int = 0
    failed: int = 0
    dropped: dict[str, int] = field(default_factory=dict)
    error: str | None = None

    def as_row(self) -> dict:
        """Return the result as a plain dict."""
        return asdict(self)


def crawl_clock(run_date: date, tz: str, *, real_now: datetime | None = None) -> datetime:
    """Return the crawl's clock: now for today's run, else the end of the replayed day."""
    zone = ZoneInfo(tz)
    now = (real_now or datetime.now(UTC)).astimezone(zone)
    if run_date >= now.date():
        return now.astimezone(UTC)
    return datetime.combine(run_date, dtime(23, 59, 59), zone).astimezone(UTC)


def build_spec(
    cfg: Config, source: Source, layout: Layout, run_id: str, run_date: date, now: datetime
) -> dict:
    """Return the spec a spider reads (docs/contracts.md, "Spiders")."""
    plain = source.model_dump(mode="json")
    plain["channel"] = source.resolved_channel()
    brand_accounts: dict[str, dict[str, str]] = {"mastodon": {}, "bluesky": {}}
    for brand in cfg.brands:
        for platform, handles in brand.accounts.items():
            for handle in handles:
                brand_accounts[platform][handle] = brand.id
    contact = cfg.watch.contact or cfg.digest.sender
    return {
        "source": plain,
        "brand_accounts": brand_accounts,
        "run_id": run_id,
        "run_date": run_date.isoformat(),
        "now": now.isoformat(),
        "lake_dir": layout.store.url,
        "state_path": str((layout.state / f"{source.name}.json").resolve()),
        "stats_path": str((layout.run_dir(run_id) / "crawl" / f"{source.name}.json").resolve()),
        "user_agent": f"Veille/0.1 (+{contact})",
        "privacy": {"pseudonymise_authors": cfg.privacy.pseudonymise_authors},
        "crawl": {
            "download_delay": cfg.crawl.download_delay,
            "autothrottle": cfg.crawl.autothrottle,
            "concurrency_per_domain": cfg.crawl.concurrency_per_domain,
            "obey_robots": cfg.crawl.obey_robots,
            "timeout_s": cfg.crawl.timeout_s,
        },
    }


def run_crawl(spec: dict, *, timeout_s: int, log_dir: Path,
              secrets: dict[str, str] | None = None) -> CrawlResult:
    """Crawl one source in its own process (Twisted's reactor cannot restart in ours)."""
    source = spec["source"]
    started = datetime.now(UTC)
    spec_path = Path(spec["stats_path"]).with_suffix(".spec.json")
    spec_path.parent.mkdir(parents=True, exist_ok=True)
    spec_path.write_text(json.dumps(spec, indent=1), encoding="utf-8")
    stats_path = Path(spec["stats_path"])
    stats_path.unlink(missing_ok=True)
    log_dir.mkdir(parents=True, exist_ok=True)
    log_path = log_dir / f"{source['name']}.log"
    # secrets (the pseudonymisation key) reach the crawler in its environment, never the spec file
    env = {**os.environ, **(secrets or {}), "SCRAPY_SETTINGS_MODULE": "spiders.settings"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(_REPO), env.get("PYTHONPATH")]))
    cmd = [sys.executable, "-m", "scrapy", "crawl", source["type"], "-a", f"spec={spec_path}"]
    error = None
    t0 = time.monotonic()
    with log_path.open("wb") as log:
        try:
            proc = subprocess.run(
                cmd, stdout=log, stderr=subprocess.STDOUT, env=env, timeout=timeout_s, check=False
            )
            if proc.returncode != 0:
                error = f"crawler exited with code {proc.returncode}; see {log_path}"
        except subprocess.TimeoutExpired:
            error = f"timed out after {timeout_s} s (crawl.source_timeout_s); see {log_path}"
    finished = datetime.now(UTC)
    stats = _read_stats(stats_path)
    if stats is None:
        error = error or f"the crawler wrote no stats after {time.monotonic() - t0:.0f} s; see {log_path}"
        return CrawlResult(source["name"], source["type"], "failed", started, finished, error=error)
    status = stats.get("status", "failed")
    if error and status == "ok":
        status, stats["error"] = "failed", error
    return CrawlResult(
        source=source["name"],
        source_type=source["type"],
        status=status,
        started_at=started,
        finished_at=finished,
        requests=int(stats.get("requests") or 0),
        fetched=int(stats.get("fetched") or 0),
        new=int(stats.get("new") or 0),
        unchanged=int(stats.get("unchanged") or 0),
        failed=int(stats.get("failed") or 0),
        dropped={str(k): int(v) for k, v in (stats.get("dropped") or {}).items()},
        error=stats.get("error") or error,
    )


def _read_stats(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
