-- Which terms burst in the last 7 days, per brand and overall, with example documents?
SELECT day, term_kind, term, brand_id, count, baseline, score, example_doc_ids
FROM trending_topics
WHERE is_burst AND day > (SELECT max(day) FROM trending_topics) - 7
ORDER BY score DESC, day DESC
LIMIT 50;
