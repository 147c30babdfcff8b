-- Earned documents (no brand owner) that mention $brand between $start and $end_excl, most engaging first.
SELECT doc_id, source, channel, kind, brand_owner, url, title, text, author, published_at,
       rating, rating_best, sentiment,
       coalesce(likes, 0) + coalesce(shares, 0) + coalesce(comments, 0) AS engagement
FROM documents
WHERE doc_id IN (SELECT doc_id FROM mentions WHERE brand_id = $brand)
  AND brand_owner IS NULL
  AND published_at >= CAST($start AS TIMESTAMPTZ)
  AND published_at < CAST($end_excl AS TIMESTAMPTZ)
ORDER BY engagement DESC, published_at DESC, doc_id
LIMIT $limit
