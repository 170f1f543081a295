//! Store-assigned ids as types of their own, so an alert's id cannot be passed where an
//! organisation's is expected. Each is the number the store hands out: it serialises as that
//! number (`#[serde(transparent)]`), prints as it and parses from it, so JSON and URLs read the
//! same as with a bare integer.

/// Declares an id newtype over `i64` with the conversions every id has.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(
            Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
        )]
        #[serde(transparent)]
        pub struct $name(i64);

        impl $name {
            /// The id the store numbered `value`.
            pub const fn new(value: i64) -> Self {
                Self(value)
            }

            /// The number, as the store keeps it.
            pub const fn get(self) -> i64 {
                self.0
            }
        }

        impl From<i64> for $name {
            fn from(value: i64) -> Self {
                Self(value)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::num::ParseIntError;

            fn from_str(text: &str) -> Result<Self, Self::Err> {
                text.parse().map(Self)
            }
        }
    };
}

pub(crate) use id_type;

#[cfg(test)]
mod tests {
    id_type!(
        /// An id for the tests.
        SampleId
    );

    #[test]
    fn ids_read_and_print_as_their_number() {
        let id: SampleId = "42".parse().expect("a number");
        assert_eq!(id, SampleId::new(42));
        assert_eq!(id.to_string(), "42");
        assert_eq!(serde_json::to_string(&id).expect("serialisable"), "42");
        assert_eq!(serde_json::from_str::<SampleId>("42").expect("deserialisable").get(), 42);
        assert!("x".parse::<SampleId>().is_err());
    }
}
