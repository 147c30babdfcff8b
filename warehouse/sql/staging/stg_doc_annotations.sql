-- Every enriched/doc_annotations row of the lake, all enrichment runs.
CREATE OR REPLACE TEMP TABLE stg_doc_annotations (
    doc_id VARCHAR, lang VARCHAR, sentiment VARCHAR, sentiment_score DOUBLE,
    enriched_at TIMESTAMPTZ, model_version VARCHAR, run_id VARCHAR
);
