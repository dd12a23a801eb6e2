//! All integration tests of the portal, in one binary, laid out like the URL tree.

// clippy.toml allows these inside #[test] functions only; the helpers beside the tests are
// test code as well, where a failed expectation is a failed test.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    reason = "integration tests"
)]

mod support;

mod accounts;
mod admin;
mod api_openapi;
mod authz_matrix;
mod backup;
mod browser;
mod budget;
mod calendar;
mod cases;
mod comments;
mod complaints;
mod data;
mod db_guards;
mod exposure;
mod files;
mod i18n;
mod jobs;
mod mail;
mod news;
mod pages;
mod platform_shell;
mod publication_log;
mod regions;
