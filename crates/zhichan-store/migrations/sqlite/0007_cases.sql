-- Service cases (SQLite): the station network, cases with their parties and escalated alerts,
-- the hash-chained case history, and case deadlines.

-- "1+10+N": the centre, one park window per street, and workstations.
CREATE TABLE stations (
    id      INTEGER PRIMARY KEY,
    kind    TEXT NOT NULL CHECK (kind IN ('centre', 'park_window', 'workstation')),
    name_zh TEXT NOT NULL,
    name_en TEXT NOT NULL,
    street  TEXT,
    address TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX stations_one_centre ON stations (kind) WHERE kind = 'centre';
CREATE UNIQUE INDEX stations_one_window_per_street ON stations (street) WHERE kind = 'park_window';

-- The station a staff member works at; staff without one work at the centre.
CREATE TABLE station_staff (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    station_id INTEGER NOT NULL REFERENCES stations (id)
);

CREATE TABLE cases (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL,
    state            TEXT NOT NULL,
    title            TEXT NOT NULL,
    summary          TEXT NOT NULL,
    station_id       INTEGER NOT NULL REFERENCES stations (id),
    assignee_user_id INTEGER REFERENCES users (id),
    technical_field  TEXT,
    language         TEXT,
    requesting_body  TEXT,
    authority        TEXT,
    jurisdiction     TEXT,
    outcome          TEXT,
    opened_by        INTEGER REFERENCES users (id),
    created_at       TEXT NOT NULL,
    state_since      TEXT NOT NULL,
    closed_at        TEXT,
    updated_at       TEXT NOT NULL
);
CREATE INDEX cases_station ON cases (station_id, id);
CREATE INDEX cases_assignee ON cases (assignee_user_id, id);

CREATE TABLE case_parties (
    case_id         INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position        INTEGER NOT NULL,
    side            TEXT NOT NULL CHECK (side IN ('applicant', 'respondent')),
    organisation_id INTEGER REFERENCES organisations (id),
    name            TEXT NOT NULL,
    region          TEXT,
    PRIMARY KEY (case_id, position)
);
CREATE INDEX case_parties_organisation ON case_parties (organisation_id, case_id);

-- An alert is escalated into at most one case.
CREATE TABLE case_alerts (
    alert_id INTEGER PRIMARY KEY REFERENCES watch_alerts (id) ON DELETE CASCADE,
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE
);
CREATE INDEX case_alerts_case ON case_alerts (case_id);

-- Append-only: each entry's hash chains to the one before (see zhichan_domain::case::chain).
-- `body` is kept as the exact JSON text that was hashed.
CREATE TABLE case_events (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    at            TEXT NOT NULL,
    actor_user_id INTEGER REFERENCES users (id),
    visibility    TEXT NOT NULL,
    body          TEXT NOT NULL,
    prev_hash     TEXT NOT NULL,
    hash          TEXT NOT NULL,
    UNIQUE (case_id, seq)
);

CREATE TABLE case_deadlines (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind     TEXT NOT NULL CHECK (kind IN ('opposition', 'target', 'set')),
    label    TEXT NOT NULL,
    due      TEXT NOT NULL,
    alert_id INTEGER REFERENCES watch_alerts (id) ON DELETE SET NULL,
    met_at   TEXT
);
CREATE INDEX case_deadlines_case ON case_deadlines (case_id, due);
CREATE INDEX case_deadlines_open ON case_deadlines (due) WHERE met_at IS NULL;

INSERT INTO stations (kind, name_zh, name_en, street, address) VALUES
    ('centre', '宝安区知识产权公共服务中心', 'Bao''an IP Public Service Centre', NULL, '宝安区新安街道创业一路'),
    ('park_window', '新安街道园区服务窗口', 'Xin''an Park Window', 'xin_an', ''),
    ('park_window', '西乡街道园区服务窗口', 'Xixiang Park Window', 'xixiang', ''),
    ('park_window', '航城街道园区服务窗口', 'Hangcheng Park Window', 'hangcheng', ''),
    ('park_window', '福永街道园区服务窗口', 'Fuyong Park Window', 'fuyong', ''),
    ('park_window', '福海街道园区服务窗口', 'Fuhai Park Window', 'fuhai', ''),
    ('park_window', '沙井街道园区服务窗口', 'Shajing Park Window', 'shajing', ''),
    ('park_window', '新桥街道园区服务窗口', 'Xinqiao Park Window', 'xinqiao', ''),
    ('park_window', '松岗街道园区服务窗口', 'Songgang Park Window', 'songgang', ''),
    ('park_window', '燕罗街道园区服务窗口', 'Yanluo Park Window', 'yanluo', ''),
    ('park_window', '石岩街道园区服务窗口', 'Shiyan Park Window', 'shiyan', '');
