-- Share of voice per week (Monday start) and brand: sov('week'), materialised at publish.
-- $1: a day whose week and the later ones are (re)computed, NULL for all.
INSERT INTO sov_weekly
SELECT * FROM sov('week', date_trunc('week', $1::DATE)::DATE, NULL);
