//! Open311 GeoReport v2 at `/open311/v2/` (<http://wiki.open311.org/GeoReport_v2>): the
//! complaint categories as services, public complaints as service requests, and submission by
//! registered clients holding an API key. Every resource answers in JSON and XML
//! (`services.json`, `services.xml`).
//!
//! - `discovery.{json,xml}`; `services.{json,xml}` (active categories; names in the language
//!   of `locale` or `Accept-Language`, Indonesian by default); `services/{code}.{json,xml}`
//!   (attributes `kind`, `privacy`, `region`, `title`).
//! - `requests.{json,xml}` (GET): public and anonymous complaints, never confidential ones,
//!   never anything about the reporter. Filters per spec: `service_request_id` (comma list;
//!   overrides the others), `service_code`, `status` (`open`/`closed`), `start_date`/`end_date`
//!   on the requested date-time. **Window**: without dates, the last 90 days; with one date,
//!   90 days from (or up to) it; a range over 90 days is a 400. **Size**: newest first,
//!   `page_size` (extension) 100 by default and at most 1000, `page` from 1 — no total is
//!   counted, so the default query is one index walk that stops after 100 rows.
//! - `requests/{id}.{json,xml}` (id = the tracking code; a one-element list, per spec).
//! - `requests.{json,xml}` (POST, form-urlencoded): `api_key` of an active client (else 403),
//!   then the one submission path, [`crate::submission::submit_in`], as an anonymous guest —
//!   field errors become 400s. We answer synchronously, so the answer carries the
//!   `service_request_id` at once, plus the reporter's secret follow-up link as the extension
//!   `follow_up_url` (the client passes it on). A reporter who left an e-mail also gets the
//!   usual receipt mail with that link, in the request's language.
//! - `tokens/{token}.{json,xml}`: since requests are created synchronously the token *is* the
//!   tracking code; a public one answers `[{service_request_id, token}]`, anything else 404.
//!
//! Errors use the spec's shape, `[{"code": 400, "description": "…"}]` (XML
//! `<errors><error>…`), descriptions translated; XML answers, errors included, are
//! `text/xml; charset=utf-8` as the spec shows (the platform's error-page layer passes XML
//! bodies through untouched).
//!
//! Files: `services.rs` (discovery and services), `requests.rs` (requests and tokens),
//! `admin.rs` (`/admin/open311`: clients and keys), `sql.rs`, `xml.rs` (the JSON/XML writer).

pub mod admin;
pub mod requests;
pub mod services;
pub mod sql;
pub mod xml;

use axum::extract::FromRequestParts;
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::Response;
use chrono::{DateTime, SecondsFormat, Utc};
use platform::authz::Access;
use platform::i18n::{Lang, Tr};
use platform::state::AppState;
use platform::web::{PageCtx, Routes};

use xml::{Format, Node};

/// The address of this API under the site's public URL.
pub const BASE: &str = "/open311/v2";
/// The specification we implement (the discovery document's `specification`).
pub const SPECIFICATION: &str = "http://wiki.open311.org/GeoReport_v2";

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/open311/v2/discovery.json",
            Access::Public,
            services::discovery,
        )
        .get(
            "/open311/v2/discovery.xml",
            Access::Public,
            services::discovery,
        )
        .get("/open311/v2/services.json", Access::Public, services::list)
        .get("/open311/v2/services.xml", Access::Public, services::list)
        .get(
            "/open311/v2/services/{file}",
            Access::Public,
            services::definition,
        )
        .get("/open311/v2/requests.json", Access::Public, requests::list)
        .get("/open311/v2/requests.xml", Access::Public, requests::list)
        .post(
            "/open311/v2/requests.json",
            Access::Public,
            requests::create,
        )
        .post("/open311/v2/requests.xml", Access::Public, requests::create)
        .get(
            "/open311/v2/requests/{file}",
            Access::Public,
            requests::show,
        )
        .get("/open311/v2/tokens/{file}", Access::Public, requests::token)
        .merge(admin::routes())
}

/// The format the request asked for, from its path (`….xml` → XML, else JSON).
#[derive(Clone, Copy, Debug)]
pub struct Fmt(pub Format);

impl FromRequestParts<AppState> for Fmt {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &AppState) -> Result<Self, Self::Rejection> {
        Ok(Fmt(if parts.uri.path().ends_with(".xml") {
            Format::Xml
        } else {
            Format::Json
        }))
    }
}

/// The translator for this request: `locale` (`en`, `en_US`, `id-ID`) when given, else the
/// visitor's language (`Accept-Language`, the language cookie), Indonesian by default.
pub fn translator(ctx: &PageCtx, pairs: &[(String, String)]) -> Tr {
    let asked = pairs
        .iter()
        .find(|(k, _)| k == "locale")
        .and_then(|(_, v)| Lang::parse(v.split(['-', '_']).next().unwrap_or("")));
    match asked {
        Some(lang) => ctx.state.tr(lang),
        None => ctx.t.clone(),
    }
}

/// A date-time in W3C format with the regency's offset (`2026-11-27T19:49:41+07:00`).
pub fn w3(at: &DateTime<Utc>) -> String {
    at.with_timezone(&platform::clock::wib())
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// One error in the spec's shape.
#[derive(Clone, Debug)]
pub struct Problem {
    pub status: StatusCode,
    /// Translated descriptions (one `error` each).
    pub descriptions: Vec<String>,
}

impl Problem {
    pub fn new(status: StatusCode, t: &Tr, key: &str) -> Problem {
        Problem {
            status,
            descriptions: vec![t.t(key)],
        }
    }

    pub fn respond(&self, format: Format) -> Response {
        let node = Node::List(
            "error",
            self.descriptions
                .iter()
                .map(|d| {
                    Node::Obj(vec![
                        ("code", Node::Int(i64::from(self.status.as_u16()))),
                        ("description", Node::text(d.clone())),
                    ])
                })
                .collect(),
        );
        format.respond(self.status, "errors", &node)
    }
}
