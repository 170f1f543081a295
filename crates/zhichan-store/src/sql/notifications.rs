//! [`crate::NotificationStore`] in SQL shared by both backends.

use chrono::{DateTime, Utc};

use crate::notifications::{Delivery, DeliveryStatus, Recipient, Webhook};
use crate::{StoreError, StoreResult};

macro_rules! delivery_columns {
    () => {
        "id, alert_id, channel, email, webhook_id, status, attempts, last_error, next_attempt_at, created_at, sent_at"
    };
}

/// Implements [`crate::NotificationStore`] for an adapter struct with a `pool` field.
macro_rules! sql_notification_store {
    ($store:ty) => {
        #[async_trait::async_trait]
        impl $crate::NotificationStore for $store {
            async fn create_webhook(
                &self,
                organisation_id: i64,
                created_by: Option<i64>,
                url: &str,
                secret: &str,
                mut audit: $crate::AuditEntry,
            ) -> $crate::StoreResult<$crate::notifications::Webhook> {
                let mut tx = self.pool.begin().await?;
                let row: $crate::sql::notifications::WebhookRow = sqlx::query_as(
                    "INSERT INTO webhooks (organisation_id, url, secret, created_by, created_at) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id, organisation_id, url, secret, created_by, created_at",
                )
                .bind(organisation_id)
                .bind(url)
                .bind(secret)
                .bind(created_by)
                .bind(audit.at)
                .fetch_one(&mut *tx)
                .await?;
                audit.target_id = Some(row.0.to_string());
                insert_audit(&mut tx, &audit).await?;
                tx.commit().await?;
                Ok($crate::sql::notifications::webhook(row))
            }

            async fn webhooks(
                &self,
                organisation_id: Option<i64>,
            ) -> $crate::StoreResult<Vec<$crate::notifications::Webhook>> {
                let rows: Vec<$crate::sql::notifications::WebhookRow> = sqlx::query_as(
                    "SELECT id, organisation_id, url, secret, created_by, created_at FROM webhooks \
                     WHERE ($1 IS NULL OR organisation_id = $1) ORDER BY id",
                )
                .bind(organisation_id)
                .fetch_all(&self.pool)
                .await?;
                Ok(rows.into_iter().map($crate::sql::notifications::webhook).collect())
            }

            async fn webhook(&self, id: i64) -> $crate::StoreResult<Option<$crate::notifications::Webhook>> {
                let row: Option<$crate::sql::notifications::WebhookRow> = sqlx::query_as(
                    "SELECT id, organisation_id, url, secret, created_by, created_at FROM webhooks WHERE id = $1",
                )
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
                Ok(row.map($crate::sql::notifications::webhook))
            }

            async fn delete_webhook(&self, id: i64, audit: $crate::AuditEntry) -> $crate::StoreResult<()> {
                delete_audited(&self.pool, "DELETE FROM webhooks WHERE id = $1", id, "webhook", &audit).await
            }

            async fn due_deliveries(
                &self,
                now: chrono::DateTime<chrono::Utc>,
                limit: u32,
            ) -> $crate::StoreResult<Vec<$crate::notifications::Delivery>> {
                let rows: Vec<$crate::sql::notifications::DeliveryRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::notifications::delivery_columns!(),
                    " FROM notification_deliveries WHERE status = 'pending' AND next_attempt_at <= $1 \
                     ORDER BY id LIMIT $2"
                ))
                .bind(now)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map($crate::sql::notifications::delivery).collect()
            }

            async fn alert_deliveries(
                &self,
                alert_id: i64,
            ) -> $crate::StoreResult<Vec<$crate::notifications::Delivery>> {
                let rows: Vec<$crate::sql::notifications::DeliveryRow> = sqlx::query_as(concat!(
                    "SELECT ",
                    $crate::sql::notifications::delivery_columns!(),
                    " FROM notification_deliveries WHERE alert_id = $1 ORDER BY id"
                ))
                .bind(alert_id)
                .fetch_all(&self.pool)
                .await?;
                rows.into_iter().map($crate::sql::notifications::delivery).collect()
            }

            async fn record_delivery(
                &self,
                id: i64,
                outcome: &$crate::notifications::DeliveryOutcome,
                at: chrono::DateTime<chrono::Utc>,
            ) -> $crate::StoreResult<()> {
                use $crate::notifications::DeliveryOutcome;
                let (status, error, next) = match outcome {
                    DeliveryOutcome::Sent => ("sent", None, at),
                    DeliveryOutcome::Retry { error, at: next } => ("pending", Some(error.as_str()), *next),
                    DeliveryOutcome::GiveUp { error } => ("failed", Some(error.as_str()), at),
                };
                let sent_at = matches!(outcome, DeliveryOutcome::Sent).then_some(at);
                sqlx::query(
                    "UPDATE notification_deliveries SET status = $2, attempts = attempts + 1, last_error = $3, \
                     next_attempt_at = $4, sent_at = $5 WHERE id = $1 AND status = 'pending'",
                )
                .bind(id)
                .bind(status)
                .bind(error)
                .bind(next)
                .bind(sent_at)
                .execute(&self.pool)
                .await?;
                Ok(())
            }
        }

        /// Queues one pending delivery per (alert, recipient) of newly raised alerts.
        async fn queue_deliveries(
            conn: &mut <<$store as $crate::sql::Adapter>::Db as sqlx::Database>::Connection,
            deliveries: &[(i64, &$crate::notifications::Recipient)],
            at: chrono::DateTime<chrono::Utc>,
        ) -> $crate::StoreResult<()> {
            for chunk in deliveries.chunks($crate::sql::ROWS_PER_STATEMENT) {
                let mut insert = sqlx::QueryBuilder::new(
                    "INSERT INTO notification_deliveries (alert_id, channel, email, webhook_id, status, attempts, \
                     next_attempt_at, created_at) ",
                );
                insert.push_values(chunk, |mut row, (alert_id, recipient)| {
                    let (channel, email, webhook_id) = match recipient {
                        $crate::notifications::Recipient::Email { address } => ("email", Some(address.as_str()), None),
                        $crate::notifications::Recipient::Webhook { webhook_id } => ("webhook", None, Some(*webhook_id)),
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
                insert.build().execute(&mut *conn).await?;
            }
            Ok(())
        }
    };
}

pub(crate) use {delivery_columns, sql_notification_store};

/// A `webhooks` row: id, organisation, url, secret, created by, created.
pub(crate) type WebhookRow = (i64, i64, String, String, Option<i64>, DateTime<Utc>);

/// A webhook row as the model type.
pub(crate) fn webhook((id, organisation_id, url, secret, created_by, created_at): WebhookRow) -> Webhook {
    Webhook { id, organisation_id, url, secret, created_by, created_at }
}

/// A `notification_deliveries` row.
#[derive(sqlx::FromRow)]
pub(crate) struct DeliveryRow {
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

/// A delivery row as the model type.
pub(crate) fn delivery(row: DeliveryRow) -> StoreResult<Delivery> {
    let recipient = match (row.channel.as_str(), row.email, row.webhook_id) {
        ("email", Some(address), None) => Recipient::Email { address },
        ("webhook", None, Some(webhook_id)) => Recipient::Webhook { webhook_id },
        (channel, ..) => {
            return Err(StoreError::Corrupt { field: "notification_deliveries.channel", value: channel.to_owned() });
        }
    };
    let status = match row.status.as_str() {
        "pending" => DeliveryStatus::Pending,
        "sent" => DeliveryStatus::Sent,
        "failed" => DeliveryStatus::Failed,
        other => return Err(StoreError::Corrupt { field: "notification_deliveries.status", value: other.to_owned() }),
    };
    Ok(Delivery {
        id: row.id,
        alert_id: row.alert_id,
        recipient,
        status,
        attempts: u32::try_from(row.attempts).unwrap_or(0),
        last_error: row.last_error,
        next_attempt_at: row.next_attempt_at,
        created_at: row.created_at,
        sent_at: row.sent_at,
    })
}
