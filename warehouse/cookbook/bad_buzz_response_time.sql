-- After each negative burst about a brand, how long until the brand answered in public?
-- A negative burst: a brand-scoped burst of trending_topics whose documents are mostly negative
-- about the brand. The answer: the brand's first owned document, or first review reply, after
-- the burst's first document.
-- The burst's documents are the burst day's earned documents mentioning the brand; "negative
-- about the brand" = at least one negative mention of it. brand_days holds those counts and
-- the first document's time per day and brand.
WITH bursts AS (
    SELECT t.day, t.term_kind, t.term, t.brand_id
    FROM trending_topics AS t
    WHERE t.is_burst AND t.brand_id IS NOT NULL
),
negative_days AS (
    SELECT bd.day, bd.brand_id, bd.first_published_at AS first_document_at,
           bd.with_negative_mention / bd.mentions AS share_negative
    FROM brand_days AS bd
    SEMI JOIN bursts AS b ON b.day = bd.day AND b.brand_id = bd.brand_id
    WHERE bd.with_negative_mention / bd.mentions > 0.5
),
answers AS (  -- from the first negative burst on (documents are stored in day order)
    SELECT brand_owner AS brand_id, published_at AS answered_at, 'owned post' AS how
    FROM documents
    WHERE brand_owner IS NOT NULL
      AND published_at >= (SELECT min(first_document_at) FROM negative_days)
    UNION ALL
    SELECT coalesce(subject_brand, brand_owner), reply_at, 'review reply'
    FROM documents
    WHERE kind = 'review' AND reply_at >= (SELECT min(first_document_at) FROM negative_days)
),
first_answers AS (  -- the brand's first answer at or after the burst's first document
    SELECT n.*, a.answered_at AS first_answer_at, a.how AS answered_by
    FROM negative_days AS n
    ASOF LEFT JOIN answers AS a ON a.brand_id = n.brand_id AND a.answered_at >= n.first_document_at
)
SELECT b.day, b.term_kind, b.term, b.brand_id, f.share_negative, f.first_document_at,
       f.first_answer_at, f.answered_by,
       (epoch(f.first_answer_at) - epoch(f.first_document_at)) / 3600.0 AS response_hours
FROM bursts AS b
JOIN first_answers AS f USING (day, brand_id)
ORDER BY b.day DESC, b.brand_id, b.term_kind, b.term;
