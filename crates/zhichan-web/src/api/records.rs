//! IP records: one trademark or patent with its status history.

use axum::extract::State;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use zhichan_domain::records::{RecordKind, StoredRecord};

use super::{ApiJson, ApiPath};
use crate::{ApiError, AppState};

/// A record and what the platform knows of its history.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordView {
    /// The record in the platform's model (office, numbers, mark or titles, classes, parties, dates…).
    #[schema(value_type = Object)]
    pub record: zhichan_domain::records::Record,
    /// Status changes seen by imports, oldest first.
    pub history: Vec<StatusChangeView>,
    /// First imported.
    pub created_at: DateTime<Utc>,
    /// Last changed by an import.
    pub updated_at: DateTime<Utc>,
}

/// One status change.
#[derive(Debug, Serialize, ToSchema)]
pub struct StatusChangeView {
    /// Normalised status.
    pub status: Option<String>,
    /// The office's status.
    pub raw_status: Option<String>,
    /// The office's date for it.
    pub status_date: Option<NaiveDate>,
    /// When an import recorded it.
    pub recorded_at: DateTime<Utc>,
}

impl From<StoredRecord> for RecordView {
    fn from(stored: StoredRecord) -> Self {
        Self {
            record: stored.record,
            history: stored
                .history
                .into_iter()
                .map(|h| StatusChangeView {
                    status: h.status,
                    raw_status: h.raw_status,
                    status_date: h.status_date,
                    recorded_at: h.recorded_at,
                })
                .collect(),
            created_at: stored.created_at,
            updated_at: stored.updated_at,
        }
    }
}

/// One trademark by office (WIPO ST.3) and application number.
#[utoipa::path(get, path = "/api/v1/trademarks/{office}/{number}", tag = "records", security(()),
    params(("office" = String, Path, example = "US"), ("number" = String, Path, example = "78002299")),
    responses((status = 200, body = RecordView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn trademark(
    State(state): State<AppState>,
    ApiPath((office, number)): ApiPath<(String, String)>,
) -> Result<ApiJson<RecordView>, ApiError> {
    Ok(ApiJson(state.core.record(RecordKind::Trademark, &office, &number).await?.into()))
}

/// One patent document by office and publication number.
#[utoipa::path(get, path = "/api/v1/patents/{office}/{number}", tag = "records", security(()),
    params(("office" = String, Path, example = "US"), ("number" = String, Path, example = "07000000")),
    responses((status = 200, body = RecordView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn patent(
    State(state): State<AppState>,
    ApiPath((office, number)): ApiPath<(String, String)>,
) -> Result<ApiJson<RecordView>, ApiError> {
    Ok(ApiJson(state.core.record(RecordKind::Patent, &office, &number).await?.into()))
}
