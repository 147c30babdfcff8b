-- Every enriched/keyphrases row of the lake, all enrichment runs.
CREATE OR REPLACE TEMP TABLE stg_keyphrases (
    doc_id VARCHAR, phrase VARCHAR, count INTEGER, model_version VARCHAR, run_id VARCHAR
);
