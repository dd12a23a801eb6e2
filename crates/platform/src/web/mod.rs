//! The web shell: route registration with access rules, the request context handed to
//! every page, CSRF-checked forms, the page layout, error pages, security headers,
//! static assets and request metrics.

pub mod assets;
pub mod csrf;
pub mod ctx;
pub mod metrics;
pub mod middleware;
pub mod multipart;
pub mod page_cache;
pub mod rate_limit;
pub mod routes;
pub mod shell;

pub use assets::Assets;
pub use csrf::CsrfForm;
pub use ctx::{Ctx, PageCtx};
pub use metrics::Metrics;
pub use routes::{RouteInfo, Routes};

/// An entry of the main menu: a translation key and where it leads.
#[derive(Clone, Debug)]
pub struct NavItem {
    pub key: &'static str,
    pub href: &'static str,
}

/// True for requests answered in JSON (APIs), false for pages.
pub fn wants_json(path: &str, accept: Option<&str>) -> bool {
    path.starts_with("/api/")
        || path.starts_with("/open311/")
        || path.ends_with(".json")
        || path == "/healthz"
        || path == "/readyz"
        || accept.is_some_and(|a| a.starts_with("application/json"))
}
