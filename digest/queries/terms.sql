-- Trending terms between $start and $end (days, inclusive), one row per term and brand, with the tone of their example documents.
WITH t AS (
    SELECT term_kind, term, brand_id,
           min(day) FILTER (WHERE is_burst) AS first_burst_day,
           max(day) FILTER (WHERE is_burst) AS last_burst_day,
           coalesce(bool_or(is_burst), false) AS is_burst,
           sum(count) AS mentions,
           sum(baseline) AS expected,
           sum(count) FILTER (WHERE is_burst) AS burst_mentions,
           sum(baseline) FILTER (WHERE is_burst) AS burst_expected,
           max(score) AS score,
           list_distinct(flatten(list(coalesce(example_doc_ids, [])))) AS doc_ids
    FROM trending_topics
    WHERE day BETWEEN $start AND $end
    GROUP BY term_kind, term, brand_id
),
numbered AS (
    SELECT row_number() OVER () AS term_no, * FROM t
),
examples AS (
    SELECT term_no, unnest(doc_ids) AS doc_id FROM numbered
),
tone AS (
    SELECT e.term_no,
           avg(d.sentiment_score) AS mean_sentiment,
           avg(CASE WHEN d.sentiment = 'negative' THEN 1.0 ELSE 0.0 END) AS share_negative
    FROM examples AS e
    JOIN documents AS d USING (doc_id)
    GROUP BY e.term_no
)
SELECT n.term_kind, n.term, n.brand_id, n.first_burst_day, n.last_burst_day, n.is_burst,
       n.mentions, n.expected, n.burst_mentions, n.burst_expected, n.score, n.doc_ids,
       tone.mean_sentiment, tone.share_negative
FROM numbered AS n
LEFT JOIN tone USING (term_no)
ORDER BY n.is_burst DESC, n.score DESC NULLS LAST, n.mentions DESC, n.term
