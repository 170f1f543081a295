-- Notifications of case changes and deadline reminders (SQLite): a delivery now announces an alert,
-- a case history entry, or a deadline reminder. SQLite cannot alter a column or a CHECK, so the
-- delivery table is rebuilt, keeping its rows.

CREATE TABLE notification_deliveries_new (
    id              INTEGER PRIMARY KEY,
    alert_id        INTEGER REFERENCES watch_alerts (id) ON DELETE CASCADE,
    case_id         INTEGER REFERENCES cases (id) ON DELETE CASCADE,
    event_id        INTEGER REFERENCES case_events (id) ON DELETE CASCADE,
    deadline_id     INTEGER REFERENCES case_deadlines (id) ON DELETE CASCADE,
    reminder_day    TEXT,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    email           TEXT,
    webhook_id      INTEGER REFERENCES webhooks (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    CHECK ((channel = 'email') = (email IS NOT NULL) AND (channel = 'webhook') = (webhook_id IS NOT NULL)),
    CHECK ((alert_id IS NOT NULL AND case_id IS NULL AND event_id IS NULL AND deadline_id IS NULL AND reminder_day IS NULL)
        OR (alert_id IS NULL AND case_id IS NOT NULL AND event_id IS NOT NULL AND deadline_id IS NULL AND reminder_day IS NULL)
        OR (alert_id IS NULL AND case_id IS NOT NULL AND event_id IS NULL AND deadline_id IS NOT NULL AND reminder_day IS NOT NULL))
);
INSERT INTO notification_deliveries_new (id, alert_id, channel, email, webhook_id, status, attempts, last_error,
    next_attempt_at, created_at, sent_at)
SELECT id, alert_id, channel, email, webhook_id, status, attempts, last_error, next_attempt_at, created_at, sent_at
FROM notification_deliveries;
DROP TABLE notification_deliveries;
ALTER TABLE notification_deliveries_new RENAME TO notification_deliveries;
CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt_at, id);
CREATE INDEX notification_deliveries_alert ON notification_deliveries (alert_id);
CREATE INDEX notification_deliveries_case ON notification_deliveries (case_id);

-- The deadline reminders already queued, so each (deadline, day) is announced once.
CREATE TABLE case_reminders (
    deadline_id INTEGER NOT NULL REFERENCES case_deadlines (id) ON DELETE CASCADE,
    day         TEXT NOT NULL,
    queued_at   TEXT NOT NULL,
    PRIMARY KEY (deadline_id, day)
);
