-- Net sentiment per topic over earned documents (no brand owner) published between $start and $end_excl, busiest topics first, at most $limit.
WITH tagged AS (
    SELECT t.topic_id, t.sentiment
    FROM doc_topics AS t
    JOIN documents AS d USING (doc_id)
    WHERE d.brand_owner IS NULL
      AND d.published_at >= CAST($start AS TIMESTAMPTZ)
      AND d.published_at < CAST($end_excl AS TIMESTAMPTZ)
),
counts AS (
    SELECT topic_id,
           count(*) AS documents,
           count(*) FILTER (WHERE sentiment = 'positive') AS positive,
           count(*) FILTER (WHERE sentiment = 'negative') AS negative,
           count(*) FILTER (WHERE sentiment = 'neutral') AS neutral
    FROM tagged
    GROUP BY topic_id
)
SELECT c.topic_id, coalesce(tp.label, c.topic_id) AS label, c.documents, c.positive,
       c.negative, c.neutral,
       CASE WHEN c.positive + c.negative = 0 THEN NULL
            ELSE (c.positive - c.negative) / (c.positive + c.negative) END AS net_sentiment
FROM counts AS c
LEFT JOIN topics AS tp ON tp.id = c.topic_id
ORDER BY c.documents DESC, label
LIMIT $limit
