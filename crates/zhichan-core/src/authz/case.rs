//! Who may see and move a case.
//!
//! | who                      | sees                                  | internal entries | moves |
//! |--------------------------|---------------------------------------|------------------|-------|
//! | admin                    | every case                            | yes | every step of the table |
//! | staff of the centre      | every case                            | yes | every step |
//! | staff of a station       | the station's cases                   | yes | every step |
//! | the assignee (expert, mediator, investigator) | cases assigned to them | yes | the work steps below |
//! | a party's members        | the cases their organisation is a party to | never | the party steps below |
//!
//! Work steps: a consultation `assigned → answered`; rights assistance `assigned → strategy →
//! action`; a mediation `mediator_appointed → in_session → settled | failed`; a technical
//! investigation `assigned → notified → opinion_filed`.
//!
//! Party steps: the applicant of a consultation withdraws it (`submitted → closed`), asks a
//! follow-up (`answered → assigned`), closes it or reopens it (`closed → assigned`); the applicant
//! of rights assistance withdraws it before it is assigned (`intake | triage → closed`); the
//! respondent of a mediation accepts or declines it; any party of a technical investigation asks
//! the investigator to step down (`notified → recusal_requested`).
//!
//! Anyone else is told the case does not exist.

use zhichan_domain::case::{Case, CaseFilter, CaseKind, CaseState, PartySide};
use zhichan_domain::station::StationId;
use zhichan_domain::{OrgId, Role};

use crate::{Actor, CoreError, CoreResult};

/// Where a staff member works, as far as cases are concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Desk {
    /// The centre: every station's cases.
    Centre,
    /// One station: its cases.
    Station(StationId),
}

/// How an actor stands to a case, from the widest reach down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseRole {
    /// A platform administrator.
    Admin,
    /// Staff of the centre or of the case's station.
    Staff,
    /// The person assigned to work on it.
    Assignee,
    /// A member of a party organisation, on this side.
    Party(PartySide),
}

impl CaseRole {
    /// The stable code: `admin`, `staff`, `assignee`, `applicant` or `respondent`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Admin => "admin",
            Self::Staff => "staff",
            Self::Assignee => "assignee",
            Self::Party(side) => side.code(),
        }
    }

    /// Whether this is someone working on the case for the platform rather than a party: they
    /// read and write internal entries (notes, opinions, internal documents).
    pub fn works_on_case(self) -> bool {
        !matches!(self, Self::Party(_))
    }
}

/// How `actor` (at `desk`, when staff) stands to `case`; not found when they may not see it.
pub fn case_role(actor: &Actor, desk: Option<Desk>, case: &Case) -> CoreResult<CaseRole> {
    if actor.has(Role::Admin) {
        return Ok(CaseRole::Admin);
    }
    let staff = match desk {
        Some(Desk::Centre) => true,
        Some(Desk::Station(station)) => station == case.station_id,
        None => false,
    };
    if staff && actor.has(Role::Staff) {
        return Ok(CaseRole::Staff);
    }
    if case.assignee_user_id == Some(actor.user_id()) {
        return Ok(CaseRole::Assignee);
    }
    party_side(actor, case).map(CaseRole::Party).ok_or(CoreError::NotFound("case"))
}

/// The side the actor's organisation is on, when the actor speaks for a party.
fn party_side(actor: &Actor, case: &Case) -> Option<PartySide> {
    let speaks_for_organisation = actor.has(Role::EnterpriseMember) || actor.has(Role::EnterpriseAdmin);
    if !speaks_for_organisation {
        return None;
    }
    case.parties.iter().find(|party| party.organisation_id == Some(actor.organisation_id())).map(|party| party.side)
}

/// The cases `actor` may list: everything for admins and centre staff, a station's for its
/// staff, those assigned to experts, mediators and investigators, a party's for its members.
pub fn case_scope(actor: &Actor, desk: Option<Desk>) -> CaseFilter {
    let mut scope = CaseFilter::default();
    if actor.has(Role::Admin) {
        return scope;
    }
    match desk {
        Some(Desk::Centre) if actor.has(Role::Staff) => return scope,
        Some(Desk::Station(station)) if actor.has(Role::Staff) => {
            scope.station_id = Some(station);
            return scope;
        }
        _ => {}
    }
    if actor.has(Role::EnterpriseMember) || actor.has(Role::EnterpriseAdmin) {
        scope.party_organisation_id = Some(actor.organisation_id());
    } else {
        scope.assignee_user_id = Some(actor.user_id());
    }
    scope
}

/// May `actor` open a case of `kind` for `organisation` (the applicant; none for a court's or
/// agency's request)? Enterprises open consultations, rights assistance and mediations for
/// themselves; staff and admins open any kind for anyone.
pub fn open_case(actor: &Actor, kind: CaseKind, organisation: Option<OrgId>) -> CoreResult<()> {
    if actor.serves_every_organisation() {
        return Ok(());
    }
    let member = actor.has(Role::EnterpriseMember) || actor.has(Role::EnterpriseAdmin);
    if member && kind.opened_by_parties() && organisation == Some(actor.organisation_id()) {
        Ok(())
    } else {
        Err(CoreError::Forbidden)
    }
}

/// May someone in `role` move a case of `kind` from `from` to `to` (a step the kind's table
/// allows; checked separately)? The module's table.
pub fn move_case(role: CaseRole, kind: CaseKind, from: CaseState, to: CaseState) -> CoreResult<()> {
    use CaseState::*;
    let allowed = match role {
        CaseRole::Admin | CaseRole::Staff => true,
        CaseRole::Assignee => matches!(
            (kind, from, to),
            (CaseKind::Consultation, Assigned, Answered)
                | (CaseKind::RightsAssistance, Assigned, Strategy)
                | (CaseKind::RightsAssistance, Strategy, Action)
                | (CaseKind::Mediation, MediatorAppointed, InSession)
                | (CaseKind::Mediation, InSession, Settled | Failed)
                | (CaseKind::TechnicalInvestigation, Assigned, Notified)
                | (CaseKind::TechnicalInvestigation, Notified, OpinionFiled)
        ),
        CaseRole::Party(side) => match (kind, side) {
            (CaseKind::Consultation, PartySide::Applicant) => {
                matches!((from, to), (Submitted | Answered, Closed) | (Answered | Closed, Assigned))
            }
            (CaseKind::RightsAssistance, PartySide::Applicant) => matches!((from, to), (Intake | Triage, Closed)),
            (CaseKind::Mediation, PartySide::Respondent) => matches!((from, to), (Applied, Accepted | Declined)),
            (CaseKind::TechnicalInvestigation, _) => matches!((from, to), (Notified, RecusalRequested)),
            _ => false,
        },
    };
    if allowed { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// May someone in `role` appoint or change who works on a case? The centre's staff and admins.
pub fn assign_case(role: CaseRole) -> CoreResult<()> {
    if matches!(role, CaseRole::Admin | CaseRole::Staff) { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// May someone in `role` file a technical opinion? The assigned investigator, staff and admins.
pub fn file_opinion(role: CaseRole, kind: CaseKind) -> CoreResult<()> {
    if kind == CaseKind::TechnicalInvestigation && role.works_on_case() { Ok(()) } else { Err(CoreError::Forbidden) }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use zhichan_domain::case::{CaseId, CaseParticulars, CaseParty};
    use zhichan_domain::{User, UserId};

    use super::*;

    fn actor(user: i64, organisation: i64, roles: &[Role]) -> Actor {
        Actor::new(User {
            id: UserId::new(user),
            organisation_id: OrgId::new(organisation),
            email: "x@example.cn".into(),
            display_name: "x".into(),
            roles: roles.to_vec(),
            locale: None,
            disabled: false,
            created_at: Utc::now(),
        })
    }

    fn mediation() -> Case {
        let party = |side, organisation: i64| CaseParty {
            side,
            organisation_id: Some(OrgId::new(organisation)),
            name: format!("org {organisation}"),
            region: None,
        };
        Case {
            id: CaseId::new(1),
            kind: CaseKind::Mediation,
            state: CaseState::Applied,
            title: "t".into(),
            summary: "s".into(),
            station_id: StationId::new(2),
            parties: vec![party(PartySide::Applicant, 10), party(PartySide::Respondent, 11)],
            assignee_user_id: Some(UserId::new(50)),
            particulars: CaseParticulars::default(),
            outcome: None,
            alert_ids: vec![],
            opened_by: None,
            created_at: Utc::now(),
            state_since: Utc::now(),
            closed_at: None,
        }
    }

    #[test]
    fn each_person_stands_where_the_table_says() {
        let case = mediation();
        let role = |actor: &Actor, desk| case_role(actor, desk, &case);
        assert_eq!(role(&actor(1, 1, &[Role::Admin]), None).unwrap(), CaseRole::Admin);
        assert_eq!(role(&actor(2, 1, &[Role::Staff]), Some(Desk::Centre)).unwrap(), CaseRole::Staff);
        assert_eq!(
            role(&actor(2, 1, &[Role::Staff]), Some(Desk::Station(StationId::new(2)))).unwrap(),
            CaseRole::Staff
        );
        assert!(matches!(
            role(&actor(2, 1, &[Role::Staff]), Some(Desk::Station(StationId::new(3)))),
            Err(CoreError::NotFound(_))
        ));
        assert_eq!(role(&actor(50, 3, &[Role::Mediator]), None).unwrap(), CaseRole::Assignee);
        assert!(matches!(role(&actor(51, 3, &[Role::Mediator]), None), Err(CoreError::NotFound(_))));
        assert_eq!(
            role(&actor(7, 11, &[Role::EnterpriseMember]), None).unwrap(),
            CaseRole::Party(PartySide::Respondent)
        );
        assert!(matches!(role(&actor(8, 12, &[Role::EnterpriseAdmin]), None), Err(CoreError::NotFound(_))));
    }

    #[test]
    fn parties_and_assignees_move_only_their_steps() {
        use CaseState::*;
        let respondent = CaseRole::Party(PartySide::Respondent);
        let applicant = CaseRole::Party(PartySide::Applicant);
        assert!(move_case(respondent, CaseKind::Mediation, Applied, Accepted).is_ok());
        assert!(
            move_case(applicant, CaseKind::Mediation, Applied, Accepted).is_err(),
            "one cannot accept one's own application"
        );
        assert!(move_case(CaseRole::Assignee, CaseKind::Mediation, InSession, Settled).is_ok());
        assert!(move_case(CaseRole::Assignee, CaseKind::Mediation, Settled, Closed).is_err());
        assert!(move_case(CaseRole::Staff, CaseKind::Mediation, Settled, Closed).is_ok());
        assert!(move_case(applicant, CaseKind::RightsAssistance, Assigned, Closed).is_err());
        assert!(move_case(applicant, CaseKind::TechnicalInvestigation, Notified, RecusalRequested).is_ok());
        assert!(file_opinion(applicant, CaseKind::TechnicalInvestigation).is_err());
        assert!(file_opinion(CaseRole::Assignee, CaseKind::TechnicalInvestigation).is_ok());
        assert!(assign_case(CaseRole::Assignee).is_err());
    }

    #[test]
    fn listings_are_scoped_to_what_each_may_see() {
        assert!(case_scope(&actor(1, 1, &[Role::Admin]), None).station_id.is_none());
        let station = case_scope(&actor(2, 1, &[Role::Staff]), Some(Desk::Station(StationId::new(4))));
        assert_eq!(station.station_id, Some(StationId::new(4)));
        assert_eq!(case_scope(&actor(50, 3, &[Role::Mediator]), None).assignee_user_id, Some(UserId::new(50)));
        assert_eq!(
            case_scope(&actor(7, 11, &[Role::EnterpriseMember]), None).party_organisation_id,
            Some(OrgId::new(11))
        );
    }

    #[test]
    fn enterprises_open_their_own_party_cases_only() {
        let member = actor(7, 11, &[Role::EnterpriseMember]);
        assert!(open_case(&member, CaseKind::Mediation, Some(OrgId::new(11))).is_ok());
        assert!(open_case(&member, CaseKind::Mediation, Some(OrgId::new(12))).is_err());
        assert!(open_case(&member, CaseKind::TechnicalInvestigation, Some(OrgId::new(11))).is_err());
        assert!(open_case(&actor(2, 1, &[Role::Staff]), CaseKind::EvidenceService, None).is_ok());
    }
}
