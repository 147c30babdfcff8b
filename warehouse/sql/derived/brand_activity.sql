-- Materialised at publish (a table rebuilt whole each night: small, and fast to answer).
-- Owned activity per week (Monday start), brand and channel, with the brand's audience.
-- followers: per account, the latest snapshot observed on or before the week's last day,
-- summed over the brand's accounts. At the week's start: the latest snapshot before the
-- week, else the week's first one when the week has two or more (an account tracked from
-- mid-week still shows growth); audience_growth is NULL when any account's start is unknown.
CREATE OR REPLACE TABLE brand_activity AS
WITH owned AS (
    SELECT
        date_trunc('week', published_date)::DATE AS week_start,
        brand_owner AS brand_id,
        channel,
        count(*) AS posts,
        sum(coalesce(likes, 0) + coalesce(shares, 0) + coalesce(comments, 0)) AS engagement
    FROM documents
    WHERE brand_owner IS NOT NULL
    GROUP BY ALL
),
snapshots AS (
    SELECT source, platform, handle, brand_owner AS brand_id, followers, observed_at, observed_date
    FROM account_snapshots
    WHERE brand_owner IS NOT NULL AND followers IS NOT NULL
),
grid AS (
    SELECT week_start, brand_id, channel FROM owned
    UNION  -- weeks with snapshots but no post still report the audience
    SELECT date_trunc('week', observed_date)::DATE, brand_id, 'social' FROM snapshots
),
account_weeks AS (
    SELECT
        w.week_start,
        w.brand_id,
        s.source, s.platform, s.handle,
        arg_max(s.followers, s.observed_at) AS at_end,
        CASE
            WHEN count(*) FILTER (WHERE s.observed_date < w.week_start) > 0
                THEN arg_max(s.followers, s.observed_at) FILTER (WHERE s.observed_date < w.week_start)
            -- a single in-week observation says nothing about growth
            WHEN count(*) > 1 THEN arg_min(s.followers, s.observed_at)
        END AS at_start
    FROM (SELECT DISTINCT week_start, brand_id FROM grid) AS w
    JOIN snapshots AS s ON s.brand_id = w.brand_id AND s.observed_date < w.week_start + 7
    GROUP BY ALL
),
audience AS (
    SELECT
        week_start,
        brand_id,
        sum(at_end) AS followers,
        -- unknown as soon as one account's start is unknown: a partial sum would fake growth
        CASE WHEN count(at_start) = count(*) THEN sum(at_start) END AS followers_at_start
    FROM account_weeks
    GROUP BY ALL
)
SELECT
    g.week_start,
    g.brand_id,
    g.channel,
    coalesce(o.posts, 0) AS posts,
    coalesce(o.engagement, 0) AS engagement,
    o.engagement / nullif(o.posts, 0) AS engagement_per_post,
    a.followers,
    (a.followers - a.followers_at_start) / nullif(a.followers_at_start, 0) AS audience_growth
FROM grid AS g
LEFT JOIN owned AS o USING (week_start, brand_id, channel)
LEFT JOIN audience AS a USING (week_start, brand_id)
ORDER BY g.week_start, g.brand_id, g.channel;
