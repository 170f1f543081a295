//! When a declared tie concerns a case's party: the same organisation on the platform, or the
//! same name once the ways of writing a company's name are set aside.

use crate::OrgId;
use crate::case::CaseParty;

/// Legal-form words and endings dropped from the end of a name, longest first, so that
/// `深圳市海鹰电子科技有限公司` and `深圳市海鹰电子科技`, or `Haiying Electronics Co., Ltd.` and
/// `HAIYING ELECTRONICS LIMITED`, are one party. Latin endings are whole words.
const SUFFIXES: &[&str] = &[
    "股份有限公司",
    "有限责任公司",
    "有限責任公司",
    "有限公司",
    "集团公司",
    "集團公司",
    "公司",
    "集团",
    "集團",
    "corporation",
    "incorporated",
    "company",
    "limited",
    "gmbh",
    "corp",
    "ltda",
    "llc",
    "ltd",
    "inc",
    "plc",
    "co",
    "sa",
    "ag",
    "bv",
];

/// A party's name reduced to what identifies it: full-width letters, digits and spaces read as
/// half-width, lower case, punctuation and spaces dropped, and legal-form endings (有限公司,
/// Co., Ltd., Limited, GmbH, S.A.…) removed, repeatedly. Empty when nothing identifying remains.
pub fn normalise_party_name(name: &str) -> String {
    let mut words: Vec<String> = name
        .chars()
        .map(half_width)
        // Abbreviation marks join their letters (`S.A.`, `Co.`); other punctuation separates words.
        .filter(|c| !matches!(c, '.' | '\'' | '’'))
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect::<String>()
        .split_whitespace()
        .map(str::to_owned)
        .collect();
    // Latin legal forms are whole words at the end; Chinese ones end the last word.
    while let Some(last) = words.last() {
        let count = words.len();
        if count > 1 && SUFFIXES.contains(&last.as_str()) {
            words.pop();
            continue;
        }
        // The longest ending that fits; a word that is nothing but a legal form is kept.
        let Some(suffix) = SUFFIXES.iter().find(|suffix| !suffix.is_ascii() && last.ends_with(*suffix)) else { break };
        if last.len() == suffix.len() {
            break;
        }
        let kept = last.len() - suffix.len();
        words[count - 1].truncate(kept);
    }
    words.concat()
}

/// The half-width form of a full-width ASCII character or ideographic space; other characters
/// unchanged.
fn half_width(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether a tie declared to `organisation_id` / `party_name` concerns `party`: the same
/// organisation of the platform, or the same name after [`normalise_party_name`].
pub fn concerns(organisation_id: Option<OrgId>, party_name: &str, party: &CaseParty) -> bool {
    if organisation_id.is_some() && organisation_id == party.organisation_id {
        return true;
    }
    let declared = normalise_party_name(party_name);
    !declared.is_empty() && declared == normalise_party_name(&party.name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::PartySide;

    fn party(name: &str, organisation_id: Option<i64>) -> CaseParty {
        CaseParty {
            side: PartySide::Respondent,
            organisation_id: organisation_id.map(OrgId::new),
            name: name.to_owned(),
            region: None,
        }
    }

    #[test]
    fn names_are_compared_without_their_legal_form_case_width_or_punctuation() {
        let same = [
            ("深圳市海鹰电子科技有限公司", "深圳市海鹰电子科技"),
            ("深圳市海鹰电子科技有限公司", " 深圳市海鹰电子科技股份有限公司 "),
            ("Haiying Electronics Co., Ltd.", "HAIYING ELECTRONICS LIMITED"),
            ("Haiying Electronics Co., Ltd.", "ｈａｉｙｉｎｇ　ｅｌｅｃｔｒｏｎｉｃｓ"),
            ("Müller Elektro GmbH", "MÜLLER ELEKTRO"),
            ("澳門科技有限公司", "澳門科技"),
            ("Acme Holdings Inc.", "acme holdings, incorporated"),
            ("Empresa Luso S.A.", "EMPRESA LUSO"),
            ("Rio Importadora de Eletrônicos Ltda.", "Rio Importadora de Eletrônicos"),
        ];
        for (a, b) in same {
            assert_eq!(normalise_party_name(a), normalise_party_name(b), "{a} / {b}");
        }
        let different = [
            ("深圳市海鹰电子科技有限公司", "深圳市海燕电子科技有限公司"),
            ("Haiying Electronics Ltd", "Haiying Lighting Ltd"),
        ];
        for (a, b) in different {
            assert_ne!(normalise_party_name(a), normalise_party_name(b), "{a} / {b}");
        }
    }

    #[test]
    fn a_name_that_is_only_a_legal_form_identifies_nobody() {
        assert_eq!(normalise_party_name("有限公司"), "有限公司");
        assert_eq!(normalise_party_name("Ltd."), "ltd");
        assert_eq!(normalise_party_name(" ，。 "), "");
        assert!(!concerns(None, " . ", &party(" , ", None)));
    }

    #[test]
    fn a_tie_concerns_a_party_by_organisation_or_by_name() {
        assert!(concerns(Some(OrgId::new(7)), "旧名称", &party("新名称有限公司", Some(7))));
        assert!(!concerns(Some(OrgId::new(7)), "甲", &party("乙", Some(8))));
        assert!(concerns(None, "Guangyu Lighting Co., Ltd.", &party("GUANGYU LIGHTING", None)));
        assert!(!concerns(None, "Guangyu Lighting", &party("Guangyu Lights", None)));
    }
}
