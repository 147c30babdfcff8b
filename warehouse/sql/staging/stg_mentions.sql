-- Every enriched/mentions row of the lake, all enrichment runs.
CREATE OR REPLACE TEMP TABLE stg_mentions (
    doc_id VARCHAR, brand_id VARCHAR, matched_text VARCHAR, start_char INTEGER, end_char INTEGER,
    sentence VARCHAR, via VARCHAR, sentiment VARCHAR, sentiment_score DOUBLE,
    model_version VARCHAR, run_id VARCHAR
);
