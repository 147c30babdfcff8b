-- Remove the brand_topics rows of the keys this publish rebuilds (`_affected_docs`).
DELETE FROM brand_topics AS t
USING _affected_docs AS k
WHERE t.doc_id = k.doc_id;
