-- Follower snapshots (every run) of the accounts to rebuild.
-- A temp view over `_lake_accounts` restricted to the keys this publish touches (`_affected_accounts`).
CREATE OR REPLACE TEMP VIEW stg_accounts AS
SELECT s.* EXCLUDE (lake_file)
FROM _lake_accounts AS s
SEMI JOIN _affected_accounts AS k USING (source, platform, handle);
