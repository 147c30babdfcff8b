-- How did each brand's posting, engagement per post and audience grow over the last 8 weeks?
SELECT week_start, brand_id, sum(posts) AS posts,
       sum(engagement) / nullif(sum(posts), 0) AS engagement_per_post,
       any_value(followers) AS followers, any_value(audience_growth) AS audience_growth
FROM brand_activity
WHERE week_start > (SELECT max(week_start) FROM brand_activity) - 56
GROUP BY ALL
ORDER BY week_start DESC, brand_id;
