//! `multipart/form-data` forms (file uploads) with the same CSRF check as
//! [`super::CsrfForm`]: the `_csrf` field must hold the MAC of the visitor's CSRF cookie.
//!
//! The whole body is read into memory up to the upload limit (`TERBUKA_MAX_UPLOAD_MB`) plus a
//! little room for the other fields; a larger body is a 413 before any handler runs. This
//! extractor sets its own limit, so upload routes need no `DefaultBodyLimit` of their own.

use std::convert::Infallible;

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Request};
use axum::http::StatusCode;
use tower::{Layer, ServiceExt};

use super::csrf::{CSRF_COOKIE, CSRF_FIELD, cookie, verify};
use crate::error::AppError;
use crate::state::AppState;

/// Room for the text fields and multipart framing on top of the file size limit.
pub const FORM_OVERHEAD: usize = 64 * 1024;

/// One uploaded file as the browser sent it (the name and type are only claims).
#[derive(Clone, Debug)]
pub struct UploadedFile {
    pub field: String,
    pub file_name: String,
    pub content_type: Option<String>,
    pub bytes: Bytes,
}

/// A multipart form whose `_csrf` field has been checked.
#[derive(Clone, Debug, Default)]
pub struct CsrfMultipart {
    pub fields: Vec<(String, String)>,
    pub files: Vec<UploadedFile>,
}

impl CsrfMultipart {
    /// The first text field called `name`.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first non-empty file sent in the field `name` (browsers send an empty part when
    /// no file was chosen).
    pub fn file(&self, name: &str) -> Option<&UploadedFile> {
        self.files
            .iter()
            .find(|f| f.field == name && !(f.bytes.is_empty() && f.file_name.is_empty()))
    }
}

fn multipart_error(err: &axum::extract::multipart::MultipartError) -> AppError {
    if err.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        AppError::BadRequest("error-bad-form")
    }
}

impl FromRequest<AppState> for CsrfMultipart {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &AppState) -> Result<Self, Self::Rejection> {
        let limit = state
            .config
            .max_upload_bytes()
            .saturating_add(FORM_OVERHEAD);
        let declared = req
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<usize>().ok());
        if declared.is_some_and(|n| n > limit) {
            return Err(AppError::PayloadTooLarge);
        }
        let is_multipart = req
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|ct| ct.starts_with("multipart/form-data"));
        if !is_multipart {
            return Err(AppError::UnsupportedMediaType);
        }
        let cookie_value = cookie(req.headers(), CSRF_COOKIE).map(str::to_string);
        // Replace the site-wide body limit (small, for ordinary forms) with the upload limit:
        // the DefaultBodyLimit layer sets it on the request as it passes.
        let pass = tower::service_fn(|req: Request| async move { Ok::<_, Infallible>(req) });
        let req = match DefaultBodyLimit::max(limit).layer(pass).oneshot(req).await {
            Ok(req) => req,
            Err(never) => match never {},
        };
        let mut multipart = Multipart::from_request(req, state)
            .await
            .map_err(|_| AppError::BadRequest("error-bad-form"))?;
        let mut form = CsrfMultipart::default();
        while let Some(field) = multipart
            .next_field()
            .await
            .map_err(|e| multipart_error(&e))?
        {
            let name = field.name().unwrap_or("").to_string();
            match field.file_name().map(str::to_string) {
                Some(file_name) => {
                    let content_type = field.content_type().map(str::to_string);
                    let bytes = field.bytes().await.map_err(|e| multipart_error(&e))?;
                    form.files.push(UploadedFile {
                        field: name,
                        file_name,
                        content_type,
                        bytes,
                    });
                }
                None => {
                    let value = field.text().await.map_err(|e| multipart_error(&e))?;
                    form.fields.push((name, value));
                }
            }
        }
        match (cookie_value, form.text(CSRF_FIELD)) {
            (Some(c), Some(s)) if verify(&state.secret, &c, s) => Ok(form),
            _ => Err(AppError::Csrf),
        }
    }
}
