-- One row per doc_id: its latest fetch, joined to its newest enrichment run. Stored in day
-- order, so that a question about some days reads those days only (min/max per row group).
-- $1: the watch timezone, which fixes the local publication day.
INSERT INTO documents BY NAME
WITH latest_fetch AS (
    SELECT *
    FROM stg_raw_documents
    QUALIFY row_number() OVER (PARTITION BY doc_id ORDER BY fetched_at DESC, run_id DESC) = 1
),
annotation AS (
    SELECT a.*
    FROM stg_doc_annotations AS a
    JOIN stg_enrichment_runs AS r USING (doc_id, run_id)
    -- the same run may have annotated a doc found in two raw partitions
    QUALIFY row_number() OVER (PARTITION BY a.doc_id ORDER BY a.enriched_at DESC) = 1
)
SELECT
    d.*,
    timezone($1, coalesce(d.published_at, d.fetched_at))::DATE AS published_date,
    a.lang,
    a.sentiment,
    a.sentiment_score,
    d.doc_id AS story_id,  -- a later issue groups syndicated copies under one story
    a.model_version,
    a.run_id AS enrich_run_id
FROM latest_fetch AS d
LEFT JOIN annotation AS a USING (doc_id)
ORDER BY published_date;
