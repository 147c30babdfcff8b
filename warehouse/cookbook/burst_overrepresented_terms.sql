-- For each burst of the last 7 days, which keyphrases are most over-represented in its documents?
-- Lift = the phrase's share among the burst day's documents with the term / its share among all that day's documents.
WITH bursts AS (
    SELECT day, term_kind, term, brand_id
    FROM trending_topics
    WHERE is_burst AND term_kind = 'topic' AND day > (SELECT max(day) FROM trending_topics) - 7
),
burst_docs AS (
    SELECT b.day, b.term, b.brand_id, t.doc_id
    FROM bursts AS b
    JOIN documents AS d ON d.published_date = b.day
    JOIN doc_topics AS t ON t.doc_id = d.doc_id AND t.topic_id = b.term
),
day_phrases AS (
    SELECT d.published_date AS day, k.phrase, count(*) / sum(count(*)) OVER (PARTITION BY d.published_date) AS day_share
    FROM documents AS d
    JOIN keyphrases AS k USING (doc_id)
    WHERE d.published_date IN (SELECT day FROM bursts)
    GROUP BY d.published_date, k.phrase
),
in_burst AS (
    SELECT bd.day, bd.term, bd.brand_id, k.phrase, count(*) AS docs,
           count(*) / sum(count(*)) OVER (PARTITION BY bd.day, bd.term, bd.brand_id) AS burst_share
    FROM burst_docs AS bd
    JOIN keyphrases AS k USING (doc_id)
    GROUP BY bd.day, bd.term, bd.brand_id, k.phrase
)
SELECT i.day, i.term, i.brand_id, i.phrase, i.docs, i.burst_share / p.day_share AS lift
FROM in_burst AS i
JOIN day_phrases AS p USING (day, phrase)
WHERE i.docs >= 2
QUALIFY row_number() OVER (PARTITION BY i.day, i.term, i.brand_id ORDER BY lift DESC, i.docs DESC) <= 5
ORDER BY i.day DESC, i.term, i.brand_id, lift DESC;
