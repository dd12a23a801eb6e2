//! Static assets embedded in the binary and served under content-hashed names, so that
//! browsers may cache them for a year.

use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};

use crate::state::AppState;

const CSS: &str = include_str!("../../static/app.css");
const FAVICON: &str = include_str!("../../static/favicon.svg");

#[derive(Clone, Debug)]
pub struct Assets {
    css_path: String,
    favicon_path: String,
}

fn hashed(name: &str, ext: &str, bytes: &[u8]) -> String {
    let digest = hex::encode(Sha256::digest(bytes));
    format!("/static/{name}-{}.{ext}", &digest[..12])
}

impl Default for Assets {
    fn default() -> Assets {
        Assets {
            css_path: hashed("app", "css", CSS.as_bytes()),
            favicon_path: hashed("favicon", "svg", FAVICON.as_bytes()),
        }
    }
}

impl Assets {
    pub fn css_path(&self) -> &str {
        &self.css_path
    }

    pub fn favicon_path(&self) -> &str {
        &self.favicon_path
    }
}

/// `GET /static/{file}`: only the current hashed names exist.
pub async fn serve(State(state): State<AppState>, Path(file): Path<String>) -> Response {
    let requested = format!("/static/{file}");
    let (body, content_type) = if requested == state.assets.css_path {
        (CSS, "text/css; charset=utf-8")
    } else if requested == state.assets.favicon_path {
        (FAVICON, "image/svg+xml")
    } else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        body,
    )
        .into_response()
}

/// `GET /favicon.ico`: browsers ask for it regardless; send them to the SVG.
pub async fn favicon(State(state): State<AppState>) -> Response {
    axum::response::Redirect::permanent(state.assets.favicon_path()).into_response()
}
