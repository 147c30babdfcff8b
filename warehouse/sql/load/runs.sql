-- One row per (run_id, source); a rewritten run record wins by its finish time.
INSERT INTO runs BY NAME
SELECT *
FROM stg_runs
QUALIFY row_number() OVER (PARTITION BY run_id, source ORDER BY finished_at DESC NULLS LAST) = 1;
