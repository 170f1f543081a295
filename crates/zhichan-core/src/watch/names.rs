//! Party names compared the way they are filed: `Müller Elektro GmbH`, `MÜLLER ELEKTRO GMBH &
//! CO. KG` and `Mueller-Elektro` differ only in case, legal form and punctuation, as do
//! `海信集团有限公司` and `海信集团`.

/// Latin legal-form and filler words set aside.
const LATIN_LEGAL_FORMS: &[&str] = &[
    "ab",
    "ag",
    "and",
    "bv",
    "co",
    "company",
    "corp",
    "corporation",
    "gmbh",
    "inc",
    "incorporated",
    "kg",
    "kk",
    "limited",
    "llc",
    "llp",
    "ltd",
    "nv",
    "oy",
    "plc",
    "pty",
    "sa",
    "sarl",
    "sas",
    "spa",
    "srl",
    "the",
    "und",
];
/// Chinese legal-form endings set aside, longest first.
const HAN_LEGAL_FORMS: &[&str] =
    &["股份有限公司", "有限责任公司", "有限責任公司", "有限公司", "股份公司", "株式会社", "公司"];

/// The comparable key of a party name: full-width letters folded, lower case, punctuation and
/// spaces dropped, legal forms set aside. Empty when nothing but a legal form is left.
pub fn party_key(name: &str) -> String {
    let folded: String = name
        .chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    let mut key = String::new();
    for word in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        if LATIN_LEGAL_FORMS.contains(&word) {
            continue;
        }
        let mut word = word;
        while let Some(stripped) = HAN_LEGAL_FORMS.iter().find_map(|form| word.strip_suffix(form)) {
            word = stripped;
        }
        key.push_str(word);
    }
    key
}

/// Whether two names name the same party.
pub fn same_party(a: &str, b: &str) -> bool {
    let key = party_key(a);
    !key.is_empty() && key == party_key(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn case_legal_form_and_punctuation_do_not_count() {
        assert!(same_party("Müller Elektro GmbH", "MÜLLER ELEKTRO GMBH & CO. KG"));
        assert!(same_party("Müller-Elektro", "müller elektro"));
        assert!(same_party("海信集团有限公司", "海信集团"));
        assert!(same_party("ＨＩＳＥＮＳＥ Co., Ltd.", "Hisense"));
        assert!(!same_party("Hisense", "Hisense Elektro"));
        assert!(!same_party("有限公司", "Ltd"), "nothing distinctive left");
    }
}
