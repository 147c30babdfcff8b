"""The planted signals are present in the data with the intended sizes."""

from __future__ import annotations

import json

import pytest

from demo.signals import SIGNALS_PATH


@pytest.fixture(scope="module")
def signals():
    return {s["id"]: s for s in json.loads(SIGNALS_PATH.read_text(encoding="utf-8"))}


def test_every_signal_has_the_common_fields(signals):
    assert all({"id", "kind", "description", "brand", "tolerance"} <= s.keys() for s in signals.values())


def test_share_of_voice_lands_on_targets(signals):
    targets = {"orbis": 0.34, "nova": 0.28, "hexa": 0.22, "libre": 0.16}
    for brand, share in targets.items():
        assert abs(signals[f"sov-{brand}"]["share"] - share) < 0.02


def test_orbis_burst_dwarfs_its_baseline(signals):
    s = signals["burst-orbis-reseau"]
    assert all(n >= 15 for n in s["burst_counts"].values())
    assert s["baseline_max"] <= 3 and 1 <= s["baseline_mean"] <= 2
    assert {a["source_type"] for a in s["brand_answers"]} >= {"blog", "mastodon"}


def test_hexa_promotion_wave(signals):
    s = signals["promo-hexa-prix"]
    assert all(s["counts_by_day"][str(d)] >= 3 * max(1, s["baseline_mean"]) for d in s["burst_days"])


def test_libre_reviews_fall_and_go_unanswered(signals):
    p = signals["reviews-libre"]["periods"]
    assert abs(p["first_two_weeks"]["avg_rating"] - 4.0) < 0.3 and abs(p["last_week"]["avg_rating"] - 2.3) < 0.3
    assert p["all"]["response_rate"] < 0.15
    assert all(0.5 <= signals[f"reviews-{b}"]["periods"]["all"]["response_rate"] <= 0.85 for b in ("nova", "orbis", "hexa"))


def test_nova_followers_grow_others_flat(signals):
    assert abs(signals["followers-nova"]["growth"] - 0.30) < 0.02
    assert all(abs(signals[f"followers-{b}"]["growth"]) <= 0.03 for b in ("orbis", "libre", "hexa"))
