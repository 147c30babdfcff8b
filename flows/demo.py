"""`veille demo`: serve the generated market on loopback and replay a month of nights on it."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from rich.console import Console
from rich.table import Table

# Weekly nights replayed before today's: follower snapshots then show growth, and every
# night after the first exercises the incremental crawl (only what is new is fetched).
REPLAY_OFFSETS = (-21, -14, -7, 0)


def write_demo_config(data_dir: Path, base_url: str, run_date: date) -> Path:
    """Write the demo's veille.toml into data_dir and return its path."""
    from demo.config import render_config

    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / "veille.toml"
    path.write_text(render_config(base_url, str(data_dir.resolve()), run_date), encoding="utf-8")
    return path


def replay_nights(server, config_path: Path, run_date: date, offsets=REPLAY_OFFSETS, log=print) -> list[dict]:
    """Run the nightly flow once per replayed night, the demo web's clock set to that night."""
    from flows.nightly import nightly

    results = []
    for offset in offsets:
        night = run_date + timedelta(days=offset)
        server.set_clock(night)
        last = offset == offsets[-1]
        log(f"night {night}: crawling, enriching, loading" + (", digest" if last else ""))
        results.append(nightly(config=str(config_path), run_date=night, digest=last))
    return results


def run_demo(data_dir: Path, run_date: date | None, *, port: int = 8642, console: Console) -> int:
    """Run the demo end to end and print the share-of-voice table and the digest path."""
    from demo.generator import generate
    from demo.server import serve

    run_date = run_date or datetime.now(ZoneInfo("Europe/Paris")).date()
    market = generate(run_date)
    with serve(market, port=port) as server:
        config_path = write_demo_config(data_dir, server.base_url, run_date)
        console.print(f"demo web on {server.base_url}; config {config_path}")
        results = replay_nights(server, config_path, run_date, log=console.print)
    final = results[-1]
    print_share_of_voice(Path(final["digest"]["html"]).parents[1] / "veille.duckdb", run_date, console)
    failed = sorted({s for r in results for s in r["failed_sources"]})
    if failed:
        console.print(f"[yellow]sources that failed: {', '.join(failed)}[/]")
    console.print(f"digest: {final['digest']['html']}")
    console.print(f"query it: veille sql --config {config_path} \"select * from sov_weekly\"")
    return max(r["exit_code"] for r in results)


def print_share_of_voice(db: Path, run_date: date, console: Console) -> None:
    """Print each brand's share of voice over the demo's four weeks."""
    from flows.stages import sov_window

    start = run_date - timedelta(days=27)
    _, rows = sov_window(db, start, run_date)
    table = Table("brand", "name", "mentions", "share of voice", "95 % interval", "net sentiment",
                  title=f"Share of voice, {start} to {run_date} (earned mentions)")
    for brand_id, name, mentions, share, low, high, net in rows:
        table.add_row(
            brand_id,
            name,
            str(mentions),
            f"{share:.1%}" if share is not None else "-",
            f"{low:.1%} – {high:.1%}" if low is not None else "-",
            f"{net:+.2f}" if net is not None else "-",
        )
    console.print(table)
