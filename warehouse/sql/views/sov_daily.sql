-- Share of voice per local day and brand: sov('day') over the whole history.
CREATE OR REPLACE VIEW sov_daily AS
SELECT * FROM sov('day', NULL, NULL);
