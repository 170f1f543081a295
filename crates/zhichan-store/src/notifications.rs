//! Notifications of alerts and cases: the webhooks an organisation registers, and the delivery
//! queue — one delivery per notice and recipient, queued in the transaction that raises the alert
//! or changes the case (so neither is stored without its notifications) and retried until sent or
//! given up. Deadline reminders are queued once per (deadline, day).

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use zhichan_domain::case::{CaseDeadlineId, CaseId};
use zhichan_domain::notify::{Delivery, DeliveryId, DeliveryOutcome, Recipient, Webhook, WebhookId};
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
    /// The deliveries announcing changes of one case and reminders of its deadlines, in id order.
    async fn case_deliveries(&self, case_id: CaseId) -> StoreResult<Vec<Delivery>>;
    /// Queues the reminder of deadline `deadline_id` (of case `case_id`) for `day` to
    /// `recipients`, unless that reminder was queued before; `true` when queued now.
    async fn queue_reminder(
        &self,
        case_id: CaseId,
        deadline_id: CaseDeadlineId,
        day: NaiveDate,
        recipients: &[Recipient],
        at: DateTime<Utc>,
    ) -> StoreResult<bool>;
    /// Records an attempt on a pending delivery (one more attempt); a delivery no longer pending
    /// (another process sent it) is left alone.
    async fn record_delivery(&self, id: DeliveryId, outcome: &DeliveryOutcome, at: DateTime<Utc>) -> StoreResult<()>;
}
