-- Which of the competitors' own posts engaged most over the last 30 days?
SELECT d.brand_owner AS brand_id, d.channel, d.published_date, d.title, d.url,
       coalesce(d.likes, 0) + coalesce(d.shares, 0) + coalesce(d.comments, 0) AS engagement
FROM documents AS d
JOIN brands AS b ON b.id = d.brand_owner AND NOT b.own
WHERE d.published_date > (SELECT max(published_date) FROM documents) - 30
ORDER BY engagement DESC
LIMIT 20;
