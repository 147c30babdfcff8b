"""The analysts' cookbook: every saved question runs on a published warehouse."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from warehouse.cookbook import cookbook

from .lakebuilder import at, days

START = date(2025, 1, 6)
SPIKE = START + timedelta(days=35)


@pytest.fixture
def published(lake, publish):
    """Publish five quiet weeks, then a negative burst about orbis answered 5 hours later."""
    for i, day in enumerate(days(START, 35)):
        doc = f"q{i}"
        lake.doc(doc, day, author="Ana", author_handle="@ana", likes=i).annotate(doc)
        lake.mention(doc, ["nova", "orbis", "zen"][i % 3], "positive").topic(doc, "prix")
        lake.keyphrase(doc, "forfait")
    for i in range(6):
        doc = f"spike{i}"
        lake.doc(doc, SPIKE, published_at=at(SPIKE, 8 + i)).annotate(doc, "negative")
        lake.mention(doc, "orbis", "negative").topic(doc, "prix").keyphrase(doc, "panne")
    lake.doc("answer", SPIKE, brand_owner="orbis", channel="blog", published_at=at(SPIKE, 13))
    lake.doc("review", SPIKE, kind="review", subject_brand="orbis", rating=1.0, rating_best=5.0)
    lake.topic("review", "prix")
    publish()


def test_the_cookbook_has_at_least_ten_questions():
    recipes = cookbook()
    assert len(recipes) >= 10
    assert all(r.question.endswith("?") for r in recipes), [r.name for r in recipes]


@pytest.mark.parametrize("recipe", cookbook(), ids=lambda r: r.name)
def test_each_recipe_runs(published, rows, recipe):
    assert isinstance(rows(recipe.text), list)


def test_bad_buzz_response_time_finds_the_answer(published, rows):
    (recipe,) = [r for r in cookbook() if r.name == "bad_buzz_response_time"]
    got = rows(f"SELECT brand_id, answered_by, response_hours FROM ({recipe.text.strip().rstrip(';')}) "
               "WHERE term = 'prix'")
    assert got == [("orbis", "owned post", 5.0)]


def test_bursts_carry_their_over_represented_terms(published, rows):
    (recipe,) = [r for r in cookbook() if r.name == "burst_overrepresented_terms"]
    got = rows(f"SELECT DISTINCT term, phrase FROM ({recipe.text.strip().rstrip(';')})")
    assert ("prix", "panne") in got


def test_bad_buzz_takes_the_first_answer_and_leaves_out_bursts_of_praise(lake, publish, rows):
    """Two bursts of 'prix' on SPIKE: zen's, negative, answered first by a review reply; nova's, praise."""
    for i, day in enumerate(days(START, 35)):
        doc = f"q{i}"
        lake.doc(doc, day).annotate(doc).mention(doc, ["nova", "zen"][i % 2], "positive").topic(doc, "prix")
    for i in range(6):
        lake.doc(f"z{i}", SPIKE, published_at=at(SPIKE, 8 + i)).annotate(f"z{i}", "negative")
        lake.mention(f"z{i}", "zen", "negative").topic(f"z{i}", "prix")
        lake.doc(f"n{i}", SPIKE, published_at=at(SPIKE, 8 + i)).annotate(f"n{i}")
        lake.mention(f"n{i}", "nova", "positive").topic(f"n{i}", "prix")
    lake.doc("zen-post", SPIKE, brand_owner="zen", channel="blog", published_at=at(SPIKE, 15))
    lake.doc("zen-review", SPIKE - timedelta(days=1), kind="review", subject_brand="zen",
             rating=1.0, rating_best=5.0, reply_text="Désolés", reply_at=at(SPIKE, 10))
    publish()
    assert rows("SELECT brand_id FROM trending_topics WHERE is_burst AND day = ? AND term = 'prix' "
                "ORDER BY brand_id NULLS FIRST", [SPIKE]) == [(None,), ("nova",), ("zen",)]
    (recipe,) = [r for r in cookbook() if r.name == "bad_buzz_response_time"]
    got = rows(f"SELECT brand_id, share_negative, answered_by, response_hours "
               f"FROM ({recipe.text.strip().rstrip(';')}) WHERE term = 'prix'")
    assert got == [("zen", 1.0, "review reply", 2.0)]
