//! Trademark readers, one module per source format, and the normalisation they share.

pub(crate) mod csv;
pub(crate) mod st66;
pub(crate) mod st96;
pub(crate) mod uspto_casefile;

use zhichan_domain::OfficeCode;
use zhichan_domain::records::{MarkKind, MarkStatus};

use crate::error::FieldError;

/// The office code of a record, validated.
pub(crate) fn office(field: &str, raw: Option<String>) -> Result<OfficeCode, FieldError> {
    let raw = raw.ok_or_else(|| FieldError::missing(field))?;
    OfficeCode::parse(&raw)
        .map_err(|_| FieldError::invalid(field, &raw, "a WIPO ST.3 office code of two upper-case letters"))
}

/// Adds `party` unless a party of the same name is already listed: offices repeat the same
/// owner as applicant and holder, once with an address and once without.
pub(crate) fn push_owner(owners: &mut Vec<zhichan_domain::records::Party>, party: zhichan_domain::records::Party) {
    if !owners.iter().any(|o| o.name == party.name) {
        owners.push(party);
    }
}

/// Lifecycle stage from a USPTO status code. Only the ranges whose meaning is settled are
/// mapped; anything else stays `Unknown` with the raw code kept beside it.
///
/// | codes | USPTO meaning | stage |
/// |---|---|---|
/// | 600–615 | abandoned (no response, express, after appeal…) | withdrawn |
/// | 630–679 | new application, examination, suspended | filed |
/// | 680–699 | approved for publication, published, allowed | published |
/// | 700–709, 800–899 | registered, maintained, renewed | registered |
/// | 710–799 | registration cancelled (s. 7, 8, 18, 24, court order) | cancelled |
/// | 900–999 | expired | expired |
pub(crate) fn uspto_status(code: &str) -> MarkStatus {
    match code.trim().parse::<u16>() {
        Ok(600..=615) => MarkStatus::Withdrawn,
        Ok(630..=679) => MarkStatus::Filed,
        Ok(680..=699) => MarkStatus::Published,
        Ok(700..=709 | 800..=899) => MarkStatus::Registered,
        Ok(710..=799) => MarkStatus::Cancelled,
        Ok(900..=999) => MarkStatus::Expired,
        _ => MarkStatus::Unknown,
    }
}

/// Lifecycle stage from an office's status words (ST.66 / ST.96 `MarkCurrentStatusCode` in
/// English, French, German or Spanish). More specific words are tested first: "registration
/// cancelled" is cancelled, "application published" is published.
pub(crate) fn status_from_text(text: &str) -> MarkStatus {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["cancel", "radié", "radie", "revoked", "invalidat", "surrender", "gelöscht", "annul"]) {
        MarkStatus::Cancelled
    } else if has(&["expir", "lapsed", "caduc"]) {
        MarkStatus::Expired
    } else if has(&["refus", "reject", "zurückgewiesen", "denegad"]) {
        MarkStatus::Refused
    } else if has(&["withdraw", "retir", "abandon", "zurückgenommen", "desist"]) {
        MarkStatus::Withdrawn
    } else if has(&["oppos", "widerspruch"]) {
        MarkStatus::Opposed
    } else if has(&["registered", "enregistr", "eingetragen", "registrad", "registrat"]) {
        MarkStatus::Registered
    } else if has(&["publi", "veröffentlicht"]) {
        MarkStatus::Published
    } else if has(&["filed", "déposé", "depose", "application", "examination", "pending", "angemeldet", "solicitud"])
    {
        MarkStatus::Filed
    } else {
        MarkStatus::Unknown
    }
}

/// The stage for `raw` at `office`: USPTO numeric codes by table, words by keyword.
pub(crate) fn status(office: OfficeCode, raw: &str) -> MarkStatus {
    if office.as_str() == "US" && raw.trim().bytes().all(|b| b.is_ascii_digit()) {
        uspto_status(raw)
    } else {
        status_from_text(raw)
    }
}

/// Mark kind from the USPTO drawing code (first digit of `mark-drawing-code`, ST.96
/// `MarkFeatureCode`): 1 typed, 2 design only, 3 design with words, 4 standard characters,
/// 5 stylised words, 6 no drawing (sound, scent).
pub(crate) fn kind_from_uspto_drawing_code(code: &str) -> MarkKind {
    match code.trim().chars().next() {
        Some('1' | '4') => MarkKind::Word,
        Some('2' | '5') => MarkKind::Figurative,
        Some('3') => MarkKind::Combined,
        _ => MarkKind::Other,
    }
}

/// Mark kind from ST.66 `MarkFeature` / ST.96 `MarkFeatureCategory` words, including the
/// USPTO's long descriptions (`TYPESET WORD(S) /LETTER(S) /NUMBER(S)`).
pub(crate) fn kind_from_text(text: &str) -> MarkKind {
    let t = text.to_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| t.contains(w));
    if has(&["sound", "sonore"]) {
        MarkKind::Sound
    } else if has(&["three", "3-d", "3d", "tridimension", "shape"]) {
        MarkKind::ThreeDimensional
    } else if has(&["combined", "mixed", "semi-figurative", "with word", "complexe"]) {
        MarkKind::Combined
    } else if has(&["figurative", "illustration", "design", "stylized", "stylised", "figurative", "device"]) {
        MarkKind::Figurative
    } else if has(&["colour", "color", "couleur"]) {
        MarkKind::Colour
    } else if has(&["word", "typeset", "standard character", "verbal", "nominative", "wort"]) {
        MarkKind::Word
    } else {
        MarkKind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uspto_codes_map_by_range() {
        assert_eq!(uspto_status("630"), MarkStatus::Filed);
        assert_eq!(uspto_status("686"), MarkStatus::Published);
        assert_eq!(uspto_status("800"), MarkStatus::Registered);
        assert_eq!(uspto_status("710"), MarkStatus::Cancelled);
        assert_eq!(uspto_status("602"), MarkStatus::Withdrawn);
        assert_eq!(uspto_status("900"), MarkStatus::Expired);
        assert_eq!(uspto_status("626"), MarkStatus::Unknown);
        assert_eq!(uspto_status("x"), MarkStatus::Unknown);
    }

    #[test]
    fn status_words_in_several_languages() {
        assert_eq!(status_from_text("Marque enregistrée"), MarkStatus::Registered);
        assert_eq!(status_from_text("Registration cancelled"), MarkStatus::Cancelled);
        assert_eq!(status_from_text("Application published"), MarkStatus::Published);
        assert_eq!(status_from_text("Application filed"), MarkStatus::Filed);
        assert_eq!(status_from_text("Opposition pending"), MarkStatus::Opposed);
        assert_eq!(status_from_text("Registration expired"), MarkStatus::Expired);
        assert_eq!(status_from_text("Application refused"), MarkStatus::Refused);
        assert_eq!(status_from_text("zzz"), MarkStatus::Unknown);
    }

    #[test]
    fn kinds_from_codes_and_words() {
        assert_eq!(kind_from_uspto_drawing_code("4000"), MarkKind::Word);
        assert_eq!(kind_from_uspto_drawing_code("3"), MarkKind::Combined);
        assert_eq!(kind_from_uspto_drawing_code("0"), MarkKind::Other);
        assert_eq!(kind_from_text("TYPESET WORD(S) /LETTER(S) /NUMBER(S)"), MarkKind::Word);
        assert_eq!(
            kind_from_text("ILLUSTRATION DRAWING WITH WORD(S) /LETTER(S) /NUMBER(S) INSERTED"),
            MarkKind::Combined
        );
        assert_eq!(kind_from_text("Figurative"), MarkKind::Figurative);
        assert_eq!(kind_from_text("Word"), MarkKind::Word);
        assert_eq!(kind_from_text("Three dimensional"), MarkKind::ThreeDimensional);
        assert_eq!(kind_from_text("Colour"), MarkKind::Colour);
    }
}
