-- Every run record of the lake (lake/runs/date=*/*.parquet, docs/contracts.md "Runs").
CREATE OR REPLACE TEMP TABLE stg_runs (
    run_id VARCHAR, run_date DATE, source VARCHAR, source_type VARCHAR,
    started_at TIMESTAMPTZ, finished_at TIMESTAMPTZ, status VARCHAR, requests BIGINT,
    fetched BIGINT, new BIGINT, unchanged BIGINT, failed BIGINT, dropped VARCHAR, error VARCHAR
);
