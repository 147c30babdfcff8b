-- Doc-level annotations (every enrichment run) of the documents to rebuild.
-- A temp view over `_lake_doc_annotations` restricted to the keys this publish touches (`_affected_docs`).
CREATE OR REPLACE TEMP VIEW stg_doc_annotations AS
SELECT s.* EXCLUDE (lake_file)
FROM _lake_doc_annotations AS s
SEMI JOIN _affected_docs AS k USING (doc_id);
