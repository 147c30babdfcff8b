-- fix: the load keeps one row per doc_id; a duplicate means load/documents.sql lost its dedup
SELECT doc_id, count(*) AS copies
FROM documents
GROUP BY doc_id
HAVING count(*) > 1;
