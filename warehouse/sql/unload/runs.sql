-- Remove the runs rows of the keys this publish rebuilds (`_affected_runs`).
DELETE FROM runs AS t
USING _affected_runs AS k
WHERE t.run_id = k.run_id AND t.source = k.source;
