//! Verifying a case's history: every entry's hash chains to the one before (see
//! `zhichan_domain::case::chain`), and the case's state is the one its history ends in.

use serde::Serialize;
use zhichan_domain::case::chain::{self, Broken};
use zhichan_domain::case::{CaseEventBody, CaseId, CaseState};

use crate::{Actor, Core, CoreError, CoreResult};

/// What a verification found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Integrity {
    /// History entries checked.
    pub entries: usize,
    /// The first entry found altered, removed or out of order, if any.
    pub first_altered: Option<i64>,
    /// What is wrong with it.
    pub problem: Option<String>,
    /// The state the history ends in, when the case row says otherwise.
    pub recorded_state: Option<CaseState>,
}

impl Integrity {
    /// Whether nothing was changed behind the platform's back.
    pub fn is_intact(&self) -> bool {
        self.first_altered.is_none() && self.recorded_state.is_none()
    }
}

impl Core {
    /// Checks case `id`'s history. `actor` must be able to see the case; `None` is the command
    /// line on the server.
    pub async fn verify_case(&self, actor: Option<&Actor>, id: CaseId) -> CoreResult<Integrity> {
        let case = match actor {
            Some(actor) => self.case_for(actor, id).await?.0,
            None => self.store.case(id).await?.ok_or(CoreError::NotFound("case"))?,
        };
        let links = self.store.case_chain(id).await?;
        let broken: Option<Broken> = chain::verify(&links).err();
        let recorded = links.iter().rev().find_map(|link| match serde_json::from_str(&link.body) {
            Ok(CaseEventBody::Transition { to, .. }) => Some(to),
            Ok(CaseEventBody::Opened { state }) => Some(state),
            _ => None,
        });
        Ok(Integrity {
            entries: links.len(),
            first_altered: broken.as_ref().map(Broken::seq),
            problem: broken.map(|broken| broken.to_string()),
            recorded_state: recorded.filter(|&state| state != case.state),
        })
    }
}
