-- The ledger of applied migrations; created before any numbered migration runs.
CREATE TABLE IF NOT EXISTS _migrations (
    name VARCHAR NOT NULL,
    applied_at TIMESTAMPTZ NOT NULL
);
