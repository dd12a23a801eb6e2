//! A micro-cache of public responses: what an anonymous visitor gets from a `GET` is kept in
//! memory for `TERBUKA_PAGE_CACHE_MS` (default 1 s) and served again to the next anonymous
//! visitor asking for the same address in the same language. Under load this turns hundreds
//! of identical renderings (each several database queries) into one per second, the way
//! nginx's micro-caching does — without a second server to run.
//!
//! What is never cached: signed-in visitors (their pages carry their name and forms),
//! responses holding a CSRF field (forms are bound to one visitor's cookie), responses that set
//! cookies, anything but 200, operations endpoints, and bodies over 1 MB. Any successful
//! non-GET request on this node empties the cache, so staff see their own change at once;
//! other nodes catch up within the time-to-live.

use std::collections::HashMap;
use std::sync::RwLock;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Duration, Utc};

use crate::authz::Actor;
use crate::i18n::Lang;
use crate::state::AppState;

/// Largest body kept.
const MAX_BODY: usize = 1024 * 1024;
/// When the cache holds this many pages it starts afresh (a crude but bounded policy).
const MAX_ENTRIES: usize = 20_000;
/// Paths whose answers must always be live.
const NEVER: [&str; 3] = ["/healthz", "/readyz", "/metrics"];

#[derive(Debug, Default)]
pub struct PageCache {
    entries: RwLock<HashMap<(Lang, String), Cached>>,
}

#[derive(Debug, Clone)]
struct Cached {
    at: DateTime<Utc>,
    content_type: HeaderValue,
    extra: Vec<(header::HeaderName, HeaderValue)>,
    body: Bytes,
}

impl PageCache {
    fn get(&self, key: &(Lang, String), now: DateTime<Utc>, ttl: Duration) -> Option<Cached> {
        let entries = self.entries.read().ok()?;
        entries
            .get(key)
            .filter(|c| now - c.at < ttl && c.at <= now)
            .cloned()
    }

    fn put(&self, key: (Lang, String), value: Cached) {
        if let Ok(mut entries) = self.entries.write() {
            if entries.len() >= MAX_ENTRIES {
                entries.clear();
            }
            entries.insert(key, value);
        }
    }

    /// Forget everything (after a write).
    pub fn clear(&self) {
        if let Ok(mut entries) = self.entries.write() {
            entries.clear();
        }
    }

    pub fn len(&self) -> usize {
        self.entries.read().map(|e| e.len()).unwrap_or(0)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The cache layer; runs inside `context` (it needs the language and the actor).
pub async fn layer(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let ttl = Duration::milliseconds(i64::try_from(state.config.page_cache_ms).unwrap_or(0));
    if ttl <= Duration::zero() {
        return next.run(req).await;
    }
    if req.method() != Method::GET {
        let response = next.run(req).await;
        if response.status().is_success() || response.status().is_redirection() {
            state.page_cache.clear();
        }
        return response;
    }
    let signed_in = req
        .extensions()
        .get::<Actor>()
        .is_some_and(Actor::is_signed_in);
    let path = req.uri().path();
    if signed_in || NEVER.contains(&path) || path.starts_with("/static/") {
        return next.run(req).await;
    }
    let lang = req.extensions().get::<Lang>().copied().unwrap_or(Lang::Id);
    let key = (
        lang,
        req.uri()
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_default(),
    );
    let now = state.clock.now();
    if let Some(hit) = state.page_cache.get(&key, now, ttl) {
        return replay(hit);
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        return response;
    }
    let Some(content_type) = response.headers().get(header::CONTENT_TYPE).cloned() else {
        return response;
    };
    let small = http_body::Body::size_hint(response.body())
        .upper()
        .is_some_and(|n| n <= MAX_BODY as u64);
    if !small {
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let holds_form_token = memchr_find(&bytes, br#"name="_csrf""#);
    if !holds_form_token {
        let extra = [
            header::CACHE_CONTROL,
            header::CONTENT_DISPOSITION,
            header::LAST_MODIFIED,
        ]
        .into_iter()
        .filter_map(|name| parts.headers.get(&name).cloned().map(|v| (name, v)))
        .collect();
        state.page_cache.put(
            key,
            Cached {
                at: now,
                content_type,
                extra,
                body: bytes.clone(),
            },
        );
    }
    Response::from_parts(parts, Body::from(bytes))
}

fn replay(hit: Cached) -> Response {
    let mut response = Response::new(Body::from(hit.body));
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, hit.content_type);
    for (name, value) in hit.extra {
        response.headers_mut().insert(name, value);
    }
    response
}

fn memchr_find(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}
