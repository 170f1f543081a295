//! Moving a case along its kind's table, and appointing who works on it — with the conflict of
//! interest check an appointment needs.

use chrono::Utc;
use serde_json::json;
use zhichan_domain::case::{
    Case, CaseChange, CaseEventBody, CaseId, CaseKind, CaseState, NewCaseEvent, Outcome, case_text,
};
use zhichan_domain::{InvalidValue, Role, UserId};

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

/// The longest reason given with a transition, in characters.
pub const MAX_REASON_CHARS: usize = 2_000;

/// A step asked for: the state to go to, with the outcome a closing assistance case needs and
/// an optional reason.
#[derive(Debug, Clone, Default)]
pub struct TransitionInput {
    /// State code.
    pub to: String,
    /// Outcome code, when a rights-assistance case closes.
    pub outcome: Option<String>,
    /// Why.
    pub reason: Option<String>,
}

/// An appointment asked for.
#[derive(Debug, Clone)]
pub struct AssignInput {
    /// Who will work on the case.
    pub user_id: UserId,
    /// The parties consented to a tie that needs their consent (an orange-list tie).
    pub consent: bool,
}

impl Core {
    /// Moves a case to `input.to` when its kind's table allows the step (else 409
    /// `illegal_transition`) and the actor may take it.
    pub async fn transition_case(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: CaseId,
        input: TransitionInput,
    ) -> CoreResult<Case> {
        let (case, role) = self.case_for(actor, id).await?;
        let to = case.kind.state(&input.to)?;
        let to = case.kind.step(case.state, to)?;
        authz::move_case(role, case.kind, case.state, to)?;
        let outcome = input.outcome.as_deref().map(str::trim).filter(|code| !code.is_empty());
        let outcome = match (case.kind, to, outcome) {
            (CaseKind::RightsAssistance, CaseState::Closed, Some(code)) => Some(Outcome::parse(code)?),
            (CaseKind::RightsAssistance, CaseState::Closed, None) => {
                return Err(InvalidValue::new("outcome", "settled, won, lost or withdrawn").into());
            }
            (_, _, Some(_)) => return Err(InvalidValue::new("outcome", "no outcome for this step").into()),
            (_, _, None) => None,
        };
        if role == authz::CaseRole::Party(zhichan_domain::case::PartySide::Applicant)
            && case.kind == CaseKind::RightsAssistance
            && outcome != Some(Outcome::Withdrawn)
        {
            return Err(InvalidValue::new("outcome", "withdrawn (an enterprise can only withdraw)").into());
        }
        let needs_assignee = to == CaseState::Assigned || to == CaseState::MediatorAppointed;
        if needs_assignee && case.assignee_user_id.is_none() {
            return Err(InvalidValue::new("to", "an appointment first: appointing someone moves the case").into());
        }
        let reason = input
            .reason
            .as_deref()
            .filter(|reason| !reason.trim().is_empty())
            .map(|reason| case_text("reason", reason, MAX_REASON_CHARS))
            .transpose()?;

        let mut change = CaseChange::new(case.state, Utc::now());
        change.state = Some(to);
        change.outcome = outcome;
        // A recusal granted: the investigator steps down and another is appointed.
        if (case.state, to) == (CaseState::RecusalRequested, CaseState::Requested) {
            change.assignee = Some(None);
        }
        change.events.push(NewCaseEvent::new(
            Some(actor.user_id()),
            CaseEventBody::Transition { from: case.state, to, outcome, reason },
        ));
        self.plan_deadlines(&case, to, &mut change).await?;
        let audit = self.case_audit(actor, context, "case.transition", &case, json!({ "from": case.state, "to": to }));
        self.apply(id, change, audit).await
    }

    /// Appoints who works on a case — an expert, mediator or investigator as the kind needs, or a
    /// staff member for the kinds the centre works itself — after the conflict check: a red-list
    /// tie to a party refuses it, an orange one needs the parties' consent and is disclosed.
    pub async fn assign_case(
        &self,
        actor: &Actor,
        context: &RequestContext,
        id: CaseId,
        input: AssignInput,
    ) -> CoreResult<Case> {
        let (case, role) = self.case_for(actor, id).await?;
        authz::assign_case(role)?;
        if case.is_closed() {
            return Err(CoreError::IllegalTransition(format!("{} is closed", case.reference())));
        }
        let user = self.store.user(input.user_id).await?.ok_or(CoreError::NotFound("user"))?;
        let needed = case.kind.assignee_role().unwrap_or(Role::Staff);
        if !user.roles.contains(&needed) || user.disabled {
            return Err(InvalidValue::new("user_id", format!("an active account with the role {needed}")).into());
        }
        let mut change = CaseChange::new(case.state, Utc::now());
        let conflict = self.conflict_check(input.user_id, &case.parties, crate::district_date(change.at)).await?;
        if conflict.refused() {
            return Err(CoreError::ConflictOfInterest(conflict.to_string()));
        }
        if conflict.needs_consent() && !input.consent {
            return Err(CoreError::ConflictOfInterest(format!("the parties must consent first: {conflict}")));
        }
        change.assignee = Some(Some(input.user_id));
        if conflict.level().is_some() {
            change.events.push(NewCaseEvent::new(
                Some(actor.user_id()),
                CaseEventBody::Disclosed { user_id: input.user_id, text: conflict.to_string() },
            ));
        }
        change
            .events
            .push(NewCaseEvent::new(Some(actor.user_id()), CaseEventBody::Assigned { user_id: Some(input.user_id) }));
        if let Some(to) = case.kind.appointed(case.state) {
            change.state = Some(to);
            change.events.push(NewCaseEvent::new(
                Some(actor.user_id()),
                CaseEventBody::Transition { from: case.state, to, outcome: None, reason: None },
            ));
            self.plan_deadlines(&case, to, &mut change).await?;
        }
        let audit = self.case_audit(
            actor,
            context,
            "case.assign",
            &case,
            json!({ "user_id": input.user_id, "consent": input.consent }),
        );
        self.apply(id, change, audit).await
    }

    /// Stores `change` with the notifications it calls for; a case that moved meanwhile answers 409.
    pub(crate) async fn apply(
        &self,
        id: CaseId,
        mut change: CaseChange,
        audit: zhichan_domain::AuditEntry,
    ) -> CoreResult<Case> {
        self.address_change(id, &mut change).await?;
        self.store.change_case(id, &change, audit).await.map_err(|error| match error {
            zhichan_store::StoreError::Conflict { what: "case_state" } => {
                CoreError::IllegalTransition("the case moved meanwhile: reload it and try again".into())
            }
            other => other.into(),
        })
    }

    /// The audit entry of a change to `case`, filed under its applicant's organisation.
    pub(crate) fn case_audit(
        &self,
        actor: &Actor,
        context: &RequestContext,
        action: &str,
        case: &Case,
        detail: serde_json::Value,
    ) -> zhichan_domain::AuditEntry {
        let organisation = case.party_organisations().next();
        entry(Some(actor), context, action, ("case", Some(case.id.to_string())), organisation, detail)
    }
}
