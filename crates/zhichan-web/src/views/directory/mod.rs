//! The directory's pages: the list of experts and providers with its filters ([`index`]), an
//! expert's page with their profile and declared ties ([`expert`]), a provider's page
//! ([`provider`]) and, for the centre's staff, matching a case to candidates ([`matching`]).

mod expert;
mod matching;
mod provider;

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use zhichan_core::directory::{ExpertQuery, ProviderQuery};
use zhichan_core::{CoreError, authz};
use zhichan_domain::Page;
use zhichan_domain::directory::{DIRECTORY_ROLES, ExpertProfile, ProviderKind, ProviderProfile};
use zhichan_domain::expertise::{Language, Region, TechnicalField};

pub use expert::{add_affiliation, expert, remove_affiliation, save_expert};
pub use matching::matching;
pub use provider::{provider, save_provider};

use super::{FormQuery, PageContext, render};
use crate::AppState;
use crate::auth::SignedIn;

/// Entries each list shows: the directory is small, so it is listed whole up to this.
const SHOWN: u32 = 200;

/// The filters of the directory page, as its form sends them.
#[derive(Deserialize, Default)]
pub struct IndexQuery {
    role: Option<String>,
    field: Option<String>,
    language: Option<String>,
    region: Option<String>,
    kind: Option<String>,
}

#[derive(Template)]
#[template(path = "directory.html")]
struct IndexPage<'a> {
    page: &'a PageContext,
    query: IndexQuery,
    experts: Vec<ExpertProfile>,
    providers: Vec<ProviderProfile>,
    may_match: bool,
}

impl IndexPage<'_> {
    fn chosen(&self, value: &Option<String>, code: &str) -> bool {
        value.as_deref() == Some(code)
    }
}

/// GET /directory
pub async fn index(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    FormQuery(query): FormQuery<IndexQuery>,
) -> Response {
    let experts = ExpertQuery {
        role: query.role.clone(),
        field: query.field.clone(),
        language: query.language.clone(),
        region: query.region.clone(),
    };
    let providers = ProviderQuery {
        kind: query.kind.clone(),
        office: None,
        language: query.language.clone(),
        region: query.region.clone(),
    };
    let loaded = async {
        let experts = state.core.experts(&actor, &experts, Page::first(SHOWN)).await?;
        let providers = state.core.providers(&actor, &providers, Page::first(SHOWN)).await?;
        Ok::<_, CoreError>((experts, providers))
    };
    match loaded.await {
        Ok((experts, providers)) => {
            let may_match = authz::match_candidates(&actor).is_ok();
            render(&IndexPage { page: &page, query, experts, providers, may_match })
        }
        Err(error) => page.fail(error).into_response(),
    }
}

/// Splits a list typed with commas, semicolons, spaces or line breaks (Chinese punctuation
/// included).
fn items(text: &str) -> Vec<String> {
    text.split([',', '，', ';', '；', '、', ' ', '\t', '\n', '\r'])
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use zhichan_domain::Locale;
    use zhichan_domain::directory::{ConflictLevel, MatchReason, Tie};

    use super::*;
    use crate::i18n::Catalogues;

    /// Every coded value the directory shows has a label in every language: the templates look
    /// them up by code, which the catalogue test cannot see.
    #[test]
    fn every_coded_value_has_a_label_in_every_language() {
        let catalogues = Arc::new(Catalogues::builtin().unwrap());
        let mut keys: Vec<String> = Vec::new();
        keys.extend(Region::ALL.iter().map(|v| format!("expertise.region.{v}")));
        keys.extend(TechnicalField::ALL.iter().map(|v| format!("expertise.field.{v}")));
        keys.extend(Language::ALL.iter().map(|v| format!("expertise.language.{v}")));
        keys.extend(ProviderKind::ALL.iter().map(|v| format!("directory.kind.{v}")));
        keys.extend(Tie::ALL.iter().map(|v| format!("directory.tie.{v}")));
        keys.extend(ConflictLevel::ALL.iter().map(|v| format!("directory.level.{v}")));
        let reasons = [
            MatchReason::FieldMatches { field: TechnicalField::Software },
            MatchReason::SpeaksLanguage { language: Language::English },
            MatchReason::SameRegion { region: Region::Macau },
            MatchReason::Accepting,
        ];
        keys.extend(reasons.iter().map(|r| format!("directory.reason.{}", r.code())));
        for locale in Locale::ALL {
            for key in &keys {
                assert!(catalogues.get(locale, key).is_some(), "{key} has no {} label", locale.tag());
            }
        }
    }

    #[test]
    fn lists_are_split_on_any_separator() {
        assert_eq!(items("CN, EP；US\nWO  "), ["CN", "EP", "US", "WO"]);
        assert!(items(" ，").is_empty());
    }
}
