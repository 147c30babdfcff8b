-- Most engaging documents between $start and $end_excl owned by, or mentioning, a brand that is not our own.
WITH competitors AS (
    SELECT id FROM brands WHERE NOT own
),
about AS (
    SELECT doc_id, min(brand_id) AS brand_id
    FROM mentions
    WHERE brand_id IN (SELECT id FROM competitors)
    GROUP BY doc_id
)
SELECT d.doc_id, d.source, d.channel, d.kind, d.brand_owner, d.url, d.title, d.text, d.author,
       d.published_at, d.rating, d.rating_best, d.sentiment,
       coalesce(d.brand_owner, about.brand_id) AS brand_id,
       d.brand_owner IS NOT NULL AS owned,
       coalesce(d.likes, 0) + coalesce(d.shares, 0) + coalesce(d.comments, 0) AS engagement
FROM documents AS d
LEFT JOIN about USING (doc_id)
WHERE (d.brand_owner IN (SELECT id FROM competitors) OR about.doc_id IS NOT NULL)
  AND d.published_at >= CAST($start AS TIMESTAMPTZ)
  AND d.published_at < CAST($end_excl AS TIMESTAMPTZ)
ORDER BY engagement DESC, d.published_at DESC, d.doc_id
LIMIT $limit
