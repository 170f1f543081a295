//! TEMPORARY shims until the calendar and directory branches merge. Not to be committed.
use zhichan_domain::calendar::WorkingCalendar;
use zhichan_domain::expertise::Region;

use crate::{Core, CoreResult};

impl Core {
    pub(crate) async fn working_calendar(&self, region: Region) -> CoreResult<WorkingCalendar> {
        Ok(WorkingCalendar::embedded(region))
    }
}
