//! The watch (风险预警): enterprises register the marks they use in every form, the
//! parties they deal with and patent queries; every newly imported trademark filing is screened
//! against every watched mark, and every new patent matched against every patent watch; alerts
//! are raised with their reasons, opposition deadline and squatting signals; staff and the
//! enterprise review them; own marks' renewal and opposition dates are listed ahead of time.
//!
//! The watch follows the store's change journal like the search index does, but keeps its
//! position in the store (`watch_state`), moved in the same transaction as the alerts it raised:
//! whichever process runs it — the importing CLI, a `serve` process — each change is screened
//! once, and a filing raises at most one alert per watched mark. [`Core::import`] runs it after
//! updating the index. Screening is in memory (`screen`): a candidate index from the blocking
//! keys of every watched form, so a filing is scored only against marks it shares a key with.
//!
//! Goods are compared by Nice class: watched marks and filings carry no similar groups here, so
//! no [`zhichan_similarity::GoodsRelations`] is passed. A mark added to the watch is screened
//! against filings imported after it, not against the registers already stored.

mod alerts;
mod deadlines;
mod marks;
mod names;
mod patents;
mod run;
pub mod screen;

pub use alerts::{AlertPage, AlertQuery};
pub use deadlines::{DeadlineKind, DeadlineRule, UpcomingDeadline};
pub use marks::{WatchPartyInput, WatchedMarkInput};
pub use patents::PatentWatchInput;
pub use run::{WatchRunSummary, WatchUpdate};
