-- fix: the spider misread a date (timezone or day/month order); fix its date parsing and re-crawl
SELECT doc_id, source, published_at
FROM documents
WHERE published_at > now() + INTERVAL 1 DAY;
