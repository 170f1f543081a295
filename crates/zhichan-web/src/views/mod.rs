//! The server-rendered UI: one module per area, each with its handlers beside its template
//! structs. Pages work without JavaScript; all text comes from the catalogues.
//!
//! What every area shares, each in its own module: the page context every template gets
//! ([`page`]), the error pages ([`error_page`]), the form extractors ([`forms`]) and rendering
//! ([`render`]).

pub mod account;
pub mod alerts;
pub mod areas;
pub mod assets;
pub mod audit;
pub mod case;
mod case_progress;
mod case_text;
pub mod cases;
pub mod deadlines;
pub mod directory;
mod error_page;
mod explain;
mod forms;
pub mod home;
pub mod organisations;
mod page;
pub mod records;
mod render;
mod scope;
pub mod search;
pub mod session;
pub mod watch;

pub(crate) use error_page::error_response;
pub use error_page::not_found;
pub use forms::{CsrfForm, FormQuery, Problem, local_path};
pub use page::PageContext;
pub use render::{render, unprocessable};
