-- Raw document rows (every fetch) of the documents to rebuild.
-- A temp view over `_lake_raw_documents` restricted to the keys this publish touches (`_affected_docs`).
CREATE OR REPLACE TEMP VIEW stg_raw_documents AS
SELECT s.* EXCLUDE (lake_file)
FROM _lake_raw_documents AS s
SEMI JOIN _affected_docs AS k USING (doc_id);
