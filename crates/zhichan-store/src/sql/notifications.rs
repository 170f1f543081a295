//! [`NotificationStore`] in SQL shared by both backends, and the queueing of deliveries that
//! raising alerts and changing cases do in their own transactions.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{QueryBuilder, Transaction};

use super::audit::{RowId, create_audited, delete_audited};
use super::{ROWS_PER_STATEMENT, RowsAffected, SqlBackend, SqlStore, statement};
use zhichan_domain::case::{CaseDeadlineId, CaseEventId, CaseId};
use zhichan_domain::notify::{
    Delivery, DeliveryId, DeliveryOutcome, DeliveryStatus, Notice, Recipient, Webhook, WebhookId,
};
use zhichan_domain::watch::AlertId;
use zhichan_domain::{AuditEntry, OrgId, UserId};

use crate::{NotificationStore, StoreError, StoreResult};

/// The columns [`WebhookRow`] reads.
const WEBHOOK_COLUMNS: &str = "id, organisation_id, url, secret, created_by, created_at";
/// The columns [`DeliveryRow`] reads.
const DELIVERY_COLUMNS: &str = "id, alert_id, case_id, event_id, deadline_id, reminder_day, channel, email, \
     webhook_id, status, attempts, last_error, next_attempt_at, created_at, sent_at";

#[async_trait]
impl<DB: SqlBackend> NotificationStore for SqlStore<DB> {
    async fn create_webhook(
        &self,
        organisation_id: OrgId,
        created_by: Option<UserId>,
        url: &str,
        secret: &str,
        audit: AuditEntry,
    ) -> StoreResult<Webhook> {
        let insert = sqlx::query_as(statement(&[
            "INSERT INTO webhooks (organisation_id, url, secret, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING ",
            WEBHOOK_COLUMNS,
        ]))
        .bind(organisation_id.get())
        .bind(url)
        .bind(secret)
        .bind(created_by.map(UserId::get))
        .bind(audit.at);
        let row: WebhookRow = create_audited(&self.pool, insert, audit).await?;
        Ok(row.into())
    }

    async fn webhooks(&self, organisation_id: Option<OrgId>) -> StoreResult<Vec<Webhook>> {
        let rows: Vec<WebhookRow> = sqlx::query_as(statement(&[
            "SELECT ",
            WEBHOOK_COLUMNS,
            " FROM webhooks WHERE ($1 IS NULL OR organisation_id = $1) ORDER BY id",
        ]))
        .bind(organisation_id.map(OrgId::get))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    async fn webhook(&self, id: WebhookId) -> StoreResult<Option<Webhook>> {
        let row: Option<WebhookRow> =
            sqlx::query_as(statement(&["SELECT ", WEBHOOK_COLUMNS, " FROM webhooks WHERE id = $1"]))
                .bind(id.get())
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(Into::into))
    }

    async fn delete_webhook(&self, id: WebhookId, audit: AuditEntry) -> StoreResult<()> {
        delete_audited(&self.pool, "DELETE FROM webhooks WHERE id = $1", id.get(), "webhook", &audit).await
    }

    async fn due_deliveries(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<Delivery>> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(statement(&[
            "SELECT ",
            DELIVERY_COLUMNS,
            " FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY id LIMIT $2",
        ]))
        .bind(now)
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(DeliveryRow::into_model).collect()
    }

    async fn alert_deliveries(&self, alert_id: AlertId) -> StoreResult<Vec<Delivery>> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(statement(&[
            "SELECT ",
            DELIVERY_COLUMNS,
            " FROM notification_deliveries WHERE alert_id = $1 ORDER BY id",
        ]))
        .bind(alert_id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(DeliveryRow::into_model).collect()
    }

    async fn case_deliveries(&self, case_id: CaseId) -> StoreResult<Vec<Delivery>> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(statement(&[
            "SELECT ",
            DELIVERY_COLUMNS,
            " FROM notification_deliveries WHERE case_id = $1 ORDER BY id",
        ]))
        .bind(case_id.get())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(DeliveryRow::into_model).collect()
    }

    async fn queue_reminder(
        &self,
        case_id: CaseId,
        deadline_id: CaseDeadlineId,
        day: NaiveDate,
        recipients: &[Recipient],
        at: DateTime<Utc>,
    ) -> StoreResult<bool> {
        let mut tx = self.pool.begin().await?;
        let first = sqlx::query(
            "INSERT INTO case_reminders (deadline_id, day, queued_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )
        .bind(deadline_id.get())
        .bind(Some(day))
        .bind(at)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if first {
            let notice = Notice::Reminder { case_id, deadline_id, day };
            let deliveries: Vec<(Notice, &Recipient)> = recipients.iter().map(|r| (notice, r)).collect();
            queue_deliveries(&mut tx, &deliveries, at).await?;
        }
        tx.commit().await?;
        Ok(first)
    }

    async fn record_delivery(&self, id: DeliveryId, outcome: &DeliveryOutcome, at: DateTime<Utc>) -> StoreResult<()> {
        let (status, error, next) = match outcome {
            DeliveryOutcome::Sent => (DeliveryStatus::Sent, None, at),
            DeliveryOutcome::Retry { error, at: next } => (DeliveryStatus::Pending, Some(error.as_str()), *next),
            DeliveryOutcome::GiveUp { error } => (DeliveryStatus::Failed, Some(error.as_str()), at),
        };
        let sent_at = matches!(outcome, DeliveryOutcome::Sent).then_some(at);
        sqlx::query(
            "UPDATE notification_deliveries SET status = $2, attempts = attempts + 1, last_error = $3, \
             next_attempt_at = $4, sent_at = $5 WHERE id = $1 AND status = 'pending'",
        )
        .bind(id.get())
        .bind(status.code())
        .bind(error)
        .bind(next)
        .bind(sent_at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}

/// Queues one pending delivery per (notice, recipient), in the transaction that raises the alerts
/// or changes the case they announce.
pub(super) async fn queue_deliveries<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    deliveries: &[(Notice, &Recipient)],
    at: DateTime<Utc>,
) -> StoreResult<()> {
    for chunk in deliveries.chunks(ROWS_PER_STATEMENT) {
        let mut insert = QueryBuilder::new(
            "INSERT INTO notification_deliveries (alert_id, case_id, event_id, deadline_id, reminder_day, channel, \
             email, webhook_id, status, attempts, next_attempt_at, created_at) ",
        );
        insert.push_values(chunk, |mut row, (notice, recipient)| {
            let (alert_id, case_id, event_id, deadline_id, day) = match *notice {
                Notice::Alert { alert_id } => (Some(alert_id.get()), None, None, None, None),
                Notice::Case { case_id, event_id } => (None, Some(case_id.get()), Some(event_id.get()), None, None),
                Notice::Reminder { case_id, deadline_id, day } => {
                    (None, Some(case_id.get()), None, Some(deadline_id.get()), Some(day))
                }
            };
            let (channel, email, webhook_id) = match recipient {
                Recipient::Email { address } => ("email", Some(address.as_str()), None),
                Recipient::Webhook { webhook_id } => ("webhook", None, Some(webhook_id.get())),
            };
            row.push_bind(alert_id)
                .push_bind(case_id)
                .push_bind(event_id)
                .push_bind(deadline_id)
                .push_bind(day)
                .push_bind(channel)
                .push_bind(email)
                .push_bind(webhook_id)
                .push("'pending'")
                .push("0")
                .push_bind(at)
                .push_bind(at);
        });
        insert.build().execute(&mut **tx).await?;
    }
    Ok(())
}

/// A `webhooks` row.
#[derive(sqlx::FromRow)]
struct WebhookRow {
    id: i64,
    organisation_id: i64,
    url: String,
    secret: String,
    created_by: Option<i64>,
    created_at: DateTime<Utc>,
}

impl RowId for WebhookRow {
    fn id(&self) -> i64 {
        self.id
    }
}

impl From<WebhookRow> for Webhook {
    fn from(row: WebhookRow) -> Self {
        Webhook {
            id: WebhookId::new(row.id),
            organisation_id: OrgId::new(row.organisation_id),
            url: row.url,
            secret: row.secret,
            created_by: row.created_by.map(UserId::new),
            created_at: row.created_at,
        }
    }
}

/// A `notification_deliveries` row.
#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: i64,
    alert_id: Option<i64>,
    case_id: Option<i64>,
    event_id: Option<i64>,
    deadline_id: Option<i64>,
    reminder_day: Option<NaiveDate>,
    channel: String,
    email: Option<String>,
    webhook_id: Option<i64>,
    status: String,
    attempts: i32,
    last_error: Option<String>,
    next_attempt_at: DateTime<Utc>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
}

impl DeliveryRow {
    /// The model value; [`StoreError::Corrupt`] for a channel, status or subject this version does
    /// not know.
    fn into_model(self) -> StoreResult<Delivery> {
        let notice = match (self.alert_id, self.case_id, self.event_id, self.deadline_id, self.reminder_day) {
            (Some(alert_id), None, None, None, None) => Notice::Alert { alert_id: AlertId::new(alert_id) },
            (None, Some(case_id), Some(event_id), None, None) => {
                Notice::Case { case_id: CaseId::new(case_id), event_id: CaseEventId::new(event_id) }
            }
            (None, Some(case_id), None, Some(deadline_id), Some(day)) => {
                Notice::Reminder { case_id: CaseId::new(case_id), deadline_id: CaseDeadlineId::new(deadline_id), day }
            }
            _ => {
                return Err(StoreError::Corrupt {
                    field: "notification_deliveries.alert_id",
                    value: format!("delivery {} announces nothing this version knows", self.id),
                });
            }
        };
        let recipient = match (self.channel.as_str(), self.email, self.webhook_id) {
            ("email", Some(address), None) => Recipient::Email { address },
            ("webhook", None, Some(webhook_id)) => Recipient::Webhook { webhook_id: WebhookId::new(webhook_id) },
            (channel, ..) => {
                return Err(StoreError::Corrupt {
                    field: "notification_deliveries.channel",
                    value: channel.to_owned(),
                });
            }
        };
        let status = DeliveryStatus::parse(&self.status)
            .ok_or(StoreError::Corrupt { field: "notification_deliveries.status", value: self.status })?;
        Ok(Delivery {
            id: DeliveryId::new(self.id),
            notice,
            recipient,
            status,
            attempts: u32::try_from(self.attempts).unwrap_or(0),
            last_error: self.last_error,
            next_attempt_at: self.next_attempt_at,
            created_at: self.created_at,
            sent_at: self.sent_at,
        })
    }
}
