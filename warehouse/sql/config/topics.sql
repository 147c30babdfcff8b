-- One configured topic ([[topics]] in veille.toml).
INSERT INTO topics (id, label, terms) VALUES (?, ?, ?);
