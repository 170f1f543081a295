//! Integration tests of the web layer against the real server on 127.0.0.1:0.

#![allow(clippy::unwrap_used)]

mod api;
mod app;
mod calendars;
mod case_access;
mod cases;
mod cases_api;
mod directory;
mod openapi;
mod records;
mod search;
mod ui;
mod walk;
mod watch;
mod webhooks;
