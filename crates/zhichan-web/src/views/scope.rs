//! Which organisation a watch page is about, and the picker that changes it: enterprise users
//! always see their own; centre staff and administrators pick one with `?organisation_id=` from
//! the enterprises they serve. The decision is `core`'s ([`authz::organisation_concerned`]); this
//! module only presents it.

use zhichan_core::{Actor, CoreResult, authz};
use zhichan_domain::{OrgId, OrgKind, Organisation, OrganisationFilter, Page};

use crate::AppState;

/// Enterprises offered in the picker.
const MAX_CHOICES: u32 = 200;

/// The organisation a page shows, and those the viewer may switch to.
pub struct OrgScope {
    /// The organisation shown; `None` when staff have not picked one.
    pub selected: Option<OrgId>,
    /// The enterprises staff may pick from.
    pub choices: Vec<Organisation>,
    /// Whether the viewer picks (staff and administrators) or always sees their own.
    pub picks: bool,
}

impl OrgScope {
    /// The scope `asked` for by `actor`. An enterprise user asking for another organisation is
    /// refused by the use cases the page then calls.
    pub async fn resolve(state: &AppState, actor: &Actor, asked: Option<OrgId>) -> CoreResult<Self> {
        let selected = authz::organisation_concerned(actor, asked);
        if !actor.serves_every_organisation() {
            return Ok(Self { selected, choices: Vec::new(), picks: false });
        }
        let filter = OrganisationFilter { kind: Some(OrgKind::Enterprise), ..OrganisationFilter::default() };
        let choices = state.core.organisations(actor, filter, Page::first(MAX_CHOICES)).await?;
        Ok(Self { selected, choices, picks: true })
    }

    /// Whether `id` is the organisation shown.
    pub fn is_selected(&self, id: &OrgId) -> bool {
        self.selected == Some(*id)
    }

    /// The Chinese name of one of the choices (empty when unknown).
    pub fn name_of(&self, id: &OrgId) -> &str {
        self.choices.iter().find(|o| o.id == *id).map_or("", |o| o.profile.name_zh.as_str())
    }

    /// `?organisation_id=…` for links that keep the scope (empty when none is picked).
    pub fn query(&self) -> String {
        self.selected.map(|id| format!("?organisation_id={id}")).unwrap_or_default()
    }
}
