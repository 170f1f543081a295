//! Cases as a list shows them: each with who works on it and its next open deadline.

use std::collections::HashMap;

use zhichan_domain::Page;
use zhichan_domain::case::{Case, CaseDeadline};

use super::{CasePage, CasePerson, CaseQuery};
use crate::{Actor, Core, CoreResult};

/// A case with what a list shows beside it.
#[derive(Debug, Clone)]
pub struct CaseOverview {
    /// The case.
    pub case: Case,
    /// Who works on it, if anyone was appointed.
    pub assignee: Option<CasePerson>,
    /// Its open deadline due first, if any.
    pub next_deadline: Option<CaseDeadline>,
}

impl Core {
    /// Cases `actor` may see matching `query`, newest first, each with its assignee's name and
    /// next open deadline; with the cursor of the next page.
    pub async fn case_overviews(
        &self,
        actor: &Actor,
        query: &CaseQuery,
        page: Page,
    ) -> CoreResult<(Vec<CaseOverview>, Option<i64>)> {
        let CasePage { cases, next } = self.cases(actor, query, page).await?;
        let mut names: HashMap<zhichan_domain::UserId, Option<CasePerson>> = HashMap::new();
        let mut overviews = Vec::with_capacity(cases.len());
        for case in cases {
            let assignee = match case.assignee_user_id {
                Some(user_id) => match names.get(&user_id) {
                    Some(known) => known.clone(),
                    None => {
                        let person = self
                            .store
                            .user(user_id)
                            .await?
                            .map(|user| CasePerson { user_id, display_name: user.display_name });
                        names.insert(user_id, person.clone());
                        person
                    }
                },
                None => None,
            };
            let next_deadline = if case.is_closed() {
                None
            } else {
                self.store.case_deadlines(case.id).await?.into_iter().find(|deadline| deadline.met_at.is_none())
            };
            overviews.push(CaseOverview { case, assignee, next_deadline });
        }
        Ok((overviews, next))
    }
}
