//! The request context handed to every page handler: the translator for the visitor's
//! language, who the visitor is, the CSRF token for forms, and the shell to render into.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::response::{Html, IntoResponse, Response};

use crate::authz::Actor;
use crate::error::{AppError, AppResult};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;

use super::csrf::{CsrfCookie, token_for};

/// Context for page (HTML) handlers.
#[derive(Clone, Debug)]
pub struct PageCtx {
    pub t: Tr,
    pub actor: Actor,
    /// The value for the hidden `_csrf` field of every form on the page.
    pub csrf: String,
    /// Path and query of this request (for the language switch and `next=` links).
    pub uri: String,
    pub state: AppState,
}

/// Context for JSON handlers: who asks and in which language errors are read.
pub type Ctx = PageCtx;

impl FromRequestParts<AppState> for PageCtx {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let lang = parts.extensions.get::<Lang>().copied().unwrap_or(Lang::Id);
        let actor = parts.extensions.get::<Actor>().cloned().unwrap_or_default();
        let csrf = parts
            .extensions
            .get::<CsrfCookie>()
            .map(|c| token_for(&state.secret, &c.0))
            .unwrap_or_default();
        let uri = parts
            .uri
            .path_and_query()
            .map(|p| p.as_str().to_string())
            .unwrap_or_else(|| "/".into());
        Ok(PageCtx {
            t: state.tr(lang),
            actor,
            csrf,
            uri,
            state: state.clone(),
        })
    }
}

impl PageCtx {
    pub fn lang(&self) -> Lang {
        self.t.lang
    }

    /// Render `body` (a module's askama template) inside the site layout, status 200.
    pub fn page(&self, title: &str, body: &impl askama::Template) -> AppResult<Response> {
        let body = body
            .render()
            .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("template")))?;
        Ok(Html(super::shell::render(self, title, &body)?).into_response())
    }

    /// Render with another status (e.g. 422 for a form shown again with its errors).
    pub fn page_with_status(
        &self,
        status: axum::http::StatusCode,
        title: &str,
        body: &impl askama::Template,
    ) -> AppResult<Response> {
        let mut response = self.page(title, body)?;
        *response.status_mut() = status;
        Ok(response)
    }

    /// Pick the Indonesian or English variant of stored bilingual text.
    pub fn pick<'a>(&self, id: &'a str, en: &'a str) -> &'a str {
        match self.lang() {
            Lang::En if !en.trim().is_empty() => en,
            _ => id,
        }
    }
}
