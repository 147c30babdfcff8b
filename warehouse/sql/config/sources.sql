-- One configured source ([[sources]] in veille.toml); keys beyond the columns go to options.
INSERT INTO sources (name, type, url, brand, channel, options) VALUES (?, ?, ?, ?, ?, ?);
