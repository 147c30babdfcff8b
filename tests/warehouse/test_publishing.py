"""Atomic publish: readers are never blocked nor shown a half-built state; crashes converge."""

from __future__ import annotations

import fcntl
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import warehouse
from warehouse.publishing import building_path

from .lakebuilder import CONFIG, days

DAY = date(2025, 1, 6)
REPO = Path(__file__).resolve().parents[2]

_READER = """
import sys, duckdb
con = duckdb.connect(sys.argv[1], read_only=True)
print(con.execute("SELECT count(*) FROM documents").fetchone()[0], flush=True)
sys.stdin.readline()
print(con.execute("SELECT count(*) FROM documents").fetchone()[0], flush=True)
"""

# Publishes with a load that signals, then hangs, so that the test can SIGKILL it midway.
_SLOW_PUBLISH = """
import json, sys, time
from pathlib import Path
import warehouse.publishing as publishing
lake_dir, db_path, marker, config = sys.argv[1], sys.argv[2], Path(sys.argv[3]), json.loads(sys.argv[4])
real_load = publishing.load_lake
def hanging_load(*args, **kwargs):
    report = real_load(*args, **kwargs)
    marker.write_text("loaded")
    time.sleep(60)
    return report
publishing.load_lake = hanging_load
publishing.publish(Path(lake_dir), Path(db_path), config)
"""


def _count(db_path: Path) -> int:
    return warehouse.query(db_path, "SELECT count(*) FROM documents")[1][0][0]


def test_an_open_reader_neither_blocks_a_publish_nor_sees_it(lake, publish, db_path):
    lake.doc("d1", DAY)
    publish()
    reader = subprocess.Popen(
        [sys.executable, "-c", _READER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert reader.stdout.readline().strip() == "1"
        lake.doc("d2", DAY)
        publish()  # os.replace while the reader holds the old file open
        assert _count(db_path) == 2  # a new connection sees the new state
        reader.stdin.write("again\n")
        reader.stdin.flush()
        assert reader.stdout.readline().strip() == "1"  # the open one keeps its snapshot
    finally:
        reader.kill()
        reader.wait()


def test_a_publish_killed_midway_leaves_the_live_file_and_the_next_converges(
    lake, publish, db_path, tmp_path
):
    lake.doc("d1", DAY).annotate("d1").mention("d1", "orbis")
    before = publish().counts
    lake.doc("d2", DAY).annotate("d2").mention("d2", "zen")
    lake.write()
    marker = tmp_path / "loaded"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            _SLOW_PUBLISH,
            str(lake.root),
            str(db_path),
            str(marker),
            json.dumps(CONFIG),
        ],
        cwd=REPO,
    )
    try:
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert child.poll() is None and time.monotonic() < deadline, (
                "the slow publish never loaded"
            )
            time.sleep(0.05)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert building_path(db_path).exists()
    assert _count(db_path) == 1
    after = publish().counts
    assert (after["documents"], after["mentions"]) == (
        before["documents"] + 1,
        before["mentions"] + 1,
    )
    assert publish().counts == after
    assert not building_path(db_path).exists()


def test_2000_documents_publish_in_seconds(lake, publish):
    for i, day in enumerate(days(DAY, 40) * 50):
        doc_id = f"d{i}"
        lake.doc(doc_id, day, likes=i % 7).annotate(doc_id, "positive" if i % 3 else "negative")
        lake.mention(doc_id, ["nova", "orbis", "zen"][i % 3]).keyphrase(
            doc_id, f"kp{i % 40}"
        ).topic(doc_id, "prix")
    report = publish()
    assert report.counts["documents"] == 2000
    assert report.duration_s < 5, report


def test_a_second_concurrent_publish_is_refused(lake, publish, db_path):
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with open(db_path.with_name(db_path.name + ".lock"), "a+b") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        try:
            publish()
        except RuntimeError as exc:
            assert "another publish" in str(exc) and "wait for it" in str(exc)
        else:
            raise AssertionError("two publishes ran at once")
