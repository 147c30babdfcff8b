-- Daily term counts against their own baseline, scored with a Poisson interval
-- (design §6; Kolb, Hendrickson et al. 2015, xdevplatform/Gnip-Trend-Detection):
--   score = max(c - mu, 0) / (Q0.995(mu) - Q0.005(mu)),  is_burst = c >= min_count AND c > Q0.995(mu).
-- Materialised at publish time so that analysts' clients need no UDF: the quantiles are
-- exact, summed from the Poisson pmf in SQL for each distinct baseline.
-- $1: the first day to (re)compute, NULL for all (the publish first deletes those rows);
-- a day's row reads the 28 days before it, so only those are scanned.
INSERT INTO trending_topics
WITH params AS (
    SELECT
        -- a term needs 5 documents in a day to burst: the smallest count that stands
        -- out of a ~1/day baseline (Q0.995(1) = 4); planted-data tests pin both sides
        5 AS min_count,
        -- a week of lake history at least, so that every weekday was seen once
        7 AS min_history_days,
        -- same-weekday baseline when at least 3 of the 4 previous same weekdays are covered
        3 AS min_same_weekdays,
        -- example documents are kept on bursts and on each day's 20 highest-scoring terms
        -- per scope (brand or all): any term the digest lists as rising (its top 8 over the
        -- period) is among the 20 best of its best day. Elsewhere they would only cost reads
        -- (three ids on every row tripled the time to read the whole table at 10M mentions).
        20 AS examples_per_day
),
docs AS (
    SELECT
        doc_id,
        published_date AS day,
        coalesce(likes, 0) + coalesce(shares, 0) + coalesce(comments, 0) AS engagement
    FROM documents
    WHERE $1::DATE IS NULL OR published_date >= $1::DATE - 28
),
-- the tables below carry their document's published_date: only the days of `docs` are read
doc_brands AS (  -- a document is about the brands it mentions, and about its owner
    SELECT doc_id, brand_id FROM mentions
    WHERE $1::DATE IS NULL OR published_date >= $1::DATE - 28
    UNION
    SELECT doc_id, brand_owner FROM documents
    WHERE brand_owner IS NOT NULL AND ($1::DATE IS NULL OR published_date >= $1::DATE - 28)
),
doc_terms AS (
    SELECT doc_id, 'topic' AS term_kind, topic_id AS term FROM doc_topics
    WHERE $1::DATE IS NULL OR published_date >= $1::DATE - 28
    UNION
    SELECT doc_id, 'keyphrase', phrase FROM keyphrases
    WHERE $1::DATE IS NULL OR published_date >= $1::DATE - 28
    UNION
    SELECT doc_id, 'entity', norm FROM entities
    WHERE $1::DATE IS NULL OR published_date >= $1::DATE - 28
),
scoped AS (  -- each document-term once for all brands (brand_id NULL), once per brand
    SELECT doc_id, term_kind, term, NULL::VARCHAR AS brand_id FROM doc_terms
    UNION ALL
    SELECT t.doc_id, t.term_kind, t.term, b.brand_id
    FROM doc_terms AS t
    JOIN doc_brands AS b USING (doc_id)
),
daily AS (
    SELECT
        d.day,
        s.term_kind,
        s.term,
        s.brand_id,
        coalesce(s.brand_id, '') AS scope,  -- join key; brand ids are never empty
        count(*) AS count,
        list(d.doc_id ORDER BY d.engagement DESC, d.doc_id)[1:3] AS example_doc_ids
    FROM scoped AS s
    JOIN docs AS d USING (doc_id)
    GROUP BY d.day, s.term_kind, s.term, s.brand_id
),
history AS (  -- counts of the 28 preceding days; days without the term count as 0
    SELECT
        cur.day, cur.term_kind, cur.term, cur.scope,
        coalesce(sum(prev.count), 0) AS all_sum,
        coalesce(sum(prev.count) FILTER (WHERE datediff('day', prev.day, cur.day) % 7 = 0), 0) AS same_sum
    FROM daily AS cur
    LEFT JOIN daily AS prev
        ON prev.term_kind = cur.term_kind AND prev.term = cur.term AND prev.scope = cur.scope
        AND prev.day BETWEEN cur.day - 28 AND cur.day - 1
    GROUP BY cur.day, cur.term_kind, cur.term, cur.scope
),
coverage AS (  -- preceding days the lake covers, from its first day of data
    SELECT
        h.*,
        least(28, datediff('day', l.first_day, h.day)) AS history_days,
        least(4, datediff('day', l.first_day, h.day) // 7) AS same_weekdays
    FROM history AS h
    CROSS JOIN (SELECT min(published_date) AS first_day FROM documents) AS l
),
baselines AS (
    SELECT
        c.*,
        CASE
            WHEN c.same_weekdays >= p.min_same_weekdays THEN c.same_sum / c.same_weekdays
            WHEN c.history_days > 0 THEN c.all_sum / c.history_days
        END AS baseline
    FROM coverage AS c
    CROSS JOIN params AS p
),
pmf AS (  -- Poisson(mu) pmf over mu +- 10 sd (+ 10): the mass outside is below 1e-20
    SELECT mu, k, exp(k * ln(mu) - mu - lgamma(k + 1)) AS p
    FROM (
        SELECT
            mu,
            unnest(range(
                greatest(0, floor(mu - 10 * sqrt(mu) - 10))::BIGINT,
                ceil(mu + 10 * sqrt(mu) + 10)::BIGINT + 1
            )) AS k
        FROM (SELECT DISTINCT baseline AS mu FROM baselines WHERE baseline > 0)
    )
),
quantiles AS (
    SELECT mu, min(k) FILTER (WHERE cdf >= 0.005) AS q_low, min(k) FILTER (WHERE cdf >= 0.995) AS q_high
    FROM (SELECT mu, k, sum(p) OVER (PARTITION BY mu ORDER BY k) AS cdf FROM pmf)
    GROUP BY mu
),
scored AS (
    SELECT
        d.day, d.term_kind, d.term, d.brand_id, d.count, b.baseline, d.example_doc_ids,
        b.history_days,
        -- Poisson(0) is 0 surely: both quantiles 0
        CASE WHEN b.baseline = 0 THEN 0 ELSE q.q_high END AS q_high,
        CASE WHEN b.baseline = 0 THEN 0 ELSE q.q_low END AS q_low
    FROM daily AS d
    JOIN baselines AS b USING (day, term_kind, term, scope)
    LEFT JOIN quantiles AS q ON q.mu = b.baseline
),
ranked AS (
    SELECT
        s.day,
        s.term_kind,
        s.term,
        s.brand_id,
        s.count,
        s.baseline,
        -- the interval is at least 1 wide, so that a term new to a silent lake scores its count
        greatest(s.count - s.baseline, 0) / greatest(s.q_high - s.q_low, 1) AS score,
        coalesce(
            s.count >= p.min_count AND s.count > s.q_high AND s.history_days >= p.min_history_days,
            false
        ) AS is_burst,
        s.example_doc_ids,
        p.examples_per_day
    FROM scored AS s
    CROSS JOIN params AS p
    WHERE $1::DATE IS NULL OR s.day >= $1::DATE
)
SELECT
    day, term_kind, term, brand_id, count, baseline, score, is_burst,
    CASE WHEN is_burst OR row_number() OVER (
        PARTITION BY day, brand_id ORDER BY score DESC, count DESC, term_kind, term) <= examples_per_day
    THEN example_doc_ids END AS example_doc_ids
FROM ranked
ORDER BY day, term_kind, term, brand_id NULLS FIRST;
