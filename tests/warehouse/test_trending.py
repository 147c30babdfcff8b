"""Bursts: a Poisson-interval score against each term's own baseline (design §6)."""

from __future__ import annotations

from datetime import date, timedelta

from .lakebuilder import days

START = date(2025, 1, 6)
HISTORY = days(START, 35)  # five weeks of quiet history
SPIKE_DAY = START + timedelta(days=35)
QUIET = [1, 1, 0, 2, 1, 1, 1]  # ~1 a day, by weekday


def plant(lake, term, counts_by_day, *, brand=None, kind="keyphrase"):
    """Add `count` documents carrying `term` on each day; likes = index, to rank examples."""
    for day, count in counts_by_day:
        for i in range(count):
            doc_id = f"{term}-{day:%m%d}-{i}"
            lake.doc(doc_id, day, likes=i)
            if kind == "keyphrase":
                lake.keyphrase(doc_id, term)
            else:
                lake.topic(doc_id, term)
            if brand:
                lake.mention(doc_id, brand)


def test_a_term_going_from_one_a_day_to_six_bursts(lake, publish, rows):
    plant(
        lake,
        "panne",
        [(d, QUIET[i % 7]) for i, d in enumerate(HISTORY)] + [(SPIKE_DAY, 6)],
        brand="orbis",
    )
    publish()
    got = rows(
        "SELECT brand_id, count, baseline, score, is_burst, example_doc_ids FROM trending_topics "
        "WHERE term = 'panne' AND day = ? ORDER BY brand_id NULLS FIRST",
        [SPIKE_DAY],
    )
    # same-weekday baseline: 1, 1, 1, 1 -> mu = 1; Q0.995(1) = 4, Q0.005(1) = 0
    examples = ["panne-0210-5", "panne-0210-4", "panne-0210-3"]
    assert got == [(None, 6, 1.0, 1.25, True, examples), ("orbis", 6, 1.0, 1.25, True, examples)]
    assert rows("SELECT count(*) FROM trending_topics WHERE term = 'panne' AND is_burst") == [(2,)]


def test_a_term_moving_between_40_and_55_a_day_never_bursts(lake, publish, rows):
    counts = [40 + (i * 7) % 16 for i in range(len(HISTORY))] + [55]
    plant(lake, "forfait", list(zip([*HISTORY, SPIKE_DAY], counts)), kind="topic")
    publish()
    assert rows("SELECT max(count), min(count) FROM trending_topics") == [(55, 40)]
    assert rows("SELECT count(*) FROM trending_topics WHERE is_burst") == [(0,)]
    assert rows("SELECT term_kind FROM trending_topics WHERE day = ?", [SPIKE_DAY]) == [("topic",)]


def test_a_young_lake_flags_nothing(lake, publish, rows):
    plant(lake, "panne", [(START, 1), (START + timedelta(days=1), 9)])
    publish()
    assert rows("SELECT count(*) FROM trending_topics WHERE is_burst") == [(0,)]


def test_examples_are_kept_on_bursts_and_on_each_days_best_terms_only(lake, publish, rows):
    day = SPIKE_DAY
    plant(lake, "panne", [(d, QUIET[i % 7]) for i, d in enumerate(HISTORY)] + [(day, 6)])
    for n in range(25):  # 25 more terms on the spike day, each a little above a quiet history
        plant(lake, f"mot{n:02d}", [(d, 1) for d in HISTORY[-7:]] + [(day, 1 + n % 3)])
    publish()
    kept = rows("SELECT term, is_burst FROM trending_topics WHERE day = ? AND brand_id IS NULL "
                "AND example_doc_ids IS NOT NULL ORDER BY score DESC, term", [day])
    assert len(kept) == 20 and ("panne", True) in kept  # the burst ranks among the 20 here
    dropped = rows("SELECT max(score) FROM trending_topics WHERE day = ? AND brand_id IS NULL "
                   "AND example_doc_ids IS NULL", [day])[0][0]
    assert dropped <= min(s for (s,) in rows("SELECT score FROM trending_topics WHERE day = ? AND brand_id "
                                             "IS NULL AND example_doc_ids IS NOT NULL", [day]))
    assert rows("SELECT count(*) FROM trending_topics WHERE day = ? AND brand_id IS NULL", [day]) == [(26,)]
