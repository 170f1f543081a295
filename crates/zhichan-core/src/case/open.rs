//! Opening a case: what the applicant (or the centre, for a court's or agency's request) gives,
//! checked into a [`NewCase`] routed to the applicant's station.

use serde_json::json;
use zhichan_domain::case::{
    Authority, Case, CaseEventBody, CaseKind, CaseParticulars, CaseParty, Jurisdiction, NewCase, NewCaseEvent,
    PartySide, case_text,
};
use zhichan_domain::expertise::{Language, Region, TechnicalField};
use zhichan_domain::station::route;
use zhichan_domain::{InvalidValue, OrgId};

use crate::audit::entry;
use crate::{Actor, Core, CoreError, CoreResult, RequestContext, authz};

/// The longest title, in characters.
pub const MAX_TITLE_CHARS: usize = 200;
/// The longest summary, in characters.
pub const MAX_SUMMARY_CHARS: usize = 10_000;

/// A case to open, as a person fills it in: codes are checked by [`Core::open_case`].
#[derive(Debug, Clone, Default)]
pub struct OpenCase {
    /// Kind code.
    pub kind: String,
    /// Title.
    pub title: String,
    /// What happened and what is asked.
    pub summary: String,
    /// The applicant organisation: an enterprise's own by default; staff name it (or none, for
    /// a court's or agency's request).
    pub organisation_id: Option<OrgId>,
    /// The other side's name (a mediation's respondent, the infringer).
    pub respondent_name: Option<String>,
    /// The other side's organisation, when it is on the platform.
    pub respondent_organisation_id: Option<OrgId>,
    /// Where the other side sits (region code).
    pub respondent_region: Option<String>,
    /// Technical field code.
    pub technical_field: Option<String>,
    /// Language code.
    pub language: Option<String>,
    /// Technical investigation: the court or agency that asks.
    pub requesting_body: Option<String>,
    /// Enforcement: authority code.
    pub authority: Option<String>,
    /// Evidence service: jurisdiction code.
    pub jurisdiction: Option<String>,
}

/// A trimmed, non-empty optional text.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty())
}

impl OpenCase {
    /// The checked particulars; the fields a kind needs are required.
    fn particulars(&self, kind: CaseKind) -> CoreResult<CaseParticulars> {
        let particulars = CaseParticulars {
            technical_field: given(&self.technical_field).map(TechnicalField::parse).transpose()?,
            language: given(&self.language).map(Language::parse).transpose()?,
            requesting_body: given(&self.requesting_body)
                .map(|body| case_text("requesting_body", body, MAX_TITLE_CHARS))
                .transpose()?,
            authority: given(&self.authority).map(Authority::parse).transpose()?,
            jurisdiction: given(&self.jurisdiction).map(Jurisdiction::parse).transpose()?,
        };
        let missing = match kind {
            CaseKind::TechnicalInvestigation if particulars.requesting_body.is_none() => {
                Some(("requesting_body", "the court or agency that asks"))
            }
            CaseKind::TechnicalInvestigation if particulars.technical_field.is_none() => {
                Some(("technical_field", "the technical field, to choose an investigator"))
            }
            CaseKind::EnforcementReferral if particulars.authority.is_none() => {
                Some(("authority", "market_regulation, police or customs"))
            }
            CaseKind::EvidenceService if particulars.jurisdiction.is_none() => {
                Some(("jurisdiction", "hong_kong or macau"))
            }
            _ => None,
        };
        match missing {
            Some((field, expected)) => Err(InvalidValue::new(field, expected).into()),
            None => Ok(particulars),
        }
    }
}

impl Core {
    /// Opens a case for `input.organisation_id` (an enterprise's own by default), routed to the
    /// station of the applicant's street, in its kind's first state with its target deadlines.
    pub async fn open_case(&self, actor: &Actor, context: &RequestContext, input: OpenCase) -> CoreResult<Case> {
        let kind = CaseKind::parse(&input.kind)?;
        let applicant = authz::organisation_concerned(actor, input.organisation_id);
        authz::open_case(actor, kind, applicant)?;
        if applicant.is_none() && kind.opened_by_parties() {
            return Err(InvalidValue::new("organisation_id", "the id of the enterprise that asks").into());
        }
        if input.respondent_organisation_id.is_some() && !actor.serves_every_organisation() {
            // Naming another organisation's account would tell an enterprise who is behind an id.
            return Err(InvalidValue::new(
                "respondent_organisation_id",
                "the other party's name (the centre links accounts)",
            )
            .into());
        }
        let title = case_text("title", &input.title, MAX_TITLE_CHARS)?;
        let summary = case_text("summary", &input.summary, MAX_SUMMARY_CHARS)?;
        let particulars = input.particulars(kind)?;

        let mut parties = Vec::new();
        let mut street = None;
        if let Some(id) = applicant {
            let organisation = self.store.organisation(id).await?.ok_or(CoreError::NotFound("organisation"))?;
            street = organisation.profile.street;
            parties.push(CaseParty {
                side: PartySide::Applicant,
                organisation_id: Some(id),
                name: organisation.profile.name_zh.to_string(),
                region: Some(Region::Mainland),
            });
        }
        if let Some(respondent) = self.respondent(&input).await? {
            parties.push(respondent);
        }
        if kind == CaseKind::Mediation && !parties.iter().any(|party| party.side == PartySide::Respondent) {
            return Err(InvalidValue::new("respondent_name", "the other party to the dispute").into());
        }

        let stations = self.store.stations().await?;
        let station =
            route(&stations, street).ok_or_else(|| CoreError::internal("the station network has no centre"))?;
        let new = NewCase {
            kind,
            title,
            summary,
            station_id: station.id,
            parties,
            particulars,
            alert_ids: Vec::new(),
            opened_by: Some(actor.user_id()),
        };
        self.store_new_case(Some(actor), context, new).await
    }

    /// Stores a checked case with its first history entry and the targets of its first state.
    pub(crate) async fn store_new_case(
        &self,
        actor: Option<&Actor>,
        context: &RequestContext,
        new: NewCase,
    ) -> CoreResult<Case> {
        let first = NewCaseEvent::new(actor.map(Actor::user_id), CaseEventBody::Opened { state: new.kind.initial() });
        let mut deadlines = self.opening_targets(new.kind, crate::district_today()).await?;
        deadlines.extend(self.alert_deadlines(&new.alert_ids).await?);
        let applicant = new.parties.first().and_then(|party| party.organisation_id);
        let audit = entry(
            actor,
            context,
            "case.open",
            ("case", None),
            applicant,
            json!({ "kind": new.kind, "station_id": new.station_id, "alerts": new.alert_ids }),
        );
        let parties: Vec<OrgId> = new.parties.iter().filter_map(|party| party.organisation_id).collect();
        let notify = self.case_recipients(&parties, &[], Some(new.station_id)).await?;
        Ok(self.store.open_case(&new, &first, &deadlines, &notify, audit.at, audit).await?)
    }

    /// The other side, from the name and organisation given.
    async fn respondent(&self, input: &OpenCase) -> CoreResult<Option<CaseParty>> {
        let region = given(&input.respondent_region).map(Region::parse).transpose()?;
        let (organisation_id, name) = match (input.respondent_organisation_id, given(&input.respondent_name)) {
            (Some(id), _) => {
                let organisation = self.store.organisation(id).await?.ok_or(CoreError::NotFound("organisation"))?;
                (Some(id), organisation.profile.name_zh.to_string())
            }
            (None, Some(name)) => (None, case_text("respondent_name", name, MAX_TITLE_CHARS)?),
            (None, None) => return Ok(None),
        };
        Ok(Some(CaseParty { side: PartySide::Respondent, organisation_id, name, region }))
    }
}
