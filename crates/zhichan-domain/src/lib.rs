//! Pure types and rules of zhichan (知产通): organisations, roles, identifiers and the
//! reference facts the rest of the platform relies on.
//!
//! Everything here is plain data and validation ("parse, don't validate"): no IO, no async,
//! no database or HTTP types. Every other crate may depend on this one; it depends on none of them.

pub mod account;
pub mod deadline;
pub mod locale;
pub mod market;
pub mod nice;
pub mod office;
pub mod organisation;
pub mod records;
pub mod reference;
pub mod role;
pub mod st3;
pub mod street;
pub mod uscc;
pub mod watch;

pub use account::{Email, Password};
pub use deadline::{AnchorDates, Deadline, RenewalWindow, next_renewal, opposition_deadline, renewal_due};
pub use locale::Locale;
pub use market::MarketCode;
pub use nice::{NiceClass, NiceKind};
pub use office::{Office, OfficeCode};
pub use organisation::{OrgKind, OrgName};
pub use role::Role;
pub use street::Street;
pub use uscc::Uscc;

/// Why a value given by a user was refused. `field` names the input, `expected` says what would be accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: expected {expected}")]
pub struct InvalidValue {
    /// The field (stable, snake_case) that held the bad value.
    pub field: &'static str,
    /// A plain description of what the field accepts.
    pub expected: String,
}

impl InvalidValue {
    /// An error for `field`, saying what was `expected`.
    pub fn new(field: &'static str, expected: impl Into<String>) -> Self {
        Self { field, expected: expected.into() }
    }
}
