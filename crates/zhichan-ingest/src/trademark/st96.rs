//! WIPO ST.96 trademark XML (USPTO TSDR and other offices), including the pre-2018 variant in
//! the `XMLSchema/Trademark/1` namespace, which differs mainly in names of a few bags.

use std::io::BufRead;

use zhichan_domain::records::{
    Address, ClassEntry, LocalizedText, MadridInfo, MarkEvent, Party, PriorityClaim, Record, Trademark,
};

use crate::error::FieldError;
use crate::fields::{class_number, opt_date};
use crate::xml::{EachElement, Node, XmlRecords};

/// Records of an ST.96 input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> XmlRecords<R, EachElement> {
    XmlRecords::new(input, source, EachElement { names: &["Trademark"], build, id })
}

fn id(node: &Node) -> Option<String> {
    node.value_at("ApplicationNumber/ApplicationNumberText")
}

fn build(tm: &Node) -> Result<Record, FieldError> {
    let office_code = tm.value_at("RegistrationOfficeCode").or_else(|| tm.value_at("ApplicationNumber/IPOfficeCode"));
    let office = super::office("RegistrationOfficeCode", office_code)?;
    let number = id(tm).ok_or_else(|| FieldError::missing("ApplicationNumberText"))?;
    let mut mark = Trademark::new(office, number);
    mark.registration_number = tm.value_at("RegistrationNumber");
    mark.dates.filing = opt_date("ApplicationDate", tm.value_at("ApplicationDate"))?;
    mark.dates.registration = opt_date("RegistrationDate", tm.value_at("RegistrationDate"))?;
    mark.dates.expiry = opt_date("ExpiryDate", tm.value_at("ExpiryDate"))?;
    mark.dates.publication = opt_date("PublicationDate", tm.value_at("PublicationBag/Publication/PublicationDate"))?;

    let representation = tm.child("MarkRepresentation");
    let word = representation.and_then(|r| r.at("MarkReproduction/WordMarkSpecification"));
    mark.mark_text = word.and_then(|w| w.value_at("MarkVerbalElementText"));
    mark.translation = word.and_then(|w| w.value_at("MarkTranslationText"));
    mark.transliteration = word.and_then(|w| w.value_at("MarkTransliteration"));
    let feature_code = representation.and_then(|r| r.descendant("MarkFeatureCode")).and_then(Node::value);
    mark.mark_kind = match (representation.and_then(|r| r.value_at("MarkFeatureCategory")), feature_code) {
        (Some(category), _) => super::kind_from_text(&category),
        (None, Some(code)) if mark.office.as_str() == "US" => super::kind_from_uspto_drawing_code(&code),
        _ => zhichan_domain::records::MarkKind::Other,
    };
    mark.design_codes = representation
        .map(|r| {
            r.descendants("NationalDesignCode")
                .into_iter()
                .chain(r.descendants("ViennaCode"))
                .filter_map(Node::value)
                .collect()
        })
        .unwrap_or_default();

    if let Some(raw) = tm.value_at("MarkCurrentStatusCode") {
        mark.status.stage = super::status(mark.office, &raw);
        mark.status.raw = Some(raw);
    }
    mark.status.date = opt_date("MarkCurrentStatusDate", tm.value_at("MarkCurrentStatusDate"))?;
    let national = tm.child("NationalTrademarkInformation");
    // ST.96 names the US Principal Register "Primary"; ST.66 and the USPTO say "Principal".
    mark.register = national
        .and_then(|n| n.value_at("RegisterCategory"))
        .map(|r| if r == "Primary" { "Principal".to_owned() } else { r });
    mark.dates.renewal = opt_date("RenewalDate", national.and_then(|n| n.value_at("RenewalDate")))?;
    mark.examiner = tm.value_at("StaffBag/Staff/StaffName");

    mark.classes = classes(tm)?;
    for party in tm.all("ApplicantBag/Applicant").into_iter().filter_map(applicant) {
        super::push_owner(&mut mark.owners, party);
    }
    mark.representative = ["RecordAttorney", "NationalRepresentative", "RepresentativeBag/Representative"]
        .iter()
        .flat_map(|path| tm.all(path))
        .find_map(|r| r.child("Contact").and_then(contact));
    for priority in tm.all("PriorityBag/Priority") {
        mark.priority_claims.push(PriorityClaim {
            country: priority.value_at("PriorityCountryCode"),
            number: priority.value_at("ApplicationNumber/ApplicationNumberText"),
            date: opt_date("PriorityApplicationFilingDate", priority.value_at("PriorityApplicationFilingDate"))?,
        });
    }
    mark.madrid = madrid(tm);
    for event in tm.all("MarkEventBag/MarkEvent") {
        let detail = event.child("NationalMarkEvent").unwrap_or(event);
        let Some(code) = detail.value_at("MarkEventCode") else {
            continue;
        };
        mark.events.push(MarkEvent {
            date: opt_date("MarkEventDate", event.value_at("MarkEventDate"))?,
            code,
            description: detail.value_at("MarkEventDescriptionText"),
        });
    }
    Ok(mark.into())
}

/// One `GoodsServices` per class: the Nice number from the classification bag (kind `Nice`,
/// else `Primary`), domestic numbers beside it, the wording from the description bag.
fn classes(tm: &Node) -> Result<Vec<ClassEntry>, FieldError> {
    let mut classes: Vec<ClassEntry> = Vec::new();
    for goods in tm.all("GoodsServicesBag/GoodsServices") {
        let classifications = goods.all("GoodsServicesClassificationBag/GoodsServicesClassification");
        let of_kind = |kinds: &[&str]| {
            classifications
                .iter()
                .filter(|c| c.value_at("ClassificationKindCode").is_some_and(|k| kinds.contains(&k.as_str())))
                .copied()
                .collect::<Vec<_>>()
        };
        let descriptions = goods.all("ClassDescriptionBag/ClassDescription");
        let raw = of_kind(&["Nice"])
            .into_iter()
            .chain(of_kind(&["Primary"]))
            .chain(descriptions.iter().copied())
            .find_map(|c| c.value_at("ClassNumber"));
        let Some(raw) = raw else { continue };
        let Some(number) = class_number("ClassNumber", &raw)? else {
            continue;
        };
        let mut class = ClassEntry::new(number);
        class.national_classes =
            of_kind(&["Domestic", "National"]).into_iter().filter_map(|c| c.value_at("NationalClassNumber")).collect();
        for text in descriptions.iter().flat_map(|d| d.children("GoodsServicesDescriptionText")) {
            if let Some(value) = text.value() {
                class.goods_services.push(LocalizedText::new(text.attr("languageCode"), value));
            }
        }
        let basis = goods.child("NationalFilingBasis");
        class.first_use = opt_date("FirstUsedDate", basis.and_then(|b| b.value_at("FirstUsedDate")))?;
        class.first_use_in_commerce =
            opt_date("FirstUsedCommerceDate", basis.and_then(|b| b.value_at("FirstUsedCommerceDate")))?;
        classes.push(class);
    }
    Ok(classes)
}

fn applicant(node: &Node) -> Option<Party> {
    let mut party = contact(node.child("Contact")?)?;
    party.country =
        node.value_at("IncorporationCountryCode").or_else(|| node.value_at("NationalityCode")).or(party.country);
    Some(party)
}

/// A party from an ST.96 `Contact`.
fn contact(contact: &Node) -> Option<Party> {
    let name = contact.child("Name")?;
    let name = name
        .value_at("OrganizationName/OrganizationStandardName")
        .or_else(|| name.value_at("PersonName/PersonFullName"))
        .or_else(|| name.value_at("EntityName"))
        .or_else(|| name.value_at("PersonFullName"))
        .or_else(|| name.value())?;
    let address = contact.at("PostalAddressBag/PostalAddress/PostalStructuredAddress").map(|a| Address {
        lines: a.children("AddressLineText").filter_map(Node::value).collect(),
        city: a.value_at("CityName"),
        region: a.value_at("GeographicRegionName"),
        postcode: a.value_at("PostalCode"),
        country: a.value_at("CountryCode"),
    });
    let country = address.as_ref().and_then(|a| a.country.clone());
    Some(Party { name, country, address: address.filter(|a| !a.is_empty()) })
}

/// Madrid numbers sit in an associated mark of category "International application or
/// registration": its application number is the international application, its
/// `InternationalApplicationNumber` the international registration.
fn madrid(tm: &Node) -> Option<MadridInfo> {
    let associated = tm
        .all("AssociatedMarkBag/AssociatedMark")
        .into_iter()
        .find(|m| m.value_at("AssociationCategory").is_some_and(|c| c.to_lowercase().contains("international")));
    let mut info = MadridInfo::default();
    if let Some(m) = associated {
        info.international_application_number = m.value_at("ApplicationNumber/ApplicationNumberText");
        info.international_registration_number = m.value_at("InternationalApplicationNumber/ApplicationNumberText");
    }
    info.designations = tm.descendants("DesignatedCountryCode").into_iter().filter_map(Node::value).collect();
    (info != MadridInfo::default()).then_some(info)
}
