-- Notifications of case changes and deadline reminders (PostgreSQL): a delivery now announces an
-- alert, a case history entry, or a deadline reminder.

ALTER TABLE notification_deliveries
    ALTER COLUMN alert_id DROP NOT NULL,
    ADD COLUMN case_id BIGINT REFERENCES cases (id) ON DELETE CASCADE,
    ADD COLUMN event_id BIGINT REFERENCES case_events (id) ON DELETE CASCADE,
    ADD COLUMN deadline_id BIGINT REFERENCES case_deadlines (id) ON DELETE CASCADE,
    ADD COLUMN reminder_day DATE,
    ADD CONSTRAINT notification_deliveries_notice CHECK (
        (alert_id IS NOT NULL AND case_id IS NULL AND event_id IS NULL AND deadline_id IS NULL AND reminder_day IS NULL)
        OR (alert_id IS NULL AND case_id IS NOT NULL AND event_id IS NOT NULL AND deadline_id IS NULL AND reminder_day IS NULL)
        OR (alert_id IS NULL AND case_id IS NOT NULL AND event_id IS NULL AND deadline_id IS NOT NULL AND reminder_day IS NOT NULL));
CREATE INDEX notification_deliveries_case ON notification_deliveries (case_id);

-- The deadline reminders already queued, so each (deadline, day) is announced once.
CREATE TABLE case_reminders (
    deadline_id BIGINT NOT NULL REFERENCES case_deadlines (id) ON DELETE CASCADE,
    day         DATE NOT NULL,
    queued_at   TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (deadline_id, day)
);
