//! Reference data that needs no sign-in.

use axum::extract::State;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use zhichan_domain::nice::NiceClass;
use zhichan_domain::reference::{IpcEntry, SimilarGroup};
use zhichan_domain::{Locale, Street};

use super::{ApiJson, ApiQuery};
use crate::{ApiError, AppState};

/// A street of Bao'an with its names.
#[derive(Debug, Serialize, ToSchema)]
pub struct StreetView {
    /// Stable code.
    pub code: &'static str,
    /// 简体中文.
    pub name_zh_hans: &'static str,
    /// 繁體中文.
    pub name_zh_hant: &'static str,
    /// English.
    pub name_en: &'static str,
}

/// Bao'an's ten streets.
#[utoipa::path(get, path = "/api/v1/reference/streets", tag = "reference", security(()), responses((status = 200, body = Vec<StreetView>)))]
pub async fn streets() -> ApiJson<Vec<StreetView>> {
    ApiJson(
        Street::ALL
            .iter()
            .map(|s| StreetView {
                code: s.code(),
                name_zh_hans: s.name(Locale::ZhHans),
                name_zh_hant: s.name(Locale::ZhHant),
                name_en: s.name(Locale::En),
            })
            .collect(),
    )
}

/// Which Nice class.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClassParams {
    /// Nice class, 1–45.
    class: String,
}

/// The CNIPA similar groups (类似群) of a Nice class, with their items and notes, as imported
/// from the published table.
#[utoipa::path(get, path = "/api/v1/reference/similar-groups", tag = "reference", security(()), params(ClassParams),
    responses((status = 200, body = Vec<Object>), (status = 422, body = crate::error::ErrorBody)))]
pub async fn similar_groups(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<ClassParams>,
) -> Result<ApiJson<Vec<SimilarGroup>>, ApiError> {
    let class = NiceClass::parse(&params.class).map_err(zhichan_core::CoreError::from)?;
    Ok(ApiJson(state.core.similar_groups(class).await?))
}

/// Which IPC symbol.
#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct IpcParams {
    /// An IPC symbol: section `H`, class `H04`, subclass `H04W` or group `H04W 4/00`.
    symbol: String,
}

/// An IPC entry and the entries directly below it.
#[derive(Debug, Serialize, ToSchema)]
pub struct IpcView {
    /// The entry.
    #[schema(value_type = Object)]
    pub entry: IpcEntry,
    /// Its children, in scheme order.
    #[schema(value_type = Vec<Object>)]
    pub children: Vec<IpcEntry>,
}

/// Looks up an IPC symbol.
#[utoipa::path(get, path = "/api/v1/reference/ipc", tag = "reference", security(()), params(IpcParams),
    responses((status = 200, body = IpcView), (status = 404, body = crate::error::ErrorBody)))]
pub async fn ipc(
    State(state): State<AppState>,
    ApiQuery(params): ApiQuery<IpcParams>,
) -> Result<ApiJson<IpcView>, ApiError> {
    let (entry, children) = state.core.ipc(&params.symbol).await?;
    Ok(ApiJson(IpcView { entry, children }))
}
