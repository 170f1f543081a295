//! The searchable fields, their canonical names, their aliases and what kind of value each takes.

use std::fmt;

use serde::{Deserialize, Serialize};

/// A field a query term can be restricted to with `field:value`.
///
/// A term without a field searches the default fields (title, abstract, mark text, owner names…);
/// the AST writes that as `field: None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// `ti` — title of a patent, or the verbal element of a mark.
    Title,
    /// `ab` — abstract.
    Abstract,
    /// `cl` — claims.
    Claims,
    /// `desc` — description.
    Description,
    /// `mark` — the mark's text (verbal element, transliteration, translation).
    Mark,
    /// `owner` — current owner / holder / proprietor.
    Owner,
    /// `applicant` — applicant (patent applicant, trademark applicant, assignee).
    Applicant,
    /// `inventor` — inventor.
    Inventor,
    /// `ipc` — International Patent Classification symbol.
    Ipc,
    /// `cpc` — Cooperative Patent Classification symbol.
    Cpc,
    /// `nice` — Nice class number, 1–45.
    Nice,
    /// `group` — CNIPA similar group (类似群), four digits such as `0901`.
    Group,
    /// `office` — office code (WIPO ST.3), e.g. `CN`, `US`, `EM`, `WO`.
    Office,
    /// `kind` — document kind code (`B2`, `A1`) or record kind.
    Kind,
    /// `status` — legal status.
    Status,
    /// `pn` — publication number, in any written form.
    PublicationNumber,
    /// `an` — application number, in any written form.
    ApplicationNumber,
    /// `rn` — registration number, in any written form.
    RegistrationNumber,
    /// `pd` — publication date.
    PublicationDate,
    /// `fd` — filing date.
    FilingDate,
    /// `rd` — registration date.
    RegistrationDate,
}

/// What kind of value a field holds; it decides how quotes, wildcards and ranges are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    /// Analysed free text: quotes make a phrase, proximity operators apply.
    Text,
    /// A classification symbol (IPC, CPC): quotes keep one exact code, `*` matches a code prefix.
    Class,
    /// Nice class: a number from 1 to 45; ranges and comparisons allowed.
    NiceClass,
    /// CNIPA similar group: four digits; `*` matches a group prefix.
    SimilarGroup,
    /// A short code (office, kind, status): quotes keep one exact value.
    Code,
    /// A document number kept as written (`US10123456B2`, `10,123,456`, `CN202310123456.7`).
    Number,
    /// A date: `2020`, `2020-05`, `2020-05-17`, ranges and comparisons.
    Date,
}

impl FieldKind {
    /// Whether `[a TO b]`, `{a TO b}` and `>=a` are accepted on fields of this kind.
    pub fn takes_ranges(self) -> bool {
        matches!(self, FieldKind::Date | FieldKind::NiceClass)
    }
}

/// Every field, in the order the documentation and error messages list them.
pub const ALL_FIELDS: [Field; 21] = [
    Field::Title,
    Field::Abstract,
    Field::Claims,
    Field::Description,
    Field::Mark,
    Field::Owner,
    Field::Applicant,
    Field::Inventor,
    Field::Ipc,
    Field::Cpc,
    Field::Nice,
    Field::Group,
    Field::Office,
    Field::Kind,
    Field::Status,
    Field::PublicationNumber,
    Field::ApplicationNumber,
    Field::RegistrationNumber,
    Field::PublicationDate,
    Field::FilingDate,
    Field::RegistrationDate,
];

impl Field {
    /// The canonical (shortest) name, the one [`Query`](crate::Query)'s `Display` writes.
    pub fn name(self) -> &'static str {
        self.names()[0]
    }

    /// Every accepted name: the canonical one first, then the aliases (matched case-insensitively).
    pub fn names(self) -> &'static [&'static str] {
        match self {
            Field::Title => &["ti", "title", "tit", "标题", "名称"],
            Field::Abstract => &["ab", "abstract", "abs", "摘要"],
            Field::Claims => &["cl", "claims", "claim", "clm", "权利要求"],
            Field::Description => &["desc", "description", "des", "说明书"],
            Field::Mark => &["mark", "tm", "trademark", "商标"],
            Field::Owner => &["owner", "holder", "proprietor", "权利人", "所有人"],
            Field::Applicant => &["applicant", "pa", "assignee", "申请人"],
            Field::Inventor => &["inventor", "in", "inv", "发明人"],
            Field::Ipc => &["ipc"],
            Field::Cpc => &["cpc"],
            Field::Nice => &["nice", "class", "nc", "尼斯", "类别"],
            Field::Group => &["group", "similar_group", "sg", "类似群"],
            Field::Office => &["office", "authority", "country", "cc", "局"],
            Field::Kind => &["kind", "kind_code", "kc"],
            Field::Status => &["status", "legal_status", "状态", "法律状态"],
            Field::PublicationNumber => &["pn", "publication_number", "pubno", "公开号", "公告号"],
            Field::ApplicationNumber => &["an", "application_number", "appno", "申请号"],
            Field::RegistrationNumber => &["rn", "registration_number", "regno", "注册号"],
            Field::PublicationDate => &["pd", "publication_date", "pubdate", "公开日", "公告日"],
            Field::FilingDate => &["fd", "filing_date", "ad", "application_date", "申请日"],
            Field::RegistrationDate => &["rd", "registration_date", "regdate", "注册日"],
        }
    }

    /// The field a name (canonical or alias, any letter case) stands for.
    pub fn from_name(name: &str) -> Option<Field> {
        let lower = name.to_lowercase();
        ALL_FIELDS.into_iter().find(|field| field.names().contains(&lower.as_str()))
    }

    /// What kind of value the field holds.
    pub fn kind(self) -> FieldKind {
        match self {
            Field::Title
            | Field::Abstract
            | Field::Claims
            | Field::Description
            | Field::Mark
            | Field::Owner
            | Field::Applicant
            | Field::Inventor => FieldKind::Text,
            Field::Ipc | Field::Cpc => FieldKind::Class,
            Field::Nice => FieldKind::NiceClass,
            Field::Group => FieldKind::SimilarGroup,
            Field::Office | Field::Kind | Field::Status => FieldKind::Code,
            Field::PublicationNumber | Field::ApplicationNumber | Field::RegistrationNumber => FieldKind::Number,
            Field::PublicationDate | Field::FilingDate | Field::RegistrationDate => FieldKind::Date,
        }
    }

    /// The canonical names of all fields, comma-separated, for error messages.
    pub fn known_names() -> String {
        ALL_FIELDS.iter().map(|field| field.name()).collect::<Vec<_>>().join(", ")
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_maps_back_to_its_field() {
        for field in ALL_FIELDS {
            for name in field.names() {
                assert_eq!(Field::from_name(name), Some(field), "{name}");
                assert_eq!(Field::from_name(&name.to_uppercase()), Some(field), "{name}");
            }
        }
    }

    #[test]
    fn names_are_unique_across_fields() {
        let mut all: Vec<&str> = ALL_FIELDS.iter().flat_map(|field| field.names().iter().copied()).collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(all.len(), count);
    }

    #[test]
    fn unknown_names_are_refused() {
        assert_eq!(Field::from_name("foo"), None);
        assert_eq!(Field::from_name(""), None);
    }
}
