-- Incremental loads: the lake's rows are kept in `_lake_*` tables, each row tagged with
-- its lake file; `_lake_files` records each loaded file's size and mtime. A publish
-- restages only new, changed or removed files, then rebuilds the final tables for the
-- keys (doc_id, account, run) those files touch. `mentions.published_date` lets the
-- analysts (and the benchmark's baseline) group mentions by day without a join.

CREATE TABLE _lake_files (
    kind VARCHAR NOT NULL,
    path VARCHAR NOT NULL,  -- relative to the lake root
    size BIGINT NOT NULL,
    mtime_ns BIGINT NOT NULL,
    loaded_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE _load_settings (
    timezone VARCHAR NOT NULL
);

CREATE TABLE _lake_raw_documents (
    doc_id VARCHAR, source VARCHAR, source_type VARCHAR, channel VARCHAR, kind VARCHAR,
    brand_owner VARCHAR, subject_brand VARCHAR, url VARCHAR, canonical_url VARCHAR,
    author VARCHAR, author_handle VARCHAR, author_followers BIGINT, title VARCHAR, text VARCHAR,
    published_at TIMESTAMPTZ, fetched_at TIMESTAMPTZ, rating DOUBLE, rating_best DOUBLE,
    reply_text VARCHAR, reply_at TIMESTAMPTZ, likes BIGINT, shares BIGINT, comments BIGINT,
    views BIGINT, parent_id VARCHAR, lang_hint VARCHAR, run_id VARCHAR, lake_file VARCHAR
);

CREATE TABLE _lake_accounts (
    source VARCHAR, platform VARCHAR, handle VARCHAR, brand_owner VARCHAR, followers BIGINT,
    following BIGINT, posts_count BIGINT, observed_at TIMESTAMPTZ, run_id VARCHAR, lake_file VARCHAR
);

CREATE TABLE _lake_doc_annotations (
    doc_id VARCHAR, lang VARCHAR, sentiment VARCHAR, sentiment_score DOUBLE,
    enriched_at TIMESTAMPTZ, model_version VARCHAR, run_id VARCHAR, lake_file VARCHAR
);

CREATE TABLE _lake_mentions (
    doc_id VARCHAR, brand_id VARCHAR, matched_text VARCHAR, start_char INTEGER, end_char INTEGER,
    sentence VARCHAR, via VARCHAR, sentiment VARCHAR, sentiment_score DOUBLE,
    model_version VARCHAR, run_id VARCHAR, lake_file VARCHAR
);

CREATE TABLE _lake_entities (
    doc_id VARCHAR, label VARCHAR, text VARCHAR, norm VARCHAR, brand_id VARCHAR,
    start_char INTEGER, end_char INTEGER, model_version VARCHAR, run_id VARCHAR, lake_file VARCHAR
);

CREATE TABLE _lake_doc_topics (
    doc_id VARCHAR, topic_id VARCHAR, hits INTEGER, sentiment VARCHAR, sentiment_score DOUBLE,
    model_version VARCHAR, run_id VARCHAR, lake_file VARCHAR
);

CREATE TABLE _lake_keyphrases (
    doc_id VARCHAR, phrase VARCHAR, count INTEGER, model_version VARCHAR, run_id VARCHAR,
    lake_file VARCHAR
);

CREATE TABLE _lake_runs (
    run_id VARCHAR, run_date DATE, source VARCHAR, source_type VARCHAR,
    started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, status VARCHAR, requests BIGINT,
    fetched BIGINT, new BIGINT, unchanged BIGINT, failed BIGINT, dropped VARCHAR, error VARCHAR,
    lake_file VARCHAR
);

ALTER TABLE mentions ADD COLUMN published_date DATE;

-- sov_daily and sov_weekly become tables materialised at publish (derived/), so that they
-- answer in milliseconds on years of history; the views they replace go.
DROP VIEW IF EXISTS sov_daily;
DROP VIEW IF EXISTS sov_weekly;
DROP VIEW IF EXISTS review_kpis;
DROP VIEW IF EXISTS brand_activity;

CREATE TABLE sov_daily (
    period_start DATE, brand_id VARCHAR, mentions BIGINT, mention_share DOUBLE,
    engagement BIGINT, engagement_share DOUBLE, positive BIGINT, negative BIGINT,
    neutral BIGINT, net_sentiment DOUBLE, share_low DOUBLE, share_high DOUBLE
);
CREATE TABLE sov_weekly AS FROM sov_daily;

-- trending_topics was created by the publish itself before this migration
CREATE TABLE IF NOT EXISTS trending_topics (
    day DATE, term_kind VARCHAR, term VARCHAR, brand_id VARCHAR, count BIGINT,
    baseline DOUBLE, score DOUBLE, is_burst BOOLEAN, example_doc_ids VARCHAR[]
);
