//! Notifications of alerts and cases, beyond the in-app inbox and case history: an e-mail to each
//! member of the organisation when e-mail is configured, and a signed POST to each webhook the
//! organisation registered.
//!
//! A watch run queues one delivery per alert and recipient in the transaction that raises the
//! alert; a case change queues one per announced history entry and recipient in its own
//! transaction (see [`case`]); deadline reminders are queued once per deadline and day.
//! [`Core::deliver_notifications`] sends what is due — per address one e-mail listing its alerts
//! and one listing its case news, in the recipient's language; one request per notice and webhook —
//! and retries failures with a doubling delay, giving up after [`MAX_ATTEMPTS`].

mod case;
mod case_mail;
mod mail;
mod subjects;
mod webhook;

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use serde_json::json;
use zhichan_domain::InvalidValue;
use zhichan_domain::OrgId;
use zhichan_domain::notify::{Delivery, DeliveryOutcome, Notice, Recipient, Webhook, WebhookId};
use zhichan_domain::watch::{Alert, AlertId};

use case_mail::CaseNotice;
use subjects::Subjects;

pub use mail::MailSettings;
pub use webhook::{SIGNATURE_HEADER, sign};

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

/// Attempts before a delivery is given up.
pub const MAX_ATTEMPTS: u32 = 8;
/// Deliveries taken from the queue per round.
const ROUND: u32 = 200;
/// The longest webhook URL accepted.
const MAX_URL_CHARS: usize = 2_000;

/// What one call of [`Core::deliver_notifications`] did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DeliverySummary {
    /// Deliveries sent.
    pub sent: u64,
    /// Deliveries that failed and wait for another attempt.
    pub retrying: u64,
    /// Deliveries given up.
    pub given_up: u64,
}

/// A webhook just registered, with its signing secret — shown this once.
#[derive(Debug, Clone, serde::Serialize)]
pub struct NewWebhook {
    /// The webhook.
    #[serde(flatten)]
    pub webhook: Webhook,
    /// The HMAC-SHA256 key of [`SIGNATURE_HEADER`].
    pub secret: String,
}

impl Core {
    /// Sends every delivery due now. Failures are recorded on their delivery, not returned: only
    /// a store that cannot be read fails the call.
    pub async fn deliver_notifications(&self) -> CoreResult<DeliverySummary> {
        let _one_at_a_time = self.delivery_follow.lock().await;
        let mut summary = DeliverySummary::default();
        let mut subjects = Subjects::default();
        let mut webhooks: HashMap<WebhookId, Option<Webhook>> = HashMap::new();
        loop {
            let now = Utc::now();
            let due = self.store.due_deliveries(now, ROUND).await?;
            if due.is_empty() {
                break;
            }
            for delivery in &due {
                subjects.load(self.store.as_ref(), delivery.notice).await?;
            }
            let mut mail: BTreeMap<&str, Vec<&Delivery>> = BTreeMap::new();
            for delivery in &due {
                match &delivery.recipient {
                    Recipient::Email { address } => mail.entry(address).or_default().push(delivery),
                    Recipient::Webhook { webhook_id } => {
                        if !webhooks.contains_key(webhook_id) {
                            webhooks.insert(*webhook_id, self.store.webhook(*webhook_id).await?);
                        }
                        let result = match (&webhooks[webhook_id], subjects.webhook_payload(delivery.notice)) {
                            (Some(webhook), Some((event, payload))) => {
                                webhook::post(webhook, delivery.id, event, &payload).await
                            }
                            (None, _) => Err("the webhook was removed".to_owned()),
                            (_, None) => Err("what it announces was removed".to_owned()),
                        };
                        self.record_attempt(delivery, result, now, &mut summary).await?;
                    }
                }
            }
            for (address, deliveries) in mail {
                let (alerts, cases): (Vec<&Delivery>, Vec<&Delivery>) =
                    deliveries.into_iter().partition(|d| matches!(d.notice, Notice::Alert { .. }));
                if !alerts.is_empty() {
                    let listed: Vec<&Alert> = alerts.iter().filter_map(|d| subjects.alert(d.notice)).collect();
                    let result = match &self.settings.mail {
                        Some(settings) => mail::send(settings, address, &listed).await,
                        None => Err("e-mail is not configured".to_owned()),
                    };
                    for delivery in alerts {
                        self.record_attempt(delivery, result.clone(), now, &mut summary).await?;
                    }
                }
                if !cases.is_empty() {
                    let listed: Vec<CaseNotice<'_>> =
                        cases.iter().filter_map(|d| subjects.case_notice(d.notice)).collect();
                    let result = self.send_case_mail(address, &listed).await?;
                    for delivery in cases {
                        self.record_attempt(delivery, result.clone(), now, &mut summary).await?;
                    }
                }
            }
        }
        Ok(summary)
    }

    /// Sends `address` one message listing `notices`, in the saved language of the account with
    /// that address (Simplified Chinese when it has none).
    async fn send_case_mail(&self, address: &str, notices: &[CaseNotice<'_>]) -> CoreResult<Result<(), String>> {
        let Some(settings) = &self.settings.mail else { return Ok(Err("e-mail is not configured".to_owned())) };
        if notices.is_empty() {
            return Ok(Err("the case was removed".to_owned()));
        }
        let account = self.store.user_credentials(address).await?;
        let locale = account.and_then(|account| account.user.locale).unwrap_or_default();
        let subject = case_mail::subject(locale, notices);
        let body = case_mail::body(locale, &settings.base_url, notices);
        Ok(mail::send_text(settings, address, subject, body).await)
    }

    async fn record_attempt(
        &self,
        delivery: &Delivery,
        result: Result<(), String>,
        now: DateTime<Utc>,
        summary: &mut DeliverySummary,
    ) -> CoreResult<()> {
        let outcome = match result {
            Ok(()) => {
                summary.sent += 1;
                DeliveryOutcome::Sent
            }
            Err(error) if delivery.attempts + 1 >= MAX_ATTEMPTS => {
                tracing::warn!(delivery = delivery.id.get(), %error, "notification given up");
                summary.given_up += 1;
                DeliveryOutcome::GiveUp { error }
            }
            Err(error) => {
                summary.retrying += 1;
                let delay = chrono::Duration::minutes(1_i64 << delivery.attempts.min(12));
                DeliveryOutcome::Retry { error, at: now + delay }
            }
        };
        Ok(self.store.record_delivery(delivery.id, &outcome, now).await?)
    }

    /// Who is told about a new alert of `organisation_id`: its webhooks, and its enabled members
    /// by e-mail when e-mail is configured.
    pub(crate) async fn recipients(&self, organisation_id: OrgId) -> CoreResult<Vec<Recipient>> {
        let webhooks = self.store.webhooks(Some(organisation_id)).await?;
        let mut recipients: Vec<Recipient> =
            webhooks.into_iter().map(|webhook| Recipient::Webhook { webhook_id: webhook.id }).collect();
        if self.settings.mail.is_some() {
            let members = self.store.users_in_organisation(organisation_id).await?;
            recipients.extend(
                members.into_iter().filter(|user| !user.disabled).map(|user| Recipient::Email { address: user.email }),
            );
        }
        Ok(recipients)
    }

    /// The webhooks of `organisation_id` (staff and administrators: of every organisation when
    /// `None`), in id order. Secrets are not included.
    pub async fn webhooks(&self, actor: &Actor, organisation_id: Option<OrgId>) -> CoreResult<Vec<Webhook>> {
        let scope = authz::watch_scope(actor, organisation_id, "webhook")?;
        Ok(self.store.webhooks(scope).await?)
    }

    /// Registers a webhook for `organisation_id`'s alerts; the answer carries the signing secret,
    /// which is never shown again.
    pub async fn create_webhook(
        &self,
        actor: &Actor,
        context: &RequestContext,
        organisation_id: OrgId,
        url: &str,
    ) -> CoreResult<NewWebhook> {
        authz::watch(actor, organisation_id, "organisation")?;
        self.store.organisation(organisation_id).await?.ok_or(CoreError::NotFound("organisation"))?;
        let url = webhook_url(url)?;
        let secret = crate::secret::random_hex(32)?;
        let audit = entry(
            Some(actor),
            context,
            "webhook.create",
            ("webhook", None),
            Some(organisation_id),
            json!({ "url": url }),
        );
        let webhook = self.store.create_webhook(organisation_id, Some(actor.user_id()), &url, &secret, audit).await?;
        Ok(NewWebhook { webhook, secret })
    }

    /// Removes a webhook; its queued deliveries go with it.
    pub async fn delete_webhook(&self, actor: &Actor, context: &RequestContext, id: WebhookId) -> CoreResult<()> {
        let webhook = self.store.webhook(id).await?.ok_or(CoreError::NotFound("webhook"))?;
        authz::watch(actor, webhook.organisation_id, "webhook")?;
        let audit = entry(
            Some(actor),
            context,
            "webhook.delete",
            ("webhook", Some(id.to_string())),
            Some(webhook.organisation_id),
            json!({ "url": webhook.url }),
        );
        Ok(self.store.delete_webhook(id, audit).await?)
    }

    /// The notifications queued for an alert the actor may see.
    pub async fn alert_deliveries(&self, actor: &Actor, alert_id: AlertId) -> CoreResult<Vec<Delivery>> {
        self.alert(actor, alert_id).await?;
        Ok(self.store.alert_deliveries(alert_id).await?)
    }
}

/// An absolute `http` or `https` URL with a host.
fn webhook_url(url: &str) -> CoreResult<String> {
    let url = url.trim();
    let expected = || InvalidValue::new("url", "an http:// or https:// address of at most 2,000 characters");
    if url.chars().count() > MAX_URL_CHARS {
        return Err(expected().into());
    }
    let parsed = reqwest::Url::parse(url).map_err(|_| expected())?;
    if !matches!(parsed.scheme(), "http" | "https") || parsed.host_str().is_none_or(str::is_empty) {
        return Err(expected().into());
    }
    Ok(parsed.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn webhook_urls_are_absolute_http() {
        assert_eq!(
            webhook_url(" https://erp.example.com/hooks/zhichan ").ok().as_deref(),
            Some("https://erp.example.com/hooks/zhichan")
        );
        assert!(webhook_url("http://127.0.0.1:8080/x").is_ok());
        for bad in ["ftp://example.com", "example.com/hook", "https://", ""] {
            assert!(webhook_url(bad).is_err(), "{bad}");
        }
    }
}
