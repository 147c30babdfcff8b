-- Remove the documents rows of the keys this publish rebuilds (`_affected_docs`).
DELETE FROM documents AS t
USING _affected_docs AS k
WHERE t.doc_id = k.doc_id;
