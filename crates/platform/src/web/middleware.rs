//! The layers around every request, outermost first: metrics and tracing, security
//! headers, compression, translated error pages, panic → 500, and the request context
//! (language, signed-in actor, CSRF cookie).

use std::time::Instant;

use askama::Template;
use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn_with_state};
use axum::response::{Html, IntoResponse, Response};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::CompressionLayer;

use crate::accounts::session::{SESSION_COOKIE, actor_for_token};
use crate::authz::Actor;
use crate::error::ErrorReport;
use crate::i18n::Lang;
use crate::state::AppState;

use super::csrf::{CSRF_COOKIE, CsrfCookie, cookie};
use super::ctx::PageCtx;

pub const LANG_COOKIE: &str = "terbuka_lang";
/// Bodies of ordinary forms and JSON requests; upload routes raise it for themselves.
pub const DEFAULT_BODY_LIMIT: usize = 256 * 1024;

/// Wrap the composed router in the platform's layers (the last `.layer` is outermost).
pub fn apply(router: Router<AppState>, state: AppState) -> Router {
    router
        .layer(DefaultBodyLimit::max(DEFAULT_BODY_LIMIT))
        // A panic becomes a bare 500 here, which the error-page layer then translates.
        .layer(CatchPanicLayer::custom(
            |_: Box<dyn std::any::Any + Send>| {
                tracing::error!("a handler panicked");
                StatusCode::INTERNAL_SERVER_ERROR.into_response()
            },
        ))
        .layer(from_fn_with_state(state.clone(), error_pages))
        .layer(from_fn_with_state(state.clone(), super::page_cache::layer))
        .layer(from_fn_with_state(state.clone(), context))
        .layer(CompressionLayer::new())
        .layer(from_fn_with_state(state.clone(), security_headers))
        .layer(from_fn_with_state(state.clone(), observe))
        .with_state(state)
}

/// Count and log every request.
async fn observe(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let response = next.run(req).await;
    let elapsed = started.elapsed();
    state.metrics.observe(response.status().as_u16(), elapsed);
    tracing::info!(
        method = %method,
        path = %path,
        status = response.status().as_u16(),
        micros = u64::try_from(elapsed.as_micros()).unwrap_or(u64::MAX),
        "request answered"
    );
    response
}

async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let mut response = next.run(req).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: &'static str, value: &'static str| {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    };
    set(
        headers,
        "content-security-policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; \
         object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "x-frame-options", "DENY");
    set(
        headers,
        "referrer-policy",
        "strict-origin-when-cross-origin",
    );
    set(
        headers,
        "permissions-policy",
        "camera=(), microphone=(), geolocation=(self)",
    );
    set(headers, "cross-origin-opener-policy", "same-origin");
    if state.config.secure_cookies() {
        set(
            headers,
            "strict-transport-security",
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

/// Build the attributes of a cookie the portal sets.
pub fn cookie_header(state: &AppState, name: &str, value: &str, max_age_secs: i64) -> HeaderValue {
    let secure = if state.config.secure_cookies() {
        "; Secure"
    } else {
        ""
    };
    let header =
        format!("{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{secure}");
    HeaderValue::from_str(&header).unwrap_or(HeaderValue::from_static(""))
}

/// Language, actor and CSRF cookie for this request, placed in request extensions.
async fn context(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let headers = req.headers();
    let lang = cookie(headers, LANG_COOKIE)
        .and_then(Lang::parse)
        .unwrap_or_else(|| {
            Lang::from_accept_language(
                headers
                    .get(header::ACCEPT_LANGUAGE)
                    .and_then(|v| v.to_str().ok())
                    .unwrap_or(""),
            )
        });
    let actor = match cookie(headers, SESSION_COOKIE) {
        Some(token) if !token.is_empty() => {
            match actor_for_token(&state.db, token, state.clock.now()).await {
                Ok(actor) => actor,
                Err(err) => {
                    // The database is down: the handler's own queries will fail and the error
                    // page says so; as the public the visitor can at least read that page.
                    tracing::error!(error = %err, "session lookup failed");
                    Actor::public()
                }
            }
        }
        _ => Actor::public(),
    };
    let existing_csrf = cookie(headers, CSRF_COOKIE)
        .filter(|c| {
            c.len() >= 32
                && c.chars()
                    .all(|ch| ch.is_ascii_alphanumeric() || ch == '-' || ch == '_')
        })
        .map(str::to_string);
    let (csrf, new_cookie) = match existing_csrf {
        Some(c) => (c, false),
        None => (crate::accounts::session::random_token(), true),
    };
    req.extensions_mut().insert(lang);
    req.extensions_mut().insert(actor);
    req.extensions_mut().insert(CsrfCookie(csrf.clone()));
    let mut response = next.run(req).await;
    // Only pages that may hold a form need the cookie; skip it on assets and APIs.
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|ct| ct.starts_with("text/html"));
    if new_cookie && is_html {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookie_header(&state, CSRF_COOKIE, &csrf, 60 * 60 * 24 * 365),
        );
    }
    if is_html && !response.headers().contains_key(header::CACHE_CONTROL) {
        // Pages differ by visitor (language, account, CSRF token): never shared caches.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-cache"),
        );
    }
    response
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    t: &'a crate::i18n::Tr,
    status: u16,
    message: String,
    fields: Vec<(String, String)>,
}

/// Turn error statuses without a body of their own into translated pages or JSON errors.
/// Runs inside `context`, so the language and the actor are already known.
async fn error_pages(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let json = super::wants_json(
        req.uri().path(),
        req.headers()
            .get(header::ACCEPT)
            .and_then(|v| v.to_str().ok()),
    );
    let lang = req.extensions().get::<Lang>().copied().unwrap_or(Lang::Id);
    let actor = req.extensions().get::<Actor>().cloned().unwrap_or_default();
    let csrf = req.extensions().get::<CsrfCookie>().cloned();
    let uri = req
        .uri()
        .path_and_query()
        .map(|p| p.as_str().to_string())
        .unwrap_or_default();
    let response = next.run(req).await;
    let status = response.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let report = response.extensions().get::<ErrorReport>().cloned();
    let has_own_body = report.is_none()
        && response
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| {
                ct.starts_with("text/html")
                    || ct.starts_with("application/json")
                    || ct.starts_with("application/xml")
                    || ct.starts_with("text/xml")
            });
    if has_own_body {
        return response;
    }
    let report = report.unwrap_or_else(|| generic_report(status));
    let t = state.tr(lang);
    let message = t.t(&report.key);
    let fields: Vec<(String, String)> = report
        .fields
        .iter()
        .map(|f| (f.field.clone(), t.t(&f.key)))
        .collect();
    let mut out = if json {
        let fields_json: serde_json::Map<String, serde_json::Value> = fields
            .iter()
            .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
            .collect();
        let body =
            serde_json::json!({ "error": report.code, "message": message, "fields": fields_json });
        (status, axum::Json(body)).into_response()
    } else {
        let page = ErrorPage {
            t: &t,
            status: status.as_u16(),
            message,
            fields,
        };
        let body = page.render().unwrap_or_default();
        let ctx = PageCtx {
            t: t.clone(),
            actor,
            csrf: csrf
                .map(|c| super::csrf::token_for(&state.secret, &c.0))
                .unwrap_or_default(),
            uri,
            state: state.clone(),
        };
        let title = t.t("error-title");
        let html = super::shell::render(&ctx, &title, &body).unwrap_or(body);
        (status, Html(html)).into_response()
    };
    // Keep headers the handler meant (e.g. Retry-After, Allow, Set-Cookie).
    for name in [
        header::RETRY_AFTER,
        header::ALLOW,
        header::SET_COOKIE,
        header::WWW_AUTHENTICATE,
    ] {
        for value in response.headers().get_all(&name) {
            out.headers_mut().append(name.clone(), value.clone());
        }
    }
    out
}

fn generic_report(status: StatusCode) -> ErrorReport {
    let (code, key) = match status.as_u16() {
        400 => ("bad_request", "error-bad-request"),
        401 => ("unauthenticated", "error-unauthenticated"),
        403 => ("forbidden", "error-forbidden"),
        404 => ("not_found", "error-not-found"),
        405 => ("method_not_allowed", "error-method"),
        413 => ("payload_too_large", "error-too-large"),
        415 => ("unsupported_media_type", "error-media-type"),
        422 => ("validation_failed", "error-validation"),
        429 => ("too_many_requests", "error-rate-limited"),
        503 => ("unavailable", "error-unavailable"),
        s if s >= 500 => ("internal", "error-internal"),
        _ => ("bad_request", "error-bad-request"),
    };
    ErrorReport {
        code,
        key: key.into(),
        fields: Vec::new(),
    }
}

/// Language switch: `GET /bahasa/{id|en}?next=/path` sets the cookie and goes back.
pub async fn switch_language(
    State(state): State<AppState>,
    axum::extract::Path(code): axum::extract::Path<String>,
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Response {
    let Some(lang) = Lang::parse(&code) else {
        return crate::error::AppError::NotFound.into_response();
    };
    let next = super::routes::safe_next(q.get("next").map(String::as_str));
    let mut response = axum::response::Redirect::to(&next).into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(&state, LANG_COOKIE, lang.code(), 60 * 60 * 24 * 365),
    );
    response
}
