-- The watch (SQLite): watched marks, declared parties, patent watches, alerts with their notes,
-- and the watch's own position in the record change journal.

CREATE TABLE watched_marks (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    label           TEXT NOT NULL,
    forms           TEXT NOT NULL,
    classes         TEXT NOT NULL,
    offices         TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX watched_marks_organisation ON watched_marks (organisation_id, id);

CREATE TABLE watch_parties (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    name            TEXT NOT NULL,
    relation        TEXT NOT NULL CHECK (relation IN ('distributor', 'agent', 'known_squatter')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX watch_parties_organisation ON watch_parties (organisation_id, id);

-- A query in the search language run on every new patent record of an import.
CREATE TABLE patent_watches (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    label           TEXT NOT NULL,
    query           TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX patent_watches_organisation ON patent_watches (organisation_id, id);

-- One filing raises at most one alert per watched mark or patent watch, however often it
-- is screened. An alert comes from exactly one of the two.
CREATE TABLE watch_alerts (
    id                  INTEGER PRIMARY KEY,
    organisation_id     INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    watched_mark_id     INTEGER REFERENCES watched_marks (id) ON DELETE CASCADE,
    patent_watch_id     INTEGER REFERENCES patent_watches (id) ON DELETE CASCADE,
    office              TEXT NOT NULL,
    kind                TEXT NOT NULL,
    number              TEXT NOT NULL,
    title               TEXT,
    applicant           TEXT,
    score               REAL NOT NULL,
    risk                TEXT NOT NULL CHECK (risk IN ('none', 'low', 'medium', 'high')),
    reasons             TEXT NOT NULL,
    opposition_deadline TEXT,
    signals             TEXT NOT NULL,
    status              TEXT NOT NULL CHECK (status IN ('new', 'reviewed', 'dismissed', 'escalated')),
    assignee_user_id    INTEGER REFERENCES users (id),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL,
    UNIQUE (watched_mark_id, office, kind, number),
    UNIQUE (patent_watch_id, office, kind, number),
    CHECK ((watched_mark_id IS NULL) <> (patent_watch_id IS NULL))
);
CREATE INDEX watch_alerts_organisation ON watch_alerts (organisation_id, id);

CREATE TABLE watch_alert_notes (
    id             INTEGER PRIMARY KEY,
    alert_id       INTEGER NOT NULL REFERENCES watch_alerts (id) ON DELETE CASCADE,
    author_user_id INTEGER NOT NULL REFERENCES users (id),
    at             TEXT NOT NULL,
    text           TEXT NOT NULL
);
CREATE INDEX watch_alert_notes_alert ON watch_alert_notes (alert_id, id);

-- The last change-journal number the watch has screened; moved in the same transaction as the
-- alerts it raised.
CREATE TABLE watch_state (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    position   INTEGER NOT NULL,
    updated_at TEXT
);
INSERT INTO watch_state (id, position) VALUES (1, 0);

-- An organisation's own marks are found by their text (upcoming deadlines).
CREATE INDEX records_kind_title ON records (kind, lower(title));
