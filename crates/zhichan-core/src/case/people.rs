//! The people on a case: the names shown beside its history and its assignee, and the accounts
//! the centre may appoint to it.

use std::collections::BTreeSet;

use zhichan_domain::case::{CaseEventBody, CaseId};
use zhichan_domain::{Role, User, UserId};

use crate::{Actor, Core, CoreResult, authz};

/// Someone named on a case: their id and the name they go by (never their address).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CasePerson {
    /// The account.
    pub user_id: UserId,
    /// The name shown.
    pub display_name: String,
}

impl Core {
    /// The people named on case `id` as `actor` may see it: who opened it, who works on it, and
    /// who wrote or is named in the history entries `actor` may read. In id order.
    pub async fn case_people(&self, actor: &Actor, id: CaseId) -> CoreResult<Vec<CasePerson>> {
        let (case, role) = self.case_for(actor, id).await?;
        let history = self.store.case_events(id, role.works_on_case()).await?;
        let mut ids: BTreeSet<UserId> = case.assignee_user_id.into_iter().chain(case.opened_by).collect();
        for event in &history {
            ids.extend(event.actor_user_id);
            match &event.body {
                CaseEventBody::Assigned { user_id } => ids.extend(*user_id),
                CaseEventBody::Disclosed { user_id, .. } => {
                    ids.insert(*user_id);
                }
                _ => {}
            }
        }
        let mut people = Vec::with_capacity(ids.len());
        for user_id in ids {
            if let Some(user) = self.store.user(user_id).await? {
                people.push(CasePerson { user_id, display_name: user.display_name });
            }
        }
        Ok(people)
    }

    /// The active accounts that may be appointed to case `id`: those holding its kind's assignee
    /// role (the centre's staff for the kinds it works itself). For those who appoint (the
    /// centre's staff and administrators); in id order.
    pub async fn appointable(&self, actor: &Actor, id: CaseId) -> CoreResult<Vec<User>> {
        let (case, role) = self.case_for(actor, id).await?;
        authz::assign_case(role)?;
        let needed = case.kind.assignee_role().unwrap_or(Role::Staff);
        Ok(self.store.users_with_role(needed).await?)
    }
}
