-- After each negative burst about a brand, how long until the brand answered in public?
-- A negative burst: a brand-scoped burst of trending_topics whose documents are mostly negative
-- about the brand. The answer: the brand's first owned document, or first review reply, after
-- the burst's first document.
WITH bursts AS (
    SELECT t.day, t.term_kind, t.term, t.brand_id
    FROM trending_topics AS t
    WHERE t.is_burst AND t.brand_id IS NOT NULL
),
burst_docs AS (  -- the burst day's documents mentioning the brand, with the brand's sentiment
    SELECT b.day, b.term_kind, b.term, b.brand_id, d.doc_id, d.published_at,
           bool_or(m.sentiment = 'negative') AS negative
    FROM bursts AS b
    JOIN mentions AS m ON m.brand_id = b.brand_id AND m.published_date = b.day
    JOIN documents AS d ON d.doc_id = m.doc_id AND d.brand_owner IS NULL
    GROUP BY b.day, b.term_kind, b.term, b.brand_id, d.doc_id, d.published_at
),
negative_bursts AS (
    SELECT day, term_kind, term, brand_id, min(published_at) AS first_document_at,
           count(*) FILTER (WHERE negative) / count(*) AS share_negative
    FROM burst_docs
    GROUP BY day, term_kind, term, brand_id
    HAVING count(*) FILTER (WHERE negative) / count(*) > 0.5
),
answers AS (
    SELECT brand_owner AS brand_id, published_at AS answered_at, 'owned post' AS how
    FROM documents WHERE brand_owner IS NOT NULL
    UNION ALL
    SELECT coalesce(subject_brand, brand_owner), reply_at, 'review reply'
    FROM documents WHERE kind = 'review' AND reply_at IS NOT NULL
)
SELECT n.day, n.term_kind, n.term, n.brand_id, n.share_negative, n.first_document_at,
       min(a.answered_at) AS first_answer_at,
       arg_min(a.how, a.answered_at) AS answered_by,
       (epoch(min(a.answered_at)) - epoch(n.first_document_at)) / 3600.0 AS response_hours
FROM negative_bursts AS n
LEFT JOIN answers AS a ON a.brand_id = n.brand_id AND a.answered_at >= n.first_document_at
GROUP BY n.day, n.term_kind, n.term, n.brand_id, n.share_negative, n.first_document_at
ORDER BY n.day DESC, n.brand_id;
