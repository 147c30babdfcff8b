-- Share of voice per period and brand over earned documents (design §6).
-- grain: 'day' | 'week' (weeks start Monday) | 'month'; start_date, end_date: inclusive
-- bounds on documents.published_date (local day), NULL for unbounded.
-- Sentiment of a (document, brand) pair: its mention sentences vote (more positive than
-- negative sentences -> positive, the reverse -> negative, else neutral), so that a
-- document praising one brand and blaming another counts right for both.
-- It sums `brand_days` (derived/brand_days.sql: those pairs counted per local day and
-- brand at publish), since every count is additive over days; only configured brands.
CREATE OR REPLACE MACRO sov(grain, start_date, end_date) AS TABLE
WITH per_brand AS (
    SELECT
        CASE
            WHEN grain IN ('day', 'week', 'month') THEN date_trunc(grain, day)::DATE
            ELSE error('sov(grain, start_date, end_date): grain must be ''day'', ''week'' or ''month''')
        END AS period_start,
        brand_id,
        sum(mentions)::BIGINT AS mentions,
        sum(engagement) AS engagement,
        sum(positive)::BIGINT AS positive,
        sum(negative)::BIGINT AS negative,
        sum(neutral)::BIGINT AS neutral,
        sum(stories)::BIGINT AS stories
    FROM brand_days
    WHERE brand_id IN (SELECT id FROM brands)
      AND (start_date IS NULL OR day >= CAST(start_date AS DATE))
      AND (end_date IS NULL OR day <= CAST(end_date AS DATE))
    GROUP BY ALL
),
grid AS (
    SELECT p.period_start, b.id AS brand_id
    FROM (SELECT DISTINCT period_start FROM per_brand) AS p
    CROSS JOIN brands AS b
),
filled AS (
    SELECT
        g.period_start,
        g.brand_id,
        coalesce(pb.mentions, 0) AS mentions,
        coalesce(pb.engagement, 0) AS engagement,
        coalesce(pb.positive, 0) AS positive,
        coalesce(pb.negative, 0) AS negative,
        coalesce(pb.neutral, 0) AS neutral,
        coalesce(pb.stories, 0) AS stories,
        sum(coalesce(pb.mentions, 0)) OVER (PARTITION BY g.period_start) AS n,
        sum(coalesce(pb.engagement, 0)) OVER (PARTITION BY g.period_start) AS total_engagement
    FROM grid AS g
    LEFT JOIN per_brand AS pb USING (period_start, brand_id)
),
shares AS (
    SELECT *, mentions / n AS p, 1.959964 AS z  -- z: the 97.5 % normal quantile, 95 % two-sided
    FROM filled
)
SELECT
    period_start,
    brand_id,
    mentions,
    p AS mention_share,
    engagement,
    engagement / nullif(total_engagement, 0) AS engagement_share,
    positive,
    negative,
    neutral,
    (positive - negative) / nullif(positive + negative, 0) AS net_sentiment,
    (p + z * z / (2 * n) - z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n) AS share_low,
    (p + z * z / (2 * n) + z * sqrt(p * (1 - p) / n + z * z / (4 * n * n))) / (1 + z * z / n) AS share_high,
    stories  -- near-duplicate documents (a syndicated release) counted once
FROM shares
ORDER BY period_start, brand_id;
