//! What the deliveries of one round announce, read once per round: alerts, cases, their history
//! entries and deadlines.

use std::collections::HashMap;

use serde_json::json;
use zhichan_domain::case::{Case, CaseDeadline, CaseDeadlineId, CaseEvent, CaseEventId, CaseId};
use zhichan_domain::notify::Notice;
use zhichan_domain::watch::{Alert, AlertId};
use zhichan_store::{Store, StoreResult};

use super::case_mail::CaseNotice;

/// The subjects of due deliveries, by id; a subject removed meanwhile is simply absent.
#[derive(Debug, Default)]
pub(super) struct Subjects {
    alerts: HashMap<AlertId, Alert>,
    cases: HashMap<CaseId, Case>,
    entries: HashMap<CaseEventId, CaseEvent>,
    deadlines: HashMap<CaseDeadlineId, CaseDeadline>,
}

impl Subjects {
    /// Reads what `notice` announces, unless already read.
    pub(super) async fn load(&mut self, store: &dyn Store, notice: Notice) -> StoreResult<()> {
        match notice {
            Notice::Alert { alert_id } => {
                if !self.alerts.contains_key(&alert_id)
                    && let Some(alert) = store.alert(alert_id).await?
                {
                    self.alerts.insert(alert_id, alert);
                }
            }
            Notice::Case { case_id, event_id } => {
                self.load_case(store, case_id).await?;
                if !self.entries.contains_key(&event_id) {
                    for entry in store.case_events(case_id, false).await? {
                        self.entries.insert(entry.id, entry);
                    }
                }
            }
            Notice::Reminder { case_id, deadline_id, .. } => {
                self.load_case(store, case_id).await?;
                if !self.deadlines.contains_key(&deadline_id)
                    && let Some(deadline) = store.case_deadline(deadline_id).await?
                {
                    self.deadlines.insert(deadline_id, deadline);
                }
            }
        }
        Ok(())
    }

    async fn load_case(&mut self, store: &dyn Store, case_id: CaseId) -> StoreResult<()> {
        if !self.cases.contains_key(&case_id)
            && let Some(case) = store.case(case_id).await?
        {
            self.cases.insert(case_id, case);
        }
        Ok(())
    }

    /// The alert of an alert notice.
    pub(super) fn alert(&self, notice: Notice) -> Option<&Alert> {
        match notice {
            Notice::Alert { alert_id } => self.alerts.get(&alert_id),
            _ => None,
        }
    }

    /// What a case e-mail says of a case notice.
    pub(super) fn case_notice(&self, notice: Notice) -> Option<CaseNotice<'_>> {
        match notice {
            Notice::Alert { .. } => None,
            Notice::Case { case_id, event_id } => {
                Some(CaseNotice::Changed { case: self.cases.get(&case_id)?, entry: self.entries.get(&event_id)? })
            }
            Notice::Reminder { case_id, deadline_id, day } => Some(CaseNotice::Reminder {
                case: self.cases.get(&case_id)?,
                deadline: self.deadlines.get(&deadline_id)?,
                day,
            }),
        }
    }

    /// The webhook event name and body announcing `notice` (documented in docs/API.md).
    pub(super) fn webhook_payload(&self, notice: Notice) -> Option<(&'static str, serde_json::Value)> {
        if let Some(alert) = self.alert(notice) {
            return Some(("alert.raised", json!({ "event": "alert.raised", "alert": alert })));
        }
        Some(match self.case_notice(notice)? {
            CaseNotice::Changed { case, entry } => {
                ("case.changed", json!({ "event": "case.changed", "case": case, "entry": entry }))
            }
            CaseNotice::Reminder { case, deadline, day } => (
                "case.deadline_reminder",
                json!({ "event": "case.deadline_reminder", "case": case, "deadline": deadline, "day": day }),
            ),
        })
    }
}
