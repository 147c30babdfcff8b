-- Every enriched/entities row of the lake, all enrichment runs.
CREATE OR REPLACE TEMP TABLE stg_entities (
    doc_id VARCHAR, label VARCHAR, text VARCHAR, norm VARCHAR, brand_id VARCHAR,
    start_char INTEGER, end_char INTEGER, model_version VARCHAR, run_id VARCHAR
);
