-- Every enriched/doc_topics row of the lake, all enrichment runs.
CREATE OR REPLACE TEMP TABLE stg_doc_topics (
    doc_id VARCHAR, topic_id VARCHAR, hits INTEGER, sentiment VARCHAR, sentiment_score DOUBLE,
    model_version VARCHAR, run_id VARCHAR
);
