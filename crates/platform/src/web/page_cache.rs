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
//!
//! When an entry expires, only one request renders the page again; until its answer is in,
//! the others are served the expired copy (stale-while-revalidate, nginx's
//! `proxy_cache_use_stale updating` with `proxy_cache_lock`). Without that, every second all
//! concurrent visitors of a busy page render it at once and the slowest of them waits for
//! all the others (a p99 of hundreds of milliseconds at 64 connections). A copy is served
//! stale for at most [`STALE_FOR`]; a renderer that has not answered within [`REFRESH_FOR`]
//! is presumed gone and another request takes over.

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

/// How long past its time-to-live an entry may still be served while it is being renewed.
const STALE_FOR: Duration = Duration::seconds(10);
/// How long one request may take to renew an entry before another one tries.
const REFRESH_FOR: Duration = Duration::seconds(5);

#[derive(Debug, Default)]
pub struct PageCache {
    entries: RwLock<HashMap<(Lang, String), Cached>>,
}

#[derive(Debug, Clone)]
struct Cached {
    at: DateTime<Utc>,
    /// Since when one request is rendering a fresh copy (the others get this one).
    renewing_since: Option<DateTime<Utc>>,
    content_type: HeaderValue,
    extra: Vec<(header::HeaderName, HeaderValue)>,
    body: Bytes,
}

/// What a request does about its address.
#[derive(Debug)]
enum Lookup {
    /// Serve this copy.
    Serve(Cached),
    /// Render the page (nothing usable is kept, or this request renews the copy).
    Render,
}

impl PageCache {
    fn lookup(&self, key: &(Lang, String), now: DateTime<Utc>, ttl: Duration) -> Lookup {
        // The common case, a fresh copy, under the shared lock only.
        if let Ok(entries) = self.entries.read() {
            match entries.get(key) {
                Some(c) if c.at <= now && now - c.at < ttl => return Lookup::Serve(c.clone()),
                None => return Lookup::Render,
                Some(_) => {}
            }
        }
        let Ok(mut entries) = self.entries.write() else {
            return Lookup::Render;
        };
        let Some(c) = entries.get_mut(key) else {
            return Lookup::Render;
        };
        if c.at > now || now - c.at >= ttl + STALE_FOR {
            // Too old to serve (or from a clock that went back): render, and let whoever
            // asks meanwhile do the same rather than wait.
            entries.remove(key);
            return Lookup::Render;
        }
        if now - c.at < ttl {
            return Lookup::Serve(c.clone());
        }
        match c.renewing_since {
            Some(since) if now - since < REFRESH_FOR => Lookup::Serve(c.clone()),
            _ => {
                c.renewing_since = Some(now);
                Lookup::Render
            }
        }
    }

    /// The request renewing `key` got no cacheable answer: let the next one try at once.
    fn abandon(&self, key: &(Lang, String)) {
        if let Ok(mut entries) = self.entries.write()
            && let Some(c) = entries.get_mut(key)
        {
            c.renewing_since = None;
        }
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
    if let Lookup::Serve(hit) = state.page_cache.lookup(&key, now, ttl) {
        return replay(hit);
    }
    let response = next.run(req).await;
    if response.status() != StatusCode::OK || response.headers().contains_key(header::SET_COOKIE) {
        state.page_cache.abandon(&key);
        return response;
    }
    let Some(content_type) = response.headers().get(header::CONTENT_TYPE).cloned() else {
        state.page_cache.abandon(&key);
        return response;
    };
    let small = http_body::Body::size_hint(response.body())
        .upper()
        .is_some_and(|n| n <= MAX_BODY as u64);
    if !small {
        state.page_cache.abandon(&key);
        return response;
    }
    let (parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, MAX_BODY).await else {
        state.page_cache.abandon(&key);
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let holds_form_token = memchr_find(&bytes, br#"name="_csrf""#);
    if holds_form_token {
        state.page_cache.abandon(&key);
    } else {
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
                renewing_since: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn copy(at: DateTime<Utc>, body: &'static str) -> Cached {
        Cached {
            at,
            renewing_since: None,
            content_type: HeaderValue::from_static("text/html"),
            extra: Vec::new(),
            body: Bytes::from_static(body.as_bytes()),
        }
    }

    fn served(lookup: Lookup) -> Option<&'static str> {
        match lookup {
            Lookup::Serve(c) => std::str::from_utf8(&c.body).ok().map(|s| match s {
                "old" => "old",
                "new" => "new",
                _ => "other",
            }),
            Lookup::Render => None,
        }
    }

    #[test]
    fn one_request_renews_an_expired_page_while_the_others_get_the_old_copy() {
        let cache = PageCache::default();
        let key = (Lang::Id, "/pengaduan".to_string());
        let ttl = Duration::seconds(1);
        let t0 = DateTime::<Utc>::UNIX_EPOCH + Duration::days(20_000);
        assert!(
            served(cache.lookup(&key, t0, ttl)).is_none(),
            "cold: render"
        );
        cache.put(key.clone(), copy(t0, "old"));
        assert_eq!(served(cache.lookup(&key, t0, ttl)), Some("old"));
        // Expired: the first asker renders, everyone else meanwhile gets the old copy.
        let t1 = t0 + Duration::milliseconds(1500);
        assert!(served(cache.lookup(&key, t1, ttl)).is_none());
        assert_eq!(served(cache.lookup(&key, t1, ttl)), Some("old"));
        assert_eq!(served(cache.lookup(&key, t1, ttl)), Some("old"));
        cache.put(key.clone(), copy(t1, "new"));
        assert_eq!(served(cache.lookup(&key, t1, ttl)), Some("new"));
    }

    #[test]
    fn a_renewal_that_fails_or_hangs_is_taken_over_and_old_copies_expire() {
        let cache = PageCache::default();
        let key = (Lang::En, "/".to_string());
        let ttl = Duration::seconds(1);
        let t0 = DateTime::<Utc>::UNIX_EPOCH + Duration::days(20_000);
        cache.put(key.clone(), copy(t0, "old"));
        let t1 = t0 + Duration::seconds(2);
        assert!(served(cache.lookup(&key, t1, ttl)).is_none());
        cache.abandon(&key);
        assert!(
            served(cache.lookup(&key, t1, ttl)).is_none(),
            "after a failed renewal the next request renders"
        );
        // The renewer hangs: after REFRESH_FOR someone else renders.
        let t2 = t1 + REFRESH_FOR;
        assert!(served(cache.lookup(&key, t2, ttl)).is_none());
        assert_eq!(served(cache.lookup(&key, t2, ttl)), Some("old"));
        // Past the stale limit nothing old is served.
        let t3 = t0 + ttl + STALE_FOR;
        assert!(served(cache.lookup(&key, t3, ttl)).is_none());
        assert!(served(cache.lookup(&key, t3, ttl)).is_none());
    }
}
