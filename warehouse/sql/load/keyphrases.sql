-- The keyphrases rows of each document's newest enrichment run; DISTINCT because one run
-- may have enriched the same document in two raw partitions.
INSERT INTO keyphrases BY NAME
SELECT DISTINCT s.*
FROM stg_keyphrases AS s
JOIN stg_enrichment_runs AS r USING (doc_id, run_id);
