//! # Terbuka platform
//!
//! What every module stands on: storage on SQLite and PostgreSQL ([`db`]), configuration,
//! the [`clock`], accounts and the one authorisation module ([`authz`]), regions and
//! organisations, the audit and publication log, the working-day calendar, background jobs,
//! files, mail, translations ([`i18n`]) and the web shell ([`web`]).
//!
//! A module crate depends on this one, exposes `routes()` returning a [`web::Routes`], its
//! Fluent files as [`i18n::Ftl`], and its menu entries; the `terbuka` binary composes them.

pub mod accounts;
pub mod admin;
pub mod api;
pub mod audit;
pub mod authz;
pub mod calendar;
pub mod cases;
pub mod clock;
pub mod comments;
pub mod config;
pub mod db;
pub mod error;
pub mod files;
pub mod i18n;
pub mod jobs;
pub mod mail;
pub mod ops;
pub mod regions;
pub mod settings;
pub mod state;
pub mod web;

#[cfg(feature = "testing")]
pub mod testing;

pub use error::{AppError, AppResult};
pub use state::{App, AppState};

/// What a module contributes to the application.
pub struct Module {
    pub name: &'static str,
    pub ftl: &'static [i18n::Ftl],
    /// Entries of the main menu, in order.
    pub nav: Vec<web::NavItem>,
    pub routes: fn() -> web::Routes,
    /// This module's section of an organisation's report card (`/organisasi/{id}`), if any.
    pub report_card: Option<regions::web::ReportCardFn>,
    /// This module's part of the OpenAPI document (`/api/v1/openapi.json`): a JSON object
    /// `{"paths": {…}, "components": {"schemas": {…}}}` merged in at start-up (see [`api`]).
    pub openapi: Option<&'static str>,
    /// The case types this module declares (see [`cases`]); the deadlines job covers them.
    pub case_types: &'static [&'static cases::CaseType],
    /// The item types of this module that take public comments (see [`comments`]).
    pub comment_items: &'static [comments::CommentItemType],
}

/// The platform's own pages and endpoints (shell, operations, accounts, regions, logs…).
pub fn module() -> Module {
    let nav = vec![
        web::NavItem {
            key: "nav-regions",
            href: "/wilayah/35.22",
        },
        web::NavItem {
            key: "nav-organisations",
            href: "/organisasi",
        },
    ];
    Module {
        name: "platform",
        ftl: i18n::FTL,
        nav,
        routes,
        report_card: None,
        openapi: Some(api::PLATFORM),
        case_types: &[],
        comment_items: &[],
    }
}

fn routes() -> web::Routes {
    use authz::Access::Public;
    web::Routes::new()
        .get("/static/{file}", Public, web::assets::serve)
        .get("/favicon.ico", Public, web::assets::favicon)
        .get("/bahasa/{code}", Public, web::middleware::switch_language)
        .merge(ops::routes())
        .merge(accounts::routes())
        .merge(admin::routes())
        .merge(regions::web::routes())
        .merge(api::routes())
        .merge(audit::routes())
        .merge(calendar::routes())
        .merge(mail::routes())
        .merge(files::routes())
        .merge(comments::routes())
}
