//! `GET /api/v1/comments?item_type=&item_id=`: the published comments of one public item
//! with their official replies, oldest first. No e-mail, no account id, nothing pending or
//! rejected.

use axum::Json;
use axum::extract::Query;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::error::{AppError, AppResult, OptionExt};
use crate::web::Ctx;

use super::queries;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ListQuery {
    item_type: String,
    item_id: String,
}

/// The JSON answer (schema `CommentList` in `api/platform.json`).
#[derive(Debug, Serialize)]
pub struct CommentList {
    pub item_type: String,
    pub item_id: String,
    pub item_title: String,
    pub item_url: String,
    pub organisation_id: String,
    pub comments: Vec<PublicComment>,
}

/// One published comment, as the public may see it.
#[derive(Debug, Serialize)]
pub struct PublicComment {
    pub id: String,
    /// The display name the author chose, or null.
    pub name: Option<String>,
    pub body: String,
    pub published_at: DateTime<Utc>,
    pub reply: Option<PublicReply>,
}

/// The official reply of the owning organisation.
#[derive(Debug, Serialize)]
pub struct PublicReply {
    pub body: String,
    pub organisation_id: String,
    pub organisation_name: String,
    pub replied_at: DateTime<Utc>,
}

pub async fn list(ctx: Ctx, Query(q): Query<ListQuery>) -> AppResult<Response> {
    let (item_type, item_id) = (q.item_type.trim(), q.item_id.trim());
    if item_type.is_empty() || item_id.is_empty() {
        return Err(AppError::BadRequest("comment-error-api-params"));
    }
    let target = super::resolve(&ctx.state, item_type, item_id, ctx.lang())
        .await?
        .or_not_found()?;
    let rows = queries::published_on(&ctx.state.db, item_type, item_id, super::MAX_SHOWN).await?;
    // The organisation that answered: the one that owned the item when the comment came.
    let mut names: Vec<(String, String)> = Vec::new();
    let mut comments = Vec::with_capacity(rows.len());
    for c in rows {
        let reply = match (c.reply_body, c.reply_at) {
            (Some(body), Some(at)) => {
                let organisation_name = match names.iter().find(|(id, _)| *id == c.organisation_id)
                {
                    Some((_, name)) => name.clone(),
                    None => {
                        let name = queries::organisation_name(&ctx.state.db, &c.organisation_id)
                            .await?
                            .unwrap_or_default();
                        names.push((c.organisation_id.clone(), name.clone()));
                        name
                    }
                };
                Some(PublicReply {
                    body,
                    organisation_id: c.organisation_id.clone(),
                    organisation_name,
                    replied_at: at,
                })
            }
            _ => None,
        };
        comments.push(PublicComment {
            id: c.id.to_string(),
            name: (!c.author_name.trim().is_empty()).then(|| c.author_name.clone()),
            body: c.body,
            published_at: c.published_at.unwrap_or(c.created_at),
            reply,
        });
    }
    Ok(Json(CommentList {
        item_type: item_type.to_string(),
        item_id: item_id.to_string(),
        item_title: target.title,
        item_url: target.url,
        organisation_id: target.organisation_id,
        comments,
    })
    .into_response())
}
