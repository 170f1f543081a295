//! Escalating a watch alert: it opens a rights-assistance case carrying the alert, or joins an
//! open one of the same enterprise. The alert's opposition deadline becomes the case's first
//! deadline and stays on every calendar until the case closes.

use chrono::Utc;
use serde_json::json;
use zhichan_domain::case::{
    Case, CaseChange, CaseDeadline, CaseEventBody, CaseId, CaseKind, CaseParticulars, CaseParty, DeadlineKind, NewCase,
    NewCaseDeadline, NewCaseEvent, PartySide,
};
use zhichan_domain::expertise::TechnicalField;
use zhichan_domain::station::route;
use zhichan_domain::watch::{Alert, AlertId, AlertStatus};
use zhichan_domain::{InvalidValue, Street};

use crate::{Actor, Core, CoreError, CoreResult, RequestContext};

/// Where an escalated alert goes.
#[derive(Debug, Clone, Copy, Default)]
pub struct EscalateInput {
    /// An open rights-assistance case of the same enterprise to join; a new case when `None`.
    pub case_id: Option<CaseId>,
}

impl Core {
    /// Escalates an alert the actor may review into a rights-assistance case (a new one, or
    /// `input.case_id`) and returns the case. A new alert counts as reviewed on the way.
    pub async fn escalate_alert(
        &self,
        actor: &Actor,
        context: &RequestContext,
        alert_id: AlertId,
        input: EscalateInput,
    ) -> CoreResult<Case> {
        let alert = self.alert(actor, alert_id).await?;
        let reviewed = match alert.status {
            AlertStatus::New => AlertStatus::Reviewed,
            status => status,
        };
        reviewed.step(AlertStatus::Escalated)?;
        match input.case_id {
            None => self.open_for_alert(actor, context, &alert).await,
            Some(case_id) => self.join_alert(actor, context, &alert, case_id).await,
        }
    }

    /// A new rights-assistance case for `alert`, routed to the enterprise's station.
    async fn open_for_alert(&self, actor: &Actor, context: &RequestContext, alert: &Alert) -> CoreResult<Case> {
        let organisation =
            self.store.organisation(alert.organisation_id).await?.ok_or(CoreError::NotFound("organisation"))?;
        let stations = self.store.stations().await?;
        let street: Option<Street> = organisation.profile.street;
        let station =
            route(&stations, street).ok_or_else(|| CoreError::internal("the station network has no centre"))?;
        // A patent's publication number already begins with its office; a mark's does not.
        let filing = if alert.filing.number.starts_with(alert.filing.office.as_str()) {
            alert.filing.number.clone()
        } else {
            format!("{} {}", alert.filing.office, alert.filing.number)
        };
        let title = match &alert.title {
            Some(title) => format!("{title}（{filing}）"),
            None => filing.clone(),
        };
        let mut parties = vec![CaseParty {
            side: PartySide::Applicant,
            organisation_id: Some(organisation.id),
            name: organisation.profile.name_zh.to_string(),
            region: Some(zhichan_domain::expertise::Region::Mainland),
        }];
        if let Some(applicant) = alert.applicant.as_deref().filter(|name| !name.is_empty()) {
            parties.push(CaseParty {
                side: PartySide::Respondent,
                organisation_id: None,
                name: applicant.to_owned(),
                region: None,
            });
        }
        let score = (alert.score * 100.0).round();
        let summary = match alert.applicant.as_deref().filter(|name| !name.is_empty()) {
            Some(applicant) => format!("由监控预警升级：{applicant} 提交的 {filing}，相似度 {score}%。"),
            None => format!("由监控预警升级：{filing}，相似度 {score}%。"),
        };
        let new = NewCase {
            kind: CaseKind::RightsAssistance,
            title,
            summary,
            station_id: station.id,
            parties,
            particulars: CaseParticulars {
                technical_field: Some(TechnicalField::Trademarks),
                ..CaseParticulars::default()
            },
            alert_ids: vec![alert.id],
            opened_by: Some(actor.user_id()),
        };
        self.store_new_case(Some(actor), context, new).await
    }

    /// Adds `alert` to an open rights-assistance case of the same enterprise.
    async fn join_alert(
        &self,
        actor: &Actor,
        context: &RequestContext,
        alert: &Alert,
        case_id: CaseId,
    ) -> CoreResult<Case> {
        let (case, _) = self.case_for(actor, case_id).await?;
        let same_enterprise = case.party_organisations().any(|id| id == alert.organisation_id);
        if case.kind != CaseKind::RightsAssistance || case.is_closed() || !same_enterprise {
            return Err(InvalidValue::new("case_id", "an open rights-assistance case of the same enterprise").into());
        }
        let mut change = CaseChange::new(case.state, Utc::now());
        change.alerts.push(alert.id);
        change.events.push(NewCaseEvent::new(Some(actor.user_id()), CaseEventBody::AlertJoined { alert_id: alert.id }));
        change.deadlines.extend(self.alert_deadlines(&[alert.id]).await?);
        let audit = self.case_audit(actor, context, "case.alert", &case, json!({ "alert_id": alert.id }));
        self.apply(case_id, change, audit).await
    }

    /// The opposition deadlines of `alerts`, as case deadlines.
    pub(crate) async fn alert_deadlines(&self, alerts: &[AlertId]) -> CoreResult<Vec<NewCaseDeadline>> {
        let mut deadlines = Vec::new();
        for id in alerts {
            let alert = self.store.alert(*id).await?.ok_or(CoreError::NotFound("alert"))?;
            if let Some(due) = alert.opposition_deadline {
                deadlines.push(NewCaseDeadline {
                    kind: DeadlineKind::Opposition,
                    label: format!("{} {}", alert.filing.office, alert.filing.number),
                    due,
                    alert_id: Some(alert.id),
                });
            }
        }
        Ok(deadlines)
    }

    /// The open case an alert was escalated into, with its deadlines, if the actor may see it.
    pub async fn case_of_alert(
        &self,
        actor: &Actor,
        alert_id: AlertId,
    ) -> CoreResult<Option<(Case, Vec<CaseDeadline>)>> {
        let alert = self.alert(actor, alert_id).await?;
        let filter = zhichan_domain::case::CaseFilter { alert_id: Some(alert.id), ..Default::default() };
        let Some(case) = self.store.cases(&filter, zhichan_domain::Page::first(1)).await?.pop() else {
            return Ok(None);
        };
        let deadlines = self.store.case_deadlines(case.id).await?;
        Ok(Some((case, deadlines)))
    }
}
