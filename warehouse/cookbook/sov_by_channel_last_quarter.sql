-- What was each brand's share of voice by channel last quarter, by mentions, engagement and positive mentions?
-- Earned documents only (design §6); "last quarter" = the 90 days ending on the newest day.
WITH earned AS (
    SELECT m.doc_id, m.brand_id, d.channel,
           coalesce(d.likes, 0) + coalesce(d.shares, 0) + coalesce(d.comments, 0) AS engagement,
           bool_or(m.sentiment = 'positive') AS positive
    FROM mentions AS m
    JOIN documents AS d USING (doc_id)
    WHERE d.brand_owner IS NULL
      AND m.published_date > (SELECT max(published_date) FROM documents) - 90
  AND d.published_date = m.published_date  -- the same day; lets the scan skip older documents
    GROUP BY ALL
)
SELECT channel, brand_id,
       count(*) AS mentions,
       count(*) / sum(count(*)) OVER (PARTITION BY channel) AS mention_share,
       sum(engagement) / nullif(sum(sum(engagement)) OVER (PARTITION BY channel), 0) AS engagement_share,
       count(*) FILTER (WHERE positive)
           / nullif(sum(count(*) FILTER (WHERE positive)) OVER (PARTITION BY channel), 0) AS positive_share
FROM earned
GROUP BY channel, brand_id
ORDER BY channel, mentions DESC;
