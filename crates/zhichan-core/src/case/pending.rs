//! TEMPORARY shims until the calendar and directory branches merge. Not to be committed.
use chrono::NaiveDate;
use zhichan_domain::UserId;
use zhichan_domain::calendar::WorkingCalendar;
use zhichan_domain::case::CaseParty;
use zhichan_domain::expertise::Region;

use crate::{Core, CoreResult};

pub(crate) struct Shim;
impl Shim {
    pub(crate) fn refused(&self) -> bool {
        false
    }
    pub(crate) fn needs_consent(&self) -> bool {
        false
    }
    pub(crate) fn level(&self) -> Option<u8> {
        None
    }
    pub(crate) fn explain(&self) -> String {
        String::new()
    }
}

impl Core {
    pub(crate) async fn working_calendar(&self, region: Region) -> CoreResult<WorkingCalendar> {
        Ok(WorkingCalendar::embedded(region))
    }
    pub(crate) async fn conflict_check(&self, _: UserId, _: &[CaseParty], _: NaiveDate) -> CoreResult<Shim> {
        Ok(Shim)
    }
}
