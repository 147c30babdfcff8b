-- (brand, topic) rows (every enrichment run) of the documents to rebuild.
-- A temp view over `_lake_brand_topics` restricted to the keys this publish touches (`_affected_docs`).
CREATE OR REPLACE TEMP VIEW stg_brand_topics AS
SELECT s.* EXCLUDE (lake_file)
FROM _lake_brand_topics AS s
SEMI JOIN _affected_docs AS k USING (doc_id);
