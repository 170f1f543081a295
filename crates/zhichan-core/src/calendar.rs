//! Working-day calendars: the region's calendar deadlines are counted on (the years compiled
//! into the binary, with any year an administrator loaded in their place), and loading a year.

use serde_json::json;
use zhichan_domain::calendar::{CalendarYear, WorkingCalendar};
use zhichan_domain::expertise::Region;

use crate::audit::entry;
use crate::{Actor, Core, CoreResult, RequestContext, authz};

impl Core {
    /// The working-day calendar of `region`: the embedded years, each replaced by a loaded year
    /// of the same number, and the loaded years beyond them.
    pub async fn working_calendar(&self, region: Region) -> CoreResult<WorkingCalendar> {
        let mut calendar = WorkingCalendar::embedded(region);
        if region != Region::Overseas {
            for year in self.store.calendar_years(region).await? {
                calendar.insert(year)?;
            }
        }
        Ok(calendar)
    }

    /// Loads `year` in place of any year of the same region and number, checked
    /// ([`CalendarYear::validate`]) and audited (`calendar.load`). Administrators only; `None`
    /// is the command line on the server. Returns the year as stored.
    pub async fn load_calendar_year(
        &self,
        actor: Option<&Actor>,
        context: &RequestContext,
        year: CalendarYear,
    ) -> CoreResult<CalendarYear> {
        authz::load_calendar(actor)?;
        let year = year.validate()?;
        let audit = entry(
            actor,
            context,
            "calendar.load",
            ("calendar", Some(format!("{}-{}", year.region, year.year))),
            None,
            json!({
                "region": year.region.code(),
                "year": year.year,
                "holidays": year.holidays.len(),
                "adjusted_working_days": year.adjusted_working_days.len(),
                "source": year.source,
            }),
        );
        self.store.put_calendar_year(&year, audit).await?;
        Ok(year)
    }
}
