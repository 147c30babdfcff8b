-- Which brands' weekly share of voice changed significantly (95 % Wilson intervals that do not overlap)?
SELECT cur.period_start AS week_start, cur.brand_id,
       prev.mention_share AS previous_share, cur.mention_share AS share,
       cur.mention_share - prev.mention_share AS change,
       cur.share_low > prev.share_high OR cur.share_high < prev.share_low AS significant
FROM sov_weekly AS cur
JOIN sov_weekly AS prev ON prev.brand_id = cur.brand_id AND prev.period_start = cur.period_start - 7
WHERE cur.period_start > (SELECT max(period_start) FROM sov_weekly) - 56
ORDER BY week_start DESC, significant DESC, abs(change) DESC;
