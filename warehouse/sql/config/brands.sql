-- One configured brand ([[brands]] in veille.toml).
INSERT INTO brands (id, name, own, aliases, exact, exclude, accounts) VALUES (?, ?, ?, ?, ?, ?, ?);
