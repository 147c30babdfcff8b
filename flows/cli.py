"""The `veille` command line (design §3)."""

from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from flows.config import Config, ConfigError, load_config

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="Veille: competitor and trend watch. Collect, enrich, load, query, digest.",
)
out = Console()
err = Console(stderr=True)

ConfigOpt = Annotated[Path, typer.Option("--config", "-c", help="config file (TOML)")]
DateOpt = Annotated[str | None, typer.Option("--date", help="run date YYYY-MM-DD (default: today)")]
OnlyOpt = Annotated[str | None, typer.Option("--only", help="comma-separated source names")]


class UsageError(Exception):
    """A bad command-line value; exits 2."""


def _config(path: Path) -> Config:
    from flows.privacy import pseudonym_key

    cfg = load_config(path)
    pseudonym_key(cfg)  # pseudonymisation on without its key: exit 2 before any work
    return cfg


def _date(value: str | None, flag: str = "--date") -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{flag} {value!r} is not a date; write it as YYYY-MM-DD") from None


def _only(value: str | None) -> list[str] | None:
    return [v.strip() for v in value.split(",") if v.strip()] if value else None


def _run(cfg: Config, config: Path, run_date: str | None):
    from flows.stages import Run

    return Run.start(cfg, config, _date(run_date))


@app.command()
def check(config: ConfigOpt = Path("veille.toml")) -> None:
    """Validate the config and print what will be watched."""
    cfg = _config(config)
    out.print(f"[bold]{cfg.watch.name}[/] — config {config} is valid")
    brands = Table("brand", "name", "own", "aliases", "accounts", title="Brands")
    for b in cfg.brands:
        accounts = ", ".join(h for hs in b.accounts.values() for h in hs)
        brands.add_row(b.id, b.name, "yes" if b.own else "", ", ".join(b.aliases + b.exact), accounts)
    out.print(brands)
    sources = Table("source", "type", "channel", "brand", "where", title="Sources")
    for s in cfg.sources:
        where = s.url or s.instance or s.api_base or ""
        sources.add_row(s.name, s.type, s.resolved_channel(), s.brand or "", where)
    out.print(sources)
    if cfg.topics:
        topics = Table("topic", "label", "terms", title="Topics")
        for t in cfg.topics:
            topics.add_row(t.id, t.label, ", ".join(t.terms))
        out.print(topics)
    out.print(f"data in {cfg.data_dir(config.resolve().parent)}; digest to "
              f"{', '.join(cfg.digest.recipients) or 'nobody'} ({cfg.digest.language}, {cfg.digest.period})")


@app.command()
def run(
    config: ConfigOpt = Path("veille.toml"),
    date_: DateOpt = None,
    only: OnlyOpt = None,
    send: Annotated[bool, typer.Option("--send", help="also send the digest over SMTP")] = False,
) -> None:
    """Run the nightly flow: crawl, enrich, load, digest (a Prefect flow)."""
    cfg = _config(config)  # fail fast, before Prefect starts
    run_date = _date(date_)
    from flows.nightly import nightly
    from flows.stages import select_sources

    try:
        select_sources(cfg, _only(only))
    except ValueError as exc:
        raise UsageError(str(exc)) from None

    result = nightly(config=str(config), run_date=run_date, only=_only(only), send=send)
    _print_run(result)
    raise typer.Exit(result["exit_code"])


def _print_run(result: dict) -> None:
    table = Table("source", "status", "new", "unchanged", "dropped", "error", title=f"Run {result['run_id']}")
    for c in result["crawls"]:
        table.add_row(c["source"], c["status"], str(c["new"]), str(c["unchanged"]),
                      str(sum(c["dropped"].values())), c["error"] or "")
    out.print(table)
    out.print(f"enriched {result['enriched_documents']} documents; warehouse: {result['tables']}")
    if result.get("digest"):
        out.print(f"digest: {result['digest'].get('html')}")
    if result["failed_sources"]:
        err.print(f"[yellow]failed sources: {', '.join(result['failed_sources'])}[/]")


@app.command()
def crawl(config: ConfigOpt = Path("veille.toml"), date_: DateOpt = None, only: OnlyOpt = None) -> None:
    """Crawl the sources into the raw lake (one subprocess per source)."""
    from flows.stages import crawl_sources, record_runs, select_sources

    cfg = _config(config)
    r = _run(cfg, config, date_)
    try:
        sources = select_sources(cfg, _only(only))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    results = crawl_sources(r, sources, progress=err.print)
    record_runs(r, results)
    raise typer.Exit(1 if any(c.status != "ok" for c in results) else 0)


@app.command()
def enrich(config: ConfigOpt = Path("veille.toml"), date_: DateOpt = None) -> None:
    """Enrich the raw partitions that are not enriched yet."""
    from flows.stages import enrich_new

    cfg = _config(config)
    report = enrich_new(_run(cfg, config, date_), progress=err.print)
    out.print(f"enriched {report.documents} documents in {report.partitions} partitions: {report.rows}")


@app.command()
def load(
    config: ConfigOpt = Path("veille.toml"),
    date_: DateOpt = None,
    full: Annotated[bool, typer.Option("--full", help="reload the whole lake, not only what changed")] = False,
) -> None:
    """Load the lake into the warehouse and publish it."""
    from flows.stages import publish

    cfg = _config(config)
    counts = publish(_run(cfg, config, date_), full=full)
    out.print(f"published: {counts}")


@app.command()
def digest(
    config: ConfigOpt = Path("veille.toml"),
    date_: DateOpt = None,
    send: Annotated[bool, typer.Option("--send", help="send it over SMTP")] = False,
    to: Annotated[str | None, typer.Option("--to", help="send to these addresses instead")] = None,
) -> None:
    """Write the digest of the period ending on --date; --send mails it."""
    from flows.stages import make_digest, send_digest

    cfg = _config(config)
    r = _run(cfg, config, date_)
    paths = make_digest(r, failed=_failed_of_last_run(r))
    out.print(f"digest: {paths['html']}")
    if send or to:
        send_digest(r, paths["eml"], recipients=_only(to))
        out.print(f"sent to {to or ', '.join(cfg.digest.recipients)}")


def _failed_of_last_run(r) -> list:
    """Return the failed sources of the latest run recorded in the warehouse."""
    import warehouse
    from flows.crawl import CrawlResult

    try:
        con = warehouse.connect_readonly(r.layout.db)
    except Exception:  # noqa: BLE001 - no warehouse yet: nothing failed that we know of
        return []
    try:
        rows = con.execute(
            "select source, source_type, error from runs where status <> 'ok' and run_id = "
            "(select max(run_id) from runs)"
        ).fetchall()
    finally:
        con.close()
    now = __import__("datetime").datetime.now()
    return [CrawlResult(s, t, "failed", now, now, error=e) for s, t, e in rows]


@app.command()
def sql(
    query: Annotated[str | None, typer.Argument(help="a SELECT statement")] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", help="read the query from a file")] = None,
    format_: Annotated[str, typer.Option("--format", help="table | csv | json")] = "table",
    config: ConfigOpt = Path("veille.toml"),
) -> None:
    """Run a read-only analyst query on the published warehouse."""
    import warehouse

    if (query is None) == (file is None):
        raise UsageError('give either a query ("SELECT ...") or -f FILE')
    if format_ not in ("table", "csv", "json"):
        raise UsageError(f"--format {format_!r}: use table, csv or json")
    text = query if query is not None else file.read_text(encoding="utf-8")
    cfg = _config(config)
    from flows.layout import Layout

    db = Layout(cfg.data_dir(config.resolve().parent)).db
    if not db.exists():
        raise UsageError(f"no warehouse at {db}; run `veille run` (or `veille demo`) first")
    import duckdb

    try:
        columns, rows = warehouse.query(db, text)
    except (ValueError, PermissionError, duckdb.Error) as exc:
        raise UsageError(f"query refused: {exc}") from None
    _print_rows(columns, rows, format_)


def _print_rows(columns: list[str], rows: list[tuple], format_: str) -> None:
    if format_ == "json":
        sys.stdout.write(json.dumps([dict(zip(columns, r)) for r in rows], default=str, ensure_ascii=False))
        sys.stdout.write("\n")
    elif format_ == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf)
        writer.writerow(columns)
        writer.writerows(rows)
        sys.stdout.write(buf.getvalue())
    else:
        table = Table(*columns)
        for r in rows:
            table.add_row(*("" if v is None else str(v) for v in r))
        out.print(table)
        out.print(f"{len(rows)} rows")


@app.command()
def backfill(
    from_: Annotated[str, typer.Option("--from", help="first raw partition date YYYY-MM-DD")],
    to: Annotated[str, typer.Option("--to", help="last raw partition date YYYY-MM-DD")],
    config: ConfigOpt = Path("veille.toml"),
) -> None:
    """Re-enrich and reload history from the lake, without crawling."""
    from flows.stages import enrich_backfill, publish

    start, end = _date(from_, "--from"), _date(to, "--to")
    if start > end:
        raise UsageError(f"--from {from_} is after --to {to}")
    cfg = _config(config)
    r = _run(cfg, config, None)
    report = enrich_backfill(r, start, end, progress=err.print)
    counts = publish(r)
    out.print(f"re-enriched {report.documents} documents ({report.model_version}); published: {counts}")


@app.command("train-sentiment")
def train_sentiment(
    config: ConfigOpt = Path("veille.toml"),
    backfill_after: Annotated[bool, typer.Option(
        "--backfill/--no-backfill", help="re-enrich history when the new model is promoted")] = True,
) -> None:
    """Retrain sentiment on your starred reviews; use it when it beats the current model."""
    from flows.stages import enrich_backfill, publish
    from flows.training import train_sentiment as train

    cfg = _config(config)
    r = _run(cfg, config, None)
    try:
        outcome = train(r)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    report = outcome.report
    out.print(f"{outcome.reviews} starred reviews; candidate {report.version} (from {report.parent})")
    for lang, figures in sorted(report.languages.items()):
        out.print(f"  {lang}: {figures}")
    if not outcome.promoted:
        out.print("the current model stays: the candidate did not score better on held-out reviews")
        return
    out.print(f"promoted {report.version}: it is now the model in use")
    if backfill_after:
        start = date(1970, 1, 1)
        enriched = enrich_backfill(r, start, r.run_date, progress=err.print)
        out.print(f"re-enriched {enriched.documents} documents with it; published: {publish(r)}")


@app.command()
def demo(
    data_dir: Annotated[Path, typer.Option("--data-dir", help="where the demo keeps its files")] = Path(
        "data/demo"
    ),
    date_: DateOpt = None,
    port: Annotated[int, typer.Option("--port", help="loopback port of the demo web")] = 8642,
) -> None:
    """Serve the demo market on loopback and run the nightly flow on it."""
    from flows.demo import run_demo

    code = run_demo(data_dir, _date(date_), port=port, console=out)
    raise typer.Exit(code)


def main() -> None:
    """Run the CLI, turning config and usage errors into exit code 2."""
    import os

    import click

    # No telemetry leaves a watch's machine; the ephemeral Prefect server would try to send it.
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    # The ephemeral server's 20 s default start-up limit is too tight on a busy 2-core machine.
    os.environ.setdefault("PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS", "120")

    try:
        code = app(standalone_mode=False)
    except (ConfigError, UsageError) as exc:
        err.print(f"error: {exc}", highlight=False, markup=False)
        sys.exit(2)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
