//! Reference tables the platform classifies by: CNIPA similar groups (类似群) of the Nice
//! classes, the IPC scheme with WIPO's 35 technology fields, the Nice item list and the WIPO ST.3
//! office codes.
//!
//! These are whole tables held in memory (the largest, the IPC, has about 76,000 entries). The
//! readers of the published files live in `zhichan-ingest`; here are only the types and the
//! rules for their codes.

use serde::{Deserialize, Serialize};

use crate::InvalidValue;
use crate::nice::NiceClass;

/// One similar group (类似群) of CNIPA's 类似商品和服务区分表: goods or services in one group are
/// presumed similar, subject to the group's notes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarGroup {
    /// The Nice class the group belongs to.
    pub class: NiceClass,
    /// The 4-digit group code, e.g. `"0901"`; its first two digits are the class.
    pub code: String,
    /// The group's Chinese title, e.g. `电子计算机及其外部设备`; empty when the source has none.
    pub title_zh: String,
    /// The group's notes (注) verbatim, in source order, including cross-group similarity and
    /// cross-search references such as `与0908…类似`.
    pub notes: Vec<String>,
    /// The items, in source order.
    pub items: Vec<GroupItem>,
}

impl SimilarGroup {
    /// Checks a similar-group code (`"0901"`: four ASCII digits, the first two a Nice class) and
    /// returns the class it names.
    pub fn parse_code(code: &str) -> Result<NiceClass, InvalidValue> {
        let invalid = || {
            InvalidValue::new(
                "similar_group",
                "a 4-digit similar-group code whose first two digits are a Nice class (0101 to 4599)",
            )
        };
        if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        NiceClass::parse(&code[..2]).map_err(|_| invalid())
    }

    /// Checks that `code` is a group code of `class`.
    pub fn check_code(class: NiceClass, code: &str) -> Result<(), InvalidValue> {
        if Self::parse_code(code)? == class {
            Ok(())
        } else {
            Err(InvalidValue::new("similar_group", format!("a group code starting with class {:02}", class.number())))
        }
    }
}

/// One goods or services item of a similar group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupItem {
    /// The item number: a Nice basic number (`"090001"`) or a CNIPA-specific number (`"C090001"`,
    /// marked ※ in the printed table); `None` when the source gives none.
    pub number: Option<String>,
    /// The numbered part (部分) of the group the item is in: `(一)` is 1. Items in different parts
    /// of a group are not presumed similar unless the notes say so. `None` for undivided groups.
    pub part: Option<u8>,
    /// The Chinese name, verbatim.
    pub name_zh: String,
    /// The English name, where a source gives one.
    pub name_en: Option<String>,
}

impl GroupItem {
    /// Checks an item number's shape: six ASCII digits, optionally after a `C` (CNIPA-specific).
    /// The digits are not checked against the class: the published table has misprints.
    pub fn parse_number(number: &str) -> Result<&str, InvalidValue> {
        let digits = number.strip_prefix('C').unwrap_or(number);
        if digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_digit()) {
            Ok(number)
        } else {
            Err(InvalidValue::new("item_number", "six digits, optionally prefixed by C (e.g. 090001 or C090001)"))
        }
    }

    /// Whether the item is one of CNIPA's own (C-numbered), not in the Nice list.
    pub fn is_cnipa_specific(&self) -> bool {
        self.number.as_deref().is_some_and(|n| n.starts_with('C'))
    }
}

/// Copies English item names from `english` (e.g. a bilingual item list) into `groups` where the
/// group code, item number and Chinese name agree and the item has no English name yet. Returns
/// how many items were filled.
pub fn fill_english_names(groups: &mut [SimilarGroup], english: &[SimilarGroup]) -> usize {
    let mut names = std::collections::HashMap::new();
    for group in english {
        for item in &group.items {
            if let Some(en) = &item.name_en {
                names.insert((&group.code, &item.number, &item.name_zh), en);
            }
        }
    }
    let mut filled = 0;
    for group in groups.iter_mut() {
        for item in &mut group.items {
            if item.name_en.is_some() {
                continue;
            }
            if let Some(en) = names.get(&(&group.code, &item.number, &item.name_zh)) {
                item.name_en = Some((*en).clone());
                filled += 1;
            }
        }
    }
    filled
}

/// The level of an IPC symbol in the scheme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IpcLevel {
    /// `A`
    Section,
    /// `A01`
    Class,
    /// `A01B`
    Subclass,
    /// `A01B 1/00`
    MainGroup,
    /// `A01B 1/02`, with its number of dots (indent) where the source states it.
    Subgroup(Option<u8>),
}

/// One entry of the International Patent Classification scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpcEntry {
    /// The symbol, normalised: `A`, `A01`, `A01B`, `A01B 1/00`, `G06F 16/30`.
    pub symbol: String,
    /// Its level.
    pub level: IpcLevel,
    /// The English title, verbatim (references to other symbols as the source writes them).
    pub title_en: String,
    /// The symbol of the enclosing entry: section of a class, class of a subclass, subclass of a
    /// main group, and for a subgroup the nearest ancestor the source states — its main group
    /// when the source gives no dot levels.
    pub parent: Option<String>,
}

impl IpcEntry {
    /// Parses a symbol in the compact 14-character form of WIPO's files (`G06F0016300000`), in
    /// the printed form (`G06F 16/30`, `G06F16/30`), or a section, class or subclass, and builds
    /// the entry with its normalised symbol, level and parent. Subgroup dots are left unknown.
    pub fn new(symbol: &str, title_en: impl Into<String>) -> Result<Self, InvalidValue> {
        let (symbol, level, parent) = parse_ipc_symbol(symbol.trim())?;
        Ok(Self { symbol, level, title_en: title_en.into(), parent })
    }
}

fn invalid_ipc() -> InvalidValue {
    InvalidValue::new("ipc_symbol", "an IPC symbol such as A, A01, A01B, A01B 1/00 or A01B0001000000")
}

/// `(normalised symbol, level, parent)`.
fn parse_ipc_symbol(raw: &str) -> Result<(String, IpcLevel, Option<String>), InvalidValue> {
    let bytes = raw.as_bytes();
    let is_section = |b: u8| (b'A'..=b'H').contains(&b);
    let head_ok = |len: usize| {
        bytes.len() >= len
            && is_section(bytes[0])
            && (len < 3 || bytes[1..3].iter().all(u8::is_ascii_digit))
            && (len < 4 || bytes[3].is_ascii_uppercase())
    };
    match bytes.len() {
        1 if head_ok(1) => return Ok((raw.to_owned(), IpcLevel::Section, None)),
        3 if head_ok(3) => {
            return Ok((raw.to_owned(), IpcLevel::Class, Some(raw[..1].to_owned())));
        }
        4 if head_ok(4) => {
            return Ok((raw.to_owned(), IpcLevel::Subclass, Some(raw[..3].to_owned())));
        }
        _ if !head_ok(4) => return Err(invalid_ipc()),
        _ => {}
    }
    let subclass = &raw[..4];
    let rest = &raw[4..];
    let (main, sub) = if rest.len() == 10 && rest.bytes().all(|b| b.is_ascii_digit()) {
        (rest[..4].trim_start_matches('0'), trim_subgroup(&rest[4..]))
    } else {
        let (main, sub) = rest.trim_start().split_once('/').ok_or_else(invalid_ipc)?;
        let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !all_digits(main) || !all_digits(sub) || main.len() > 4 || sub.len() > 6 {
            return Err(invalid_ipc());
        }
        (main.trim_start_matches('0'), trim_subgroup(sub))
    };
    if main.is_empty() {
        return Err(invalid_ipc());
    }
    let main_group = format!("{subclass} {main}/00");
    if sub == "00" {
        Ok((main_group, IpcLevel::MainGroup, Some(subclass.to_owned())))
    } else {
        let symbol = format!("{subclass} {main}/{sub}");
        Ok((symbol, IpcLevel::Subgroup(None), Some(main_group)))
    }
}

/// Subgroup digits without trailing zeros, but at least two: `300000` → `30`, `021000` → `021`.
fn trim_subgroup(digits: &str) -> &str {
    let trimmed = digits.trim_end_matches('0');
    if trimmed.len() >= 2 { trimmed } else { &digits[..2.min(digits.len())] }
}

/// One row of WIPO's IPC–technology concordance: IPC symbols starting with `ipc_prefix` belong to
/// technology field `field_number` (1 to 35).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TechnologyField {
    /// A normalised symbol prefix: a subclass (`F21H`) or a main group with all its subgroups
    /// (`H04N 19/`).
    pub ipc_prefix: String,
    /// The field number, 1 to 35.
    pub field_number: u8,
    /// The field's English name, e.g. `Computer technology`.
    pub field_en: String,
    /// The sector's English name, e.g. `Electrical engineering`.
    pub sector_en: String,
}

impl TechnologyField {
    /// The number of technology fields in WIPO's concordance.
    pub const COUNT: u8 = 35;

    /// Parses the concordance's IPC pattern (`F21H%`, `H04N  19/%`) into a normalised prefix.
    pub fn parse_prefix(pattern: &str) -> Result<String, InvalidValue> {
        let invalid =
            || InvalidValue::new("ipc_code", "a subclass or main-group pattern ending in %, e.g. F21H% or H04N  19/%");
        let body = pattern.trim().strip_suffix('%').ok_or_else(invalid)?;
        if let Some(main) = body.strip_suffix('/') {
            let (symbol, level, _) = parse_ipc_symbol(&format!("{}/00", main.trim_end())).map_err(|_| invalid())?;
            if level != IpcLevel::MainGroup {
                return Err(invalid());
            }
            let group = symbol.strip_suffix("00").ok_or_else(invalid)?;
            Ok(group.to_owned())
        } else {
            match parse_ipc_symbol(body) {
                Ok((symbol, IpcLevel::Section | IpcLevel::Class | IpcLevel::Subclass, _)) => Ok(symbol),
                _ => Err(invalid()),
            }
        }
    }

    /// Checks a field number (1 to 35).
    pub fn parse_field_number(number: &str) -> Result<u8, InvalidValue> {
        match number.trim().parse::<u8>() {
            Ok(n) if (1..=Self::COUNT).contains(&n) => Ok(n),
            _ => Err(InvalidValue::new("field_number", "a technology field number from 1 to 35")),
        }
    }

    /// Whether a normalised IPC symbol (`H04N 19/51`) falls in this row's prefix.
    pub fn covers(&self, symbol: &str) -> bool {
        symbol.starts_with(&self.ipc_prefix)
    }
}

/// One item of the Nice alphabetical list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NiceItem {
    /// The class the item is in.
    pub class: NiceClass,
    /// The 6-digit basic number (`"090001"`), whose first two digits are the class; several
    /// wordings may share one.
    pub basic_number: Option<String>,
    /// The English wording, verbatim.
    pub text_en: String,
}

impl NiceItem {
    /// Checks a basic number (six ASCII digits) and returns the class its first two digits name.
    pub fn parse_basic_number(number: &str) -> Result<NiceClass, InvalidValue> {
        let invalid = || InvalidValue::new("basic_number", "six digits whose first two are a Nice class, e.g. 090001");
        if number.len() != 6 || !number.bytes().all(|b| b.is_ascii_digit()) {
            return Err(invalid());
        }
        NiceClass::parse(&number[..2]).map_err(|_| invalid())
    }
}

/// A WIPO ST.3 code of an office, state or organisation (`CN`, `EM`, `WO`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct St3Code {
    /// Two capital letters.
    pub code: String,
    /// The English name as the standard gives it.
    pub name_en: String,
}

impl St3Code {
    /// Checks the code's shape (two ASCII capital letters) and builds the entry.
    pub fn new(code: &str, name_en: impl Into<String>) -> Result<Self, InvalidValue> {
        let code = code.trim();
        if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
            Ok(Self { code: code.to_owned(), name_en: name_en.into() })
        } else {
            Err(InvalidValue::new("st3_code", "two capital letters, e.g. CN"))
        }
    }
}

/// One whole reference table, as read from one published file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "table", content = "rows", rename_all = "snake_case")]
pub enum ReferenceTable {
    /// CNIPA similar groups, class by class, in source order.
    SimilarGroups(Vec<SimilarGroup>),
    /// IPC sections, classes, subclasses and groups, in scheme order.
    Ipc(Vec<IpcEntry>),
    /// The IPC–technology-field concordance rows.
    TechnologyFields(Vec<TechnologyField>),
    /// Nice list items.
    NiceItems(Vec<NiceItem>),
    /// ST.3 office codes.
    OfficeCodes(Vec<St3Code>),
}

impl ReferenceTable {
    /// The number of rows (groups, entries, items or codes).
    pub fn len(&self) -> usize {
        match self {
            Self::SimilarGroups(rows) => rows.len(),
            Self::Ipc(rows) => rows.len(),
            Self::TechnologyFields(rows) => rows.len(),
            Self::NiceItems(rows) => rows.len(),
            Self::OfficeCodes(rows) => rows.len(),
        }
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A stable snake_case name of the table kind, for logs and messages.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::SimilarGroups(_) => "similar_groups",
            Self::Ipc(_) => "ipc",
            Self::TechnologyFields(_) => "technology_fields",
            Self::NiceItems(_) => "nice_items",
            Self::OfficeCodes(_) => "office_codes",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn class(n: u8) -> NiceClass {
        NiceClass::new(n).expect("valid class")
    }

    #[test]
    fn group_code_names_its_class() {
        assert_eq!(SimilarGroup::parse_code("0901"), Ok(class(9)));
        assert_eq!(SimilarGroup::parse_code("4505"), Ok(class(45)));
        for bad in ["901", "09011", "0001", "4601", "09a1", "０９０１", ""] {
            let err = SimilarGroup::parse_code(bad).expect_err(bad);
            assert_eq!(err.field, "similar_group");
        }
        assert!(SimilarGroup::check_code(class(9), "0901").is_ok());
        assert!(SimilarGroup::check_code(class(10), "0901").is_err());
    }

    #[test]
    fn item_numbers_are_six_digits_or_c_and_six() {
        assert_eq!(GroupItem::parse_number("090001"), Ok("090001"));
        assert_eq!(GroupItem::parse_number("C090001"), Ok("C090001"));
        for bad in ["09001", "C09001", "c090001", "X090001", "0900011", "※C090001"] {
            assert!(GroupItem::parse_number(bad).is_err(), "{bad}");
        }
        let item =
            GroupItem {
                number: Some("C450002".into()), part: None, name_zh: "知识产权代理服务".into(), name_en: None
            };
        assert!(item.is_cnipa_specific());
    }

    #[test]
    fn english_names_fill_matching_items_only() {
        let item = |number: &str, zh: &str, en: Option<&str>| GroupItem {
            number: Some(number.into()),
            part: None,
            name_zh: zh.into(),
            name_en: en.map(Into::into),
        };
        let group = |items| SimilarGroup {
            class: class(1),
            code: "0101".into(),
            title_zh: String::new(),
            notes: vec![],
            items,
        };
        let mut target = vec![group(vec![item("010061", "氨*", None), item("010066", "无水氨", None)])];
        let english = vec![group(vec![
            item("010061", "氨*", Some("ammonia*")),
            item("010066", "无水氨的", Some("anhydrous ammonia")),
        ])];
        assert_eq!(fill_english_names(&mut target, &english), 1);
        assert_eq!(target[0].items[0].name_en.as_deref(), Some("ammonia*"));
        assert_eq!(target[0].items[1].name_en, None);
    }

    #[test]
    fn ipc_symbols_normalise_with_level_and_parent() {
        let cases = [
            ("A", "A", IpcLevel::Section, None),
            ("A01", "A01", IpcLevel::Class, Some("A")),
            ("A01B", "A01B", IpcLevel::Subclass, Some("A01")),
            ("H04W0004000000", "H04W 4/00", IpcLevel::MainGroup, Some("H04W")),
            ("H04W0004020000", "H04W 4/02", IpcLevel::Subgroup(None), Some("H04W 4/00")),
            ("G06F0016300000", "G06F 16/30", IpcLevel::Subgroup(None), Some("G06F 16/00")),
            ("H04W0004021000", "H04W 4/021", IpcLevel::Subgroup(None), Some("H04W 4/00")),
            ("A61K0008000500", "A61K 8/0005", IpcLevel::Subgroup(None), Some("A61K 8/00")),
            ("G06F 16/30", "G06F 16/30", IpcLevel::Subgroup(None), Some("G06F 16/00")),
            ("G06F16/30", "G06F 16/30", IpcLevel::Subgroup(None), Some("G06F 16/00")),
            ("B01D 1053/00", "B01D 1053/00", IpcLevel::MainGroup, Some("B01D")),
        ];
        for (raw, symbol, level, parent) in cases {
            let entry = IpcEntry::new(raw, "t").expect(raw);
            assert_eq!(entry.symbol, symbol, "{raw}");
            assert_eq!(entry.level, level, "{raw}");
            assert_eq!(entry.parent.as_deref(), parent, "{raw}");
        }
        for bad in [
            "",
            "I",
            "a01",
            "A1",
            "A01b",
            "A01B00010000",
            "A01B0000000000",
            "A01B 1",
            "A01B /00",
            "A01B 1/x",
            "A01B0001000000X",
        ] {
            assert!(IpcEntry::new(bad, "t").is_err(), "{bad:?}");
        }
    }

    #[test]
    fn concordance_patterns_become_prefixes() {
        assert_eq!(TechnologyField::parse_prefix("F21H%"), Ok("F21H".into()));
        assert_eq!(TechnologyField::parse_prefix("H04N  19/%"), Ok("H04N 19/".into()));
        assert_eq!(TechnologyField::parse_prefix("A61K   8/%"), Ok("A61K 8/".into()));
        for bad in ["F21H", "F21%H", "H04N 19%", "H04N x/%", "%"] {
            assert!(TechnologyField::parse_prefix(bad).is_err(), "{bad}");
        }
        let field = TechnologyField {
            ipc_prefix: "H04N 1/".into(),
            field_number: 2,
            field_en: "Audio-visual technology".into(),
            sector_en: "Electrical engineering".into(),
        };
        assert!(field.covers("H04N 1/00"));
        assert!(!field.covers("H04N 19/51"));
        assert_eq!(TechnologyField::parse_field_number("35"), Ok(35));
        assert!(TechnologyField::parse_field_number("36").is_err());
        assert!(TechnologyField::parse_field_number("0").is_err());
    }

    #[test]
    fn nice_basic_numbers_and_st3_codes() {
        assert_eq!(NiceItem::parse_basic_number("090001"), Ok(class(9)));
        for bad in ["90001", "460001", "000001", "09000a"] {
            assert!(NiceItem::parse_basic_number(bad).is_err(), "{bad}");
        }
        assert_eq!(St3Code::new("CN", "China").map(|c| c.code), Ok("CN".into()));
        for bad in ["cn", "C", "CHN", "C1"] {
            assert!(St3Code::new(bad, "x").is_err(), "{bad}");
        }
    }

    #[test]
    fn table_reports_kind_and_len() {
        let table = ReferenceTable::OfficeCodes(vec![St3Code::new("CN", "China").expect("ok")]);
        assert_eq!((table.kind(), table.len(), table.is_empty()), ("office_codes", 1, false));
    }
}
