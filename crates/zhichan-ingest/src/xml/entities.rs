//! Character entities of the ISO 8879 sets (ISOnum, ISOpub, ISOdia, ISOlat1, ISOgrk1, ISOgrk3,
//! ISOtech) and the MathML invisible operators, by name.
//!
//! USPTO documents of 2001–2004 were converted from SGML and still name characters this way
//! (`&deg;`, `&lgr;`, `&rsqb;`), declaring the sets in DTDs we do not load; later DTDs declare
//! the same sets. Without this table their text would keep `&lgr;` where the document means `λ`.

/// Entity name → text, sorted by name (bytes) for binary search.
#[rustfmt::skip]
const ENTITIES: &[(&str, &str)] = &[
    ("AElig", "Æ"), ("Aacute", "Á"), ("Acirc", "Â"), ("Agr", "Α"), ("Agrave", "À"), ("Aring", "Å"),
    ("Atilde", "Ã"), ("Auml", "Ä"), ("Bgr", "Β"), ("Ccedil", "Ç"), ("Dagger", "\u{2021}"),
    ("Delta", "Δ"), ("Dgr", "Δ"), ("EEgr", "Η"), ("ETH", "Ð"), ("Eacute", "É"), ("Ecirc", "Ê"),
    ("Egr", "Ε"), ("Egrave", "È"), ("Euml", "Ë"), ("Gamma", "Γ"), ("Ggr", "Γ"), ("Gt", "≫"),
    ("Iacute", "Í"), ("Icirc", "Î"), ("Igr", "Ι"), ("Igrave", "Ì"), ("Iuml", "Ï"), ("KHgr", "Χ"),
    ("Kgr", "Κ"), ("Lambda", "Λ"), ("Lgr", "Λ"), ("Lt", "≪"), ("Mgr", "Μ"), ("Ngr", "Ν"),
    ("Ntilde", "Ñ"), ("OHgr", "Ω"), ("Oacute", "Ó"), ("Ocirc", "Ô"), ("Ogr", "Ο"), ("Ograve", "Ò"),
    ("Omega", "Ω"), ("Oslash", "Ø"), ("Otilde", "Õ"), ("Ouml", "Ö"), ("PHgr", "Φ"), ("PSgr", "Ψ"),
    ("Pgr", "Π"), ("Phi", "Φ"), ("Pi", "Π"), ("Prime", "\u{2033}"), ("Psi", "Ψ"), ("Rgr", "Ρ"),
    ("Sgr", "Σ"), ("Sigma", "Σ"), ("THORN", "Þ"), ("THgr", "Θ"), ("Tgr", "Τ"), ("Theta", "Θ"),
    ("Uacute", "Ú"), ("Ucirc", "Û"), ("Ugr", "Υ"), ("Ugrave", "Ù"), ("Upsi", "ϒ"), ("Uuml", "Ü"),
    ("Verbar", "\u{2016}"), ("Xgr", "Ξ"), ("Xi", "Ξ"), ("Yacute", "Ý"), ("Zgr", "Ζ"),
    ("aacute", "á"), ("acirc", "â"), ("acute", "´"), ("aelig", "æ"), ("af", "\u{2061}"),
    ("agr", "α"), ("agrave", "à"), ("aleph", "ℵ"), ("alpha", "α"), ("amp", "&"), ("and", "∧"),
    ("ang", "∠"), ("angsph", "∢"), ("ap", "≈"), ("apos", "'"), ("aring", "å"), ("ast", "*"),
    ("atilde", "ã"), ("auml", "ä"), ("becaus", "∵"), ("beta", "β"), ("bgr", "β"), ("blank", "␣"),
    ("blk12", "▒"), ("blk14", "░"), ("blk34", "▓"), ("block", "█"), ("bottom", "⊥"), ("breve", "˘"),
    ("brvbar", "¦"), ("bsol", "\u{5c}"), ("bull", "\u{2022}"), ("cap", "∩"), ("caret", "\u{2041}"),
    ("caron", "ˇ"), ("ccedil", "ç"), ("cdot", "ċ"), ("cedil", "¸"), ("cent", "¢"), ("check", "✓"),
    ("chi", "χ"), ("cir", "○"), ("circ", "ˆ"), ("clubs", "♣"), ("colon", ":"), ("comma", ","),
    ("commat", "@"), ("compfn", "∘"), ("cong", "≅"), ("conint", "∮"), ("copy", "©"),
    ("copysr", "℗"), ("cross", "✗"), ("cup", "∪"), ("curren", "¤"), ("dagger", "\u{2020}"),
    ("darr", "↓"), ("dash", "\u{2010}"), ("dblac", "˝"), ("deg", "°"), ("delta", "δ"), ("dgr", "δ"),
    ("diams", "♦"), ("die", "¨"), ("divide", "÷"), ("dlcrop", "⌍"), ("dollar", "$"), ("dot", "˙"),
    ("drcrop", "⌌"), ("dtri", "▿"), ("dtrif", "▾"), ("eacute", "é"), ("ecirc", "ê"), ("eegr", "η"),
    ("egr", "ε"), ("egrave", "è"), ("emsp", "\u{2003}"), ("emsp13", "\u{2004}"),
    ("emsp14", "\u{2005}"), ("ensp", "\u{2002}"), ("epsi", "ε"), ("epsiv", "ϵ"), ("equals", "="),
    ("equiv", "≡"), ("eta", "η"), ("eth", "ð"), ("euml", "ë"), ("excl", "!"), ("exist", "∃"),
    ("female", "♀"), ("ffilig", "ﬃ"), ("fflig", "ﬀ"), ("ffllig", "ﬄ"), ("filig", "ﬁ"),
    ("fjlig", "fj"), ("flat", "♭"), ("fllig", "ﬂ"), ("fnof", "ƒ"), ("forall", "∀"), ("frac12", "½"),
    ("frac13", "⅓"), ("frac14", "¼"), ("frac15", "⅕"), ("frac16", "⅙"), ("frac18", "⅛"),
    ("frac23", "⅔"), ("frac25", "⅖"), ("frac34", "¾"), ("frac35", "⅗"), ("frac38", "⅜"),
    ("frac45", "⅘"), ("frac56", "⅚"), ("frac58", "⅝"), ("frac78", "⅞"), ("gamma", "γ"),
    ("gammad", "ϝ"), ("ge", "≥"), ("gg", "≫"), ("ggr", "γ"), ("grave", "`"), ("gsim", "≳"),
    ("gt", ">"), ("hArr", "⇔"), ("hairsp", "\u{200a}"), ("half", "½"), ("harr", "↔"),
    ("hearts", "♥"), ("hellip", "\u{2026}"), ("horbar", "\u{2015}"), ("hybull", "\u{2043}"),
    ("hyphen", "\u{2010}"), ("iacute", "í"), ("ic", "\u{2063}"), ("icirc", "î"), ("iexcl", "¡"),
    ("iff", "⇔"), ("igr", "ι"), ("igrave", "ì"), ("incare", "℅"), ("infin", "∞"), ("int", "∫"),
    ("iota", "ι"), ("iquest", "¿"), ("isin", "∈"), ("it", "\u{2062}"), ("iuml", "ï"),
    ("kappa", "κ"), ("kappav", "ϰ"), ("kgr", "κ"), ("khgr", "χ"), ("lArr", "⇐"), ("lambda", "λ"),
    ("lang", "⟨"), ("laquo", "«"), ("larr", "←"), ("lcub", "{"), ("ldquo", "\u{201c}"),
    ("ldquor", "\u{201e}"), ("le", "≤"), ("lgr", "λ"), ("lhblk", "▄"), ("ll", "≪"), ("lowast", "∗"),
    ("lowbar", "_"), ("loz", "◊"), ("lozf", "⧫"), ("lpar", "("), ("lsim", "≲"), ("lsqb", "["),
    ("lsquo", "\u{2018}"), ("lsquor", "\u{201a}"), ("lt", "<"), ("ltri", "◃"), ("ltrif", "◂"),
    ("macr", "¯"), ("male", "♂"), ("malt", "✠"), ("mdash", "\u{2014}"), ("mgr", "μ"),
    ("micro", "µ"), ("middot", "·"), ("minus", "−"), ("mldr", "\u{2026}"), ("mnplus", "∓"),
    ("mu", "μ"), ("nabla", "∇"), ("natur", "♮"), ("nbsp", "\u{a0}"), ("ndash", "\u{2013}"),
    ("ne", "≠"), ("nequiv", "≢"), ("ngr", "ν"), ("ni", "∋"), ("nldr", "\u{2025}"), ("not", "¬"),
    ("ntilde", "ñ"), ("nu", "ν"), ("num", "#"), ("numsp", "\u{2007}"), ("oacute", "ó"),
    ("ocirc", "ô"), ("ogon", "˛"), ("ogr", "ο"), ("ograve", "ò"), ("ohgr", "ω"), ("ohm", "Ω"),
    ("omega", "ω"), ("or", "∨"), ("ordf", "ª"), ("ordm", "º"), ("oslash", "ø"), ("otilde", "õ"),
    ("ouml", "ö"), ("par", "∥"), ("para", "¶"), ("part", "∂"), ("percnt", "%"), ("period", "."),
    ("permil", "\u{2030}"), ("perp", "⊥"), ("pgr", "π"), ("phgr", "φ"), ("phiv", "ϕ"),
    ("phone", "☎"), ("pi", "π"), ("piv", "ϖ"), ("plus", "+"), ("plusmn", "±"), ("pound", "£"),
    ("prime", "\u{2032}"), ("prop", "∝"), ("psgr", "ψ"), ("psi", "ψ"), ("puncsp", "\u{2008}"),
    ("quest", "?"), ("quot", "\u{22}"), ("rArr", "⇒"), ("radic", "√"), ("rang", "⟩"),
    ("raquo", "»"), ("rarr", "→"), ("rcub", "}"), ("rdquo", "\u{201d}"), ("rdquor", "\u{201d}"),
    ("rect", "▭"), ("reg", "®"), ("rgr", "ρ"), ("rho", "ρ"), ("rhov", "ϱ"), ("ring", "˚"),
    ("rpar", ")"), ("rsqb", "]"), ("rsquo", "\u{2019}"), ("rsquor", "\u{2019}"), ("rtri", "▹"),
    ("rtrif", "▸"), ("rx", "℞"), ("sdot", "⋅"), ("sect", "§"), ("semi", ";"), ("sext", "✶"),
    ("sfgr", "ς"), ("sgr", "σ"), ("sharp", "♯"), ("shy", "\u{ad}"), ("sigma", "σ"), ("sigmav", "ς"),
    ("sim", "∼"), ("sime", "≃"), ("sol", "/"), ("spades", "♠"), ("squ", "□"), ("square", "□"),
    ("squf", "▪"), ("star", "☆"), ("starf", "★"), ("sub", "⊂"), ("sube", "⊆"), ("sung", "♪"),
    ("sup", "⊃"), ("sup1", "¹"), ("sup2", "²"), ("sup3", "³"), ("supe", "⊇"), ("szlig", "ß"),
    ("target", "⌖"), ("tau", "τ"), ("telrec", "⌕"), ("tgr", "τ"), ("there4", "∴"), ("thetav", "ϑ"),
    ("thgr", "θ"), ("thinsp", "\u{2009}"), ("thorn", "þ"), ("tilde", "˜"), ("times", "×"),
    ("tprime", "\u{2034}"), ("trade", "™"), ("uacute", "ú"), ("uarr", "↑"), ("ucirc", "û"),
    ("ugr", "υ"), ("ugrave", "ù"), ("uhblk", "▀"), ("ulcrop", "⌏"), ("uml", "¨"), ("upsi", "υ"),
    ("urcrop", "⌎"), ("utri", "▵"), ("utrif", "▴"), ("uuml", "ü"), ("vellip", "⋮"), ("verbar", "|"),
    ("xgr", "ξ"), ("xi", "ξ"), ("yacute", "ý"), ("yen", "¥"), ("yuml", "ÿ"), ("zeta", "ζ"),
    ("zgr", "ζ"),
];

/// The text of the named entity, if it is one of the ISO sets.
pub(crate) fn lookup(name: &str) -> Option<&'static str> {
    ENTITIES.binary_search_by(|(key, _)| key.as_bytes().cmp(name.as_bytes())).ok().map(|i| ENTITIES[i].1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_without_duplicates() {
        assert!(ENTITIES.windows(2).all(|w| w[0].0.as_bytes() < w[1].0.as_bytes()));
    }

    #[test]
    fn names_used_by_uspto_2001_documents_resolve() {
        for (name, text) in [
            ("deg", "°"),
            ("lgr", "λ"),
            ("PHgr", "Φ"),
            ("rsqb", "]"),
            ("minus", "\u{2212}"),
            ("emsp", "\u{2003}"),
            ("plusmn", "±"),
            ("aring", "å"),
            ("af", "\u{2061}"),
        ] {
            assert_eq!(lookup(name), Some(text), "{name}");
        }
        assert_eq!(lookup("bogus"), None);
        assert_eq!(lookup(""), None);
    }
}
