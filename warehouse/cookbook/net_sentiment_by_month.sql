-- How has each brand's net sentiment moved month by month over the last year?
SELECT period_start AS month, brand_id, mentions, positive, negative, net_sentiment
FROM sov('month', (SELECT max(published_date) FROM documents) - 365, NULL)
ORDER BY month, brand_id;
