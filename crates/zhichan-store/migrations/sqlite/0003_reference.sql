-- Reference tables imported from their published files (SQLite): CNIPA similar groups, IPC,
-- IPC technology fields, Nice items, ST.3 office codes. One row per entry; `detail` holds the
-- whole entry as JSON, the other columns serve look-ups.

CREATE TABLE reference_entries (
    kind      TEXT NOT NULL,
    key       TEXT NOT NULL,
    parent    TEXT,
    class     INTEGER,
    title     TEXT NOT NULL,
    detail    TEXT NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (kind, key)
);
CREATE INDEX reference_entries_parent ON reference_entries (kind, parent);
CREATE INDEX reference_entries_class ON reference_entries (kind, class);
