"""Near-duplicate stories: a syndicated release is one story, grouped as the nights come."""

from __future__ import annotations

from datetime import date, timedelta

import warehouse
from models.stories import signature

from .lakebuilder import CONFIG, Lake

DAY = date(2025, 1, 6)  # a Monday
RELEASE = (
    "Orbis annonce le lancement de son offre fibre à 8 Gbit/s dans quarante villes françaises. "
    "L'opérateur promet une installation en moins de sept jours et un prix de 39,99 euros par "
    "mois pendant un an. Selon son directeur général, ce déploiement représente un "
    "investissement de 200 millions d'euros sur trois ans et couvrira deux millions de foyers."
)
COPIES = {
    "news-a": "Communiqué. " + RELEASE + " Contact presse : presse@orbis.example.",
    "news-b": "Publié ce jeudi par la rédaction. " + RELEASE.replace("annonce", "a annoncé")
    + " Lire aussi : notre comparatif des box.",
    "news-early": "Exclusif : " + RELEASE,
    "news-late": RELEASE + " (article republié)",
}
REVIEW = (
    "Orbis lance une offre fibre à 8 Gbit/s dans quarante villes, installation en sept jours. "
    "Nous avons comparé avec Nova et Hexa, moins chères mais plafonnées à 2 Gbit/s ; "
    "l'investissement annoncé laisse penser que d'autres villes suivront l'an prochain."
)
NIGHT2 = "20250108T030000Z-cccccc"
ENRICH2 = "20250108T040000Z-dddddd"


def _doc(lake: Lake, doc_id: str, day: date, text: str, **runs) -> None:
    crawl, enrich = runs.get("crawl"), runs.get("enrich")
    lake.doc(doc_id, day, text=text, **({"run_id": crawl} if crawl else {}))
    lake.annotate(doc_id, minhash=signature(text), **({"run_id": enrich} if enrich else {}))
    lake.mention(doc_id, "orbis", **({"run_id": enrich} if enrich else {}))


def _stories(rows) -> dict[str, str]:
    return dict(rows("SELECT doc_id, story_id FROM documents"))


def test_syndicated_copies_are_one_story_and_count_once(lake, publish, rows):
    _doc(lake, "news-a", DAY, COPIES["news-a"])
    _doc(lake, "news-b", DAY + timedelta(days=1), COPIES["news-b"])
    _doc(lake, "review", DAY, REVIEW)  # same subject, written anew: its own story
    _doc(lake, "news-late", DAY + timedelta(days=20), COPIES["news-late"])  # weeks later: new story
    lake.doc("short", DAY, text="Orbis fibre 8 Gbit/s").mention("short", "orbis")  # too short to group
    publish()
    assert _stories(rows) == {"news-a": "news-a", "news-b": "news-a", "review": "review",
                              "news-late": "news-late", "short": "short"}
    assert rows("SELECT day, mentions, stories FROM brand_days WHERE brand_id = 'orbis' ORDER BY day") == [
        (DAY, 3, 3), (DAY + timedelta(days=1), 1, 0), (DAY + timedelta(days=20), 1, 1)]
    assert rows("SELECT mentions, stories FROM sov_weekly WHERE brand_id = 'orbis' "
                "AND period_start = ?", [DAY]) == [(4, 3)]


def test_a_later_night_joins_and_reheads_stories_as_a_full_rebuild_would(lake, publish, rows, db_path):
    _doc(lake, "news-a", DAY, COPIES["news-a"])
    _doc(lake, "review", DAY, REVIEW)
    publish()
    assert _stories(rows) == {"news-a": "news-a", "review": "review"}
    # the next night brings a copy, and an earlier copy found late: it heads the story now
    later = Lake(lake.root)
    _doc(later, "news-b", DAY + timedelta(days=1), COPIES["news-b"], crawl=NIGHT2, enrich=ENRICH2)
    _doc(later, "news-early", DAY - timedelta(days=1), COPIES["news-early"], crawl=NIGHT2, enrich=ENRICH2)
    report = warehouse.publish(later.write(), db_path, CONFIG)
    assert not report.load.full and report.load.new_files > 0
    incremental = _stories(rows)
    assert incremental == {"news-early": "news-early", "news-a": "news-early",
                           "news-b": "news-early", "review": "review"}
    by_day = rows("SELECT day, stories FROM brand_days WHERE brand_id = 'orbis' ORDER BY day")
    assert by_day == [(DAY - timedelta(days=1), 1), (DAY, 1), (DAY + timedelta(days=1), 0)]
    warehouse.publish(lake.root, db_path, CONFIG, full=True)
    assert _stories(rows) == incremental
    assert rows("SELECT day, stories FROM brand_days WHERE brand_id = 'orbis' ORDER BY day") == by_day
