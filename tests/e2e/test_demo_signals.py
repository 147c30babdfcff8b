"""The whole nightly flow on the demo web recovers every signal planted in demo/signals.json."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest

from tests.e2e.conftest import RUN_DATE

pytestmark = pytest.mark.e2e

SIGNALS = {s["id"]: s for s in json.loads(
    (Path(__file__).resolve().parents[2] / "demo" / "signals.json").read_text(encoding="utf-8"))}


def day(offset: int):
    return RUN_DATE + timedelta(days=offset)


@pytest.fixture(scope="module")
def con(warehouse_db):
    con = duckdb.connect(str(warehouse_db), read_only=True)
    yield con
    con.close()


@pytest.mark.parametrize("brand", ["nova", "orbis", "libre", "hexa"])
def test_share_of_voice_per_brand(con, brand):
    signal = SIGNALS[f"sov-{brand}"]
    rows = dict(con.execute(
        "select brand_id, sum(mentions) from sov_daily where period_start between ? and ? group by 1",
        [day(signal["from_day"]), day(signal["to_day"])],
    ).fetchall())
    share = rows.get(brand, 0) / sum(rows.values())
    assert share == pytest.approx(signal["share"], abs=signal["tolerance"]["share"]), rows


def test_share_of_voice_rank(con):
    rows = con.execute(
        "select brand_id from sov_daily where period_start between ? and ? "
        "group by 1 order by sum(mentions) desc", [day(-27), day(0)]).fetchall()
    assert [r[0] for r in rows] == SIGNALS["sov-rank"]["order"]


def test_negative_burst_is_flagged(con):
    signal = SIGNALS["burst-orbis-reseau"]
    for offset in signal["burst_days"]:
        row = con.execute(
            "select count, is_burst, example_doc_ids from trending_topics "
            "where term_kind = 'topic' and term = ? and brand_id = ? and day = ?",
            [signal["topic"], signal["brand"], day(offset)],
        ).fetchone()
        assert row is not None, f"no trending_topics row for day {offset}"
        count, is_burst, examples = row
        assert is_burst, row
        assert count >= signal["tolerance"]["min_count_per_burst_day"]
        tones = [t for (t,) in con.execute(
            "select sentiment from documents where doc_id in (select unnest(?::varchar[]))", [examples]).fetchall()]
        assert tones.count("negative") > len(tones) / 2, tones
    quiet = con.execute(
        "select count(*) from trending_topics where term_kind = 'topic' and term = ? and brand_id = ? "
        "and is_burst and day < ?", [signal["topic"], signal["brand"], day(-2)]).fetchone()[0]
    assert quiet == 0


def test_competitor_promotion(con):
    signal = SIGNALS["promo-hexa-prix"]
    flagged = con.execute(
        "select count(*) from trending_topics where term_kind = 'topic' and term = ? and brand_id = ? "
        "and is_burst and day between ? and ?",
        [signal["topic"], signal["brand"], day(signal["burst_days"][0]), day(signal["burst_days"][-1])],
    ).fetchone()[0]
    assert flagged >= 1
    owned = con.execute(
        "select count(*) from documents where brand_owner = ? and published_at::date = ? "
        "and doc_id in (select doc_id from doc_topics where topic_id = ?)",
        [signal["brand"], day(signal["promo_day"]), signal["topic"]],
    ).fetchone()[0]
    assert owned >= 1


def _weighted(con, brand, column):
    return con.execute(
        f"select sum({column} * reviews) / sum(reviews) from review_kpis where brand_id = ?",
        [brand],
    ).fetchone()[0]


def test_falling_review_average_and_low_response_rate(con):
    signal = SIGNALS["reviews-libre"]
    tol = signal["tolerance"]
    weeks = con.execute(
        "select week_start, sum(avg_rating * reviews) / sum(reviews) from review_kpis "
        "where brand_id = 'libre' group by 1 order by 1").fetchall()
    assert weeks[0][1] - weeks[-1][1] >= 1.0, weeks
    everything = signal["periods"]["all"]
    assert _weighted(con, "libre", "avg_rating") == pytest.approx(everything["avg_rating"], abs=tol["avg_rating"])
    assert _weighted(con, "libre", "response_rate") == pytest.approx(
        everything["response_rate"], abs=tol["response_rate"])
    for other in ("nova", "orbis", "hexa"):
        planted = SIGNALS[f"reviews-{other}"]["periods"]["all"]["response_rate"]
        assert _weighted(con, other, "response_rate") == pytest.approx(planted, abs=tol["response_rate"])
        assert planted > everything["response_rate"] + 0.3


def test_follower_growth(con):
    for brand in ("nova", "orbis", "libre", "hexa"):
        signal = SIGNALS[f"followers-{brand}"]
        by_day = signal["followers_by_day"]
        snaps = dict(con.execute(
            "select observed_at::date, followers from account_snapshots "
            "where platform = 'mastodon' and brand_owner = ?", [brand]).fetchall())
        first, last = day(-21), day(0)
        assert snaps[first] == by_day["-21"] and snaps[last] == by_day["0"], snaps
        growth = snaps[last] / snaps[first] - 1
        expected = by_day["0"] / by_day["-21"] - 1
        assert growth == pytest.approx(expected, abs=signal["tolerance"]["growth"])
    growth = con.execute(
        "select sum(audience_growth) from brand_activity where brand_id = 'nova' and channel = 'social'"
    ).fetchone()[0]
    assert growth is not None and growth > 0.1


def test_common_word_noise_is_not_the_brand(con):
    signal = SIGNALS["noise-libre"]
    found, false_positives = 0, []
    for path in signal["paths"]:
        row = con.execute("select doc_id from documents where url like ?", ["%" + path]).fetchone()
        if row is None:
            continue
        found += 1
        hit = con.execute(
            "select matched_text, sentence from mentions where doc_id = ? and brand_id = 'libre'",
            [row[0]]).fetchall()
        if hit:
            false_positives.append((path, hit))
    assert found >= len(signal["paths"]) * 0.9
    assert len(false_positives) <= signal["tolerance"]["false_positives_max"], false_positives


def test_digest_shows_the_burst_and_escapes_the_probe(demo_run):
    _config, results = demo_run
    html = Path(results[-1]["digest"]["html"]).read_text(encoding="utf-8")
    assert "<script>alert" not in html
    text = Path(results[-1]["digest"]["txt"]).read_text(encoding="utf-8")
    assert "Orbis" in text
