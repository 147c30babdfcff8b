-- Mention rows (every enrichment run) of the documents to rebuild.
-- A temp view over `_lake_mentions` restricted to the keys this publish touches (`_affected_docs`).
CREATE OR REPLACE TEMP VIEW stg_mentions AS
SELECT s.* EXCLUDE (lake_file)
FROM _lake_mentions AS s
SEMI JOIN _affected_docs AS k USING (doc_id);
