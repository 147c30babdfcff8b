-- The brand_topics rows of each document's newest enrichment run; DISTINCT because one run
-- may have enriched the same document in two raw partitions. Loaded after documents, with the
-- document's local day, in day order (a query on some days then reads those days only).
INSERT INTO brand_topics BY NAME
SELECT DISTINCT s.*, d.published_date
FROM stg_brand_topics AS s
JOIN stg_enrichment_runs AS r USING (doc_id, run_id)
LEFT JOIN documents AS d USING (doc_id)
ORDER BY d.published_date;
