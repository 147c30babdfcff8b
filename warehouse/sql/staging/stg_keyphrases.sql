-- Keyphrase rows (every enrichment run) of the documents to rebuild.
-- A temp view over `_lake_keyphrases` restricted to the keys this publish touches (`_affected_docs`).
CREATE OR REPLACE TEMP VIEW stg_keyphrases AS
SELECT s.* EXCLUDE (lake_file)
FROM _lake_keyphrases AS s
SEMI JOIN _affected_docs AS k USING (doc_id);
