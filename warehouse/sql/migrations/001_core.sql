-- Core schema (design §5). No PRIMARY KEY constraints: every lake table is
-- reloaded with DELETE + INSERT inside one transaction at each publish, and
-- uniqueness is enforced by the checks (checks/*.sql), which name the offending
-- rows instead of failing on the first duplicate.

CREATE TABLE documents (
    doc_id VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    source_type VARCHAR NOT NULL,
    channel VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    brand_owner VARCHAR,
    subject_brand VARCHAR,
    url VARCHAR,
    canonical_url VARCHAR,
    author VARCHAR,
    author_handle VARCHAR,
    author_followers BIGINT,
    title VARCHAR,
    text VARCHAR,
    published_at TIMESTAMPTZ,
    fetched_at TIMESTAMPTZ NOT NULL,
    rating DOUBLE,
    rating_best DOUBLE,
    reply_text VARCHAR,
    reply_at TIMESTAMPTZ,
    likes BIGINT,
    shares BIGINT,
    comments BIGINT,
    views BIGINT,
    parent_id VARCHAR,
    lang_hint VARCHAR,
    run_id VARCHAR NOT NULL,
    published_date DATE NOT NULL,
    lang VARCHAR,
    sentiment VARCHAR,
    sentiment_score DOUBLE,
    story_id VARCHAR NOT NULL,
    model_version VARCHAR,
    enrich_run_id VARCHAR
);

CREATE TABLE mentions (
    doc_id VARCHAR NOT NULL,
    brand_id VARCHAR NOT NULL,
    matched_text VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence VARCHAR,
    via VARCHAR NOT NULL,
    sentiment VARCHAR NOT NULL,
    sentiment_score DOUBLE NOT NULL,
    model_version VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);

CREATE TABLE entities (
    doc_id VARCHAR NOT NULL,
    label VARCHAR NOT NULL,
    text VARCHAR NOT NULL,
    norm VARCHAR NOT NULL,
    brand_id VARCHAR,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    model_version VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);

CREATE TABLE doc_topics (
    doc_id VARCHAR NOT NULL,
    topic_id VARCHAR NOT NULL,
    hits INTEGER NOT NULL,
    sentiment VARCHAR NOT NULL,
    sentiment_score DOUBLE NOT NULL,
    model_version VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);

CREATE TABLE keyphrases (
    doc_id VARCHAR NOT NULL,
    phrase VARCHAR NOT NULL,
    count INTEGER NOT NULL,
    model_version VARCHAR NOT NULL,
    run_id VARCHAR NOT NULL
);

CREATE TABLE account_snapshots (
    source VARCHAR NOT NULL,
    platform VARCHAR NOT NULL,
    handle VARCHAR NOT NULL,
    brand_owner VARCHAR,
    followers BIGINT,
    following BIGINT,
    posts_count BIGINT,
    observed_at TIMESTAMPTZ NOT NULL,
    run_id VARCHAR NOT NULL,
    observed_date DATE NOT NULL
);

CREATE TABLE runs (
    run_id VARCHAR NOT NULL,
    run_date DATE,
    source VARCHAR NOT NULL,
    source_type VARCHAR,
    started_at TIMESTAMPTZ,
    finished_at TIMESTAMPTZ,
    status VARCHAR,
    requests BIGINT,
    fetched BIGINT,
    new BIGINT,
    unchanged BIGINT,
    failed BIGINT,
    dropped VARCHAR,
    error VARCHAR
);

CREATE TABLE brands (
    id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    own BOOLEAN NOT NULL,
    aliases VARCHAR[],
    exact VARCHAR[],
    exclude VARCHAR[],
    accounts JSON
);

CREATE TABLE topics (
    id VARCHAR NOT NULL,
    label VARCHAR,
    terms VARCHAR[]
);

CREATE TABLE sources (
    name VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    url VARCHAR,
    brand VARCHAR,
    channel VARCHAR,
    options JSON
);

CREATE TABLE metric_versions (
    version VARCHAR NOT NULL,
    defined_at TIMESTAMPTZ NOT NULL,
    definitions VARCHAR NOT NULL,
    is_current BOOLEAN NOT NULL
);
