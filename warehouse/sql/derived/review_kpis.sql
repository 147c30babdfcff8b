-- Materialised at publish (a table rebuilt whole each night: small, and fast to answer).
-- Review KPIs per week (Monday start), reviewed brand and source (design §6).
-- The reviewed brand is documents.subject_brand (else brand_owner); a review with
-- neither counts for each brand it mentions.
CREATE OR REPLACE TABLE review_kpis AS
WITH reviews AS (
    SELECT
        doc_id,
        source,
        date_trunc('week', published_date)::DATE AS week_start,
        rating * 5.0 / nullif(rating_best, 0) AS rating_of_5,
        nullif(trim(reply_text), '') IS NOT NULL AS replied,
        (epoch(reply_at) - epoch(published_at)) / 3600.0 AS response_hours,
        coalesce(subject_brand, brand_owner) AS direct_brand
    FROM documents
    WHERE kind = 'review'
),
review_brands AS (
    SELECT r.*, r.direct_brand AS brand_id
    FROM reviews AS r
    WHERE r.direct_brand IS NOT NULL
    UNION ALL
    SELECT r.*, m.brand_id
    FROM reviews AS r
    JOIN (SELECT DISTINCT doc_id, brand_id FROM mentions) AS m USING (doc_id)
    WHERE r.direct_brand IS NULL
)
SELECT
    week_start,
    brand_id,
    source,
    count(*) AS reviews,
    avg(rating_of_5) AS avg_rating,
    -- 1e-9 absorbs float error of rescaled ratings (e.g. 4 of 10)
    count(*) FILTER (WHERE rating_of_5 <= 2 + 1e-9) / nullif(count(rating_of_5), 0) AS share_negative,
    count(*) FILTER (WHERE replied) / count(*) AS response_rate,
    median(response_hours) FILTER (WHERE replied) AS median_response_hours
FROM review_brands
GROUP BY week_start, brand_id, source
ORDER BY week_start, brand_id, source;
