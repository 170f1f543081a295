//! The deadline calendar: an organisation's renewals, declarations and opposition windows and
//! the last days to oppose the filings of its open alerts, grouped by month.

use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use zhichan_core::CoreError;
use zhichan_core::watch::UpcomingDeadline;

use super::scope::OrgScope;
use super::{FormQuery, PageContext, render};
use crate::AppState;
use crate::api::alerts::{DEFAULT_WITHIN_DAYS, deadline_kind_code};
use crate::api::search::record_path;
use crate::auth::SignedIn;
use zhichan_domain::OrgId;

/// The look-aheads offered, in days.
const HORIZONS: [u32; 5] = [30, 90, 180, 365, 730];

/// `?organisation_id=` (staff) and `?within_days=`.
#[derive(Deserialize, Default)]
pub struct CalendarQuery {
    organisation_id: Option<OrgId>,
    within_days: Option<u32>,
}

/// The deadlines falling due in one month.
struct Month {
    /// `YYYY-MM`.
    label: String,
    deadlines: Vec<UpcomingDeadline>,
}

/// Groups deadlines (already soonest first) by the month they fall due in.
fn by_month(deadlines: Vec<UpcomingDeadline>) -> Vec<Month> {
    let mut months: Vec<Month> = Vec::new();
    for deadline in deadlines {
        let label = deadline.due.format("%Y-%m").to_string();
        match months.last_mut() {
            Some(month) if month.label == label => month.deadlines.push(deadline),
            _ => months.push(Month { label, deadlines: vec![deadline] }),
        }
    }
    months
}

#[derive(Template)]
#[template(path = "deadlines.html")]
struct CalendarPage<'a> {
    page: &'a PageContext,
    scope: OrgScope,
    within_days: u32,
    horizons: [u32; 5],
    months: Vec<Month>,
}

impl CalendarPage<'_> {
    fn kind(&self, deadline: &UpcomingDeadline) -> &str {
        self.page.coded("deadline.kind", deadline_kind_code(deadline.kind))
    }

    fn record_href(&self, deadline: &UpcomingDeadline) -> String {
        record_path(&deadline.record)
    }
}

/// GET /watch/deadlines
pub async fn calendar(
    State(state): State<AppState>,
    page: PageContext,
    SignedIn(actor): SignedIn,
    FormQuery(query): FormQuery<CalendarQuery>,
) -> Response {
    let within_days = query.within_days.unwrap_or(DEFAULT_WITHIN_DAYS);
    let loaded = async {
        let scope = OrgScope::resolve(&state, &actor, query.organisation_id).await?;
        let deadlines = match scope.selected {
            Some(id) => state.core.upcoming_deadlines(&actor, id, within_days).await?,
            None => Vec::new(),
        };
        Ok::<_, CoreError>((scope, deadlines))
    };
    let (scope, deadlines) = match loaded.await {
        Ok(loaded) => loaded,
        Err(error) => return page.fail(error).into_response(),
    };
    render(&CalendarPage { page: &page, scope, within_days, horizons: HORIZONS, months: by_month(deadlines) })
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use zhichan_core::watch::DeadlineKind;
    use zhichan_domain::records::RecordKey;

    use super::*;

    fn due(date: &str) -> UpcomingDeadline {
        UpcomingDeadline {
            record: RecordKey {
                office: zhichan_domain::OfficeCode::parse("US").unwrap(),
                kind: zhichan_domain::records::RecordKind::Trademark,
                number: "1".into(),
            },
            mark_text: None,
            kind: DeadlineKind::Renewal,
            opens: None,
            due: date.parse::<NaiveDate>().unwrap(),
            latest: None,
            rule: None,
            alert_id: None,
        }
    }

    #[test]
    fn deadlines_are_grouped_by_month_in_order() {
        let months = by_month(vec![due("2027-01-05"), due("2027-01-30"), due("2027-03-01")]);
        let shape: Vec<(&str, usize)> = months.iter().map(|m| (m.label.as_str(), m.deadlines.len())).collect();
        assert_eq!(shape, [("2027-01", 2), ("2027-03", 1)]);
    }
}
