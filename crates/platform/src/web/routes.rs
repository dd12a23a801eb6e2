//! Route registration. Every route is declared with the [`Access`] it requires; the
//! declaration both registers the handler and records the route in a table, so the
//! authorisation matrix test can walk every route the application serves.

use std::collections::BTreeMap;

use axum::Router;
use axum::extract::Request;
use axum::handler::Handler;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, get, post};

use crate::authz::{Access, Actor};
use crate::error::AppError;
use crate::state::AppState;

/// One registered route, as the matrix test sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RouteInfo {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

/// A set of routes under construction; modules return one from their `routes()`.
#[derive(Default)]
pub struct Routes {
    entries: Vec<(RouteInfo, MethodRouter<AppState>)>,
}

impl Routes {
    pub fn new() -> Routes {
        Routes::default()
    }

    pub fn get<H, T>(self, path: &'static str, access: Access, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::GET, path, access, get(handler))
    }

    pub fn post<H, T>(self, path: &'static str, access: Access, handler: H) -> Routes
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.add(Method::POST, path, access, post(handler))
    }

    /// Register any method router (e.g. with a larger body limit for uploads).
    pub fn add(
        mut self,
        method: Method,
        path: &'static str,
        access: Access,
        router: MethodRouter<AppState>,
    ) -> Routes {
        let guarded = router.route_layer(axum::middleware::from_fn(
            move |req: Request, next: Next| enforce(access, req, next),
        ));
        self.entries.push((
            RouteInfo {
                method,
                path,
                access,
            },
            guarded,
        ));
        self
    }

    pub fn merge(mut self, other: Routes) -> Routes {
        self.entries.extend(other.entries);
        self
    }

    /// Every route, in registration order.
    pub fn table(&self) -> Vec<RouteInfo> {
        self.entries.iter().map(|(info, _)| info.clone()).collect()
    }

    pub fn into_router(self) -> Router<AppState> {
        let mut by_path: BTreeMap<&'static str, MethodRouter<AppState>> = BTreeMap::new();
        for (info, router) in self.entries {
            let merged = match by_path.remove(info.path) {
                Some(existing) => existing.merge(router),
                None => router,
            };
            by_path.insert(info.path, merged);
        }
        by_path
            .into_iter()
            .fold(Router::new(), |app, (path, router)| app.route(path, router))
    }
}

/// The route layer: refuse before the handler runs when the actor lacks the access.
async fn enforce(access: Access, req: Request, next: Next) -> Response {
    let actor = req.extensions().get::<Actor>().cloned().unwrap_or_default();
    if access.allows(&actor) {
        return next.run(req).await;
    }
    let path = req.uri().path().to_string();
    let is_page = !super::wants_json(
        &path,
        req.headers().get("accept").and_then(|v| v.to_str().ok()),
    );
    if access == Access::Guest {
        return Redirect::to("/").into_response();
    }
    if !actor.is_signed_in() {
        if is_page && req.method() == Method::GET {
            let next_path = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            return Redirect::to(&format!("/masuk?next={}", urlencode(next_path))).into_response();
        }
        return AppError::Unauthenticated.into_response();
    }
    AppError::Forbidden.into_response()
}

/// Percent-encode a string for a query parameter value.
pub fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A `next` target is only followed when it is a path on this site (no open redirects).
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.contains('\\') => n.to_string(),
        _ => "/".to_string(),
    }
}
