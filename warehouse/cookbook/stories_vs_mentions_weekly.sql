-- How many distinct stories (syndicated copies counted once) sit behind each brand's weekly mentions?
SELECT date_trunc('week', m.published_date)::DATE AS week_start, m.brand_id,
       count(DISTINCT m.doc_id) AS documents, count(DISTINCT d.story_id) AS stories
FROM mentions AS m
JOIN documents AS d USING (doc_id)
WHERE d.brand_owner IS NULL
  AND m.published_date > (SELECT max(published_date) FROM documents) - 56
  AND d.published_date = m.published_date  -- the same day; lets the scan skip older documents
GROUP BY ALL
ORDER BY week_start DESC, documents DESC;
