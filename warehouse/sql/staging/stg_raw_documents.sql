-- Every raw document row of the lake (lake/raw/source=*/date=*/*.parquet), duplicates included.
CREATE OR REPLACE TEMP TABLE stg_raw_documents (
    doc_id VARCHAR, source VARCHAR, source_type VARCHAR, channel VARCHAR, kind VARCHAR,
    brand_owner VARCHAR, subject_brand VARCHAR, url VARCHAR, canonical_url VARCHAR,
    author VARCHAR, author_handle VARCHAR, author_followers BIGINT, title VARCHAR, text VARCHAR,
    published_at TIMESTAMPTZ, fetched_at TIMESTAMPTZ, rating DOUBLE, rating_best DOUBLE,
    reply_text VARCHAR, reply_at TIMESTAMPTZ, likes BIGINT, shares BIGINT, comments BIGINT,
    views BIGINT, parent_id VARCHAR, lang_hint VARCHAR, run_id VARCHAR
);
