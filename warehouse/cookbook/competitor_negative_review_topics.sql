-- Which topics drive each competitor's negative reviews (<= 2 of 5) over the last 90 days?
SELECT r.brand_id, t.topic_id, count(*) AS negative_reviews,
       count(*) / sum(count(*)) OVER (PARTITION BY r.brand_id) AS share_of_negative_reviews
FROM (
    SELECT doc_id, coalesce(subject_brand, brand_owner) AS brand_id
    FROM documents
    WHERE kind = 'review'
      AND rating * 5.0 / nullif(rating_best, 0) <= 2 + 1e-9
      AND published_date > (SELECT max(published_date) FROM documents) - 90
) AS r
JOIN doc_topics AS t USING (doc_id)
JOIN brands AS b ON b.id = r.brand_id AND NOT b.own
GROUP BY r.brand_id, t.topic_id
ORDER BY r.brand_id, negative_reviews DESC;
