-- The change journal search indexes follow, and users' saved searches (SQLite).

-- Every insert or change of a record takes the next number from record_journal; an index that
-- has seen every change up to N asks for records with change_seq > N. Updating the one journal
-- row also serialises writers, so numbers become visible in order.
ALTER TABLE records ADD COLUMN change_seq INTEGER NOT NULL DEFAULT 0;
UPDATE records SET change_seq = id;
CREATE INDEX records_change_seq ON records (change_seq);

CREATE TABLE record_journal (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq INTEGER NOT NULL
);
INSERT INTO record_journal (id, last_seq) SELECT 1, COALESCE(MAX(change_seq), 0) FROM records;

CREATE TABLE saved_searches (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    query      TEXT NOT NULL,
    sort       TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (user_id, name)
);
