-- Sources whose last $n runs dated on or before $last_run_date all ended ok with no new document.
WITH ranked AS (
    SELECT source, run_date, status, new,
           row_number() OVER (PARTITION BY source ORDER BY run_date DESC, run_id DESC) AS k
    FROM runs
    WHERE run_date <= $last_run_date
)
SELECT source, max(run_date) AS last_run, min(run_date) AS first_run
FROM ranked
WHERE k <= $n
GROUP BY source
HAVING count(*) = $n AND bool_and(status = 'ok' AND coalesce(new, 0) = 0)
ORDER BY source
