-- Run records of the (run, source) pairs to rebuild.
-- A temp view over `_lake_runs` restricted to the keys this publish touches (`_affected_runs`).
CREATE OR REPLACE TEMP VIEW stg_runs AS
SELECT s.* EXCLUDE (lake_file)
FROM _lake_runs AS s
SEMI JOIN _affected_runs AS k USING (run_id, source);
