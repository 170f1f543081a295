//! WIPO ST.66 trademark XML, as served by USPTO TSDR, EUIPO, INPI and other offices.
//!
//! Offices extend ST.66 with their own elements (`ns2:` US extensions, INPI `fr-` holders); we
//! read the standard elements plus the few extensions that carry data the model has (US domestic
//! classes and first-use dates, register, renewal date, Madrid numbers, current holders) and
//! ignore everything else. In the TSDR variant the applicants sit beside `TradeMarkDetails`
//! rather than inside `TradeMark`; they are attached to the mark of the same transaction.

use std::collections::VecDeque;
use std::io::BufRead;

use zhichan_domain::records::{
    Address, ClassEntry, LocalizedText, MadridInfo, MarkEvent, Party, PriorityClaim, Record, Trademark,
};

use crate::error::{FieldError, Position, RecordError};
use crate::fields::{class_number, opt_date};
use crate::xml::{Captured, Node, RecordBuilder, XmlRecords};

/// Records of an ST.66 input.
pub(crate) fn reader<R: BufRead>(input: R, source: &str) -> XmlRecords<R, St66> {
    XmlRecords::new(input, source, St66::default())
}

/// Party lists that TSDR puts at transaction level.
const TRANSACTION_LEVEL: [&str; 2] = ["ApplicantDetails", "RepresentativeDetails"];

/// Holds each mark until its transaction's trailing party lists have been seen.
#[derive(Default)]
pub(crate) struct St66 {
    pending: Option<Node>,
    orphans: Vec<Node>,
}

impl St66 {
    fn flush(&mut self, source: &str, out: &mut VecDeque<Result<Record, RecordError>>) {
        if let Some(node) = self.pending.take() {
            let id = node.value_at("ApplicationNumber");
            out.push_back(build(&node).map_err(|e| e.locate(source, Position::Byte(node.offset), id)));
        }
    }
}

impl RecordBuilder for St66 {
    fn wants(&self, parents: &[String], name: &str) -> bool {
        name == "TradeMark"
            || (TRANSACTION_LEVEL.contains(&name) && parents.last().is_some_and(|p| p == "TransactionData"))
    }

    fn take(&mut self, captured: Captured, source: &str, out: &mut VecDeque<Result<Record, RecordError>>) {
        let mut node = captured.node;
        if node.name == "TradeMark" {
            self.flush(source, out);
            for orphan in self.orphans.drain(..) {
                node.push(orphan);
            }
            self.pending = Some(node);
        } else if let Some(pending) = self.pending.as_mut() {
            pending.push(node);
        } else {
            self.orphans.push(node);
        }
    }

    fn finish_document(&mut self, source: &str, out: &mut VecDeque<Result<Record, RecordError>>) {
        self.flush(source, out);
        self.orphans.clear();
    }
}

fn build(tm: &Node) -> Result<Record, FieldError> {
    let office = super::office("RegistrationOfficeCode", tm.value_at("RegistrationOfficeCode"))?;
    let number = tm.value_at("ApplicationNumber").ok_or_else(|| FieldError::missing("ApplicationNumber"))?;
    let mut mark = Trademark::new(office, number);
    mark.registration_number = tm.value_at("RegistrationNumber");
    mark.dates.filing = opt_date("ApplicationDate", tm.value_at("ApplicationDate"))?;
    mark.dates.registration = opt_date("RegistrationDate", tm.value_at("RegistrationDate"))?;
    mark.dates.expiry = opt_date("ExpiryDate", tm.value_at("ExpiryDate"))?;
    mark.dates.publication = match tm.all("PublicationDetails/Publication").first() {
        Some(p) => opt_date("PublicationDate", p.value_at("PublicationDate"))?,
        None => opt_date("PublicationDate", tm.attr("PublicationDate").map(str::to_owned))?,
    };
    mark.dates.renewal = opt_date("RenewalDate", tm.descendant("RenewalDate").and_then(Node::value))?;

    let word = tm.child("WordMarkSpecification");
    mark.mark_text = word.and_then(|w| w.value_at("MarkVerbalElementText"));
    mark.translation = word.and_then(|w| w.value_at("MarkTranslation"));
    mark.transliteration = word.and_then(|w| w.value_at("MarkTransliteration"));
    mark.mark_kind = super::kind_from_text(&tm.value_at("MarkFeature").unwrap_or_default());
    mark.design_codes = ["CategoryCode", "DesignSearchCode"]
        .iter()
        .flat_map(|name| tm.descendants(name))
        .filter_map(Node::value)
        .collect();

    if let Some(raw) = tm.value_at("MarkCurrentStatusCode") {
        mark.status.stage = super::status(mark.office, &raw);
        mark.status.raw = Some(raw);
    }
    mark.status.date = opt_date("MarkCurrentStatusDate", tm.value_at("MarkCurrentStatusDate"))?;
    mark.register = tm.value_at("TradeMarkExt/RegisterCategory");
    mark.examiner = tm.value_at("StaffDetails/Staff/StaffName");

    mark.classes = classes(tm)?;
    mark.owners = owners(tm);
    mark.representative = representative(tm);
    for priority in tm.all("PriorityDetails/Priority") {
        mark.priority_claims.push(PriorityClaim {
            country: priority.value_at("PriorityCountryCode"),
            number: priority.value_at("PriorityNumber"),
            date: opt_date("PriorityDate", priority.value_at("PriorityDate"))?,
        });
    }
    mark.madrid = madrid(tm);
    for event in tm.all("MarkEventDetails/MarkEvent") {
        let Some(code) = event.value_at("MarkEventCode") else {
            continue;
        };
        let description = event
            .descendant("MarkEventInternalDescriptionText")
            .and_then(Node::value)
            .or_else(|| event.value_at("MarkEventDescriptionText"))
            .or_else(|| event.value_at("Comment"));
        mark.events.push(MarkEvent {
            date: opt_date("MarkEventDate", event.value_at("MarkEventDate"))?,
            code,
            description,
        });
    }
    Ok(mark.into())
}

fn classes(tm: &Node) -> Result<Vec<ClassEntry>, FieldError> {
    let mut classes: Vec<ClassEntry> = Vec::new();
    for description in tm.all("GoodsServicesDetails/GoodsServices/ClassDescriptionDetails/ClassDescription") {
        let raw = description.value_at("ClassNumber").ok_or_else(|| FieldError::missing("ClassNumber"))?;
        let Some(number) = class_number("ClassNumber", &raw)? else {
            continue;
        };
        let mut class = ClassEntry::new(number);
        for text in description.children("GoodsServicesDescription") {
            if let Some(value) = text.value() {
                class.goods_services.push(LocalizedText::new(text.attr("languageCode"), value));
            }
        }
        if let Some(ext) = description.child("ClassDescriptionExt") {
            class.national_classes = ext.children("DomesticClassNumbers").filter_map(Node::value).collect();
            class.first_use =
                opt_date("FirstUseDateNumber", ext.descendant("FirstUseDateNumber").and_then(Node::value))?;
            class.first_use_in_commerce =
                opt_date("FirstUseInCommerceDate", ext.descendant("FirstUseInCommerceDate").and_then(Node::value))?;
        }
        classes.push(class);
    }
    Ok(classes)
}

/// Current holders (INPI `fr-CurrentHolder`) first, then applicants in source order.
fn owners(tm: &Node) -> Vec<Party> {
    let holders =
        tm.all("fr-CurrentHolderDetails/fr-CurrentHolder").into_iter().map(|h| (h, "fr-CurrentHolderAddressBook"));
    let applicants = tm.all("ApplicantDetails/Applicant").into_iter().map(|a| (a, "ApplicantAddressBook"));
    let mut owners: Vec<Party> = Vec::new();
    for (node, book) in holders.chain(applicants) {
        let Some(mut party) = node.child(book).and_then(party) else {
            continue;
        };
        party.country = node
            .value_at("ApplicantIncorporationCountryCode")
            .or_else(|| node.value_at("ApplicantNationalityCode"))
            .or(party.country);
        super::push_owner(&mut owners, party);
    }
    owners
}

/// The attorney of record when the office says which, else the first representative.
fn representative(tm: &Node) -> Option<Party> {
    let all = tm.all("RepresentativeDetails/Representative");
    let chosen = all
        .iter()
        .find(|r| r.value_at("Comment").is_some_and(|c| c.eq_ignore_ascii_case("Attorney of Record")))
        .or(all.first());
    chosen.and_then(|r| r.child("RepresentativeAddressBook")).and_then(party)
}

/// A party from an ST.66 address book (`FormattedNameAddress`).
fn party(book: &Node) -> Option<Party> {
    let name_address = book.child("FormattedNameAddress")?;
    let name_node = name_address.child("Name")?;
    let lines: Vec<String> = name_node.descendants("FreeFormatNameLine").into_iter().filter_map(Node::value).collect();
    let name = if !lines.is_empty() {
        lines.join(", ")
    } else {
        let formatted = name_node.child("FormattedName")?;
        let person: Vec<String> = ["FirstName", "LastName"].iter().filter_map(|f| formatted.value_at(f)).collect();
        match formatted.value_at("OrganizationName") {
            Some(org) if person.is_empty() => org,
            Some(org) => format!("{} ({org})", person.join(" ")),
            None if !person.is_empty() => person.join(" "),
            None => return None,
        }
    };
    let address = name_address.child("Address").map(|a| {
        let formatted = a.child("FormattedAddress");
        let get = |f: &str| formatted.and_then(|n| n.value_at(f));
        Address {
            lines: ["AddressRoom", "AddressBuilding", "AddressStreet"].iter().filter_map(|f| get(f)).collect(),
            city: get("AddressCity"),
            region: get("AddressState"),
            postcode: get("AddressPostcode"),
            country: get("FormattedAddressCountryCode").or_else(|| a.value_at("AddressCountryCode")),
        }
    });
    let country = address.as_ref().and_then(|a| a.country.clone());
    Some(Party { name, country, address: address.filter(|a| !a.is_empty()) })
}

fn madrid(tm: &Node) -> Option<MadridInfo> {
    let info = MadridInfo {
        international_registration_number: tm.descendant("InternationalRegistrationNumber").and_then(Node::value),
        international_application_number: tm.descendant("InternationalApplicationNumber").and_then(Node::value),
        designations: tm.descendants("DesignatedCountryCode").into_iter().filter_map(Node::value).collect(),
    };
    (info != MadridInfo::default()).then_some(info)
}
