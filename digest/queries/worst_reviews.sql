-- Lowest-rated reviews about $brand on $source between $start and $end_excl.
SELECT doc_id, source, channel, kind, brand_owner, url, title, text, author, published_at,
       rating, rating_best, sentiment,
       coalesce(likes, 0) + coalesce(shares, 0) + coalesce(comments, 0) AS engagement
FROM documents
WHERE source = $source
  AND rating IS NOT NULL
  AND (subject_brand = $brand OR doc_id IN (SELECT doc_id FROM mentions WHERE brand_id = $brand))
  AND published_at >= CAST($start AS TIMESTAMPTZ)
  AND published_at < CAST($end_excl AS TIMESTAMPTZ)
ORDER BY rating / coalesce(nullif(rating_best, 0), 5) ASC, published_at DESC, doc_id
LIMIT $limit
