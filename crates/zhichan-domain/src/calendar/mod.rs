//! Deadlines as data: the working-day calendars of the mainland, Hong Kong and Macao (public
//! holidays and adjusted working days, one [`CalendarYear`] per region and year, as published),
//! a [`WorkingCalendar`] that counts [`Offset`]s of days, working days or months over them, and
//! the [`DeadlineRule`]s ("trigger event + offset") behind the services' targets.
//!
//! The years published when the repository was built are compiled in ([`embedded`]); an
//! administrator loads later ones as data (docs/CALENDARS.md).

pub mod embedded;
mod offset;
mod rules;
mod working;
mod year;

pub use offset::{MAX_AMOUNT, Offset, OffsetUnit};
pub use rules::{DeadlineRule, TARGETS, Trigger, step_targets, target_met, targets};
pub use working::{REMINDER_WORKING_DAYS, WorkingCalendar};
pub use year::{CalendarYear, Holiday};
