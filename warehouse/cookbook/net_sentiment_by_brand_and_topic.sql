-- What does the public like and dislike about each brand, topic by topic, over the last 30 days?
-- Earned documents only; a pair counts the sentences naming both, or a review's every sentence.
SELECT bt.brand_id, bt.topic_id,
       count(*) AS documents,
       count(*) FILTER (WHERE bt.sentiment = 'positive') AS positive,
       count(*) FILTER (WHERE bt.sentiment = 'negative') AS negative,
       (count(*) FILTER (WHERE bt.sentiment = 'positive') - count(*) FILTER (WHERE bt.sentiment = 'negative'))
           / nullif(count(*) FILTER (WHERE bt.sentiment <> 'neutral'), 0) AS net_sentiment
FROM brand_topics AS bt
JOIN documents AS d USING (doc_id)
WHERE d.brand_owner IS NULL
  AND bt.published_date > (SELECT max(published_date) FROM documents) - 30
GROUP BY bt.brand_id, bt.topic_id
ORDER BY bt.brand_id, documents DESC;
