//! Pure types and rules of zhichan (知产通): organisations, accounts, roles, identifiers, the
//! reference facts the rest of the platform relies on, and the model every area keeps and shows
//! (records, the watch and its alerts, service cases and the station network, notifications,
//! saved searches, the audit trail). The store
//! persists these types and the pages and the API show them, so storage can change under them.
//!
//! Everything here is plain data and validation ("parse, don't validate"): no IO, no async,
//! no database or HTTP types. Every other crate may depend on this one; it depends on none of them.

pub mod account;
pub mod audit;
pub mod calendar;
pub mod case;
pub mod deadline;
pub mod directory;
pub mod expertise;
mod id;
pub mod import;
pub mod locale;
pub mod market;
pub mod nice;
pub mod notify;
pub mod office;
pub mod organisation;
mod page;
pub mod records;
pub mod reference;
pub mod role;
pub mod search;
pub mod st3;
pub mod station;
pub mod street;
pub mod uscc;
pub mod watch;

pub use account::{
    ApiToken, Email, NewApiToken, NewSession, NewUser, Password, TokenId, User, UserCredentials, UserId,
};
pub use audit::{AuditEntry, AuditEvent, AuditFilter};
pub use deadline::{AnchorDates, Deadline, RenewalWindow, next_renewal, opposition_deadline, renewal_due};
pub use locale::Locale;
pub use market::MarketCode;
pub use nice::{NiceClass, NiceKind};
pub use office::{Office, OfficeCode};
pub use organisation::{
    NewOrganisation, OrgId, OrgKind, OrgName, Organisation, OrganisationFilter, OrganisationProfile,
};
pub use page::Page;
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
