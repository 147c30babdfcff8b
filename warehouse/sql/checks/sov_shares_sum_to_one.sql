-- fix: mention shares of a period must sum to 1; look for brands duplicated in the brands table
SELECT 'day' AS grain, period_start, sum(mention_share) AS total_share
FROM sov_daily
GROUP BY period_start
HAVING abs(sum(mention_share) - 1) > 1e-9
UNION ALL
SELECT 'week', period_start, sum(mention_share)
FROM sov_weekly
GROUP BY period_start
HAVING abs(sum(mention_share) - 1) > 1e-9;
