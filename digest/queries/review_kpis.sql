-- Review KPIs of week $week per brand and source, beside the previous week's ($previous).
SELECT cur.brand_id, cur.source, cur.reviews, cur.avg_rating, cur.share_negative,
       cur.response_rate, cur.median_response_hours,
       prev.reviews AS previous_reviews, prev.avg_rating AS previous_avg_rating
FROM review_kpis AS cur
LEFT JOIN review_kpis AS prev
       ON prev.brand_id = cur.brand_id
      AND prev.source = cur.source
      AND prev.week_start = $previous
WHERE cur.week_start = $week
ORDER BY cur.brand_id, cur.source
