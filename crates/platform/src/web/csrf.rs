//! CSRF protection for every form: a random `terbuka_csrf` cookie (set by the context
//! middleware on first visit) and, in each form, a hidden `_csrf` field holding the
//! HMAC-SHA256 of that cookie under the server's secret. A cross-site attacker can neither
//! read the cookie nor compute the MAC. [`CsrfForm`] is the only form extractor handlers use.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use hmac::{Hmac, Mac};
use serde::de::DeserializeOwned;
use sha2::Sha256;

use crate::error::AppError;
use crate::state::AppState;

pub const CSRF_COOKIE: &str = "terbuka_csrf";
pub const CSRF_FIELD: &str = "_csrf";

/// The visitor's CSRF cookie value, placed in request extensions by the middleware.
#[derive(Clone, Debug)]
pub struct CsrfCookie(pub String);

/// The token to put in forms for this cookie.
pub fn token_for(secret: &[u8], cookie: &str) -> String {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return String::new();
    };
    mac.update(b"csrf:");
    mac.update(cookie.as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

/// Constant-time check of a submitted token.
pub fn verify(secret: &[u8], cookie: &str, submitted: &str) -> bool {
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else {
        return false;
    };
    mac.update(b"csrf:");
    mac.update(cookie.as_bytes());
    let Ok(submitted) = hex::decode(submitted) else {
        return false;
    };
    mac.verify_slice(&submitted).is_ok()
}

/// Read a cookie from the request headers.
pub fn cookie<'a>(headers: &'a axum::http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(axum::http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v)
}

/// An `application/x-www-form-urlencoded` form whose `_csrf` field has been checked.
/// A missing or wrong token is a 403 with a translated page; a body that does not fit `T`
/// is a 400; a body over the limit is a 413.
pub struct CsrfForm<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequest<AppState> for CsrfForm<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let cookie_value = cookie(req.headers(), CSRF_COOKIE).map(str::to_string);
        let is_form = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("application/x-www-form-urlencoded"));
        if !is_form {
            return Err(AppError::UnsupportedMediaType);
        }
        let body = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                AppError::PayloadTooLarge
            } else {
                AppError::BadRequest("error-bad-form")
            }
        })?;
        let submitted = form_urlencoded_field(&body, CSRF_FIELD);
        match (cookie_value, submitted) {
            (Some(c), Some(s)) if verify(&state.secret, &c, &s) => {}
            _ => return Err(AppError::Csrf),
        }
        let value = serde_urlencoded::from_bytes(&body)
            .map_err(|_| AppError::BadRequest("error-bad-form"))?;
        Ok(CsrfForm(value))
    }
}

/// The first value of `name` in a URL-encoded body.
pub fn form_urlencoded_field(body: &[u8], name: &str) -> Option<String> {
    serde_urlencoded::from_bytes::<Vec<(String, String)>>(body)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}
