//! [`NotificationStore`] in SQL shared by both backends, and the queueing of deliveries that
//! raising alerts does in its own transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::{QueryBuilder, Transaction};

use super::audit::{RowId, create_audited, delete_audited};
use super::{ROWS_PER_STATEMENT, SqlBackend, SqlStore, statement};
use zhichan_domain::notify::{Delivery, DeliveryId, DeliveryOutcome, DeliveryStatus, Recipient, Webhook, WebhookId};
use zhichan_domain::watch::AlertId;
use zhichan_domain::{AuditEntry, OrgId, UserId};

use crate::{NotificationStore, StoreError, StoreResult};

/// The columns [`WebhookRow`] reads.
const WEBHOOK_COLUMNS: &str = "id, organisation_id, url, secret, created_by, created_at";
/// The columns [`DeliveryRow`] reads.
const DELIVERY_COLUMNS: &str =
    "id, alert_id, channel, email, webhook_id, status, attempts, last_error, next_attempt_at, created_at, sent_at";

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

/// Queues one pending delivery per (alert, recipient) of newly raised alerts, in the transaction
/// that raises them.
pub(super) async fn queue_deliveries<DB: SqlBackend>(
    tx: &mut Transaction<'_, DB>,
    deliveries: &[(i64, &Recipient)],
    at: DateTime<Utc>,
) -> StoreResult<()> {
    for chunk in deliveries.chunks(ROWS_PER_STATEMENT) {
        let mut insert = QueryBuilder::new(
            "INSERT INTO notification_deliveries (alert_id, channel, email, webhook_id, status, attempts, \
             next_attempt_at, created_at) ",
        );
        insert.push_values(chunk, |mut row, (alert_id, recipient)| {
            let (channel, email, webhook_id) = match recipient {
                Recipient::Email { address } => ("email", Some(address.as_str()), None),
                Recipient::Webhook { webhook_id } => ("webhook", None, Some(webhook_id.get())),
            };
            row.push_bind(*alert_id)
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
    alert_id: i64,
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
    /// The model value; [`StoreError::Corrupt`] for a channel or status this version does not know.
    fn into_model(self) -> StoreResult<Delivery> {
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
            alert_id: AlertId::new(self.alert_id),
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
