-- Tracked brands, own brand(s) first.
SELECT id, name, own
FROM brands
ORDER BY own DESC, name
