-- One row per (source, platform, handle, local observed day): the day's latest observation.
-- $1: the watch timezone.
INSERT INTO account_snapshots BY NAME
SELECT *, timezone($1, observed_at)::DATE AS observed_date
FROM stg_accounts
QUALIFY row_number() OVER (
    PARTITION BY source, platform, handle, timezone($1, observed_at)::DATE
    ORDER BY observed_at DESC, run_id DESC
) = 1;
