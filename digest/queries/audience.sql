-- Followers and audience growth per brand for the week starting $week (the same values sit on every channel row of a brand's week).
SELECT a.brand_id, max(a.followers) AS followers, max(a.audience_growth) AS audience_growth,
       sum(a.posts) AS posts
FROM brand_activity AS a
WHERE a.week_start = $week
  AND a.followers IS NOT NULL
GROUP BY a.brand_id
ORDER BY followers DESC, a.brand_id
