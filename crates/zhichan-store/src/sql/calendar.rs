//! [`CalendarStore`] in SQL shared by both backends: one `calendar_years` row per region and
//! year, its holidays and adjusted working days as JSON.

use async_trait::async_trait;
use chrono::NaiveDate;

use super::audit::commit_with_audit;
use super::{Json, SqlBackend, SqlStore};
use zhichan_domain::AuditEntry;
use zhichan_domain::calendar::{CalendarYear, Holiday};
use zhichan_domain::expertise::Region;

use crate::{CalendarStore, StoreError, StoreResult};

#[async_trait]
impl<DB: SqlBackend> CalendarStore for SqlStore<DB> {
    async fn put_calendar_year(&self, year: &CalendarYear, audit: AuditEntry) -> StoreResult<()> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "INSERT INTO calendar_years (region, year, source, holidays, adjusted_working_days, loaded_at) \
             VALUES ($1, $2, $3, $4, $5, $6) \
             ON CONFLICT (region, year) DO UPDATE SET source = excluded.source, holidays = excluded.holidays, \
             adjusted_working_days = excluded.adjusted_working_days, loaded_at = excluded.loaded_at",
        )
        .bind(year.region.code())
        .bind(year.year)
        .bind(year.source.as_str())
        .bind(Json(&year.holidays))
        .bind(Json(&year.adjusted_working_days))
        .bind(audit.at)
        .execute(&mut *tx)
        .await?;
        commit_with_audit(tx, &audit).await
    }

    async fn calendar_years(&self, region: Region) -> StoreResult<Vec<CalendarYear>> {
        let rows: Vec<CalendarYearRow> = sqlx::query_as(
            "SELECT region, year, source, holidays, adjusted_working_days FROM calendar_years \
             WHERE region = $1 ORDER BY year",
        )
        .bind(region.code())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(CalendarYearRow::into_model).collect()
    }
}

/// A `calendar_years` row.
#[derive(sqlx::FromRow)]
struct CalendarYearRow {
    region: String,
    year: i32,
    source: String,
    holidays: Json<Vec<Holiday>>,
    adjusted_working_days: Json<Vec<NaiveDate>>,
}

impl CalendarYearRow {
    /// The model value; [`StoreError::Corrupt`] for a region this version does not know.
    fn into_model(self) -> StoreResult<CalendarYear> {
        let region = Region::parse(&self.region)
            .map_err(|_| StoreError::Corrupt { field: "calendar_years.region", value: self.region })?;
        Ok(CalendarYear {
            region,
            year: self.year,
            holidays: self.holidays.0,
            adjusted_working_days: self.adjusted_working_days.0,
            source: self.source,
        })
    }
}
