-- fix: the load keeps one snapshot per account and day; a duplicate means load/account_snapshots.sql lost its dedup
SELECT source, platform, handle, observed_date, count(*) AS copies
FROM account_snapshots
GROUP BY ALL
HAVING count(*) > 1;
