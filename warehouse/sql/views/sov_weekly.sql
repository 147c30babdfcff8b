-- Share of voice per week (Monday start) and brand: sov('week') over the whole history.
CREATE OR REPLACE VIEW sov_weekly AS
SELECT * FROM sov('week', NULL, NULL);
