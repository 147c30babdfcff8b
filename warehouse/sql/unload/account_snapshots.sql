-- Remove the account_snapshots rows of the keys this publish rebuilds (`_affected_accounts`).
DELETE FROM account_snapshots AS t
USING _affected_accounts AS k
WHERE t.source = k.source AND t.platform = k.platform AND t.handle = k.handle;
