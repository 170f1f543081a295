//! The vocabulary cases and the expert directory share: where a person or party is
//! ([`Region`]), which technical or legal field a matter is in ([`TechnicalField`]), and the
//! working languages ([`Language`]).

/// Declares a coded vocabulary enum: variants with their stable codes, `ALL`, `code()`,
/// `parse()` (naming `field` and the accepted codes when refused) and `Display` as the code.
macro_rules! vocabulary {
    ($(#[$doc:meta])* $name:ident, $field:literal { $($(#[$vdoc:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, ::serde::Serialize, ::serde::Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in the order forms list them.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The stable snake_case code.
            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            /// Parses a code.
            pub fn parse(code: &str) -> Result<Self, $crate::InvalidValue> {
                Self::ALL.iter().copied().find(|value| value.code() == code.trim()).ok_or_else(|| {
                    let codes: Vec<&str> = Self::ALL.iter().map(|value| value.code()).collect();
                    $crate::InvalidValue::new($field, format!("one of: {}", codes.join(", ")))
                })
            }
        }

        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.code())
            }
        }
    };
}

pub(crate) use vocabulary;

vocabulary!(
    /// Where an expert practises or a party sits, as cross-border services distinguish them.
    Region, "region" {
        /// Mainland China.
        Mainland = "mainland",
        /// Hong Kong SAR.
        HongKong = "hong_kong",
        /// Macao SAR.
        Macau = "macau",
        /// Anywhere else.
        Overseas = "overseas",
    }
);

vocabulary!(
    /// The field a matter falls in: technical fields (by IPC section's customary grouping) and the
    /// legal fields of trademark and copyright matters.
    TechnicalField, "technical_field" {
        /// Electronics, semiconductors, communication (IPC H).
        Electronics = "electronics",
        /// Software, computing, data (IPC G06).
        Software = "software",
        /// Machinery, tools, vehicles (IPC B, F).
        Mechanical = "mechanical",
        /// Chemistry, materials (IPC C).
        Chemistry = "chemistry",
        /// Medicine, biotechnology, medical devices (IPC A61, C12).
        Biomedicine = "biomedicine",
        /// Optics and instruments (IPC G01, G02).
        Optics = "optics",
        /// Textiles, consumer goods, daily necessities (IPC A, D).
        ConsumerGoods = "consumer_goods",
        /// Trademark law and brand protection.
        Trademarks = "trademarks",
        /// Copyright and designs.
        Copyright = "copyright",
    }
);

vocabulary!(
    /// A working language of an expert, provider or case.
    Language, "language" {
        /// Mandarin (普通话), written in simplified or traditional characters.
        Mandarin = "mandarin",
        /// Cantonese (粤语).
        Cantonese = "cantonese",
        /// English.
        English = "english",
        /// Portuguese (Macao's second official language).
        Portuguese = "portuguese",
        /// Japanese.
        Japanese = "japanese",
        /// German.
        German = "german",
        /// Spanish.
        Spanish = "spanish",
    }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_refusals_list_the_codes() {
        for &region in Region::ALL {
            assert_eq!(Region::parse(region.code()), Ok(region));
        }
        for &field in TechnicalField::ALL {
            assert_eq!(TechnicalField::parse(field.code()), Ok(field));
        }
        let refused = Language::parse("klingon").unwrap_err();
        assert_eq!(refused.field, "language");
        assert!(refused.expected.contains("cantonese"));
        assert_eq!(serde_json::to_string(&Region::HongKong).unwrap(), "\"hong_kong\"");
    }
}
