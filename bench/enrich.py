"""Benchmark the enrichment against bare `nlp.pipe`; print one JSON line of figures.

    .venv/bin/python bench/enrich.py [--docs 2000] [--lang fr] [--memory 10000,100000]

Throughput: words/s of `Enricher.enrich` (language routing, spaCy, brands, entities, topics,
keyphrases, sentiment) and of bare `nlp.pipe` of the same installed spaCy package on the same
texts in the same run, on one process (bare and full taking turns slice by slice) and on
two (best of --rounds runs). Memory: each size runs in a fresh subprocess that streams batches through
`Enricher.enrich_stream` and drops the output, and reports its peak RSS (parent + largest
worker).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import datetime, UTC
from pathlib import Path

import pyarrow as pa
import spacy

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from models import Enricher, EnrichSettings  # noqa: E402
from spiders.schema import DOCUMENT_SCHEMA  # noqa: E402

EVAL = ROOT / "models/eval"
BATCH = 1000
# Documents in each turn of the one-process pairs: about 1 s of work each.
PAIR_DOCS = 250


def _sentences(lang: str) -> list[str]:
    out = []
    for name in (f"brands_{lang}.jsonl", f"sentiment_{lang}.jsonl"):
        path = EVAL / name
        if path.exists():
            out += [json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line]
    return out


def texts(n: int, lang: str, seed: int = 0) -> Iterator[str]:
    """Yield n documents of 2 to 8 sentences drawn from the evaluation sets (about 60 words each)."""
    rng = random.Random(seed)
    pool = _sentences(lang)
    for _ in range(n):
        yield " ".join(rng.choice(pool) for _ in range(rng.randint(2, 8)))


def batches(n: int, lang: str) -> Iterator[pa.Table]:
    """Yield DOCUMENT_SCHEMA tables of BATCH rows, built lazily."""
    now = datetime.now(UTC)
    base = {f.name: None for f in DOCUMENT_SCHEMA}
    base.update(source="bench", source_type="feed", channel="blog", kind="article", fetched_at=now,
                run_id="bench", lang_hint=lang)
    rows = []
    for i, text in enumerate(texts(n, lang)):
        rows.append({**base, "doc_id": str(i), "text": text})
        if len(rows) == BATCH:
            yield pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA)
            rows = []
    if rows:
        yield pa.Table.from_pylist(rows, schema=DOCUMENT_SCHEMA)


def _settings(lang: str, n_process: int) -> EnrichSettings:
    config = json.loads((EVAL / "config.json").read_text(encoding="utf-8"))
    return EnrichSettings(brands=config["brands"], topics=config["topics"], languages=[lang], n_process=n_process)


def throughput(n: int, lang: str, rounds: int = 3) -> dict[str, float]:
    """Return words/s of bare nlp.pipe and of the full enrichment on 1 and 2 processes.

    On this shared machine the speed of the same code drifts by 5 to 10 % over a minute, so
    one process is measured in pairs: bare and full take turns on each slice of `PAIR_DOCS`
    documents, `rounds` times over the texts, and each side's time is the sum of its turns
    (a drift then slows both alike). Two processes cannot take turns by slice (nlp.pipe
    starts its workers on each call): each figure is the best of `rounds` whole runs, and
    two processes are compared with whole one-process runs.
    """
    corpus = list(texts(n, lang))
    words = sum(len(t.split()) for t in corpus)
    tables = list(batches(n, lang))
    out: dict[str, float] = {"docs": n, "words": words, "rounds": rounds}
    package = EnrichSettings().pipelines[lang]
    nlp = spacy.load(package)
    for _ in nlp.pipe(corpus[:200]):  # warm-up
        pass
    enricher = Enricher(_settings(lang, 1))
    enricher.enrich(tables[0].slice(0, 200), "warm")
    table = pa.concat_tables(tables)
    bare = full = 0.0
    for _ in range(rounds):
        for offset in range(0, n, PAIR_DOCS):
            start = time.perf_counter()
            for _ in nlp.pipe(corpus[offset:offset + PAIR_DOCS], batch_size=64):
                pass
            middle = time.perf_counter()
            enricher.enrich(table.slice(offset, PAIR_DOCS), "bench")
            full += time.perf_counter() - middle
            bare += middle - start
    out["bare_wps_1p"] = round(rounds * words / bare)
    out["full_wps_1p"] = round(rounds * words / full)
    one, two = enricher, Enricher(_settings(lang, 2))
    two.enrich(tables[0].slice(0, 200), "warm")
    two._pool()
    # Whole runs, one process and two taking turns: the pairs above switch between two loaded
    # pipelines every slice, which costs the one-process enrichment its warm caches.
    runs: dict[str, list[float]] = {"bare_2p": [], "full_1p": [], "full_2p": []}
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in nlp.pipe(corpus, batch_size=64, n_process=2):
            pass
        runs["bare_2p"].append(time.perf_counter() - start)
        for name, runner in (("full_1p", one), ("full_2p", two)):
            start = time.perf_counter()
            for _ in runner.enrich_stream(tables, "bench"):
                pass
            runs[name].append(time.perf_counter() - start)
    two.close()
    out["bare_wps_2p"] = round(words / min(runs["bare_2p"]))
    out["full_wps_2p"] = round(words / min(runs["full_2p"]))
    out["full_wps_1p_whole_runs"] = round(words / min(runs["full_1p"]))
    out["full_vs_bare_1p"] = round(out["full_wps_1p"] / out["bare_wps_1p"], 3)
    out["full_2p_vs_1p"] = round(out["full_wps_2p"] / out["full_wps_1p_whole_runs"], 3)
    return out


def peak_memory(n: int, lang: str, n_process: int) -> dict[str, float]:
    """Stream n documents through the enrichment; return peak RSS in MB (parent, largest child)."""
    enricher = Enricher(_settings(lang, n_process))
    docs = 0
    for tables in enricher.enrich_stream(batches(n, lang), "bench"):
        docs += tables["doc_annotations"].num_rows
    enricher.close()
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"docs": docs, "peak_mb": round(own + child), "parent_mb": round(own), "child_mb": round(child)}


def main() -> None:
    """Parse arguments, run the benchmarks, print one JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--lang", default="fr")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the texts for each throughput figure")
    parser.add_argument("--memory", default="10000,100000", help="comma-separated sizes; '' to skip")
    parser.add_argument("--processes", type=int, default=2, help="worker processes of the memory runs")
    parser.add_argument("--peak-only", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.peak_only:
        print(json.dumps(peak_memory(args.peak_only, args.lang, args.processes)))
        return
    figures: dict[str, object] = {"lang": args.lang, **throughput(args.docs, args.lang, args.rounds)}
    sizes = [int(s) for s in args.memory.split(",") if s]
    for size in sizes:
        run = subprocess.run([sys.executable, __file__, "--lang", args.lang, "--processes", str(args.processes),
                              "--peak-only", str(size)], capture_output=True, text=True, check=True)
        figures[f"memory_{size}"] = json.loads(run.stdout.strip().splitlines()[-1])
    if len(sizes) == 2:
        small, big = (figures[f"memory_{s}"]["peak_mb"] for s in sizes)
        figures["memory_growth"] = round(big / small - 1, 3)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
