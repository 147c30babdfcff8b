"""The weekly digest deployment: render the digest of the week and send it."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from flows.config import load_config
from flows.stages import Run, make_digest, send_digest


@task(cache_policy=NO_CACHE, retries=3, retry_delay_seconds=[10, 30, 90])
def _send(run: Run, eml: Path) -> None:
    send_digest(run, eml)


@flow(name="veille-weekly-digest")
def weekly_digest(config: str = "veille.toml", as_of: date | None = None, send: bool = True) -> dict:
    """Write the digest of the week containing as_of (default yesterday: Monday's run reports last week)."""
    path = Path(config)
    run = Run.start(load_config(path), path, as_of)
    if as_of is None:
        run.run_date = run.run_date - timedelta(days=1)
    paths = make_digest(run, failed=[])
    if send:
        _send(run, paths["eml"])
    return {k: str(v) for k, v in paths.items()}
