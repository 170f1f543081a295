//! Trademark records.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::common::{LocalizedText, Party, PriorityClaim, RecordKey, RecordKind};
use crate::nice::NiceClass;
use crate::office::OfficeCode;

/// A trademark application or registration at one office.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Trademark {
    /// The office the record belongs to.
    pub office: OfficeCode,
    /// The application (serial) number: the one number every mark has from filing on.
    pub application_number: String,
    /// The registration number, once registered.
    pub registration_number: Option<String>,
    /// The mark's words exactly as filed (no case folding); `None` for purely figurative marks.
    pub mark_text: Option<String>,
    /// Transliteration of the words into Latin script, when the office records one.
    pub transliteration: Option<String>,
    /// Translation of the words, when the office records one.
    pub translation: Option<String>,
    /// Word, figurative, combined…
    pub mark_kind: MarkKind,
    /// Figurative element codes (Vienna classification or an office's own design search codes),
    /// as printed, e.g. `03.01.08`.
    pub design_codes: Vec<String>,
    /// Nice classes with their goods and services.
    pub classes: Vec<ClassEntry>,
    /// Owners (applicants or holders), current owner first where the source orders them.
    pub owners: Vec<Party>,
    /// Attorney or agent of record.
    pub representative: Option<Party>,
    /// Register the mark is on, where the office has several (US: Principal, Supplemental).
    pub register: Option<String>,
    /// Examining attorney or examiner, when published.
    pub examiner: Option<String>,
    /// Key dates.
    pub dates: TrademarkDates,
    /// Where the record stands, normalised plus the office's own words.
    pub status: TrademarkStatus,
    /// Earlier filings whose date is claimed.
    pub priority_claims: Vec<PriorityClaim>,
    /// Link to the Madrid system, when the mark is or comes from an international registration.
    pub madrid: Option<MadridInfo>,
    /// Prosecution history, in source order.
    pub events: Vec<MarkEvent>,
}

impl Trademark {
    /// A record with only its identity set; readers fill in the rest.
    pub fn new(office: OfficeCode, application_number: impl Into<String>) -> Self {
        Self {
            office,
            application_number: application_number.into(),
            registration_number: None,
            mark_text: None,
            transliteration: None,
            translation: None,
            mark_kind: MarkKind::Other,
            design_codes: Vec::new(),
            classes: Vec::new(),
            owners: Vec::new(),
            representative: None,
            register: None,
            examiner: None,
            dates: TrademarkDates::default(),
            status: TrademarkStatus::default(),
            priority_claims: Vec::new(),
            madrid: None,
            events: Vec::new(),
        }
    }

    /// Identity: office, trademark, application number.
    pub fn key(&self) -> RecordKey {
        RecordKey { office: self.office, kind: RecordKind::Trademark, number: self.application_number.clone() }
    }

    /// The class entry for Nice class `number`, if the record has it; `None` also for numbers
    /// outside 1–45.
    pub fn class(&self, number: u8) -> Option<&ClassEntry> {
        self.classes.iter().find(|c| c.number.number() == number)
    }
}

/// What the mark is made of, in the broad categories offices share (WIPO ST.66 `MarkFeature`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkKind {
    /// Words, letters or numbers in standard characters.
    Word,
    /// A picture or stylised lettering without separable standard-character words.
    Figurative,
    /// Words together with a figurative element.
    Combined,
    /// A shape.
    ThreeDimensional,
    /// A sound.
    Sound,
    /// A colour or combination of colours as such.
    Colour,
    /// Anything else, or not stated.
    Other,
}

/// One Nice class of a mark and the goods or services listed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClassEntry {
    /// The Nice class; serialised as its number, and a number outside 1–45 does not deserialise.
    pub number: NiceClass,
    /// The goods/services wording, once per language given.
    pub goods_services: Vec<LocalizedText>,
    /// Office-specific class numbers alongside Nice (US: the pre-1973 US classes).
    pub national_classes: Vec<String>,
    /// First use anywhere (US use-based filings).
    pub first_use: Option<NaiveDate>,
    /// First use in commerce (US use-based filings).
    pub first_use_in_commerce: Option<NaiveDate>,
}

impl ClassEntry {
    /// A class with nothing listed yet.
    pub fn new(number: NiceClass) -> Self {
        Self {
            number,
            goods_services: Vec::new(),
            national_classes: Vec::new(),
            first_use: None,
            first_use_in_commerce: None,
        }
    }
}

/// Key dates of a trademark; any may be unknown.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrademarkDates {
    /// Filing (application) date.
    pub filing: Option<NaiveDate>,
    /// Publication for opposition.
    pub publication: Option<NaiveDate>,
    /// Registration date.
    pub registration: Option<NaiveDate>,
    /// Date of the latest renewal, when the office reports it.
    pub renewal: Option<NaiveDate>,
    /// Date protection ends unless renewed, when the office reports it.
    pub expiry: Option<NaiveDate>,
}

/// The normalised lifecycle stage of a mark. Offices use hundreds of status codes; these are the
/// stages the watch engine and the UI reason about.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MarkStatus {
    /// Filed and under examination.
    Filed,
    /// Published for opposition or allowed.
    Published,
    /// Registered and in force.
    Registered,
    /// An opposition or similar inter partes proceeding is pending.
    Opposed,
    /// Refused by the office.
    Refused,
    /// Withdrawn or abandoned by the applicant.
    Withdrawn,
    /// Lapsed for want of renewal.
    Expired,
    /// Registration cancelled, revoked or invalidated.
    Cancelled,
    /// The source gives no status, or one we cannot place.
    #[default]
    Unknown,
}

/// A mark's status: the normalised stage plus what the office actually said.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrademarkStatus {
    /// Normalised stage.
    pub stage: MarkStatus,
    /// The office's own status code or text, verbatim (e.g. USPTO `800`, INPI `Marque enregistrée`).
    pub raw: Option<String>,
    /// When the office last changed the status.
    pub date: Option<NaiveDate>,
}

/// Madrid system data of a mark.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MadridInfo {
    /// WIPO international registration number.
    pub international_registration_number: Option<String>,
    /// The office of origin's reference for the international application.
    pub international_application_number: Option<String>,
    /// Designated contracting parties (ST.3 codes).
    pub designations: Vec<String>,
}

/// One entry of a mark's prosecution history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MarkEvent {
    /// When it happened.
    pub date: Option<NaiveDate>,
    /// The office's event code.
    pub code: String,
    /// The office's description of the event.
    pub description: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_uses_office_and_application_number() {
        let mark = Trademark::new(OfficeCode::parse("FR").expect("valid"), "5189659");
        let key = mark.key();
        assert_eq!(key.kind, RecordKind::Trademark);
        assert_eq!(key.to_string(), "FR/tm/5189659");
    }

    #[test]
    fn class_finds_by_number() {
        let mut mark = Trademark::new(OfficeCode::parse("US").expect("valid"), "1");
        mark.classes.push(ClassEntry::new(NiceClass::new(9).expect("valid")));
        assert!(mark.class(9).is_some());
        assert!(mark.class(10).is_none());
        assert!(mark.class(0).is_none());
    }
}
