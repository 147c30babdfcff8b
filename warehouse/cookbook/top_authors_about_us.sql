-- Who are the top 20 authors writing about our own brand over the last 90 days?
SELECT d.author_handle, any_value(d.author) AS author, count(DISTINCT d.doc_id) AS documents,
       sum(coalesce(d.likes, 0) + coalesce(d.shares, 0) + coalesce(d.comments, 0)) AS engagement,
       max(d.author_followers) AS followers,
       count(*) FILTER (WHERE m.sentiment = 'negative') AS negative_mentions
FROM mentions AS m
JOIN brands AS b ON b.id = m.brand_id AND b.own
JOIN documents AS d USING (doc_id)
WHERE d.brand_owner IS NULL
  AND m.published_date > (SELECT max(published_date) FROM documents) - 90
  AND d.published_date = m.published_date  -- the same day; lets the scan skip older documents
GROUP BY d.author_handle
ORDER BY documents DESC, engagement DESC
LIMIT 20;
