-- Every follower snapshot of the lake (lake/accounts/source=*/date=*/*.parquet).
CREATE OR REPLACE TEMP TABLE stg_accounts (
    source VARCHAR, platform VARCHAR, handle VARCHAR, brand_owner VARCHAR, followers BIGINT,
    following BIGINT, posts_count BIGINT, observed_at TIMESTAMPTZ, run_id VARCHAR
);
