"""Scale-out: enrich raw partitions in parallel on a Dask cluster through prefect-dask."""

from __future__ import annotations

import json
import os
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from contract.lake import partition_date
from flows.config import Config
from flows.enrich import EnrichReport, enrich_files, make_enricher, pending_raw_files
from flows.layout import Layout

ADDRESS_ENV = "VEILLE_DASK_ADDRESS"


def dask_address(cfg: Config) -> str | None:
    """Return the configured Dask scheduler (`[scale] dask_address` or $VEILLE_DASK_ADDRESS)."""
    scale = getattr(cfg, "scale", None)
    return getattr(scale, "dask_address", None) or os.environ.get(ADDRESS_ENV) or None


@dataclass(frozen=True)
class _PrivateStateLayout(Layout):
    """The watch's layout with a private state folder, so workers never race on the manifest."""

    private_state: Path | None = None

    @property
    def state(self) -> Path:
        return self.private_state or super().state


@cache
def _enricher(cfg_json: str, data_dir: str, lake_url: str):
    # One spaCy load per worker process and config: the pipelines take seconds to load.
    return make_enricher(Config.model_validate_json(cfg_json), Layout(Path(data_dir), lake_url))


def enrich_partition(cfg_json: str, data_dir: str, run_id: str, files: list[str],
                     lake_url: str | None = None) -> dict:
    """Enrich one date partition; return the report and the manifest entries it covered.

    Workers reach the lake at `lake_url` (the run's lake: a shared folder or any fsspec
    URL every worker can open) and keep the manifest of what they did in a private folder.
    """
    lake_url = lake_url or str(Path(data_dir) / "lake")
    with tempfile.TemporaryDirectory() as state:
        layout = _PrivateStateLayout(Path(data_dir), lake_url, private_state=Path(state))
        report = enrich_files(layout, _enricher(cfg_json, data_dir, lake_url), run_id, files)
        manifest = json.loads((Path(state) / "enriched.json").read_text(encoding="utf-8"))
    return {"report": asdict(report), "manifest": manifest}


@task(cache_policy=NO_CACHE, task_run_name="enrich-{day}")
def _enrich_partition_task(cfg_json: str, data_dir: str, run_id: str, day: str,
                           files: list[str], lake_url: str) -> dict:
    """Enrich one date partition on whichever Dask worker picks it up."""
    return enrich_partition(cfg_json, data_dir, run_id, files, lake_url)


@flow(name="veille-enrich-dask")
def _enrich_partitions(cfg_json: str, data_dir: str, run_id: str,
                       partitions: dict[str, list[str]], lake_url: str) -> list[dict]:
    futures = [_enrich_partition_task.submit(cfg_json, data_dir, run_id, day, files, lake_url)
               for day, files in sorted(partitions.items())]
    return [f.result() for f in futures]


def partitions_of(files: list[str]) -> dict[str, list[str]]:
    """Group raw files (relative to the lake) by date partition (one enriched file per table and date)."""
    grouped: dict[str, list[str]] = defaultdict(list)
    for path in files:
        grouped[partition_date(path)].append(path)
    return dict(grouped)


def enrich_on_dask(run, address: str | None, files: list[str] | None = None) -> EnrichReport:
    """Enrich pending raw partitions on the Dask cluster at `address`, then merge manifests."""
    from prefect_dask import DaskTaskRunner

    files = pending_raw_files(run.layout) if files is None else files
    if not files:
        return EnrichReport()
    runner = DaskTaskRunner(address=address) if address else DaskTaskRunner()
    results = _enrich_partitions.with_options(task_runner=runner)(
        run.cfg.model_dump_json(), str(run.layout.data_dir.resolve()), run.run_id,
        partitions_of(files), run.layout.store.url)
    _merge_manifest(run.layout, [r["manifest"] for r in results])
    return _merge_reports([EnrichReport(**r["report"]) for r in results])


def _merge_manifest(layout: Layout, entries: list[dict[str, str]]) -> None:
    # Same file and format as flows.enrich's manifest: raw file (relative to the lake) -> run id.
    path = layout.state / "enriched.json"
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    for part in entries:
        manifest.update(part)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=0, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)


def _merge_reports(reports: list[EnrichReport]) -> EnrichReport:
    out = EnrichReport()
    for r in reports:
        out.partitions += r.partitions
        out.documents += r.documents
        out.skipped_unsupported += r.skipped_unsupported
        for name, n in r.rows.items():
            out.rows[name] = out.rows.get(name, 0) + n
        for lang, n in r.by_lang.items():
            out.by_lang[lang] = out.by_lang.get(lang, 0) + n
        out.model_version = out.model_version or r.model_version
    return out
