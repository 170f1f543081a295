-- IP records (trademarks and patents from any office), their status history, and import runs (SQLite).

CREATE TABLE records (
    id                INTEGER PRIMARY KEY,
    office            TEXT NOT NULL,
    kind              TEXT NOT NULL CHECK (kind IN ('trademark', 'patent')),
    number            TEXT NOT NULL,
    title             TEXT,
    status            TEXT,
    raw_status        TEXT,
    filing_date       TEXT,
    publication_date  TEXT,
    registration_date TEXT,
    owners            TEXT,
    classes           TEXT,
    document          TEXT NOT NULL,
    content_hash      TEXT NOT NULL,
    first_import_id   INTEGER NOT NULL,
    last_import_id    INTEGER NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    UNIQUE (office, kind, number)
);

CREATE TABLE record_status_history (
    id          INTEGER PRIMARY KEY,
    record_id   INTEGER NOT NULL REFERENCES records (id) ON DELETE CASCADE,
    status      TEXT,
    raw_status  TEXT,
    status_date TEXT,
    import_id   INTEGER NOT NULL,
    recorded_at TEXT NOT NULL
);
CREATE INDEX record_status_history_record ON record_status_history (record_id, id);

CREATE TABLE imports (
    id            INTEGER PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    actor_user_id INTEGER,
    sources       TEXT NOT NULL,
    read_count    INTEGER NOT NULL DEFAULT 0,
    inserted      INTEGER NOT NULL DEFAULT 0,
    updated       INTEGER NOT NULL DEFAULT 0,
    unchanged     INTEGER NOT NULL DEFAULT 0,
    rejected      INTEGER NOT NULL DEFAULT 0,
    outcome       TEXT NOT NULL DEFAULT 'running'
);

CREATE TABLE import_rejections (
    import_id  INTEGER NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    source     TEXT NOT NULL,
    position   TEXT,
    record_id  TEXT,
    field      TEXT,
    reason     TEXT NOT NULL,
    message    TEXT NOT NULL,
    PRIMARY KEY (import_id, seq)
);
