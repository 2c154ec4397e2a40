INSERT INTO notes (id, body) VALUES (1, 'first; with a semicolon inside');
INSERT INTO notes (id, body) VALUES (2, 'second');
