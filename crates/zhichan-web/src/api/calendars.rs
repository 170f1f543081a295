//! The working-day calendars deadlines are counted on: one region's published year, as compiled
//! in or loaded by an administrator (docs/CALENDARS.md). Shared by everyone signed in; they show
//! no organisation's data.

use axum::extract::State;
use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use zhichan_core::CoreError;
use zhichan_domain::calendar::{CalendarYear, Holiday};
use zhichan_domain::expertise::Region;

use super::{ApiJson, ApiPath};
use crate::auth::ApiActor;
use crate::{ApiError, AppState};

/// A public holiday.
#[derive(Debug, Serialize, ToSchema)]
pub struct HolidayView {
    /// The day.
    pub date: NaiveDate,
    /// Its name as the region publishes it (春节, 農曆年初一…).
    pub name: String,
}

/// A region's calendar for one year, in the file format an administrator loads.
#[derive(Debug, Serialize, ToSchema)]
pub struct CalendarYearView {
    /// `mainland`, `hong_kong` or `macau`.
    pub region: &'static str,
    /// The year.
    pub year: i32,
    /// Where the dates were published.
    pub source: String,
    /// Public holidays (weekend days inside a holiday break included), in date order.
    pub holidays: Vec<HolidayView>,
    /// Saturdays and Sundays that are working days (调休上班), in date order.
    pub adjusted_working_days: Vec<NaiveDate>,
}

impl From<CalendarYear> for CalendarYearView {
    fn from(year: CalendarYear) -> Self {
        Self {
            region: year.region.code(),
            year: year.year,
            source: year.source,
            holidays: year.holidays.into_iter().map(|Holiday { date, name }| HolidayView { date, name }).collect(),
            adjusted_working_days: year.adjusted_working_days,
        }
    }
}

/// One region's holidays and adjusted working days for one year; `not_found` for a year the
/// platform does not have (yet) and for overseas, which has weekends only.
#[utoipa::path(get, path = "/api/v1/calendars/{region}/{year}", tag = "calendars",
    params(("region" = String, Path, example = "mainland"), ("year" = i32, Path, example = 2026)),
    responses((status = 200, body = CalendarYearView), (status = 404, body = crate::error::ErrorBody),
        (status = 422, body = crate::error::ErrorBody)))]
pub async fn calendar_year(
    State(state): State<AppState>,
    ApiActor(_signed_in): ApiActor,
    ApiPath((region, year)): ApiPath<(String, i32)>,
) -> Result<ApiJson<CalendarYearView>, ApiError> {
    let region = Region::parse(&region).map_err(CoreError::from)?;
    let calendar = state.core.working_calendar(region).await?;
    let found = calendar.year(year).cloned().ok_or(CoreError::NotFound("calendar_year"))?;
    Ok(ApiJson(found.into()))
}
