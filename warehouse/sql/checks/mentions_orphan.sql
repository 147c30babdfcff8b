-- fix: a mention's doc_id has no raw document; re-run the crawl or remove the stray enriched file
SELECT m.doc_id, m.brand_id, m.run_id
FROM mentions AS m
ANTI JOIN documents AS d USING (doc_id);
