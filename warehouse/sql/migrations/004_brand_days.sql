-- `brand_days`: earned documents per local day and brand, pre-aggregated at publish
-- (derived/brand_days.sql). The `sov` macro (hence sov_daily, sov_weekly) and the
-- bad-buzz question sum its rows instead of grouping millions of mentions.

CREATE TABLE brand_days (
    day DATE,                       -- local publication day
    brand_id VARCHAR,               -- every brand mentioned, configured or not
    mentions BIGINT,                -- earned documents mentioning the brand
    engagement BIGINT,              -- their likes + shares + comments (nulls as 0)
    positive BIGINT,                -- of those documents, by the brand's sentence vote
    negative BIGINT,
    neutral BIGINT,
    with_negative_mention BIGINT,   -- documents with at least one negative mention of the brand
    first_published_at TIMESTAMPTZ  -- the earliest of those documents' published_at
);
