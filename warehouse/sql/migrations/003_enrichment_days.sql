-- `entities`, `doc_topics` and `keyphrases` carry the document's local day, as `mentions`
-- does, so that a question about some days reads those days only: the tables are loaded
-- in day order (load/*.sql), and DuckDB skips row groups by their min/max day.

ALTER TABLE entities ADD COLUMN published_date DATE;
ALTER TABLE doc_topics ADD COLUMN published_date DATE;
ALTER TABLE keyphrases ADD COLUMN published_date DATE;
UPDATE entities AS t SET published_date = d.published_date FROM documents AS d WHERE d.doc_id = t.doc_id;
UPDATE doc_topics AS t SET published_date = d.published_date FROM documents AS d WHERE d.doc_id = t.doc_id;
UPDATE keyphrases AS t SET published_date = d.published_date FROM documents AS d WHERE d.doc_id = t.doc_id;
