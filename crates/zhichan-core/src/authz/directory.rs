//! Who may see and change the directory (the rows of the table in [`super`]):
//!
//! | action                                          | admin | staff | expert, mediator, investigator | others |
//! |-------------------------------------------------|-------|-------|--------------------------------|--------|
//! | see experts' and providers' profiles            | yes   | yes   | yes                            | yes    |
//! | edit an expert's profile                        | all   | all   | own                            | no     |
//! | see, declare, remove an expert's affiliations   | all   | all   | own                            | no     |
//! | edit a provider's profile                       | all   | all   | no                             | no     |
//! | match a case to candidates                      | yes   | yes   | no                             | no     |
//!
//! Everyone signed in sees the directory. An expert's affiliations are theirs and the centre's:
//! to anyone else they do not exist.

use zhichan_domain::UserId;

use crate::{Actor, CoreError, CoreResult};

/// Whether `actor` is `user_id` or serves every organisation (staff, administrators).
fn own_or_centre(actor: &Actor, user_id: UserId) -> bool {
    actor.user_id() == user_id || actor.serves_every_organisation()
}

/// May `actor` edit the profile of the expert `user_id`? The expert themself, staff and
/// administrators; anyone else is forbidden (they may see the profile).
pub fn edit_expert_profile(actor: &Actor, user_id: UserId) -> CoreResult<()> {
    if own_or_centre(actor, user_id) { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// May `actor` see, declare and remove the affiliations of the expert `user_id`? The expert
/// themself, staff and administrators; to anyone else they do not exist.
pub fn expert_affiliations(actor: &Actor, user_id: UserId) -> CoreResult<()> {
    if own_or_centre(actor, user_id) { Ok(()) } else { Err(CoreError::NotFound("affiliation")) }
}

/// May `actor` edit providers' profiles? Staff and administrators.
pub fn edit_provider_profile(actor: &Actor) -> CoreResult<()> {
    if actor.serves_every_organisation() { Ok(()) } else { Err(CoreError::Forbidden) }
}

/// May `actor` match a case to candidates (and so see every candidate's conflicts)? Staff and
/// administrators.
pub fn match_candidates(actor: &Actor) -> CoreResult<()> {
    if actor.serves_every_organisation() { Ok(()) } else { Err(CoreError::Forbidden) }
}

#[cfg(test)]
mod tests {
    use chrono::Utc;
    use zhichan_domain::{Role, User};

    use super::*;

    fn actor(id: i64, roles: &[Role]) -> Actor {
        Actor::new(User {
            id: id.into(),
            organisation_id: 1.into(),
            email: "x@example.cn".into(),
            display_name: "x".into(),
            roles: roles.to_vec(),
            locale: None,
            disabled: false,
            created_at: Utc::now(),
        })
    }

    #[test]
    fn experts_keep_their_own_entry_and_the_centre_keeps_all() {
        let expert = actor(5, &[Role::Expert]);
        let other_expert = actor(6, &[Role::Mediator]);
        let staff = actor(9, &[Role::Staff]);
        let enterprise = actor(7, &[Role::EnterpriseAdmin]);
        assert!(edit_expert_profile(&expert, UserId::new(5)).is_ok());
        assert!(edit_expert_profile(&staff, UserId::new(5)).is_ok());
        assert!(matches!(edit_expert_profile(&other_expert, UserId::new(5)), Err(CoreError::Forbidden)));
        assert!(expert_affiliations(&expert, UserId::new(5)).is_ok());
        assert!(expert_affiliations(&actor(1, &[Role::Admin]), UserId::new(5)).is_ok());
        assert!(matches!(expert_affiliations(&other_expert, UserId::new(5)), Err(CoreError::NotFound("affiliation"))));
        assert!(matches!(expert_affiliations(&enterprise, UserId::new(5)), Err(CoreError::NotFound(_))));
    }

    #[test]
    fn providers_and_matching_are_the_centres() {
        assert!(edit_provider_profile(&actor(9, &[Role::Staff])).is_ok());
        assert!(matches!(edit_provider_profile(&actor(5, &[Role::Expert])), Err(CoreError::Forbidden)));
        assert!(match_candidates(&actor(1, &[Role::Admin])).is_ok());
        assert!(matches!(match_candidates(&actor(7, &[Role::EnterpriseAdmin])), Err(CoreError::Forbidden)));
    }
}
