-- Share of voice per brand and period between $first and $last (period starts), for one $grain ('day' or 'week').
SELECT period_start, brand_id, mentions, mention_share, engagement, engagement_share,
       positive, negative, neutral, net_sentiment, share_low, share_high
FROM (
    SELECT 'week' AS grain, * FROM sov_weekly
    UNION ALL BY NAME
    SELECT 'day' AS grain, * FROM sov_daily
)
WHERE grain = $grain
  AND period_start BETWEEN $first AND $last
ORDER BY period_start, brand_id
