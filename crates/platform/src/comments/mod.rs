//! Comments: public comments on any public item, moderated, with an official reply from the
//! organisation that owns the item. One implementation every module attaches to its items.
//!
//! **Pre-moderation.** Nothing a visitor writes is public until staff of the owning
//! organisation publish it, as Indonesian government sites do: a comment starts `pending`
//! and becomes `published` or `rejected` (with a reason the author is not shown publicly).
//! The author's e-mail (required for guests; the account's address for signed-in people) is
//! used only to tell them their comment was published and that the official reply came, in
//! the language they wrote in; it never appears on a page, in the API or in an export. The
//! display name is optional and public.
//!
//! **Attaching comments to a module's items.** A module lists its item types in
//! [`crate::Module::comment_items`]: an [`CommentItemType`] names the type (`news`,
//! `budget.sub_kegiatan`) and gives a resolver that, for an item id, answers the item's
//! title, public path and owning organisation — or `None` when no such public item exists.
//! The platform calls the resolver when a comment is posted (so `POST /komentar` checks the
//! target without knowing modules) and when a section or the API is shown. Then:
//!
//! 1. in the item's handler: `let comments = platform::comments::section(&ctx, "news", &slug).await?;`
//! 2. put it in the page's template struct (`comments: CommentsSection`) and write
//!    `{{ comments|safe }}` where the discussion goes: [`CommentsSection`] is itself a
//!    template (`templates/comments/section.html`: the published comments with their
//!    official replies, then the form posting to `/komentar`).
//!
//! The item page shows a "sent, waiting for moderation" notice when it is opened with
//! `?komentar=terkirim` (where `POST /komentar` sends the author back). Staff moderate and
//! answer in `/kelola/komentar` ([`staff`]); `GET /api/v1/comments` ([`api`]) serves the
//! published comments of one item as JSON.

pub mod api;
pub mod queries;
pub mod staff;

use std::future::Future;
use std::pin::Pin;

use askama::Template;
use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use crate::accounts::pages::ClientIp;
use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::{Lang, Tr};
use crate::state::AppState;
use crate::web::{CsrfForm, PageCtx};

use queries::Comment;

/// Longest comment body, in characters.
pub const MAX_BODY: usize = 2_000;
/// Shortest comment body, in characters (a bare "ok" is not a comment).
pub const MIN_BODY: usize = 3;
/// Longest display name.
pub const MAX_NAME: usize = 80;
/// Longest official reply and rejection reason.
pub const MAX_REPLY: usize = 4_000;
/// At most this many published comments are shown on one item (and served by the API).
pub const MAX_SHOWN: i64 = 500;
/// The rate-limit bucket of guests' comments (`web::rate_limit`); the limit is the
/// setting `guest_submissions_per_hour`, shared with the other anonymous submissions.
pub const GUEST_BUCKET: &str = "comments.guest";
/// The query parameter the item page is opened with after a comment was sent.
pub const SENT_QUERY: &str = "komentar=terkirim";

/// A public item that can take comments, as its module describes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CommentTarget {
    /// The item's title in the language asked for.
    pub title: String,
    /// The item's public path (`/berita/papan-informasi`): where the author goes back to.
    pub url: String,
    /// The organisation that moderates its comments and answers them.
    pub organisation_id: String,
}

/// What a resolver returns: the item, or `None` when there is no such public item.
pub type Resolving<'a> =
    Pin<Box<dyn Future<Output = AppResult<Option<CommentTarget>>> + Send + 'a>>;

/// One type of item a module lets people comment on.
#[derive(Clone, Copy)]
pub struct CommentItemType {
    /// Stable name stored with each comment: `news`, `budget.sub_kegiatan`. Lower case,
    /// dots and underscores.
    pub item_type: &'static str,
    /// Find a public item by its id (the title in `lang`); drafts, withdrawn and unknown
    /// ids are `None`.
    pub resolve: for<'a> fn(&'a AppState, &'a str, Lang) -> Resolving<'a>,
}

impl std::fmt::Debug for CommentItemType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CommentItemType")
            .field("item_type", &self.item_type)
            .finish()
    }
}

/// Resolve `item_type`/`item_id` through the module that declared the type; `None` for an
/// unknown type or no such public item.
pub async fn resolve(
    state: &AppState,
    item_type: &str,
    item_id: &str,
    lang: Lang,
) -> AppResult<Option<CommentTarget>> {
    let Some(declared) = state
        .comment_items
        .iter()
        .find(|t| t.item_type == item_type)
    else {
        return Ok(None);
    };
    if item_id.is_empty() || item_id.len() > 200 {
        return Ok(None);
    }
    (declared.resolve)(state, item_id, lang).await
}

/// Paragraphs of lines, for plain text shown with its line breaks (everything escaped).
fn lines(text: &str) -> Vec<String> {
    text.replace("\r\n", "\n")
        .lines()
        .map(|l| l.trim_end().to_string())
        .collect()
}

/// The display name, or the anonymous label when the author left none.
fn display_name(t: &Tr, name: &str) -> String {
    if name.trim().is_empty() {
        t.t("comment-anonymous")
    } else {
        name.to_string()
    }
}

/// One published comment as a page shows it (no e-mail, no account).
pub struct CommentView {
    pub anchor: String,
    pub name: String,
    pub lines: Vec<String>,
    pub when: String,
    pub when_iso: String,
    pub reply: Option<ReplyView>,
}

/// An official reply as a page shows it: the organisation answers, not a person.
pub struct ReplyView {
    pub organisation: String,
    pub lines: Vec<String>,
    pub when: String,
}

fn iso(at: &chrono::DateTime<chrono::Utc>) -> String {
    at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

async fn comment_views(state: &AppState, t: &Tr, rows: &[Comment]) -> AppResult<Vec<CommentView>> {
    let mut names: Vec<(String, String)> = Vec::new();
    let mut out = Vec::with_capacity(rows.len());
    for c in rows {
        let published = c.published_at.unwrap_or(c.created_at);
        let reply = match (&c.reply_body, c.reply_at) {
            (Some(body), Some(at)) => {
                let organisation = match names.iter().find(|(id, _)| *id == c.organisation_id) {
                    Some((_, n)) => n.clone(),
                    None => {
                        let n = queries::organisation_name(&state.db, &c.organisation_id)
                            .await?
                            .unwrap_or_else(|| c.organisation_id.clone());
                        names.push((c.organisation_id.clone(), n.clone()));
                        n
                    }
                };
                Some(ReplyView {
                    organisation,
                    lines: lines(body),
                    when: t.datetime(&at),
                })
            }
            _ => None,
        };
        out.push(CommentView {
            anchor: format!("komentar-{}", c.id.simple()),
            name: display_name(t, &c.author_name),
            lines: lines(&c.body),
            when: t.datetime(&published),
            when_iso: iso(&published),
            reply,
        });
    }
    Ok(out)
}

/// What the comment form submits. Unknown fields (`_csrf`) are ignored.
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct CommentForm {
    pub item_type: String,
    pub item_id: String,
    pub name: String,
    pub email: String,
    pub body: String,
}

/// The discussion of one item, ready to be placed in a module's page with
/// `{{ comments|safe }}`: the published comments with their official replies, then the
/// form (or, on the page `POST /komentar` shows when the input is refused, the form with
/// its messages).
#[derive(Template)]
#[template(path = "comments/section.html")]
pub struct CommentsSection {
    pub t: Tr,
    pub csrf: String,
    pub item_type: String,
    pub item_id: String,
    pub comments: Vec<CommentView>,
    pub form: CommentForm,
    /// (field, translated message); `form` for the whole form.
    pub errors: Vec<(String, String)>,
    pub guest: bool,
    /// The author just sent a comment: say that it waits for moderation.
    pub sent: bool,
    /// The same discussion as JSON.
    pub api_url: String,
    pub max_body: usize,
    /// On the standalone page of refused input: the item's title and path, to go back.
    pub back: Option<(String, String)>,
    /// For anonymous visitors on the item's page: a link to the form on its own page
    /// (`GET /komentar/tulis`) instead of the form. A form carries the visitor's CSRF token,
    /// which would keep the item's page out of the micro-cache for everyone.
    pub write_url: Option<String>,
}

impl CommentsSection {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

fn api_url(item_type: &str, item_id: &str) -> String {
    let q = serde_urlencoded::to_string([("item_type", item_type), ("item_id", item_id)])
        .unwrap_or_default();
    format!("/api/v1/comments?{q}")
}

/// The discussion of `item_type`/`item_id` for the page `ctx` renders: the published
/// comments and an empty form. The module has already checked that the item is public.
pub async fn section(ctx: &PageCtx, item_type: &str, item_id: &str) -> AppResult<CommentsSection> {
    let rows = queries::published_on(&ctx.state.db, item_type, item_id, MAX_SHOWN).await?;
    let sent = ctx
        .uri
        .split_once('?')
        .is_some_and(|(_, q)| q.split('&').any(|p| p == SENT_QUERY));
    Ok(CommentsSection {
        t: ctx.t.clone(),
        csrf: ctx.csrf.clone(),
        item_type: item_type.to_string(),
        item_id: item_id.to_string(),
        comments: comment_views(&ctx.state, &ctx.t, &rows).await?,
        form: CommentForm::default(),
        errors: Vec::new(),
        guest: !ctx.actor.is_signed_in(),
        sent,
        api_url: api_url(item_type, item_id),
        max_body: MAX_BODY,
        back: None,
        write_url: (!ctx.actor.is_signed_in()).then(|| write_url(item_type, item_id)),
    })
}

fn write_url(item_type: &str, item_id: &str) -> String {
    let q = serde_urlencoded::to_string([("item_type", item_type), ("item_id", item_id)])
        .unwrap_or_default();
    format!("/komentar/tulis?{q}")
}

#[derive(Template)]
#[template(path = "comments/refused.html")]
struct RefusedPage<'a> {
    title: &'a str,
    section: CommentsSection,
}

/// Field problems of a submitted comment, each with the key of its message.
pub fn validate(form: &CommentForm, guest: bool) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if form.name.trim().chars().count() > MAX_NAME {
        errors.push(FieldError::new("name", "comment-error-name-long"));
    }
    if guest {
        if form.email.trim().is_empty() {
            errors.push(FieldError::new("email", "comment-error-email-required"));
        } else if crate::accounts::validate::email(&form.email).is_err() {
            errors.push(FieldError::new("email", "comment-error-email"));
        }
    }
    let body = form.body.trim().chars().count();
    if body == 0 {
        errors.push(FieldError::new("body", "comment-error-body-required"));
    } else if body < MIN_BODY {
        errors.push(FieldError::new("body", "comment-error-body-short"));
    } else if body > MAX_BODY {
        errors.push(FieldError::new("body", "comment-error-body-long"));
    }
    errors
}

/// The form shown again with its messages (and what was typed), nothing written.
async fn refuse(
    ctx: &PageCtx,
    status: StatusCode,
    form: CommentForm,
    target: Option<&CommentTarget>,
    errors: &[FieldError],
) -> AppResult<Response> {
    let mut section = match target {
        Some(_) => section(ctx, &form.item_type, &form.item_id).await?,
        None => CommentsSection {
            t: ctx.t.clone(),
            csrf: ctx.csrf.clone(),
            item_type: String::new(),
            item_id: String::new(),
            comments: Vec::new(),
            form: CommentForm::default(),
            errors: Vec::new(),
            guest: !ctx.actor.is_signed_in(),
            sent: false,
            api_url: String::new(),
            max_body: MAX_BODY,
            back: None,
            write_url: None,
        },
    };
    section.sent = false;
    section.write_url = None;
    section.back = target.map(|t| (t.title.clone(), t.url.clone()));
    section.errors = errors
        .iter()
        .map(|e| (e.field.clone(), ctx.t.t(&e.key)))
        .collect();
    section.form = form;
    let title = if errors.is_empty() {
        ctx.t.t("comment-form-title")
    } else {
        ctx.t.t("comment-refused-title")
    };
    let page = RefusedPage {
        title: &title,
        section,
    };
    ctx.page_with_status(status, &title, &page)
}

#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct WriteQuery {
    item_type: String,
    item_id: String,
}

/// `GET /komentar/tulis?item_type=&item_id=`: the comment form on a page of its own, with a
/// link back to the item (where anonymous visitors find a link to it).
pub async fn write(ctx: PageCtx, Query(q): Query<WriteQuery>) -> AppResult<Response> {
    let form = CommentForm {
        item_type: q.item_type.trim().to_string(),
        item_id: q.item_id.trim().to_string(),
        ..CommentForm::default()
    };
    let target = resolve(&ctx.state, &form.item_type, &form.item_id, ctx.lang())
        .await?
        .ok_or(AppError::NotFound)?;
    refuse(&ctx, StatusCode::OK, form, Some(&target), &[]).await
}

/// `POST /komentar`: a visitor (guest or signed in) comments on a public item. Validated
/// in full, guests rate-limited per address; the comment is stored `pending` and the
/// author sent back to the item with a notice. On any refusal nothing is written.
pub async fn post(
    ctx: PageCtx,
    ClientIp(client): ClientIp,
    CsrfForm(form): CsrfForm<CommentForm>,
) -> AppResult<Response> {
    let form = CommentForm {
        item_type: form.item_type.trim().to_string(),
        item_id: form.item_id.trim().to_string(),
        name: form.name.trim().to_string(),
        email: form.email.trim().to_string(),
        body: form.body.trim_end().to_string(),
    };
    let Some(target) = resolve(&ctx.state, &form.item_type, &form.item_id, ctx.lang()).await?
    else {
        let error = FieldError::new("form", "comment-error-item");
        return refuse(&ctx, StatusCode::NOT_FOUND, form, None, &[error]).await;
    };
    let guest = !ctx.actor.is_signed_in();
    let errors = validate(&form, guest);
    if !errors.is_empty() {
        return refuse(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            form,
            Some(&target),
            &errors,
        )
        .await;
    }
    let now = ctx.state.clock.now();
    if guest
        && !crate::web::rate_limit::admit(
            &ctx.state.db,
            GUEST_BUCKET,
            &client,
            ctx.state.config.guest_submissions_per_hour,
            now,
        )
        .await?
    {
        let error = FieldError::new("form", "comment-error-rate-limited");
        return refuse(
            &ctx,
            StatusCode::TOO_MANY_REQUESTS,
            form,
            Some(&target),
            &[error],
        )
        .await;
    }
    // Signed-in authors are told at their account's address; guests at the one they gave.
    let email = match &ctx.actor.user {
        Some(user) => user.email.clone(),
        None => crate::accounts::validate::email(&form.email).unwrap_or_default(),
    };
    let comment = Comment {
        id: Uuid::now_v7(),
        item_type: form.item_type.clone(),
        item_id: form.item_id.clone(),
        item_title: target.title.clone(),
        item_url: target.url.clone(),
        organisation_id: target.organisation_id.clone(),
        author_user_id: ctx.actor.user_id(),
        author_name: form.name.clone(),
        author_email: email,
        lang: ctx.lang().code().to_string(),
        body: form.body.trim().to_string(),
        status: "pending".into(),
        reject_reason: String::new(),
        moderated_by: None,
        moderated_at: None,
        published_at: None,
        reply_body: None,
        reply_by: None,
        reply_by_name: None,
        reply_at: None,
        created_at: now,
        updated_at: now,
    };
    let mut tx = ctx.state.db.begin().await?;
    queries::insert(&mut tx, &comment).await?;
    tx.commit().await?;
    tracing::info!(comment = %comment.id, item_type = %comment.item_type, item_id = %comment.item_id,
        organisation = %comment.organisation_id, "comment received, waiting for moderation");
    let sep = if target.url.contains('?') { '&' } else { '?' };
    Ok(Redirect::to(&format!("{}{sep}{SENT_QUERY}#komentar", target.url)).into_response())
}

/// The service's routes: the public form target, the JSON API and the staff inbox.
pub fn routes() -> crate::web::Routes {
    use crate::authz::Access::{Public, Staff};
    crate::web::Routes::new()
        .post("/komentar", Public, post)
        .get("/komentar/tulis", Public, write)
        .get("/api/v1/comments", Public, api::list)
        .get("/kelola/komentar", Staff, staff::inbox)
        .post("/kelola/komentar/{id}/terbitkan", Staff, staff::publish)
        .post("/kelola/komentar/{id}/tolak", Staff, staff::reject)
        .post("/kelola/komentar/{id}/balas", Staff, staff::reply)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(body: &str, email: &str) -> CommentForm {
        CommentForm {
            item_type: "news".into(),
            item_id: "papan".into(),
            name: String::new(),
            email: email.into(),
            body: body.into(),
        }
    }

    #[test]
    fn validation_names_each_bad_field() {
        assert!(validate(&form("Terima kasih infonya", "a@contoh.id"), true).is_empty());
        let fields = |f: &CommentForm, guest| {
            validate(f, guest)
                .into_iter()
                .map(|e| e.key)
                .collect::<Vec<_>>()
        };
        assert_eq!(
            fields(&form("", ""), true),
            vec![
                "comment-error-email-required",
                "comment-error-body-required"
            ]
        );
        assert_eq!(
            fields(&form(&"a".repeat(MAX_BODY + 1), "bukan-email"), true),
            vec!["comment-error-email", "comment-error-body-long"]
        );
        // Signed-in authors need no e-mail: their account's is used.
        assert!(validate(&form("Setuju sekali", ""), false).is_empty());
        assert_eq!(
            fields(&form("ok", ""), false),
            vec!["comment-error-body-short"]
        );
    }

    #[test]
    fn the_api_link_escapes_the_item_id() {
        assert_eq!(
            api_url("budget.sub_kegiatan", "2026:1.02 &x"),
            "/api/v1/comments?item_type=budget.sub_kegiatan&item_id=2026%3A1.02+%26x"
        );
    }
}
