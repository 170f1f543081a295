//! Reference data that needs no sign-in.

use serde::Serialize;
use utoipa::ToSchema;
use zhichan_domain::{Locale, Street};

use super::ApiJson;

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
