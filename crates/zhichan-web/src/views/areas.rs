//! Pages of the platform areas that are not built yet: they say so plainly.

use askama::Template;
use axum::response::Response;

use super::{PageContext, render};

#[derive(Template)]
#[template(path = "area.html")]
struct AreaPage<'a> {
    page: &'a PageContext,
    title_key: &'static str,
    description_key: &'static str,
}

/// Renders the "being built" page of the area whose navigation label is `title_key`.
pub fn under_construction(page: &PageContext, title_key: &'static str, description_key: &'static str) -> Response {
    render(&AreaPage { page, title_key, description_key })
}
