//! Working-day calendars loaded as data: a region's holidays and adjusted working days for one
//! year, replacing the year compiled into the binary (`zhichan_domain::calendar::embedded`).

use async_trait::async_trait;
use zhichan_domain::AuditEntry;
use zhichan_domain::calendar::CalendarYear;
use zhichan_domain::expertise::Region;

use crate::StoreResult;

/// Persistence of loaded calendar years.
#[async_trait]
pub trait CalendarStore: Send + Sync {
    /// Stores `year`, replacing the stored year of the same region and number, and records
    /// `audit`, in one transaction.
    async fn put_calendar_year(&self, year: &CalendarYear, audit: AuditEntry) -> StoreResult<()>;
    /// The stored years of `region`, in year order.
    async fn calendar_years(&self, region: Region) -> StoreResult<Vec<CalendarYear>>;
}
