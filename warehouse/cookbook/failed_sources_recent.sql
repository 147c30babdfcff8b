-- Which sources failed in the last 7 runs, and why?
SELECT run_date, source, status, error, fetched, dropped
FROM runs
WHERE status <> 'ok' AND run_date > (SELECT max(run_date) FROM runs) - 7
ORDER BY run_date DESC, source;
