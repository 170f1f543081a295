//! Who may do what. Every use case calls one of these checks before it touches the store, so the
//! rules live in one place and hold for the UI, the API and the CLI alike.
//!
//! | action                         | admin | staff              | enterprise_admin     | other roles |
//! |--------------------------------|-------|--------------------|----------------------|-------------|
//! | see an organisation, members   | all   | all                | own                  | own         |
//! | create an organisation         | yes   | enterprises, providers | no               | no          |
//! | edit an organisation's profile | all   | all but the centre | own                  | no          |
//! | add a member                   | all   | enterprises        | own, enterprise roles| no          |
//! | read the audit trail           | all   | no                 | own organisation's   | no          |
//! | import IP records              | yes   | yes                | no                   | no          |
//! | load a working-day calendar    | yes   | no                 | no                   | no          |
//! | read working-day calendars     | anyone signed in                                              |
//! | search the registers           | anyone, signed in or not                                      |
//! | saved searches                 | own   | own                | own                  | own         |
//! | the watch: marks, parties, alerts (see, edit, review, note) | all | all | own | own if enterprise_member |
//! | assign an alert to a centre staff member | all | all          | no                   | no          |
//! | the directory: see experts and providers | all | all          | all                  | all         |
//! | an expert's profile and affiliations (edit; affiliations: see) | all | all | no | own if expert, mediator or investigator |
//! | edit a provider's profile; match a case to candidates | all | all | no             | no          |
//!
//! Cases (consultations, assistance, mediation, investigations, referrals, evidence service)
//! have their own table in [`case`](self::case_role).
//!
//! An actor asking about another organisation's data is told it was *not found*, never that it
//! exists; an actor who may see a record but not change it is told *forbidden*.
//!
//! Which organisation a request is about is decided here too, once for every caller:
//! [`organisation_concerned`], and from it [`watch_scope`] (listings) and
//! [`single_organisation`] (what adds to or reads one organisation's watch).

mod case;

pub use case::{CaseRole, Desk, assign_case, case_role, case_scope, file_opinion, move_case, open_case};
mod directory;
pub use directory::{edit_expert_profile, edit_provider_profile, expert_affiliations, match_candidates};

use zhichan_domain::search::SavedSearch;
use zhichan_domain::{InvalidValue, OrgId, OrgKind, Organisation, Role};

use crate::{Actor, CoreError, CoreResult};

/// May `actor` see organisation `organisation_id` and its members?
pub fn view_organisation(actor: &Actor, organisation_id: OrgId) -> CoreResult<()> {
    if actor.serves_every_organisation() || actor.organisation_id() == organisation_id {
        Ok(())
    } else {
        Err(CoreError::NotFound("organisation"))
    }
}

/// May `actor` create an organisation of `kind`?
pub fn create_organisation(actor: &Actor, kind: OrgKind) -> CoreResult<()> {
    match kind {
        _ if actor.has(Role::Admin) => Ok(()),
        OrgKind::Enterprise | OrgKind::ServiceProvider if actor.has(Role::Staff) => Ok(()),
        _ => Err(CoreError::Forbidden),
    }
}

/// May `actor` edit `organisation`'s profile?
pub fn edit_organisation(actor: &Actor, organisation: &Organisation) -> CoreResult<()> {
    view_organisation(actor, organisation.id)?;
    let allowed = actor.has(Role::Admin)
        || (actor.has(Role::Staff) && organisation.kind != OrgKind::Centre)
        || (actor.has(Role::EnterpriseAdmin) && actor.organisation_id() == organisation.id);
    if allowed { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// May `actor` add a member with `roles` to `organisation`? The roles must also suit the
/// organisation's kind (checked separately, as an input error).
pub fn add_member(actor: &Actor, organisation: &Organisation, roles: &[Role]) -> CoreResult<()> {
    view_organisation(actor, organisation.id)?;
    let enterprise_roles_only = roles.iter().all(|r| matches!(r, Role::EnterpriseMember | Role::EnterpriseAdmin));
    let allowed = actor.has(Role::Admin)
        || (actor.has(Role::Staff) && organisation.kind == OrgKind::Enterprise && enterprise_roles_only)
        || (actor.has(Role::EnterpriseAdmin) && actor.organisation_id() == organisation.id && enterprise_roles_only);
    if allowed { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// May `actor` import records into the platform's registers? (The command line, which runs on
/// the server itself, imports without an actor.)
pub fn import_records(actor: &Actor) -> CoreResult<()> {
    if actor.serves_every_organisation() { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// May `actor` load a working-day calendar year? Administrators only; the command line, which
/// runs on the server itself, loads without an actor (`None`).
pub fn load_calendar(actor: Option<&Actor>) -> CoreResult<()> {
    match actor {
        Some(actor) if !actor.has(Role::Admin) => Err(CoreError::Forbidden),
        _ => Ok(()),
    }
}

/// May `actor` use (delete) this saved search? Only its owner; to anyone else it does not exist.
pub fn own_saved_search(actor: &Actor, search: &SavedSearch) -> CoreResult<()> {
    if search.user_id == actor.user_id() { Ok(()) } else { Err(CoreError::NotFound("saved_search")) }
}

/// May `actor` see and change organisation `organisation_id`'s watch — its watched marks, declared
/// parties and alerts? Staff and administrators serve every organisation; an enterprise's members
/// their own. To anyone else the `what` they asked about does not exist.
pub fn watch(actor: &Actor, organisation_id: OrgId, what: &'static str) -> CoreResult<()> {
    let own = actor.organisation_id() == organisation_id
        && (actor.has(Role::EnterpriseMember) || actor.has(Role::EnterpriseAdmin));
    if actor.serves_every_organisation() || own { Ok(()) } else { Err(CoreError::NotFound(what)) }
}

/// Which organisation a request concerns, given the id it names, if any: the one named; else the
/// actor's own — except for staff and administrators, who serve every organisation, so a request
/// of theirs naming none concerns no particular one (`None`). Whether the actor may see the
/// organisation is decided by the check that follows ([`watch`], [`view_organisation`]).
pub fn organisation_concerned(actor: &Actor, requested: Option<OrgId>) -> Option<OrgId> {
    match requested {
        Some(id) => Some(id),
        None if actor.serves_every_organisation() => None,
        None => Some(actor.organisation_id()),
    }
}

/// The organisation a watch listing is limited to ([`organisation_concerned`]) once `actor` may
/// see its watch; `None` lists every organisation's. To anyone else the `what` they listed does
/// not exist.
pub fn watch_scope(actor: &Actor, requested: Option<OrgId>, what: &'static str) -> CoreResult<Option<OrgId>> {
    let concerned = organisation_concerned(actor, requested);
    if let Some(id) = concerned {
        watch(actor, id, what)?;
    }
    Ok(concerned)
}

/// The one organisation a request must concern (a new watch entry, a deadline calendar): the one
/// named, else the actor's own. Staff and administrators serve every organisation, so they must
/// name it.
pub fn single_organisation(actor: &Actor, requested: Option<OrgId>) -> CoreResult<OrgId> {
    organisation_concerned(actor, requested)
        .ok_or_else(|| InvalidValue::new("organisation_id", "the id of the organisation to watch for").into())
}

/// Whether `actor` has any watch to see: staff and administrators every organisation's, an
/// enterprise's members their own.
pub fn sees_a_watch(actor: &Actor) -> bool {
    watch_scope(actor, None, "alert").is_ok()
}

/// May `actor` assign an alert of `organisation_id`? Only those who may see it and serve every
/// organisation (the centre's staff and administrators).
pub fn assign_alert(actor: &Actor, organisation_id: OrgId) -> CoreResult<()> {
    watch(actor, organisation_id, "alert")?;
    if actor.serves_every_organisation() { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// Which part of the audit trail `actor` may read: `Ok(None)` for all of it, `Ok(Some(id))` for
/// entries about one organisation.
pub fn audit_scope(actor: &Actor) -> CoreResult<Option<OrgId>> {
    if actor.has(Role::Admin) {
        Ok(None)
    } else if actor.has(Role::EnterpriseAdmin) {
        Ok(Some(actor.organisation_id()))
    } else {
        Err(CoreError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use zhichan_domain::User;

    use super::*;

    fn actor(organisation_id: i64, roles: &[Role]) -> Actor {
        Actor::new(User {
            id: 1.into(),
            organisation_id: organisation_id.into(),
            email: "x@example.cn".into(),
            display_name: "x".into(),
            roles: roles.to_vec(),
            locale: None,
            disabled: false,
            created_at: Utc::now(),
        })
    }

    fn organisation(id: i64, kind: OrgKind) -> Organisation {
        Organisation {
            id: id.into(),
            kind,
            profile: zhichan_domain::OrganisationProfile {
                name_zh: zhichan_domain::OrgName::parse("name_zh", "甲").expect("a name"),
                name_en: None,
                uscc: None,
                street: None,
                industry: None,
                export_markets: vec![],
            },
            created_at: Utc::now(),
            updated_at: Utc::now(),
        }
    }

    #[test]
    fn enterprises_see_only_themselves() {
        let member = actor(1, &[Role::EnterpriseMember]);
        assert!(view_organisation(&member, OrgId::new(1)).is_ok());
        assert!(matches!(view_organisation(&member, OrgId::new(2)), Err(CoreError::NotFound(_))));
        assert!(view_organisation(&actor(9, &[Role::Staff]), OrgId::new(2)).is_ok());
    }

    #[test]
    fn editing_needs_the_right_role_in_the_right_place() {
        let own = organisation(1, OrgKind::Enterprise);
        let other = organisation(2, OrgKind::Enterprise);
        let centre = organisation(9, OrgKind::Centre);
        assert!(matches!(edit_organisation(&actor(1, &[Role::EnterpriseMember]), &own), Err(CoreError::Forbidden)));
        assert!(edit_organisation(&actor(1, &[Role::EnterpriseAdmin]), &own).is_ok());
        assert!(matches!(edit_organisation(&actor(1, &[Role::EnterpriseAdmin]), &other), Err(CoreError::NotFound(_))));
        assert!(edit_organisation(&actor(9, &[Role::Staff]), &other).is_ok());
        assert!(matches!(edit_organisation(&actor(9, &[Role::Staff]), &centre), Err(CoreError::Forbidden)));
        assert!(edit_organisation(&actor(9, &[Role::Admin]), &centre).is_ok());
    }

    #[test]
    fn members_are_added_within_limits() {
        let own = organisation(1, OrgKind::Enterprise);
        let admin_of_own = actor(1, &[Role::EnterpriseAdmin]);
        assert!(add_member(&admin_of_own, &own, &[Role::EnterpriseMember]).is_ok());
        assert!(matches!(add_member(&admin_of_own, &own, &[Role::Admin]), Err(CoreError::Forbidden)));
        assert!(matches!(add_member(&actor(1, &[Role::EnterpriseMember]), &own, &[]), Err(CoreError::Forbidden)));
        assert!(matches!(
            add_member(&actor(9, &[Role::Staff]), &organisation(9, OrgKind::Centre), &[Role::Staff]),
            Err(CoreError::Forbidden)
        ));
        assert!(add_member(&actor(9, &[Role::Admin]), &organisation(9, OrgKind::Centre), &[Role::Staff]).is_ok());
    }

    #[test]
    fn audit_is_scoped() {
        assert_eq!(audit_scope(&actor(9, &[Role::Admin])).ok(), Some(None));
        assert_eq!(audit_scope(&actor(3, &[Role::EnterpriseAdmin])).ok(), Some(Some(OrgId::new(3))));
        assert!(audit_scope(&actor(9, &[Role::Staff])).is_err());
        assert!(audit_scope(&actor(3, &[Role::EnterpriseMember])).is_err());
    }

    #[test]
    fn the_watch_is_seen_by_its_enterprise_and_the_centre() {
        assert!(watch(&actor(1, &[Role::EnterpriseMember]), OrgId::new(1), "alert").is_ok());
        assert!(matches!(
            watch(&actor(1, &[Role::EnterpriseAdmin]), OrgId::new(2), "alert"),
            Err(CoreError::NotFound("alert"))
        ));
        assert!(matches!(watch(&actor(1, &[Role::Expert]), OrgId::new(1), "alert"), Err(CoreError::NotFound(_))));
        assert!(watch(&actor(9, &[Role::Staff]), OrgId::new(1), "alert").is_ok());
        assert!(assign_alert(&actor(9, &[Role::Admin]), OrgId::new(1)).is_ok());
        assert!(matches!(assign_alert(&actor(1, &[Role::EnterpriseAdmin]), OrgId::new(1)), Err(CoreError::Forbidden)));
        assert!(matches!(
            assign_alert(&actor(1, &[Role::EnterpriseAdmin]), OrgId::new(2)),
            Err(CoreError::NotFound(_))
        ));
    }

    #[test]
    fn a_request_concerns_the_named_organisation_else_the_actors_own() {
        let member = actor(1, &[Role::EnterpriseMember]);
        let staff = actor(9, &[Role::Staff]);
        assert_eq!(organisation_concerned(&member, None), Some(OrgId::new(1)));
        assert_eq!(organisation_concerned(&member, Some(OrgId::new(2))), Some(OrgId::new(2)));
        assert_eq!(organisation_concerned(&staff, None), None);
        assert_eq!(organisation_concerned(&staff, Some(OrgId::new(2))), Some(OrgId::new(2)));

        assert_eq!(watch_scope(&member, None, "alert").ok(), Some(Some(OrgId::new(1))));
        assert!(matches!(watch_scope(&member, Some(OrgId::new(2)), "alert"), Err(CoreError::NotFound("alert"))));
        assert_eq!(watch_scope(&staff, None, "alert").ok(), Some(None));
        assert_eq!(watch_scope(&staff, Some(OrgId::new(2)), "alert").ok(), Some(Some(OrgId::new(2))));

        assert_eq!(single_organisation(&member, None).ok(), Some(OrgId::new(1)));
        assert_eq!(single_organisation(&staff, Some(OrgId::new(2))).ok(), Some(OrgId::new(2)));
        assert!(
            matches!(single_organisation(&staff, None), Err(CoreError::Invalid(i)) if i.field == "organisation_id")
        );
    }

    #[test]
    fn only_enterprises_and_the_centre_have_a_watch_to_see() {
        assert!(sees_a_watch(&actor(1, &[Role::EnterpriseMember])));
        assert!(sees_a_watch(&actor(1, &[Role::EnterpriseAdmin])));
        assert!(sees_a_watch(&actor(9, &[Role::Staff])));
        assert!(sees_a_watch(&actor(9, &[Role::Admin])));
        assert!(!sees_a_watch(&actor(5, &[Role::Expert])));
    }

    #[test]
    fn creating_organisations() {
        assert!(create_organisation(&actor(9, &[Role::Staff]), OrgKind::Enterprise).is_ok());
        assert!(create_organisation(&actor(9, &[Role::Staff]), OrgKind::Centre).is_err());
        assert!(create_organisation(&actor(9, &[Role::Admin]), OrgKind::Centre).is_ok());
        assert!(create_organisation(&actor(1, &[Role::EnterpriseAdmin]), OrgKind::Enterprise).is_err());
    }
}
