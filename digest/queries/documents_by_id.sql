-- Documents whose doc_id is in $ids, most engaging first.
SELECT doc_id, source, channel, kind, brand_owner, url, title, text, author, published_at,
       rating, rating_best, sentiment,
       coalesce(likes, 0) + coalesce(shares, 0) + coalesce(comments, 0) AS engagement
FROM documents
WHERE list_contains($ids, doc_id)
ORDER BY engagement DESC, published_at DESC, doc_id
