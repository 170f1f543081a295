-- Notifications of alerts (SQLite): the webhooks organisations register, and one delivery per alert
-- and recipient (an e-mail address or a webhook), queued with the alert and retried until sent.

CREATE TABLE webhooks (
    id              INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    url             TEXT NOT NULL,
    secret          TEXT NOT NULL,
    created_by      INTEGER REFERENCES users (id),
    created_at      TEXT NOT NULL
);
CREATE INDEX webhooks_organisation ON webhooks (organisation_id, id);

CREATE TABLE notification_deliveries (
    id              INTEGER PRIMARY KEY,
    alert_id        INTEGER NOT NULL REFERENCES watch_alerts (id) ON DELETE CASCADE,
    channel         TEXT NOT NULL CHECK (channel IN ('email', 'webhook')),
    email           TEXT,
    webhook_id      INTEGER REFERENCES webhooks (id) ON DELETE CASCADE,
    status          TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL,
    last_error      TEXT,
    next_attempt_at TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    sent_at         TEXT,
    CHECK ((channel = 'email') = (email IS NOT NULL) AND (channel = 'webhook') = (webhook_id IS NOT NULL))
);
CREATE INDEX notification_deliveries_due ON notification_deliveries (status, next_attempt_at, id);
CREATE INDEX notification_deliveries_alert ON notification_deliveries (alert_id);
