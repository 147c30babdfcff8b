-- Share of voice per local day and brand: sov('day'), materialised at publish.
-- $1: the first day to (re)compute, NULL for all; the publish first deletes those rows.
INSERT INTO sov_daily
SELECT * FROM sov('day', $1::DATE, NULL);
