//! Matching cases to candidates, and the conflict check before an appointment.

use chrono::{NaiveDate, Utc};
use zhichan_domain::case::CaseParty;
use zhichan_domain::directory::{
    Candidate, ConflictAssessment, DIRECTORY_ROLES, ExpertFilter, ExpertProfile, MatchRequest, assess, rank,
};
use zhichan_domain::{InvalidValue, Page, UserId};

use super::MAX_PAGE;
use crate::{Actor, Core, CoreResult, authz};

impl Core {
    /// The experts holding the role `request` asks for, ranked for it today (see
    /// [`zhichan_domain::directory::rank`]): each with its reasons and its declared ties to the
    /// parties; those with a red tie last, excluded. Staff and administrators only.
    pub async fn candidates(&self, actor: &Actor, request: &MatchRequest) -> CoreResult<Vec<Candidate>> {
        authz::match_candidates(actor)?;
        if !DIRECTORY_ROLES.contains(&request.role) {
            return Err(InvalidValue::new("role", "expert, mediator or technical_investigator").into());
        }
        let filter = ExpertFilter { role: Some(request.role), ..ExpertFilter::default() };
        let mut profiles: Vec<ExpertProfile> = Vec::new();
        loop {
            let after = profiles.last().map(|profile| profile.user_id.get());
            let page = self.store.expert_profiles(&filter, Page { after, limit: MAX_PAGE }).await?;
            let full = page.len() == MAX_PAGE as usize;
            profiles.extend(page);
            if !full {
                break;
            }
        }
        let users: Vec<UserId> = profiles.iter().map(|profile| profile.user_id).collect();
        let affiliations = self.store.affiliations(&users).await?;
        Ok(rank(&profiles, &affiliations, request, Utc::now().date_naive()))
    }

    /// What the ties the expert `user_id` declared mean for a case with `parties` on `today`:
    /// [`ConflictAssessment::refused`] (a red tie) means the appointment must not be made,
    /// [`ConflictAssessment::needs_consent`] (an orange one) that it needs the parties' consent
    /// after disclosure. For the case engine, which decides who may appoint before calling it;
    /// an unknown user has declared nothing.
    pub async fn conflict_check(
        &self,
        user_id: UserId,
        parties: &[CaseParty],
        today: NaiveDate,
    ) -> CoreResult<ConflictAssessment> {
        let affiliations = self.store.affiliations(&[user_id]).await?;
        Ok(assess(&affiliations, parties, today))
    }
}
