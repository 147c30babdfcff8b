-- For each burst of the last 7 days, which keyphrases are most over-represented in its documents?
-- Lift = the phrase's share among the burst day's documents with the term / its share among all that day's documents.
WITH bursts AS (
    SELECT day, term_kind, term, brand_id
    FROM trending_topics
    WHERE is_burst AND term_kind = 'topic' AND day > (SELECT max(day) FROM trending_topics) - 7
),
burst_docs AS (  -- the burst day's documents with the topic (published_date: the document's day)
    SELECT b.day, b.term, b.brand_id, t.doc_id
    FROM bursts AS b
    JOIN doc_topics AS t ON t.published_date = b.day AND t.topic_id = b.term
),
burst_day_phrases AS (  -- the keyphrases of the burst days' documents
    SELECT k.doc_id, k.published_date AS day, k.phrase
    FROM keyphrases AS k
    WHERE k.published_date IN (SELECT day FROM bursts)
),
day_phrases AS (
    SELECT day, phrase, count(*) / sum(count(*)) OVER (PARTITION BY day) AS day_share
    FROM burst_day_phrases
    GROUP BY day, phrase
),
in_burst AS (
    SELECT bd.day, bd.term, bd.brand_id, k.phrase, count(*) AS docs,
           count(*) / sum(count(*)) OVER (PARTITION BY bd.day, bd.term, bd.brand_id) AS burst_share
    FROM burst_docs AS bd
    JOIN burst_day_phrases AS k USING (day, doc_id)
    GROUP BY bd.day, bd.term, bd.brand_id, k.phrase
)
SELECT i.day, i.term, i.brand_id, i.phrase, i.docs, i.burst_share / p.day_share AS lift
FROM in_burst AS i
JOIN day_phrases AS p USING (day, phrase)
WHERE i.docs >= 2
QUALIFY row_number() OVER (PARTITION BY i.day, i.term, i.brand_id ORDER BY lift DESC, i.docs DESC) <= 5
ORDER BY i.day DESC, i.term, i.brand_id, lift DESC;
