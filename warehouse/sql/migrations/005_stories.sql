-- Near-duplicate stories (warehouse/stories.py): the MinHash signature the enrichment
-- computes per long document (models/stories.py), and its locality-sensitive band keys.
-- documents.story_id then names the earliest document of each group of near-duplicates;
-- brand_days counts stories beside documents.

ALTER TABLE _lake_doc_annotations ADD COLUMN minhash BIGINT[];

CREATE TABLE story_signatures (
    doc_id VARCHAR PRIMARY KEY,
    published_at TIMESTAMPTZ,       -- coalesce(published_at, fetched_at) of the document
    minhash BIGINT[]
);

CREATE TABLE story_keys (
    doc_id VARCHAR,
    key UBIGINT                     -- hash of (band, the band's positions of the signature)
);

ALTER TABLE brand_days ADD COLUMN stories BIGINT;
ALTER TABLE sov_daily ADD COLUMN stories BIGINT;
ALTER TABLE sov_weekly ADD COLUMN stories BIGINT;
