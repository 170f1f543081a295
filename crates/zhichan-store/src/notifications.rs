//! Notifications of alerts: the webhooks an organisation registers, and the delivery queue — one
//! delivery per alert and recipient, queued in the transaction that raises the alert (so an alert
//! is never stored without its notifications) and retried until sent or given up.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use zhichan_domain::notify::{Delivery, DeliveryId, DeliveryOutcome, Webhook, WebhookId};
use zhichan_domain::watch::AlertId;
use zhichan_domain::{AuditEntry, OrgId, UserId};

use crate::StoreResult;

/// Persistence of webhooks and the delivery queue.
#[async_trait]
pub trait NotificationStore: Send + Sync {
    /// Registers a webhook.
    async fn create_webhook(
        &self,
        organisation_id: OrgId,
        created_by: Option<UserId>,
        url: &str,
        secret: &str,
        audit: AuditEntry,
    ) -> StoreResult<Webhook>;
    /// The webhooks of one organisation (or all), in id order.
    async fn webhooks(&self, organisation_id: Option<OrgId>) -> StoreResult<Vec<Webhook>>;
    /// One webhook.
    async fn webhook(&self, id: WebhookId) -> StoreResult<Option<Webhook>>;
    /// Removes a webhook and its queued deliveries.
    async fn delete_webhook(&self, id: WebhookId, audit: AuditEntry) -> StoreResult<()>;
    /// Pending deliveries due at `now`, oldest first, at most `limit`.
    async fn due_deliveries(&self, now: DateTime<Utc>, limit: u32) -> StoreResult<Vec<Delivery>>;
    /// The deliveries of one alert, in id order.
    async fn alert_deliveries(&self, alert_id: AlertId) -> StoreResult<Vec<Delivery>>;
    /// Records an attempt on a pending delivery (one more attempt); a delivery no longer pending
    /// (another process sent it) is left alone.
    async fn record_delivery(&self, id: DeliveryId, outcome: &DeliveryOutcome, at: DateTime<Utc>) -> StoreResult<()>;
}
