//! Matching a case to the experts who could take it: by field, language and region, each
//! candidate with the reasons for its place and its conflicts; a red tie to a party excludes.
//!
//! A candidate holds the role asked for. Its score is the sum of the weights of its reasons:
//!
//! | reason                     | weight |
//! |----------------------------|--------|
//! | works in the case's field  | 4      |
//! | speaks the case's language | 3      |
//! | practises in the region    | 2      |
//! | takes new cases            | 1      |
//!
//! Candidates are ranked: those not excluded first, then by score (highest first), then by
//! conflict (none or green before orange), then by name. Excluded candidates — a red tie to a
//! party ([`ConflictAssessment::refused`]) — come last, with the ties that exclude them.

use chrono::NaiveDate;
use serde::Serialize;

use super::{Affiliation, ConflictAssessment, ConflictLevel, ExpertProfile, assess};
use crate::Role;
use crate::case::{Case, CaseParty};
use crate::expertise::{Language, Region, TechnicalField};

/// What a case needs of the person appointed to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MatchRequest {
    /// The role to appoint: expert, mediator or technical investigator.
    pub role: Role,
    /// The case's field.
    pub field: Option<TechnicalField>,
    /// The case's working language.
    pub language: Option<Language>,
    /// Where the expert should practise.
    pub region: Option<Region>,
    /// The case's parties, whom the candidate must not be tied to.
    pub parties: Vec<CaseParty>,
}

impl MatchRequest {
    /// What `case` needs: its kind's assignee role ([`crate::case::CaseKind::assignee_role`]),
    /// its field and language, its parties, and the region of its first party outside the
    /// mainland, if any — a cross-border matter is best served by someone practising there.
    /// `None` for kinds the centre's staff handle themselves.
    pub fn for_case(case: &Case) -> Option<Self> {
        Some(Self {
            role: case.kind.assignee_role()?,
            field: case.particulars.technical_field,
            language: case.particulars.language,
            region: case.parties.iter().filter_map(|party| party.region).find(|region| *region != Region::Mainland),
            parties: case.parties.clone(),
        })
    }
}

/// Why a candidate ranks where it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum MatchReason {
    /// Works in the case's field.
    FieldMatches {
        /// The field.
        field: TechnicalField,
    },
    /// Speaks the case's language.
    SpeaksLanguage {
        /// The language.
        language: Language,
    },
    /// Practises in the region asked for.
    SameRegion {
        /// The region.
        region: Region,
    },
    /// Takes new cases.
    Accepting,
}

impl MatchReason {
    /// The stable code.
    pub fn code(self) -> &'static str {
        match self {
            Self::FieldMatches { .. } => "field_matches",
            Self::SpeaksLanguage { .. } => "speaks_language",
            Self::SameRegion { .. } => "same_region",
            Self::Accepting => "accepting",
        }
    }

    /// What the reason adds to the score (the table in the module docs).
    pub fn weight(self) -> u32 {
        match self {
            Self::FieldMatches { .. } => 4,
            Self::SpeaksLanguage { .. } => 3,
            Self::SameRegion { .. } => 2,
            Self::Accepting => 1,
        }
    }
}

/// An expert who could take the case, with why and what stands in the way.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// The expert.
    pub profile: ExpertProfile,
    /// The sum of the reasons' weights.
    pub score: u32,
    /// Why, in the order of the table.
    pub reasons: Vec<MatchReason>,
    /// The expert's declared ties to the case's parties.
    pub conflict: ConflictAssessment,
}

impl Candidate {
    /// Whether the candidate may not be appointed: a red tie to a party (the reasons are the
    /// conflict's red ties).
    pub fn excluded(&self) -> bool {
        self.conflict.refused()
    }
}

/// Ranks the `profiles` holding the role asked for against `request` on `today`, using the
/// experts' declared `affiliations` (of any experts; each candidate's own are picked).
pub fn rank(
    profiles: &[ExpertProfile],
    affiliations: &[Affiliation],
    request: &MatchRequest,
    today: NaiveDate,
) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = profiles
        .iter()
        .filter(|profile| profile.roles.contains(&request.role))
        .map(|profile| {
            let reasons = reasons(profile, request);
            let own: Vec<Affiliation> = affiliations.iter().filter(|a| a.user_id == profile.user_id).cloned().collect();
            Candidate {
                profile: profile.clone(),
                score: reasons.iter().map(|reason| reason.weight()).sum(),
                reasons,
                conflict: assess(&own, &request.parties, today),
            }
        })
        .collect();
    candidates.sort_by(|a, b| {
        a.excluded()
            .cmp(&b.excluded())
            .then(b.score.cmp(&a.score))
            .then(
                a.conflict
                    .level()
                    .max(Some(ConflictLevel::Green))
                    .cmp(&b.conflict.level().max(Some(ConflictLevel::Green))),
            )
            .then(a.profile.display_name.cmp(&b.profile.display_name))
            .then(a.profile.user_id.cmp(&b.profile.user_id))
    });
    candidates
}

/// The reasons `profile` fits `request`.
fn reasons(profile: &ExpertProfile, request: &MatchRequest) -> Vec<MatchReason> {
    let mut reasons = Vec::new();
    if let Some(field) = request.field.filter(|field| profile.fields.contains(field)) {
        reasons.push(MatchReason::FieldMatches { field });
    }
    if let Some(language) = request.language.filter(|language| profile.languages.contains(language)) {
        reasons.push(MatchReason::SpeaksLanguage { language });
    }
    if let Some(region) = request.region.filter(|region| profile.region == *region) {
        reasons.push(MatchReason::SameRegion { region });
    }
    if profile.accepting {
        reasons.push(MatchReason::Accepting);
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::PartySide;
    use crate::directory::{AffiliationId, Tie};
    use crate::{OrgId, UserId};

    fn expert(
        id: i64,
        name: &str,
        roles: &[Role],
        region: Region,
        fields: &[TechnicalField],
        languages: &[Language],
    ) -> ExpertProfile {
        ExpertProfile {
            user_id: UserId::new(id),
            organisation_id: OrgId::new(1),
            display_name: name.to_owned(),
            roles: roles.to_vec(),
            region,
            fields: fields.to_vec(),
            languages: languages.to_vec(),
            bio: String::new(),
            accepting: true,
            updated_at: None,
        }
    }

    fn tie(id: i64, user: i64, party: &str, tie: Tie) -> Affiliation {
        Affiliation {
            id: AffiliationId::new(id),
            user_id: UserId::new(user),
            organisation_id: None,
            party_name: party.to_owned(),
            tie,
            since: None,
            until: None,
            note: String::new(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 15).expect("a date")
    }

    #[test]
    fn a_case_asks_for_its_kinds_role_in_its_field_language_and_cross_border_region() {
        use crate::case::{CaseId, CaseKind, CaseParticulars, CaseState};
        use crate::station::StationId;
        let party = |side, name: &str, region| CaseParty { side, organisation_id: None, name: name.into(), region };
        let mut case = Case {
            id: CaseId::new(12),
            kind: CaseKind::Mediation,
            state: CaseState::Applied,
            title: "商标许可纠纷".into(),
            summary: "许可费争议".into(),
            station_id: StationId::new(1),
            parties: vec![
                party(PartySide::Applicant, "深圳市海鹰电子科技有限公司", Some(Region::Mainland)),
                party(PartySide::Respondent, "澳門貿易有限公司", Some(Region::Macau)),
            ],
            assignee_user_id: None,
            particulars: CaseParticulars {
                technical_field: Some(TechnicalField::Trademarks),
                language: Some(Language::Portuguese),
                ..CaseParticulars::default()
            },
            outcome: None,
            alert_ids: Vec::new(),
            opened_by: None,
            created_at: chrono::Utc::now(),
            state_since: chrono::Utc::now(),
            closed_at: None,
        };
        let request = MatchRequest::for_case(&case).expect("mediations have a mediator");
        assert_eq!(request.role, Role::Mediator);
        assert_eq!((request.field, request.language), (Some(TechnicalField::Trademarks), Some(Language::Portuguese)));
        assert_eq!((request.region, request.parties.len()), (Some(Region::Macau), 2));
        case.kind = CaseKind::EnforcementReferral;
        assert_eq!(MatchRequest::for_case(&case), None);
    }

    #[test]
    fn candidates_are_ranked_by_their_reasons_and_red_ties_come_last() {
        use Language::{Cantonese, English, Mandarin, Portuguese};
        use TechnicalField::{Software, Trademarks};
        let hong_kong = expert(1, "黃嘉慧", &[Role::Mediator], Region::HongKong, &[Trademarks], &[Cantonese, English]);
        let macau = expert(2, "梁耀文", &[Role::Mediator], Region::Macau, &[Trademarks], &[Cantonese, Portuguese]);
        let mut mainland = expert(3, "王芳", &[Role::Mediator], Region::Mainland, &[Trademarks], &[Mandarin]);
        mainland.accepting = false;
        let investigator =
            expert(4, "张伟", &[Role::TechnicalInvestigator], Region::Mainland, &[Software], &[Mandarin]);
        let conflicted = expert(5, "陈大文", &[Role::Mediator], Region::HongKong, &[Trademarks], &[Cantonese, English]);
        let orange = expert(6, "李嘉欣", &[Role::Mediator], Region::HongKong, &[Trademarks], &[Cantonese, English]);
        let affiliations = [
            tie(1, 5, "Kowloon Trading Co., Ltd.", Tie::Owner),
            tie(2, 6, "Kowloon Trading Ltd", Tie::FormerAdviser),
            tie(3, 1, "Unrelated Ltd", Tie::Officer),
        ];
        let request = MatchRequest {
            role: Role::Mediator,
            field: Some(Trademarks),
            language: Some(English),
            region: Some(Region::HongKong),
            parties: vec![
                CaseParty {
                    side: PartySide::Applicant, organisation_id: None, name: "海鹰电子".into(), region: None
                },
                CaseParty {
                    side: PartySide::Respondent,
                    organisation_id: None,
                    name: "KOWLOON TRADING LIMITED".into(),
                    region: Some(Region::HongKong),
                },
            ],
        };
        let profiles = [hong_kong, macau, mainland, investigator, conflicted, orange.clone()];
        let ranked = rank(&profiles, &affiliations, &request, today());
        let order: Vec<(&str, u32, bool)> =
            ranked.iter().map(|c| (c.profile.display_name.as_str(), c.score, c.excluded())).collect();
        assert_eq!(
            order,
            [
                ("黃嘉慧", 10, false),
                ("李嘉欣", 10, false),
                ("梁耀文", 5, false),
                ("王芳", 4, false),
                ("陈大文", 10, true)
            ]
        );
        assert_eq!(
            ranked[0].reasons,
            [
                MatchReason::FieldMatches { field: Trademarks },
                MatchReason::SpeaksLanguage { language: English },
                MatchReason::SameRegion { region: Region::HongKong },
                MatchReason::Accepting,
            ]
        );
        assert!(ranked[1].conflict.needs_consent(), "the former adviser is disclosed");
        assert_eq!(ranked[4].conflict.to_string(), "owner of KOWLOON TRADING LIMITED (red, not waivable)");
        assert!(ranked[0].conflict.ties.is_empty(), "a tie to someone else is no conflict");
        assert_eq!(
            serde_json::to_value(ranked[0].reasons[0]).expect("serialisable"),
            serde_json::json!({ "code": "field_matches", "field": "trademarks" })
        );
    }
}
