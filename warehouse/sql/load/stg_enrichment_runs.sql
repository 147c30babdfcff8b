-- The newest enrichment run of each doc_id (run ids sort by time), over every enriched table,
-- so that a re-enrichment that finds no mention also retires the old mentions.
CREATE OR REPLACE TEMP TABLE stg_enrichment_runs AS
SELECT doc_id, max(run_id) AS run_id
FROM (
    SELECT doc_id, run_id FROM stg_doc_annotations
    UNION ALL SELECT doc_id, run_id FROM stg_mentions
    UNION ALL SELECT doc_id, run_id FROM stg_entities
    UNION ALL SELECT doc_id, run_id FROM stg_doc_topics
    UNION ALL SELECT doc_id, run_id FROM stg_brand_topics
    UNION ALL SELECT doc_id, run_id FROM stg_keyphrases
)
GROUP BY doc_id;
