//! The deadline calendar: reminders for an organisation's own marks (renewal and maintenance
//! windows, the opposition windows of its pending marks, from the office rules in
//! `zhichan_domain::office`) and the last days to oppose the filings its open alerts are about —
//! new, under review, or escalated into a case that is still open.
//!
//! An organisation's own marks are the trademark records whose text equals one of its watched
//! marks' forms (ignoring ASCII case) and one of whose owners is the organisation by name — its
//! Chinese or English name, with case, punctuation and legal forms (有限公司, GmbH, Co., Ltd.)
//! set aside. Marks held under another name (a subsidiary, an old name) are not found: watch
//! them under that form and name instead.

use std::collections::HashSet;

use chrono::{Days, NaiveDate};
use serde::Serialize;
use zhichan_domain::case::CaseFilter;
use zhichan_domain::deadline::{Deadline, RenewalWindow, next_renewal, opposition_deadline};
use zhichan_domain::records::{MarkStatus, Record, RecordKey, Trademark};
use zhichan_domain::watch::{AlertFilter, AlertId, AlertReason, AlertStatus};
use zhichan_domain::{OrgId, OrgName, Organisation, Page};

use super::names::party_key;
use super::run::{anchor_dates, owned_by};
use crate::{Actor, Core, CoreError, CoreResult, authz};

/// Own marks looked at per request.
const MAX_OWN_MARKS: u32 = 5_000;
/// Open alerts of each status looked at per request.
const MAX_OPEN_ALERTS: u32 = 1_000;
/// The longest look-ahead, in days.
pub const MAX_WITHIN_DAYS: u32 = 3_660;

/// What falls due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Renewal of a registration.
    Renewal,
    /// A maintenance declaration (US §8, §71).
    Declaration,
    /// The end of the opposition window of a pending mark: the mark is safe from opposition after it.
    Opposition,
    /// The last day to oppose a filing an open (new or reviewed) alert is about.
    OpposeFiling,
}

/// The office rule a deadline comes from, with the dates it was counted from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineRule {
    /// An opposition window: of one of the organisation's pending marks, or of a filing alerted.
    Opposition(Deadline),
    /// A renewal or maintenance declaration window of a registered mark.
    Renewal(RenewalWindow),
}

impl std::fmt::Display for DeadlineRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Opposition(deadline) => deadline.fmt(f),
            Self::Renewal(window) => window.fmt(f),
        }
    }
}

/// A deadline of one of the organisation's own marks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UpcomingDeadline {
    /// The record it is about: one of the organisation's marks or, for
    /// [`DeadlineKind::OpposeFiling`], the filing alerted.
    pub record: RecordKey,
    /// The mark's text.
    pub mark_text: Option<String>,
    /// What falls due.
    pub kind: DeadlineKind,
    /// First day it can be done (renewals and declarations).
    pub opens: Option<NaiveDate>,
    /// The due date.
    pub due: NaiveDate,
    /// The last day with surcharge or extension, where there is one.
    pub latest: Option<NaiveDate>,
    /// The rule applied, with its source; `None` for an alert stored without its deadline's rule.
    pub rule: Option<DeadlineRule>,
    /// The alert, for [`DeadlineKind::OpposeFiling`].
    pub alert_id: Option<AlertId>,
}

impl Core {
    /// Renewal, declaration and opposition deadlines of `organisation_id`'s own marks, and the
    /// opposition deadlines of its open alerts, due within `within_days` from today (windows
    /// already open but not yet closed included), soonest first.
    pub async fn upcoming_deadlines(
        &self,
        actor: &Actor,
        organisation_id: OrgId,
        within_days: u32,
    ) -> CoreResult<Vec<UpcomingDeadline>> {
        authz::watch(actor, organisation_id, "organisation")?;
        let organisation =
            self.store.organisation(organisation_id).await?.ok_or(CoreError::NotFound("organisation"))?;
        let today = crate::district_today();
        let horizon = today.checked_add_days(Days::new(u64::from(within_days.min(MAX_WITHIN_DAYS)))).unwrap_or(today);
        let mut forms: Vec<String> = Vec::new();
        let mut page = Page::first(super::marks::MAX_PAGE);
        loop {
            let marks = self.store.watched_marks(Some(organisation_id), page).await?;
            page.after = marks.last().map(|m| m.id.get());
            forms.extend(marks.iter().flat_map(|m| m.forms.iter().cloned()));
            if marks.len() < page.limit as usize {
                break;
            }
        }
        let mut due = Vec::new();
        for mark in self.own_marks(&organisation, forms).await? {
            let dates = anchor_dates(&mark);
            let upcoming = |kind, opens, due, latest: Option<NaiveDate>, rule: DeadlineRule| UpcomingDeadline {
                record: mark.key(),
                mark_text: mark.mark_text.clone(),
                kind,
                opens,
                due,
                latest,
                rule: Some(rule),
                alert_id: None,
            };
            match mark.status.stage {
                MarkStatus::Registered => {
                    if let Some(window) = next_renewal(mark.office, &dates, today)
                        && window.due <= horizon
                    {
                        let kind = match window.obligation {
                            zhichan_domain::deadline::Obligation::Renewal(_) => DeadlineKind::Renewal,
                            zhichan_domain::deadline::Obligation::Declaration(_) => DeadlineKind::Declaration,
                        };
                        due.push(upcoming(
                            kind,
                            Some(window.opens),
                            window.due,
                            window.grace_ends,
                            DeadlineRule::Renewal(window),
                        ));
                    }
                }
                MarkStatus::Filed | MarkStatus::Published | MarkStatus::Opposed => {
                    if let Some(deadline) = opposition_deadline(mark.office, &dates)
                        && deadline.due >= today
                        && deadline.due <= horizon
                    {
                        let (due_on, latest) = (deadline.due, deadline.extendable_to);
                        let rule = DeadlineRule::Opposition(deadline);
                        due.push(upcoming(DeadlineKind::Opposition, None, due_on, latest, rule));
                    }
                }
                _ => {}
            }
        }
        due.extend(self.open_alert_deadlines(organisation_id, today, horizon).await?);
        due.sort_by(|a, b| (a.due, &a.record).cmp(&(b.due, &b.record)));
        Ok(due)
    }

    /// The organisation's own trademark records among those titled like one of `forms` (any
    /// case): owned by it by name (see the module docs), at most [`MAX_OWN_MARKS`].
    pub(super) async fn own_marks(
        &self,
        organisation: &Organisation,
        forms: Vec<String>,
    ) -> CoreResult<Vec<Trademark>> {
        let mut titles: Vec<String> = forms.iter().map(|form| form.to_ascii_lowercase()).collect();
        titles.sort();
        titles.dedup();
        // The owners summary holds the names joined, and a name's key is its words' keys run
        // together, so an owner with the organisation's key leaves that key inside the whole.
        let keys: Vec<String> = std::iter::once(organisation.profile.name_zh.as_str())
            .chain(organisation.profile.name_en.as_ref().map(OrgName::as_str))
            .map(party_key)
            .filter(|key| !key.is_empty())
            .collect();
        let may_own = |owners: &str| {
            let owners = party_key(owners);
            keys.iter().any(|key| owners.contains(key.as_str()))
        };
        let records = self.store.trademarks_titled(&titles, &may_own, MAX_OWN_MARKS).await?;
        Ok(records
            .into_iter()
            .filter_map(|record| match record {
                Record::Trademark(mark) if owned_by(&mark, Some(organisation)) => Some(*mark),
                _ => None,
            })
            .collect())
    }

    /// The opposition deadlines between `from` and `to` of the organisation's alerts still new or
    /// under review, or escalated into a case still open (at most [`MAX_OPEN_ALERTS`] of each
    /// status, newest first).
    async fn open_alert_deadlines(
        &self,
        organisation_id: OrgId,
        from: NaiveDate,
        to: NaiveDate,
    ) -> CoreResult<Vec<UpcomingDeadline>> {
        let in_open_cases = CaseFilter { party_organisation_id: Some(organisation_id), ..CaseFilter::default() };
        let escalated_and_open: HashSet<AlertId> = self
            .store
            .due_cases(&in_open_cases, to)
            .await?
            .into_iter()
            .filter(|due| due.deadline.kind == zhichan_domain::case::DeadlineKind::Opposition)
            .filter_map(|due| due.deadline.alert_id)
            .collect();
        let mut due = Vec::new();
        for status in [AlertStatus::New, AlertStatus::Reviewed, AlertStatus::Escalated] {
            let filter =
                AlertFilter { organisation_id: Some(organisation_id), status: Some(status), ..AlertFilter::default() };
            for alert in self.store.alerts(&filter, Page::first(MAX_OPEN_ALERTS)).await? {
                if status == AlertStatus::Escalated && !escalated_and_open.contains(&alert.id) {
                    continue;
                }
                let Some(deadline) = alert.opposition_deadline.filter(|d| (from..=to).contains(d)) else { continue };
                let rule = alert.reasons.iter().find_map(|reason| match reason {
                    AlertReason::OppositionDeadline(deadline) => Some(DeadlineRule::Opposition(deadline.clone())),
                    _ => None,
                });
                due.push(UpcomingDeadline {
                    record: alert.filing,
                    mark_text: alert.title,
                    kind: DeadlineKind::OpposeFiling,
                    opens: None,
                    due: deadline,
                    latest: None,
                    rule,
                    alert_id: Some(alert.id),
                });
            }
        }
        Ok(due)
    }
}
