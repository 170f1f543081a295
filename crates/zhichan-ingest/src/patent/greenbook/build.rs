//! Maps the groups of one APS record to a [`Patent`] (the field table is in the parent module).

use chrono::NaiveDate;
use zhichan_domain::OfficeCode;
use zhichan_domain::records::{Address, Citation, LocalizedText, Party, Patent, PriorityClaim, Record};

use super::tagged::Group;
use crate::error::FieldError;
use crate::fields::{date, fixed_width_ipc};

/// The patent of one record.
pub(crate) fn patent(groups: &[Group]) -> Result<Record, FieldError> {
    let head = groups.iter().find(|g| g.name == "PATN").ok_or_else(|| FieldError::missing("PATN"))?;
    let wku = head.get("WKU").ok_or_else(|| FieldError::missing("PATN/WKU"))?;
    let office = OfficeCode::parse("US").map_err(|_| FieldError::invalid("office", "US", "an office code"))?;
    let mut patent = Patent::new(office, document_number(wku)?);
    let kind = head.get("APT");
    patent.kind_code = kind.and_then(kind_code).map(str::to_owned);
    patent.application_number = head.get("APN").map(application_number).transpose()?;
    patent.dates.filing = field_date(head, "APD")?;
    patent.dates.grant = field_date(head, "ISD")?;
    patent.dates.publication = patent.dates.grant;
    let language = Some("en");
    patent.titles = head.get("TTL").map(|t| LocalizedText::new(language, t)).into_iter().collect();
    let design = kind == Some("4");
    for group in groups {
        match group.name.as_str() {
            "INVT" => patent.inventors.extend(party(group)),
            "ASSG" => patent.assignees.extend(party(group)),
            "PRIR" => patent.priority_claims.push(PriorityClaim {
                country: group.get("CNT").map(country),
                number: group.get("APN").map(str::to_owned),
                date: field_date(group, "APD")?,
            }),
            "CLAS" if !design => patent
                .ipc
                .extend(group.fields.iter().filter(|f| f.code == "ICL").filter_map(|f| fixed_width_ipc(&f.value))),
            "UREF" | "FREF" => patent.citations.extend(patent_citation(group)),
            "OREF" => patent.citations.extend(group.fields.iter().filter(|f| !f.value.is_empty()).map(|f| Citation {
                country: None,
                number: None,
                kind: None,
                name: None,
                date: None,
                category: None,
                text: Some(f.value.clone()),
            })),
            "ABST" => patent.abstracts.extend(paragraphs(group).map(|t| LocalizedText::new(language, t))),
            "CLMS" => patent.claims.extend(claims(group)),
            "DCLM" => patent.claims.extend(paragraphs(group)),
            _ => {}
        }
    }
    let description: Vec<String> = groups
        .iter()
        .filter(|g| matches!(g.name.as_str(), "BSUM" | "DRWD" | "DETD"))
        .flat_map(|g| paragraph_texts(g).map(str::to_owned))
        .collect();
    patent.description = (!description.is_empty()).then(|| description.join("\n\n"));
    Ok(patent.into())
}

/// `039373754` → `03937375`: a type letter or zero, seven digits and a check digit, which is
/// dropped so the number matches the later formats' `03937375` / `D0435854`.
fn document_number(wku: &str) -> Result<String, FieldError> {
    let valid = wku.len() == 9 && wku.is_ascii() && wku.bytes().all(|b| b.is_ascii_alphanumeric());
    if !valid {
        return Err(FieldError::invalid("PATN/WKU", wku, "nine letters or digits (number and check digit)"));
    }
    Ok(wku[..8].to_owned())
}

/// `5184541` → `518454`: a six-digit serial number and a check digit (a trailing `&` marks a
/// corrected number). The series code is not recorded in APS.
fn application_number(apn: &str) -> Result<String, FieldError> {
    let apn = apn.trim_end_matches('&');
    if apn.len() != 7 || !apn.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::invalid("PATN/APN", apn, "seven digits (serial number and check digit)"));
    }
    Ok(apn[..6].to_owned())
}

/// ST.16 kind code of the application type `APT`: before 2001 the USPTO printed `A` on utility
/// patents, `E` on reissues, `S` on designs, `P` on plants and `H` on statutory invention
/// registrations; defensive publications (5) have no kind code of their own.
fn kind_code(apt: &str) -> Option<&'static str> {
    match apt {
        "1" => Some("A"),
        "2" => Some("E"),
        "4" => Some("S"),
        "6" => Some("P"),
        "7" => Some("H"),
        _ => None,
    }
}

/// The date in field `code` of `group`; errors name the field as `GROUP/CODE`.
fn field_date(group: &Group, code: &str) -> Result<Option<NaiveDate>, FieldError> {
    match group.get(code) {
        Some(raw) => date(&format!("{}/{code}", group.name), raw),
        None => Ok(None),
    }
}

/// APS writes countries as the ST.3 code followed by `X` (`JPX`, `DEX`).
fn country(raw: &str) -> String {
    match raw.strip_suffix('X') {
        Some(code) if code.len() == 2 => code.to_owned(),
        _ => raw.to_owned(),
    }
}

/// `Daniels; Everette E.` (surname; given names) → `Everette E. Daniels`; organisations as
/// written.
fn display_name(raw: &str) -> String {
    match raw.split_once(';') {
        Some((surname, given)) if !given.trim().is_empty() => format!("{} {}", given.trim(), surname.trim()),
        Some((surname, _)) => surname.trim().to_owned(),
        None => raw.to_owned(),
    }
}

/// An inventor or assignee: `NAM`, `STR`, `CTY`, `STA` (a US state, so country US), `ZIP`,
/// `CNT`.
fn party(group: &Group) -> Option<Party> {
    let name = display_name(group.get("NAM")?);
    let region = group.get("STA").map(str::to_owned);
    let country = group.get("CNT").map(country).or_else(|| region.as_ref().map(|_| "US".to_owned()));
    let address = Address {
        lines: group.fields.iter().filter(|f| f.code == "STR").map(|f| f.value.clone()).collect(),
        city: group.get("CTY").map(str::to_owned),
        region,
        postcode: group.get("ZIP").map(str::to_owned),
        country: country.clone(),
    };
    Some(Party { name, country, address: (!address.is_empty()).then_some(address) })
}

/// A US (`UREF`) or foreign (`FREF`) patent reference.
fn patent_citation(group: &Group) -> Option<Citation> {
    let number = group.get("PNO")?.to_owned();
    let country = match group.name.as_str() {
        "UREF" => Some("US".to_owned()),
        _ => group.get("CNT").map(country),
    };
    Some(Citation {
        country,
        number: Some(number),
        kind: None,
        name: group.get("NAM").map(str::to_owned),
        date: group.get("ISD").and_then(|d| date("ISD", d).ok().flatten()),
        category: None,
        text: None,
    })
}

/// Text fields of a text group: `PAR`, `PAL`, headings `PAC` and indented `PA1`…`PA5`.
fn paragraph_texts(group: &Group) -> impl Iterator<Item = &str> {
    group.fields.iter().filter(|f| f.code.starts_with("PA") && !f.value.is_empty()).map(|f| f.value.as_str())
}

/// The paragraphs of a text group, one string for the group.
fn paragraphs(group: &Group) -> impl Iterator<Item = String> {
    let texts: Vec<&str> = paragraph_texts(group).collect();
    (!texts.is_empty()).then(|| texts.join("\n\n")).into_iter()
}

/// Claims: each `NUM` starts one, its `PAR`/`PA1`… lines follow; `STM` (“What is claimed is”)
/// is not a claim.
fn claims(group: &Group) -> Vec<String> {
    let mut claims: Vec<Vec<&str>> = Vec::new();
    for field in &group.fields {
        if field.code == "NUM" {
            claims.push(Vec::new());
        } else if field.code.starts_with("PA") && !field.value.is_empty() {
            match claims.last_mut() {
                Some(claim) => claim.push(&field.value),
                None => claims.push(vec![&field.value]),
            }
        }
    }
    claims.into_iter().filter(|c| !c.is_empty()).map(|c| c.join(" ")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_drop_their_check_digit() {
        assert_eq!(document_number("039373754").as_deref(), Ok("03937375"));
        assert_eq!(document_number("D02345678").as_deref(), Ok("D0234567"));
        assert!(document_number("0393737").is_err());
        assert!(document_number("03937375é").is_err());
        assert_eq!(application_number("5184541").as_deref(), Ok("518454"));
        assert_eq!(application_number("5184541&").as_deref(), Ok("518454"));
        assert!(application_number("51845").is_err());
    }

    #[test]
    fn names_and_countries() {
        assert_eq!(display_name("Miller, Jr.; George H."), "George H. Miller, Jr.");
        assert_eq!(display_name("Shimadzu Corporation"), "Shimadzu Corporation");
        assert_eq!(country("JPX"), "JP");
        assert_eq!(country("US"), "US");
    }
}
