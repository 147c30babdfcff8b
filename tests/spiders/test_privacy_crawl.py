"""[privacy] pseudonymise_authors at collection: no public author's name reaches the lake."""

from __future__ import annotations

from pathlib import Path

from contract.privacy import KEY_ENV, pseudonym
from tests.spiders.conftest import crawl, crawl_many, make_spec

KEY = "k" * 32
FEED = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Avis</title>
<item><title>Panne fibre chez Orbis</title><link>{base}/p/1</link><dc:creator>Marie Dupont</dc:creator>
<pubDate>Fri, 20 Nov 2026 08:00:00 +0000</pubDate>
<description>Trois jours sans internet, le service client ne répond pas.</description></item>
<item><title>Toujours en panne</title><link>{base}/p/2</link><dc:creator> marie  DUPONT </dc:creator>
<pubDate>Fri, 20 Nov 2026 09:00:00 +0000</pubDate>
<description>Quatrième jour sans connexion, aucune nouvelle de l'opérateur.</description></item>
</channel></rss>"""


def _spec(tmp_path: Path, server, name: str, **source) -> dict:
    spec = make_spec(tmp_path, {"name": name, "type": "feed", "url": f"{server.base}/{name}.xml",
                                "follow_links": False, **source})
    spec["privacy"] = {"pseudonymise_authors": True}
    return spec


def test_public_authors_are_pseudonymised_and_brands_keep_their_names(server, tmp_path, monkeypatch):
    monkeypatch.setenv(KEY_ENV, KEY)
    for name in ("forum", "blog"):
        server.routes[f"/{name}.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                          FEED.format(base=server.base).replace("/p/", f"/{name}/").encode())
    forum, blog = crawl_many(tmp_path, [_spec(tmp_path, server, "forum"),
                                        _spec(tmp_path, server, "blog", brand="orbis")])
    assert forum.stats["new"] == 2 and blog.stats["new"] == 2
    # one person, written two ways, is one pseudonym; the name itself is nowhere in the file
    assert {r["author"] for r in forum.rows} == {pseudonym(KEY, "Marie Dupont")}
    assert pseudonym(KEY, "Marie Dupont").startswith("anon-")
    raw = next((tmp_path / "lake" / "raw" / "source=forum").rglob("*.parquet")).read_bytes()
    assert b"Dupont" not in raw and b"DUPONT" not in raw
    # the brand's own channel speaks for the brand: its author stays
    assert {r["author"].strip() for r in blog.rows} == {"Marie Dupont", "marie  DUPONT"}


def test_pseudonymisation_without_its_key_collects_nothing(server, tmp_path, monkeypatch):
    monkeypatch.delenv(KEY_ENV, raising=False)
    server.routes["/forum.xml"] = (200, {"Content-Type": "application/rss+xml"},
                                   FEED.format(base=server.base).encode())
    result = crawl(tmp_path, _spec(tmp_path, server, "forum"))
    assert result.returncode != 0 and result.rows == [] and result.stats["new"] == 0
    assert KEY_ENV in result.log
    assert not (tmp_path / "lake" / "raw").exists()
