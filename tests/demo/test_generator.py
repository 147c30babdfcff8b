"""The generated market: deterministic, large enough, varied, with clean brand wording."""

from __future__ import annotations

from collections import Counter
from datetime import date

from demo.generator import generate
from demo.model import BRANDS
from demo.signals import SIGNALS_PATH, render
from demo.texts import vetoed
from tests.demo.conftest import RUN_DATE


def _fingerprint(m):
    return [(d.key, d.at.isoformat(), d.text, d.brands) for d in m.documents()]


def test_same_seed_and_date_give_identical_market(market):
    assert _fingerprint(generate(RUN_DATE)) == _fingerprint(market)


def test_another_seed_gives_another_market(market):
    assert _fingerprint(generate(RUN_DATE, seed=8)) != _fingerprint(market)


def test_volume_source_types_and_language_mix(market):
    docs = market.documents()
    assert len(docs) >= 1500
    assert set(Counter(d.source_type for d in docs)) == {"blog", "news", "review", "mastodon", "bluesky", "forum"}
    fr = sum(d.lang == "fr" for d in docs) / len(docs)
    assert 0.85 <= fr <= 0.92


def test_documents_span_28_paris_days_in_daytime(market):
    docs = market.documents()
    assert {d.day for d in docs} == set(range(-27, 1))
    hours = Counter(d.at.astimezone(__import__("zoneinfo").ZoneInfo("Europe/Paris")).hour for d in docs)
    assert min(hours) >= 6 and max(hours) <= 23


def test_brand_texts_never_hit_an_exclude_phrase(market):
    libre = [d for d in market.documents() if "libre" in d.brands]
    assert libre and not any(vetoed(d.text) for d in libre)


def test_noise_documents_never_name_the_brand_libre(market):
    aliases = [a.lower() for a in next(b for b in BRANDS if b.id == "libre").aliases]
    noise = [d for d in market.documents() if "noise" in d.tags]
    assert len(noise) >= 40
    assert all("libre" in d.text.lower() and not any(a in d.text.lower() for a in aliases) for d in noise)
    assert all("libre" not in d.brands and d.earned for d in noise)


def test_aliases_vary_with_elisions_and_handles(market):
    text = " ".join(d.text for d in market.documents())
    for needle in ("d'Orbis", "d'Hexa", "@novamobile", "#LibreMobile", "Orbis Telecom", "Hexa Télécom"):
        assert needle in text


def test_signals_json_is_what_the_generator_gives_today():
    assert SIGNALS_PATH.read_text(encoding="utf-8") == render()


def test_signals_do_not_depend_on_the_run_date():
    assert render(run_date=date(2027, 3, 28)) == render()
