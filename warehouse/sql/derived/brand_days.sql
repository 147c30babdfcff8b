-- Earned documents per local day and brand, pre-aggregated at publish: what the `sov`
-- macro (hence sov_daily, sov_weekly) and the bad-buzz question sum, so that they read
-- a few thousand rows instead of grouping every mention. Every count is additive over
-- days, so any period's figure is the sum of its days' (design §6 definitions unchanged).
-- A (document, brand) pair: an earned document (brand_owner IS NULL) naming the brand;
-- its sentiment is the vote of the brand's mention sentences (more positive ->
-- positive, more negative -> negative, else neutral). Every mentioned brand has rows;
-- `sov` keeps the configured ones.
-- `stories`: of those documents, the ones that open their story for the brand (its
-- earliest earned document naming the brand, documents.story_id grouping near-duplicates),
-- so a press release syndicated on five sites counts 5 documents and 1 story; a story
-- begun up to 14 days before the refreshed days is seen through its first document.
-- $1: the first day to (re)compute, NULL for all (the publish first deletes those rows).
INSERT INTO brand_days
WITH earned AS (
    SELECT
        doc_id,
        story_id,
        published_date AS day,
        published_at,
        coalesce(likes, 0) + coalesce(shares, 0) + coalesce(comments, 0) AS engagement
    FROM documents
    WHERE brand_owner IS NULL AND ($1::DATE IS NULL OR published_date >= $1::DATE - 14)
),
pairs AS (
    SELECT
        e.day,
        m.brand_id,
        e.doc_id,
        any_value(e.story_id) AS story_id,
        any_value(e.published_at) AS published_at,
        any_value(e.engagement) AS engagement,
        count(*) FILTER (WHERE m.sentiment = 'positive') AS positive_votes,
        count(*) FILTER (WHERE m.sentiment = 'negative') AS negative_votes
    FROM earned AS e
    JOIN mentions AS m USING (doc_id)
    -- mentions.published_date is its document's: reading only the refreshed days
    WHERE $1::DATE IS NULL OR m.published_date >= $1::DATE - 14
    GROUP BY e.day, m.brand_id, e.doc_id
),
opened AS (
    SELECT
        *,
        row_number() OVER (PARTITION BY brand_id, story_id
                           ORDER BY day, published_at NULLS LAST, doc_id) = 1 AS opens_story
    FROM pairs
)
SELECT
    day,
    brand_id,
    count(*) AS mentions,
    sum(engagement)::BIGINT AS engagement,
    count(*) FILTER (WHERE positive_votes > negative_votes) AS positive,
    count(*) FILTER (WHERE negative_votes > positive_votes) AS negative,
    count(*) FILTER (WHERE positive_votes = negative_votes) AS neutral,
    count(*) FILTER (WHERE negative_votes > 0) AS with_negative_mention,
    min(published_at) AS first_published_at,
    count(*) FILTER (WHERE opens_story) AS stories
FROM opened
WHERE $1::DATE IS NULL OR day >= $1::DATE
GROUP BY day, brand_id
ORDER BY day, brand_id;
