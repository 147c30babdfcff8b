"""bench/warehouse.py runs end to end at a tiny size (the real figures come from 10M mentions)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

BENCH = Path(__file__).resolve().parents[2] / "bench" / "warehouse.py"


def test_the_benchmark_runs_at_a_tiny_size(tmp_path):
    spec = importlib.util.spec_from_file_location("bench_warehouse", BENCH)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    figures = bench.run(3000, 40, tmp_path)
    assert figures["mentions"] > 2000 and figures["append_files"] == 6  # raw + 5 enriched tables
    assert figures["reload_files_changed"] == 6 and figures["cookbook_s"]
    # the table names every view and cookbook query and each acceptance line (verdicts
    # depend on the machine: not asserted here)
    table = bench.report(figures)
    assert all(name in table for name in (*figures["views_s"], *figures["cookbook_s"]))
    assert "reload/append" in table and len(bench.verdicts(figures)) == 4
