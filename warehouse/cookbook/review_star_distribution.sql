-- What is each brand's star distribution (1-5, rescaled) on each review site over the last 90 days?
SELECT coalesce(subject_brand, brand_owner) AS brand_id, source,
       round(rating * 5.0 / nullif(rating_best, 0))::INTEGER AS stars,
       count(*) AS reviews,
       count(*) / sum(count(*)) OVER (PARTITION BY coalesce(subject_brand, brand_owner), source) AS share
FROM documents
WHERE kind = 'review' AND rating IS NOT NULL
  AND published_date > (SELECT max(published_date) FROM documents) - 90
GROUP BY 1, 2, 3
ORDER BY brand_id, source, stars;
