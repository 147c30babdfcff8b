-- Negative bursts about a brand between $start and $end (days, inclusive): at least $negative of their earned example documents negative; with the brand's first public answer after the burst's first document (an owned document, or a reply to a review about the brand), at most $limit.
WITH bursts AS (
    SELECT term_kind, term, brand_id, min(day) AS first_day,
           list_distinct(flatten(list(coalesce(example_doc_ids, [])))) AS doc_ids
    FROM trending_topics
    WHERE is_burst AND brand_id IS NOT NULL AND day BETWEEN $start AND $end
    GROUP BY term_kind, term, brand_id
),
examples AS (
    SELECT b.term_kind, b.term, b.brand_id, b.first_day, unnest(b.doc_ids) AS doc_id
    FROM bursts AS b
),
negative_bursts AS (
    SELECT e.term_kind, e.term, e.brand_id, e.first_day,
           count(*) AS documents,
           avg(CASE WHEN d.sentiment = 'negative' THEN 1.0 ELSE 0.0 END) AS share_negative,
           min(d.published_at) AS first_document_at
    FROM examples AS e
    JOIN documents AS d ON d.doc_id = e.doc_id AND d.brand_owner IS NULL
    GROUP BY e.term_kind, e.term, e.brand_id, e.first_day
    HAVING avg(CASE WHEN d.sentiment = 'negative' THEN 1.0 ELSE 0.0 END) >= $negative
),
answers AS (
    SELECT brand_owner AS brand_id, published_at AS answered_at, 'owned' AS how
    FROM documents
    WHERE brand_owner IS NOT NULL AND published_at IS NOT NULL
    UNION ALL
    SELECT coalesce(d.subject_brand, d.brand_owner, m.brand_id) AS brand_id, d.reply_at, 'reply' AS how
    FROM documents AS d
    LEFT JOIN mentions AS m ON m.doc_id = d.doc_id AND d.subject_brand IS NULL AND d.brand_owner IS NULL
    WHERE d.kind = 'review' AND d.reply_at IS NOT NULL
)
SELECT n.term_kind, n.term, n.brand_id, n.first_day, n.documents, n.share_negative,
       n.first_document_at,
       min(a.answered_at) AS answered_at,
       arg_min(a.how, a.answered_at) AS answered_by,
       (epoch(min(a.answered_at)) - epoch(n.first_document_at)) / 3600.0 AS response_hours
FROM negative_bursts AS n
LEFT JOIN answers AS a ON a.brand_id = n.brand_id AND a.answered_at > n.first_document_at
GROUP BY n.term_kind, n.term, n.brand_id, n.first_day, n.documents, n.share_negative,
         n.first_document_at
ORDER BY n.first_document_at, n.brand_id, n.term
LIMIT $limit
