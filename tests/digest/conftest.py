"""A tiny warehouse with the relations the digest reads: two weeks, four brands."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

AS_OF = date(2026, 11, 22)  # a Sunday: the week of 16 to 22 November 2026

_SCHEMA = """
CREATE TABLE brands (id VARCHAR, name VARCHAR, own BOOLEAN);
CREATE TABLE topics (id VARCHAR, label VARCHAR);
CREATE TABLE metric_versions (version VARCHAR, defined_at TIMESTAMPTZ, definitions VARCHAR);
CREATE TABLE documents (doc_id VARCHAR, source VARCHAR, channel VARCHAR, kind VARCHAR,
    brand_owner VARCHAR, subject_brand VARCHAR, url VARCHAR, title VARCHAR, text VARCHAR,
    author VARCHAR, published_at TIMESTAMPTZ, rating DOUBLE, rating_best DOUBLE,
    reply_text VARCHAR, likes BIGINT, shares BIGINT, comments BIGINT, lang VARCHAR,
    sentiment VARCHAR, sentiment_score DOUBLE, reply_at TIMESTAMPTZ);
CREATE TABLE doc_topics (doc_id VARCHAR, topic_id VARCHAR, hits BIGINT, sentiment VARCHAR,
    sentiment_score DOUBLE);
CREATE TABLE runs (run_id VARCHAR, run_date DATE, source VARCHAR, source_type VARCHAR,
    status VARCHAR, new BIGINT, unchanged BIGINT, failed BIGINT, dropped VARCHAR, error VARCHAR);
CREATE TABLE mentions (doc_id VARCHAR, brand_id VARCHAR, matched_text VARCHAR);
CREATE TABLE sov_weekly (period_start DATE, brand_id VARCHAR, mentions BIGINT,
    mention_share DOUBLE, engagement BIGINT, engagement_share DOUBLE, positive BIGINT,
    negative BIGINT, neutral BIGINT, net_sentiment DOUBLE, share_low DOUBLE, share_high DOUBLE);
CREATE TABLE sov_daily AS SELECT * FROM sov_weekly LIMIT 0;
CREATE TABLE trending_topics (day DATE, term_kind VARCHAR, term VARCHAR, brand_id VARCHAR,
    count BIGINT, baseline DOUBLE, score DOUBLE, is_burst BOOLEAN, example_doc_ids VARCHAR[]);
CREATE TABLE review_kpis (week_start DATE, brand_id VARCHAR, source VARCHAR, reviews BIGINT,
    avg_rating DOUBLE, share_negative DOUBLE, response_rate DOUBLE,
    median_response_hours DOUBLE);
CREATE TABLE brand_activity (week_start DATE, brand_id VARCHAR, channel VARCHAR, posts BIGINT,
    engagement BIGINT, engagement_per_post DOUBLE, followers BIGINT, audience_growth DOUBLE);
"""

_ROWS = """
INSERT INTO brands VALUES ('orbis', 'Orbis', true), ('nova', 'Nova', false),
    ('lien', 'Lien', false), ('zephyr', 'Zéphyr', false);
INSERT INTO metric_versions VALUES ('2026.11-1', '2026-11-01 00:00:00+00', '{}');
INSERT INTO documents VALUES
 ('d1', 'avis-example', 'review', 'review', NULL, 'orbis', 'https://avis.example/orbis/1',
  'Nul', '<script>alert(1)</script> Réseau en panne depuis trois jours', 'Jean', '2026-11-20 09:00:00+00',
  1, 5, NULL, 2, 0, 1, 'fr', 'negative', -0.9, NULL),
 ('d2', 'forum-example', 'forum', 'post', NULL, NULL, 'https://forum.example/t/42',
  'Panne <b>générale</b> chez Orbis', 'Plus de fibre ni de mobile ce matin.', 'zoe',
  '2026-11-20 07:30:00+00', NULL, NULL, NULL, 40, 5, 12, 'fr', 'negative', -0.7, NULL),
 ('d3', 'nova-blog', 'blog', 'article', 'nova', NULL, 'https://nova.example/blog/promo-noel',
  'Promo de Noël : la fibre à 15 €', 'Nova lance sa promotion de fin d''année.', 'Nova',
  '2026-11-21 08:00:00+00', NULL, NULL, NULL, 500, 120, 80, 'fr', 'positive', 0.8, NULL),
 ('d4', 'forum-example', 'forum', 'post', NULL, NULL, 'javascript:alert(2)',
  'Zéphyr déçoit', 'Service client injoignable.', 'max', '2026-11-18 10:00:00+00',
  NULL, NULL, NULL, 30, 1, 4, 'fr', 'negative', -0.5, NULL),
 ('d5', 'avis-example', 'review', 'review', NULL, 'orbis', 'https://avis.example/orbis/2',
  'Bof', 'Débit correct mais facture en hausse.', 'Luc', '2026-11-17 12:00:00+00',
  2, 5, NULL, 0, 0, 0, 'fr', 'negative', -0.3, '2026-11-21 10:00:00+00'),
 ('d6', 'news-example', 'news', 'article', NULL, NULL, 'https://news.example/nova-record',
  'Nova bat un record d''abonnés', 'Le troisième opérateur progresse.', 'AFP',
  '2026-11-19 06:00:00+00', NULL, NULL, NULL, 90, 30, 10, 'fr', 'positive', 0.6, NULL);
INSERT INTO documents (doc_id, source, channel, kind, brand_owner, url, title, text, author,
    published_at, likes, shares, comments, lang, sentiment, sentiment_score) VALUES
 ('d7', 'orbis-social', 'social', 'post', 'orbis', 'https://social.example/orbis/1',
  'Orbis vous informe', 'Nos équipes sont mobilisées.', 'Orbis', '2026-11-20 13:30:00+00',
  5, 1, 2, 'fr', 'neutral', 0.0),
 ('d8', 'orbis-social', 'social', 'post', 'orbis', 'https://social.example/orbis/0',
  'Bonne semaine', 'Avant la panne.', 'Orbis', '2026-11-19 08:00:00+00',
  1, 0, 0, 'fr', 'positive', 0.5);
INSERT INTO topics VALUES ('reseau', 'Réseau'), ('prix', 'Prix & <promos>'),
    ('service', 'Service client');
INSERT INTO doc_topics VALUES ('d1', 'reseau', 2, 'negative', -0.9),
    ('d2', 'reseau', 1, 'negative', -0.7), ('d6', 'reseau', 1, 'positive', 0.6),
    ('d5', 'prix', 1, 'negative', -0.4), ('d3', 'prix', 3, 'positive', 0.8),
    ('d4', 'service', 1, 'neutral', 0.0), ('d7', 'service', 1, 'positive', 0.5),
    ('gone', 'service', 1, 'negative', -0.5);
INSERT INTO runs VALUES
 ('r1', '2026-11-20', 'rss-lien', 'rss', 'ok', 0, 4, 0, '{}', NULL),
 ('r2', '2026-11-21', 'rss-lien', 'rss', 'ok', 0, 4, 0, '{}', NULL),
 ('r3', '2026-11-22', 'rss-lien', 'rss', 'ok', 0, 4, 0, '{}', NULL),
 ('r9', '2026-11-25', 'rss-lien', 'rss', 'ok', 6, 4, 0, '{}', NULL),
 ('r1', '2026-11-20', 'forum-example', 'html', 'ok', 0, 9, 0, '{}', NULL),
 ('r2', '2026-11-21', 'forum-example', 'html', 'ok', 0, 9, 0, '{}', NULL),
 ('r3', '2026-11-22', 'forum-example', 'html', 'ok', 2, 9, 0, '{}', NULL),
 ('r2', '2026-11-21', 'blog-<i>calme</i>', 'rss', 'ok', 0, 1, 0, '{}', NULL),
 ('r3', '2026-11-22', 'blog-<i>calme</i>', 'rss', 'ok', 0, 1, 0, '{}', NULL),
 ('r0', '2026-11-19', 'blog-<i>calme</i>', 'rss', 'ok', 0, 1, 0, '{}', NULL),
 ('r1', '2026-11-20', 'news-example', 'rss', 'ok', 0, 3, 0, '{}', NULL),
 ('r2', '2026-11-21', 'news-example', 'rss', 'failed', 0, 0, 0, '{}', 'HTTP 500'),
 ('r3', '2026-11-22', 'news-example', 'rss', 'ok', 0, 3, 0, '{}', NULL),
 ('r2', '2026-11-21', 'blog-neuf', 'rss', 'ok', 0, 0, 0, '{}', NULL),
 ('r3', '2026-11-22', 'blog-neuf', 'rss', 'ok', 0, 0, 0, '{}', NULL);
INSERT INTO mentions VALUES ('d1', 'orbis', 'Orbis'), ('d2', 'orbis', 'Orbis'),
    ('d3', 'nova', 'Nova'), ('d4', 'zephyr', 'Zéphyr'), ('d5', 'orbis', 'Orbis'),
    ('d6', 'nova', 'Nova');
INSERT INTO sov_weekly VALUES
 ('2026-11-09', 'orbis', 300, 0.30, 3000, 0.30, 100, 80, 120, 0.111, 0.26, 0.34),
 ('2026-11-09', 'nova',  300, 0.30, 3000, 0.30, 120, 60, 120, 0.333, 0.26, 0.34),
 ('2026-11-09', 'lien',  200, 0.20, 2000, 0.20,  50, 50, 100, 0.0,   0.17, 0.23),
 ('2026-11-09', 'zephyr',200, 0.20, 2000, 0.20,  60, 40, 100, 0.2,   0.17, 0.23),
 ('2026-11-16', 'orbis', 342, 0.342, 3000, 0.25, 60, 180, 102, -0.5, 0.301, 0.384),
 ('2026-11-16', 'nova',  450, 0.45, 6000, 0.50, 250, 50, 150, 0.667, 0.41, 0.49),
 ('2026-11-16', 'lien',  108, 0.108, 1000, 0.10, 30, 30, 48, 0.0,   0.08, 0.14),
 ('2026-11-16', 'zephyr',100, 0.10, 1800, 0.15, 10, 60, 30, -0.714, 0.08, 0.12);
INSERT INTO sov_daily VALUES
 ('2026-11-21', 'orbis', 40, 0.40, 300, 0.3, 5, 30, 5, -0.714, 0.30, 0.50),
 ('2026-11-21', 'nova',  60, 0.60, 700, 0.7, 40, 5, 15, 0.778, 0.50, 0.70),
 ('2026-11-22', 'orbis', 10, 0.25, 100, 0.2, 2, 5, 3, -0.429, 0.14, 0.40),
 ('2026-11-22', 'nova',  30, 0.75, 400, 0.8, 20, 2, 8, 0.818, 0.60, 0.86);
INSERT INTO trending_topics VALUES
 ('2026-11-18', 'topic', 'service client', 'zephyr', 8, 1.0, 4.0, true, ['d4']),
 ('2026-11-21', 'keyphrase', 'facture <b>salée</b>', 'orbis', 7, 1.0, 4.1, true, ['d5', 'd3']),
 ('2026-11-20', 'topic', 'panne réseau', 'orbis', 42, 3.1, 5.2, true, ['d1', 'd2']),
 ('2026-11-21', 'topic', 'panne réseau', 'orbis', 20, 3.0, 3.0, true, ['d2']),
 ('2026-11-21', 'keyphrase', 'promo noël', 'nova', 60, 2.0, 7.0, true, ['d3']),
 ('2026-11-19', 'keyphrase', 'fibre <i>optique</i>', NULL, 12, 9.0, 0.4, false, ['d6']),
 ('2026-11-02', 'topic', 'vieille affaire', NULL, 99, 1.0, 9.0, true, ['d6']);
INSERT INTO review_kpis VALUES
 ('2026-11-09', 'orbis', 'avis-example', 10, 3.8, 0.10, 0.50, 20),
 ('2026-11-16', 'orbis', 'avis-example', 12, 2.9, 0.42, 0.10, 50),
 ('2026-11-09', 'nova', 'avis-example', 8, 4.1, 0.05, 0.80, 6),
 ('2026-11-16', 'nova', 'avis-example', 9, 4.2, 0.00, 0.90, 5);
INSERT INTO brand_activity VALUES
 ('2026-11-16', 'nova', 'blog', 3, 700, 233.3, 12000, 0.02),
 ('2026-11-16', 'nova', 'social', 0, 0, NULL, 12000, 0.02),
 ('2026-11-16', 'orbis', 'social', 2, 9, 4.5, 48250, 0.125),
 ('2026-11-16', 'zephyr', 'social', 0, 0, NULL, 3100, -0.031),
 ('2026-11-16', 'lien', 'social', 0, 0, NULL, 900, NULL),
 ('2026-11-09', 'orbis', 'social', 1, 3, 3.0, 42900, 0.01);
"""


def make_warehouse(path: Path, *, rows: bool = True) -> Path:
    """Create a DuckDB file with the digest's relations (and the fixture rows)."""
    con = duckdb.connect(str(path))
    con.execute("SET TimeZone = 'UTC'")
    con.execute(_SCHEMA)
    if rows:
        con.execute(_ROWS)
    con.close()
    return path


@pytest.fixture
def warehouse(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Yield a read-only connection to the fixture warehouse."""
    con = duckdb.connect(str(make_warehouse(tmp_path / "veille.duckdb")), read_only=True)
    yield con
    con.close()


@pytest.fixture
def empty_warehouse(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """Yield a read-only connection to a warehouse with the relations but no rows."""
    con = duckdb.connect(str(make_warehouse(tmp_path / "empty.duckdb", rows=False)), read_only=True)
    yield con
    con.close()
