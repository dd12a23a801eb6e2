//! One error type for every handler.
//!
//! Known failures carry an HTTP status, a stable snake_case `code` and a translation key; the
//! error-page middleware in [`crate::web`] renders them as a translated HTML page or as JSON
//! `{"error": code, "message": …, "fields": {…}}`, depending on the route. Anything else
//! (`Internal`) is logged with its cause chain and answered with a generic 500 that reveals
//! nothing.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// A field-level validation problem: the field name and the translation key of the message.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct FieldError {
    pub field: String,
    pub key: String,
}

impl FieldError {
    pub fn new(field: &str, key: &str) -> FieldError {
        FieldError {
            field: field.into(),
            key: key.into(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("CSRF token missing or wrong")]
    Csrf,
    #[error("bad request: {0}")]
    BadRequest(&'static str),
    #[error("validation failed")]
    Validation(Vec<FieldError>),
    #[error("conflict: {0}")]
    Conflict(&'static str),
    #[error("payload too large")]
    PayloadTooLarge,
    #[error("unsupported media type")]
    UnsupportedMediaType,
    #[error("too many requests")]
    TooManyRequests,
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

pub type AppResult<T> = Result<T, AppError>;

impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> AppError {
        match err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            other => AppError::Internal(anyhow::Error::new(other).context("database")),
        }
    }
}

/// What the error-page middleware needs to render an error, stored in response extensions.
#[derive(Clone, Debug)]
pub struct ErrorReport {
    pub code: &'static str,
    /// Translation key of the message shown to people.
    pub key: String,
    pub fields: Vec<FieldError>,
}

impl AppError {
    pub fn status(&self) -> StatusCode {
        match self {
            AppError::NotFound => StatusCode::NOT_FOUND,
            AppError::Unauthenticated => StatusCode::UNAUTHORIZED,
            AppError::Forbidden | AppError::Csrf => StatusCode::FORBIDDEN,
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_) => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::Conflict(_) => StatusCode::CONFLICT,
            AppError::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            AppError::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    pub fn report(&self) -> ErrorReport {
        let (code, key): (&'static str, String) = match self {
            AppError::NotFound => ("not_found", "error-not-found".into()),
            AppError::Unauthenticated => ("unauthenticated", "error-unauthenticated".into()),
            AppError::Forbidden => ("forbidden", "error-forbidden".into()),
            AppError::Csrf => ("csrf_failed", "error-csrf".into()),
            AppError::BadRequest(key) => ("bad_request", (*key).into()),
            AppError::Validation(_) => ("validation_failed", "error-validation".into()),
            AppError::Conflict(key) => ("conflict", (*key).into()),
            AppError::PayloadTooLarge => ("payload_too_large", "error-too-large".into()),
            AppError::UnsupportedMediaType => ("unsupported_media_type", "error-media-type".into()),
            AppError::TooManyRequests => ("too_many_requests", "error-rate-limited".into()),
            AppError::Internal(_) => ("internal", "error-internal".into()),
        };
        let fields = match self {
            AppError::Validation(fields) => fields.clone(),
            _ => Vec::new(),
        };
        ErrorReport { code, key, fields }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(err) = &self {
            tracing::error!(error = format!("{err:#}"), "internal error");
        }
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self.report());
        response
    }
}

/// Shorthand for handlers: `.or_not_found()?` on an `Option`.
pub trait OptionExt<T> {
    fn or_not_found(self) -> AppResult<T>;
}

impl<T> OptionExt<T> for Option<T> {
    fn or_not_found(self) -> AppResult<T> {
        self.ok_or(AppError::NotFound)
    }
}
