//! The expert and service-provider directory: who can be asked to help, and who must not be.
//!
//! - [`ExpertProfile`]: an expert, mediator or technical investigator — where they practise,
//!   their fields and languages, whether they take new cases. Their name, organisation and roles
//!   are their account's; the rest they (or the centre's staff) edit as [`ExpertProfileFields`].
//! - [`ProviderProfile`]: a law firm, patent or trademark agency or appraiser ([`ProviderKind`]),
//!   with the offices it files at and the languages and regions it covers.
//! - [`Affiliation`]: a tie an expert declares to a party — employment, a shareholding, advice
//!   given — graded by [`Tie::level`] on the model of the IBA Guidelines on Conflicts of Interest
//!   in International Arbitration, and [`assess`]ed against a case's parties.
//! - [`rank`]: the candidates for a case by field, language and region, each with its reasons
//!   ([`MatchReason`]) and its conflicts; candidates with a red tie come last, excluded.

mod conflict;
mod matching;
mod names;
mod profile;

use crate::InvalidValue;
use crate::expertise::vocabulary;

pub use conflict::{
    Affiliation, AffiliationFields, AffiliationId, ConflictAssessment, ConflictLevel, ConflictTie, LOOK_BACK_MONTHS,
    Tie, assess,
};
pub use matching::{Candidate, MatchReason, MatchRequest, rank};
pub use names::{concerns, normalise_party_name};
pub use profile::{
    DIRECTORY_ROLES, ExpertFilter, ExpertProfile, ExpertProfileFields, ProviderFilter, ProviderProfile,
    ProviderProfileFields, directory_roles,
};

vocabulary!(
    /// What a service provider does.
    ProviderKind, "kind" {
        /// 律师事务所: a law firm.
        LawFirm = "law_firm",
        /// 专利代理机构: a patent agency.
        PatentAgency = "patent_agency",
        /// 商标代理机构: a trademark agency.
        TrademarkAgency = "trademark_agency",
        /// 资产评估机构: an IP appraiser (valuations for pledges, licences, damages).
        Appraiser = "appraiser",
    }
);

/// The longest party name, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// The longest biography, in characters.
pub const MAX_BIO_CHARS: usize = 2_000;
/// The longest note on an affiliation or provider contact, in characters.
pub const MAX_NOTE_CHARS: usize = 1_000;

/// A free text of `min` to `max` characters, trimmed, without control characters other than
/// line breaks.
fn text(field: &'static str, input: &str, min: usize, max: usize) -> Result<String, InvalidValue> {
    let text = input.trim();
    let length = text.chars().count();
    if length < min || length > max || text.chars().any(|c| c.is_control() && c != '\n' && c != '\r') {
        return Err(InvalidValue::new(field, format!("{min} to {max} characters")));
    }
    Ok(text.to_owned())
}

/// Codes parsed with `parse`, in the order given, each once; at least `min` of them.
fn codes<T: PartialEq>(
    field: &'static str,
    inputs: &[String],
    min: usize,
    parse: fn(&str) -> Result<T, InvalidValue>,
) -> Result<Vec<T>, InvalidValue> {
    let mut values = Vec::new();
    for input in inputs.iter().map(|i| i.trim()).filter(|i| !i.is_empty()) {
        let value = parse(input).map_err(|refused| InvalidValue::new(field, refused.expected))?;
        if !values.contains(&value) {
            values.push(value);
        }
    }
    if values.len() < min {
        // Parsing nothing is refused with the list of the accepted codes.
        let accepted = parse("").err().map(|refused| refused.expected).unwrap_or_default();
        return Err(InvalidValue::new(field, format!("at least {min}, {accepted}")));
    }
    Ok(values)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_deduplicated_in_order_and_refusals_name_the_field() {
        let inputs: Vec<String> = ["patent_agency", " law_firm", "patent_agency", ""].map(String::from).to_vec();
        assert_eq!(
            codes("kinds", &inputs, 1, ProviderKind::parse),
            Ok(vec![ProviderKind::PatentAgency, ProviderKind::LawFirm])
        );
        let refused = codes("kinds", &["notary".to_owned()], 1, ProviderKind::parse).unwrap_err();
        assert_eq!(refused.field, "kinds");
        assert!(refused.expected.contains("appraiser"));
        let none = codes("kinds", &[], 1, ProviderKind::parse).unwrap_err();
        assert!(none.expected.starts_with("at least 1, one of:"), "{}", none.expected);
    }

    #[test]
    fn texts_are_trimmed_and_bounded() {
        assert_eq!(text("bio", "  hello ", 0, 10), Ok("hello".to_owned()));
        assert_eq!(text("bio", "", 0, 10), Ok(String::new()));
        assert!(text("party_name", " ", 1, 10).is_err());
        assert!(text("bio", "a\u{7}b", 0, 10).is_err());
        assert!(text("bio", "第一行\n第二行", 0, 10).is_ok());
    }
}
