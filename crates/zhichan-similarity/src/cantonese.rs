//! Cantonese: Jyutping readings from Unihan `kCantonese` (every listed reading), their sound
//! skeleton for matching Latin marks, and the Hong Kong government romanisation (王老吉 → WONG LO
//! KAT) for reasons. Hong Kong spellings of a reading fold to the same skeleton as its Jyutping
//! (voiceless P/T/K for b/d/g, CH/TS for z/c), so one skeleton covers both romanisations.

use crate::latin_phonetic::push;
use crate::lattice::vowel_class;
use crate::unihan;

/// Every Jyutping reading of `c`, tone digits included; empty when Unihan has none.
pub(crate) fn readings(c: char) -> Vec<&'static str> {
    unihan::lookup(c).map(|d| d.jyutping.split(' ').filter(|r| !r.is_empty()).collect()).unwrap_or_default()
}

fn toneless(jyutping: &str) -> &str {
    jyutping.trim_end_matches(|c: char| c.is_ascii_digit())
}

/// A Jyutping initial: spelling, sound skeleton, Hong Kong spelling.
type Initial = (&'static str, &'static [u8], &'static str);

const INITIALS: &[Initial] = &[
    ("gw", b"KW", "KW"),
    ("kw", b"KW", "KW"),
    ("ng", b"N", "NG"),
    ("b", b"P", "P"),
    ("p", b"P", "P"),
    ("d", b"T", "T"),
    ("t", b"T", "T"),
    ("g", b"K", "K"),
    ("k", b"K", "K"),
    ("z", b"J", "CH"),
    ("c", b"J", "CH"),
    ("s", b"S", "S"),
    ("j", b"", "Y"),
    ("w", b"W", "W"),
    ("h", b"H", "H"),
    ("f", b"F", "F"),
    ("m", b"M", "M"),
    ("n", b"N", "N"),
    ("l", b"L", "L"),
];

/// Hong Kong government spellings of Jyutping finals.
const FINALS: &[(&str, &str)] = &[
    ("aa", "A"),
    ("oeng", "EUNG"),
    ("oek", "EUK"),
    ("oe", "OE"),
    ("eoi", "UI"),
    ("eon", "UN"),
    ("eot", "UT"),
    ("ou", "O"),
    ("yun", "UEN"),
    ("yut", "UET"),
    ("yu", "UE"),
    ("ei", "EI"),
];

fn split(syllable: &str) -> (Option<&'static Initial>, &str) {
    if matches!(syllable, "m" | "ng") {
        return (None, syllable);
    }
    for initial in INITIALS {
        if let Some(rest) = syllable.strip_prefix(initial.0) {
            return (Some(initial), rest);
        }
    }
    (None, syllable)
}

/// The sound skeleton of one Jyutping syllable.
pub(crate) fn skeleton(jyutping: &str) -> Vec<u8> {
    let syllable = toneless(jyutping);
    match syllable {
        "m" => return b"M".to_vec(),
        "ng" => return b"N".to_vec(),
        _ => {}
    }
    let (initial, rest) = split(syllable);
    let mut out: Vec<u8> = initial.map(|i| i.1.to_vec()).unwrap_or_default();
    let (vowels, coda) = if let Some(v) = rest.strip_suffix("ng") {
        (v, Some(b'N'))
    } else {
        match rest.as_bytes().last() {
            Some(b'm') => (&rest[..rest.len() - 1], Some(b'M')),
            Some(b'n') => (&rest[..rest.len() - 1], Some(b'N')),
            Some(b'p') => (&rest[..rest.len() - 1], Some(b'P')),
            Some(b't') => (&rest[..rest.len() - 1], Some(b'T')),
            Some(b'k') => (&rest[..rest.len() - 1], Some(b'K')),
            _ => (rest, None),
        }
    };
    if let Some(&first) = vowels.as_bytes().first() {
        let front_rounded = vowels.starts_with("oe");
        push(&mut out, if front_rounded { b'e' } else { vowel_class(first) });
    }
    if let Some(coda) = coda {
        push(&mut out, coda);
    }
    out
}

/// The Hong Kong government romanisation of one Jyutping syllable (wong4 → WONG, gat1 → KAT).
pub(crate) fn hong_kong(jyutping: &str) -> String {
    let syllable = toneless(jyutping);
    let (initial, rest) = split(syllable);
    let mut out = initial.map(|i| i.2.to_string()).unwrap_or_default();
    match FINALS.iter().find(|(f, _)| rest.starts_with(f)) {
        Some((f, hk)) => {
            out.push_str(hk);
            out.push_str(&rest[f.len()..].to_ascii_uppercase());
        }
        None => out.push_str(&rest.to_ascii_uppercase()),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hong_kong_romanisation() {
        let wlk: Vec<String> = "王老吉".chars().filter_map(|c| readings(c).first().map(|r| hong_kong(r))).collect();
        assert_eq!(wlk, ["WONG", "LO", "KAT"]);
        assert_eq!(hong_kong("zoeng1"), "CHEUNG");
        assert_eq!(hong_kong("jyun4"), "YUEN");
    }

    #[test]
    fn skeletons_match_hong_kong_spellings() {
        use crate::latin_phonetic::sound_skeleton;
        assert_eq!(skeleton("gat1"), sound_skeleton("KAT"));
        assert_eq!(skeleton("wong4"), sound_skeleton("WONG"));
        assert_eq!(skeleton("lou5"), sound_skeleton("LO"));
        assert_eq!(skeleton("ng4"), b"N");
    }
}
