//! `/kelola/komentar`: the moderation and reply inbox of the organisations a staff member
//! may moderate for (admins: every organisation), in three tabs — waiting for moderation,
//! published without an official reply, all. Publish (optionally with the official reply
//! in the same step), reject with a reason, or answer a published comment. Each action is
//! one transaction with its audit entry and, where the author is told, the queued mail in
//! the language they wrote in.

use askama::Template;
use axum::extract::{Path, Query};
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::audit::{self, Change};
use crate::authz::{Action, Actor, may};
use crate::db::Tx;
use crate::error::{AppError, AppResult, FieldError, OptionExt};
use crate::i18n::{Arg, Lang, Tr};
use crate::state::AppState;
use crate::web::{CsrfForm, PageCtx};

use super::queries::{self, Comment, Tab};
use super::{MAX_REPLY, display_name, lines};

pub const PAGE_SIZE: i64 = 25;

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct InboxQuery {
    org: String,
    tab: String,
    page: Option<i64>,
    ok: String,
}

/// One comment in the inbox. The author's e-mail is not shown here either: staff answer
/// in public, and the platform writes to the author.
pub struct Line {
    pub id: String,
    pub item_title: String,
    pub item_url: String,
    pub organisation: String,
    pub author: String,
    pub signed_in: bool,
    pub lines: Vec<String>,
    pub received: String,
    pub status: String,
    pub status_label: String,
    pub reject_reason: String,
    pub reply: Option<(Vec<String>, String, String)>,
}

#[derive(Template)]
#[template(path = "comments/inbox.html")]
struct InboxPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    /// (id, name, selected); an admin's first entry is every organisation (id "").
    orgs: Vec<(String, String, bool)>,
    /// (label, href, selected)
    tabs: Vec<(String, String, bool)>,
    lines: Vec<Line>,
    total: i64,
    pager: crate::admin::Pager,
    notice: Option<String>,
    back: String,
}

/// The organisations whose comments `actor` may moderate, among `names`.
fn moderated_by(actor: &Actor, names: Vec<(String, String)>) -> Vec<(String, String)> {
    names
        .into_iter()
        .filter(|(id, _)| may(actor, Action::ModerateComments, id))
        .collect()
}

pub async fn inbox(ctx: PageCtx, Query(q): Query<InboxQuery>) -> AppResult<Response> {
    let names = queries::organisation_names(&ctx.state.db).await?;
    let choosable = moderated_by(&ctx.actor, names.clone());
    let requested = q.org.trim();
    let org = if !requested.is_empty() {
        if !choosable.iter().any(|(id, _)| id == requested) {
            return Err(AppError::Forbidden);
        }
        requested.to_string()
    } else if ctx.actor.is_admin() {
        String::new()
    } else {
        choosable
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default()
    };
    let tab = Tab::parse(q.tab.trim());
    let page = q.page.unwrap_or(1).clamp(1, 100_000);
    // Someone who moderates for no organisation sees an empty inbox, not everyone's.
    let (rows, total) = if org.is_empty() && !ctx.actor.is_admin() {
        (Vec::new(), 0)
    } else {
        (
            queries::inbox(&ctx.state.db, &org, tab, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?,
            queries::count_inbox(&ctx.state.db, &org, tab).await?,
        )
    };
    let t = &ctx.t;
    let name_of = |id: &str| {
        names
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let lines = rows
        .iter()
        .map(|c| Line {
            id: c.id.to_string(),
            item_title: c.item_title.clone(),
            item_url: c.item_url.clone(),
            organisation: name_of(&c.organisation_id),
            author: display_name(t, &c.author_name),
            signed_in: c.author_user_id.is_some(),
            lines: lines(&c.body),
            received: t.datetime(&c.created_at),
            status: c.status.clone(),
            status_label: t.t(&format!("comment-status-{}", c.status)),
            reject_reason: c.reject_reason.clone(),
            reply: match (&c.reply_body, c.reply_at) {
                (Some(body), Some(at)) => Some((
                    lines(body),
                    c.reply_by_name.clone().unwrap_or_default(),
                    t.datetime(&at),
                )),
                _ => None,
            },
        })
        .collect();
    let mut orgs: Vec<(String, String, bool)> = Vec::new();
    if ctx.actor.is_admin() {
        orgs.push((String::new(), t.t("comment-inbox-all-orgs"), org.is_empty()));
    }
    orgs.extend(
        choosable
            .into_iter()
            .map(|(id, name)| (id.clone(), name, id == org)),
    );
    let org_q: String = serde_urlencoded::to_string([("org", org.as_str())]).unwrap_or_default();
    let tabs = Tab::ALL
        .into_iter()
        .map(|tb| {
            (
                t.t(&format!("comment-tab-{}", tb.as_str())),
                format!("/kelola/komentar?{org_q}&tab={}", tb.as_str()),
                tb == tab,
            )
        })
        .collect();
    let base = format!("/kelola/komentar?{org_q}&tab={}", tab.as_str());
    let notice = match q.ok.as_str() {
        "published" | "rejected" | "replied" => Some(t.t(&format!("comment-done-{}", q.ok))),
        _ => None,
    };
    let body = InboxPage {
        t,
        csrf: &ctx.csrf,
        orgs,
        tabs,
        lines,
        total,
        pager: crate::admin::Pager::new(t, &base, page, PAGE_SIZE, total),
        notice,
        back: base.clone(),
    };
    ctx.page(&t.t("comment-inbox-title"), &body)
}

/// What the staff forms submit: an official reply (publish, reply) or a reason (reject),
/// and where to go back to.
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct ActionForm {
    reply: String,
    reason: String,
    back: String,
}

/// Load the comment and check that `actor` may moderate it, inside the transaction.
async fn load(tx: &mut Tx, actor: &Actor, id: &str) -> AppResult<Comment> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    let comment = queries::by_id_tx(tx, id).await?.or_not_found()?;
    if !may(actor, Action::ModerateComments, &comment.organisation_id) {
        return Err(AppError::Forbidden);
    }
    Ok(comment)
}

/// Only the inbox's own addresses are followed back (no open redirect).
fn back_to(form: &ActionForm, ok: &str) -> Response {
    let back = if form.back.starts_with("/kelola/komentar?") && !form.back.contains("//") {
        form.back.as_str()
    } else {
        "/kelola/komentar?"
    };
    let back: String = back
        .split('&')
        .filter(|p| !p.starts_with("ok="))
        .collect::<Vec<_>>()
        .join("&");
    Redirect::to(&format!("{back}&ok={ok}")).into_response()
}

fn checked_text(text: &str, field: &str, required: bool) -> Result<Option<String>, AppError> {
    let text = text.trim();
    if text.is_empty() {
        return if required {
            Err(AppError::Validation(vec![FieldError::new(
                field,
                "comment-error-reply-required",
            )]))
        } else {
            Ok(None)
        };
    }
    if text.chars().count() > MAX_REPLY {
        return Err(AppError::Validation(vec![FieldError::new(
            field,
            "comment-error-reply-long",
        )]));
    }
    Ok(Some(text.to_string()))
}

async fn audit_change(
    tx: &mut Tx,
    actor: &Actor,
    action: &str,
    before: &Comment,
    after: &Comment,
) -> Result<(), sqlx::Error> {
    let id = before.id.to_string();
    audit::record(
        tx,
        actor,
        after.updated_at,
        Change {
            action,
            entity_type: "comment",
            entity_id: &id,
            organisation_id: Some(&before.organisation_id),
            before: serde_json::to_value(before).ok(),
            after: serde_json::to_value(after).ok(),
        },
    )
    .await
}

/// Tell the author, in the language they wrote in, that their comment is public (and, when
/// it came with it, what the official answer says).
async fn mail_author(
    tx: &mut Tx,
    state: &AppState,
    c: &Comment,
    organisation: &str,
) -> Result<(), sqlx::Error> {
    if c.author_email.is_empty() {
        return Ok(());
    }
    let t = state.tr(Lang::parse(&c.lang).unwrap_or(Lang::Id));
    let url = format!(
        "{}{}#komentar-{}",
        state.config.public_url.trim_end_matches('/'),
        c.item_url,
        c.id.simple()
    );
    let args = [
        ("title", Arg::Str(c.item_title.clone())),
        ("url", Arg::Str(url)),
        ("organisation", Arg::Str(organisation.to_string())),
        ("reply", Arg::Str(c.reply_body.clone().unwrap_or_default())),
    ];
    let (subject, body) = if c.reply_body.is_some() {
        (
            t.ta("comment-mail-reply-subject", &args),
            t.ta("comment-mail-reply-body", &args),
        )
    } else {
        (
            t.ta("comment-mail-published-subject", &args),
            t.ta("comment-mail-published-body", &args),
        )
    };
    crate::mail::queue(tx, c.updated_at, &c.author_email, &subject, &body).await?;
    Ok(())
}

fn staff_name(actor: &Actor) -> String {
    actor.label()
}

/// `POST /kelola/komentar/{id}/terbitkan`: publish a pending comment, with the official
/// reply when one is written; the author is told by e-mail.
pub async fn publish(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> AppResult<Response> {
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before = load(&mut tx, &ctx.actor, &id).await?;
    if before.status != "pending" {
        return Err(AppError::Conflict("comment-error-not-pending"));
    }
    let reply = checked_text(&form.reply, "reply", false)?;
    let mut after = Comment {
        status: "published".into(),
        moderated_by: ctx.actor.user_id(),
        moderated_at: Some(now),
        published_at: Some(now),
        updated_at: now,
        ..before.clone()
    };
    if let Some(reply) = reply {
        after.reply_body = Some(reply);
        after.reply_by = ctx.actor.user_id();
        after.reply_by_name = Some(staff_name(&ctx.actor));
        after.reply_at = Some(now);
    }
    queries::update(&mut tx, &after).await?;
    audit_change(&mut tx, &ctx.actor, "comment.publish", &before, &after).await?;
    if after.reply_body.is_some() {
        audit_change(&mut tx, &ctx.actor, "comment.reply", &before, &after).await?;
    }
    let organisation = queries::organisation_name_tx(&mut tx, &after.organisation_id)
        .await?
        .unwrap_or_default();
    mail_author(&mut tx, &ctx.state, &after, &organisation).await?;
    tx.commit().await?;
    Ok(back_to(&form, "published"))
}

/// `POST /kelola/komentar/{id}/tolak`: reject a pending comment with a reason (kept for the
/// audit and the inbox; never public).
pub async fn reject(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> AppResult<Response> {
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before = load(&mut tx, &ctx.actor, &id).await?;
    if before.status != "pending" {
        return Err(AppError::Conflict("comment-error-not-pending"));
    }
    let reason = checked_text(&form.reason, "reason", true)?.unwrap_or_default();
    let after = Comment {
        status: "rejected".into(),
        reject_reason: reason,
        moderated_by: ctx.actor.user_id(),
        moderated_at: Some(now),
        updated_at: now,
        ..before.clone()
    };
    queries::update(&mut tx, &after).await?;
    audit_change(&mut tx, &ctx.actor, "comment.reject", &before, &after).await?;
    tx.commit().await?;
    Ok(back_to(&form, "rejected"))
}

/// `POST /kelola/komentar/{id}/balas`: the official reply to a published comment (one per
/// comment); the author is told by e-mail.
pub async fn reply(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<ActionForm>,
) -> AppResult<Response> {
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before = load(&mut tx, &ctx.actor, &id).await?;
    if before.status != "published" {
        return Err(AppError::Conflict("comment-error-not-published"));
    }
    if before.reply_body.is_some() {
        return Err(AppError::Conflict("comment-error-replied"));
    }
    let reply = checked_text(&form.reply, "reply", true)?;
    let after = Comment {
        reply_body: reply,
        reply_by: ctx.actor.user_id(),
        reply_by_name: Some(staff_name(&ctx.actor)),
        reply_at: Some(now),
        updated_at: now,
        ..before.clone()
    };
    queries::update(&mut tx, &after).await?;
    audit_change(&mut tx, &ctx.actor, "comment.reply", &before, &after).await?;
    let organisation = queries::organisation_name_tx(&mut tx, &after.organisation_id)
        .await?
        .unwrap_or_default();
    mail_author(&mut tx, &ctx.state, &after, &organisation).await?;
    tx.commit().await?;
    Ok(back_to(&form, "replied"))
}
