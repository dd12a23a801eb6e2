//! The administrators' news editor: list, create, edit, publish, unpublish, delete a draft.
//! Every change writes an audit entry in the same transaction; publishing (and saving an
//! item that is already public) appends the item's canonical JSON to the publication log.

use askama::Template;
use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use platform::error::{FieldError, OptionExt};
use platform::i18n::Tr;
use platform::web::{CsrfForm, PageCtx};
use platform::{AppError, AppResult};
use serde::Deserialize;
use uuid::Uuid;

use super::{NewsView, PUBLISHER, log_publication, valid_slug};
use crate::queries::{self, News};

pub const MAX_TITLE: usize = 200;
pub const MAX_SUMMARY: usize = 500;
pub const MAX_BODY: usize = 20_000;

/// What the editor submits. Unknown fields (`_csrf`) are ignored.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct NewsForm {
    pub slug: String,
    pub title_id: String,
    pub title_en: String,
    pub summary_id: String,
    pub summary_en: String,
    pub body_id: String,
    pub body_en: String,
}

impl NewsForm {
    fn from_news(n: &News) -> NewsForm {
        NewsForm {
            slug: n.slug.clone(),
            title_id: n.title_id.clone(),
            title_en: n.title_en.clone(),
            summary_id: n.summary_id.clone(),
            summary_en: n.summary_en.clone(),
            body_id: n.body_id.clone(),
            body_en: n.body_en.clone(),
        }
    }

    /// Trim the one-line fields; keep the bodies as typed (line breaks matter).
    fn normalised(mut self) -> NewsForm {
        for f in [
            &mut self.slug,
            &mut self.title_id,
            &mut self.title_en,
            &mut self.summary_id,
            &mut self.summary_en,
        ] {
            *f = f.trim().to_string();
        }
        self.body_id = self.body_id.trim_end().to_string();
        self.body_en = self.body_en.trim_end().to_string();
        self
    }

    /// Field problems, each with the translation key of its message.
    pub fn validate(&self) -> Vec<FieldError> {
        let mut errors = Vec::new();
        if !valid_slug(&self.slug) {
            errors.push(FieldError::new("slug", "news-error-slug"));
        }
        for (name, value) in [("title_id", &self.title_id), ("title_en", &self.title_en)] {
            if value.trim().is_empty() {
                errors.push(FieldError::new(name, "news-error-required"));
            } else if value.chars().count() > MAX_TITLE {
                errors.push(FieldError::new(name, "news-error-title-long"));
            }
        }
        for (name, value) in [
            ("summary_id", &self.summary_id),
            ("summary_en", &self.summary_en),
        ] {
            if value.chars().count() > MAX_SUMMARY {
                errors.push(FieldError::new(name, "news-error-summary-long"));
            }
        }
        if self.body_id.trim().is_empty() {
            errors.push(FieldError::new("body_id", "news-error-required"));
        }
        for (name, value) in [("body_id", &self.body_id), ("body_en", &self.body_en)] {
            if value.chars().count() > MAX_BODY {
                errors.push(FieldError::new(name, "news-error-body-long"));
            }
        }
        errors
    }
}

/// One input of the editor, ready for the template.
pub struct FieldView {
    pub name: &'static str,
    pub label: String,
    pub hint: String,
    pub value: String,
    pub error: Option<String>,
    pub multiline: bool,
    pub max: usize,
}

fn field_views(t: &Tr, form: &NewsForm, errors: &[FieldError]) -> Vec<FieldView> {
    let error = |name: &str| errors.iter().find(|e| e.field == name).map(|e| t.t(&e.key));
    let f =
        |name: &'static str, label: &str, hint: &str, value: &str, multiline: bool, max: usize| {
            FieldView {
                name,
                label: t.t(label),
                hint: if hint.is_empty() {
                    String::new()
                } else {
                    t.t(hint)
                },
                value: value.to_string(),
                error: error(name),
                multiline,
                max,
            }
        };
    vec![
        f(
            "slug",
            "news-field-slug",
            "news-hint-slug",
            &form.slug,
            false,
            80,
        ),
        f(
            "title_id",
            "news-field-title-id",
            "",
            &form.title_id,
            false,
            MAX_TITLE,
        ),
        f(
            "title_en",
            "news-field-title-en",
            "",
            &form.title_en,
            false,
            MAX_TITLE,
        ),
        f(
            "summary_id",
            "news-field-summary-id",
            "",
            &form.summary_id,
            true,
            MAX_SUMMARY,
        ),
        f(
            "summary_en",
            "news-field-summary-en",
            "",
            &form.summary_en,
            true,
            MAX_SUMMARY,
        ),
        f(
            "body_id",
            "news-field-body-id",
            "news-hint-body",
            &form.body_id,
            true,
            MAX_BODY,
        ),
        f(
            "body_en",
            "news-field-body-en",
            "news-hint-body-en",
            &form.body_en,
            true,
            MAX_BODY,
        ),
    ]
}

pub struct Row {
    pub id: Uuid,
    pub slug: String,
    pub title: String,
    pub published: bool,
    pub when: String,
}

#[derive(Template)]
#[template(path = "admin_news_list.html")]
struct ListPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    rows: Vec<Row>,
}

pub async fn index(ctx: PageCtx) -> AppResult<Response> {
    let rows = queries::all(&ctx.state.db)
        .await?
        .iter()
        .map(|n| Row {
            id: n.id,
            slug: n.slug.clone(),
            title: ctx.pick(&n.title_id, &n.title_en).to_string(),
            published: n.published_at.is_some(),
            when: ctx.t.datetime(&n.published_at.unwrap_or(n.updated_at)),
        })
        .collect();
    ctx.page(
        &ctx.t.t("news-admin-title"),
        &ListPage {
            t: &ctx.t,
            csrf: &ctx.csrf,
            rows,
        },
    )
}

#[derive(Template)]
#[template(path = "admin_news_form.html")]
struct FormPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    heading: String,
    action: String,
    fields: Vec<FieldView>,
    has_errors: bool,
    /// The item being edited (none when creating).
    item: Option<Row>,
    preview: Option<NewsView>,
}

fn render_form(
    ctx: &PageCtx,
    status: StatusCode,
    form: &NewsForm,
    errors: &[FieldError],
    existing: Option<&News>,
) -> AppResult<Response> {
    let heading = match existing {
        Some(_) => ctx.t.t("news-admin-edit"),
        None => ctx.t.t("news-admin-new"),
    };
    let page = FormPage {
        t: &ctx.t,
        csrf: &ctx.csrf,
        heading: heading.clone(),
        action: match existing {
            Some(n) => format!("/admin/berita/{}", n.id),
            None => "/admin/berita/baru".into(),
        },
        fields: field_views(&ctx.t, form, errors),
        has_errors: !errors.is_empty(),
        item: existing.map(|n| Row {
            id: n.id,
            slug: n.slug.clone(),
            title: n.title_id.clone(),
            published: n.published_at.is_some(),
            when: ctx.t.datetime(&n.published_at.unwrap_or(n.updated_at)),
        }),
        preview: existing.map(|n| NewsView::new(&ctx.t, n)),
    };
    ctx.page_with_status(status, &heading, &page)
}

pub async fn new_form(ctx: PageCtx) -> AppResult<Response> {
    render_form(&ctx, StatusCode::OK, &NewsForm::default(), &[], None)
}

fn parse_id(id: &str) -> AppResult<Uuid> {
    Uuid::parse_str(id).map_err(|_| AppError::NotFound)
}

fn is_unique_violation(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .is_some_and(|e| e.is_unique_violation())
}

fn audit_change<'a>(
    action: &'a str,
    id: &'a str,
    before: Option<&News>,
    after: Option<&News>,
) -> platform::audit::Change<'a> {
    platform::audit::Change {
        action,
        entity_type: "news",
        entity_id: id,
        organisation_id: Some(PUBLISHER),
        before: before.and_then(|n| serde_json::to_value(n).ok()),
        after: after.and_then(|n| serde_json::to_value(n).ok()),
    }
}

pub async fn create(ctx: PageCtx, CsrfForm(form): CsrfForm<NewsForm>) -> AppResult<Response> {
    let form = form.normalised();
    let errors = form.validate();
    if !errors.is_empty() {
        return render_form(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &form, &errors, None);
    }
    let now = ctx.state.clock.now();
    let news = News {
        id: Uuid::now_v7(),
        slug: form.slug.clone(),
        title_id: form.title_id.clone(),
        title_en: form.title_en.clone(),
        summary_id: form.summary_id.clone(),
        summary_en: form.summary_en.clone(),
        body_id: form.body_id.clone(),
        body_en: form.body_en.clone(),
        published_at: None,
        created_by: ctx.actor.user_id(),
        created_at: now,
        updated_at: now,
    };
    let mut tx = ctx.state.db.begin().await?;
    if queries::slug_taken(&mut tx, &news.slug, None).await? {
        return slug_conflict(&ctx, &form, None);
    }
    match queries::insert(&mut tx, &news).await {
        Err(e) if is_unique_violation(&e) => return slug_conflict(&ctx, &form, None),
        other => other?,
    }
    let id = news.id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        audit_change("news.create", &id, None, Some(&news)),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/berita/{id}?ok=saved")).into_response())
}

fn slug_conflict(ctx: &PageCtx, form: &NewsForm, existing: Option<&News>) -> AppResult<Response> {
    render_form(
        ctx,
        StatusCode::CONFLICT,
        form,
        &[FieldError::new("slug", "news-error-slug-taken")],
        existing,
    )
}

pub async fn edit_form(ctx: PageCtx, Path(id): Path<String>) -> AppResult<Response> {
    let news = queries::by_id(&ctx.state.db, parse_id(&id)?)
        .await?
        .or_not_found()?;
    render_form(
        &ctx,
        StatusCode::OK,
        &NewsForm::from_news(&news),
        &[],
        Some(&news),
    )
}

pub async fn update(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(form): CsrfForm<NewsForm>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let form = form.normalised();
    let mut tx = ctx.state.db.begin().await?;
    let before = queries::by_id_tx(&mut tx, id).await?.or_not_found()?;
    let errors = form.validate();
    if !errors.is_empty() {
        return render_form(
            &ctx,
            StatusCode::UNPROCESSABLE_ENTITY,
            &form,
            &errors,
            Some(&before),
        );
    }
    if queries::slug_taken(&mut tx, &form.slug, Some(id)).await? {
        return slug_conflict(&ctx, &form, Some(&before));
    }
    let now = ctx.state.clock.now();
    let after = News {
        slug: form.slug.clone(),
        title_id: form.title_id.clone(),
        title_en: form.title_en.clone(),
        summary_id: form.summary_id.clone(),
        summary_en: form.summary_en.clone(),
        body_id: form.body_id.clone(),
        body_en: form.body_en.clone(),
        updated_at: now,
        ..before.clone()
    };
    match queries::update(&mut tx, &after).await {
        Err(e) if is_unique_violation(&e) => return slug_conflict(&ctx, &form, Some(&before)),
        other => other?,
    };
    let id_text = id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        audit_change("news.update", &id_text, Some(&before), Some(&after)),
    )
    .await?;
    // A public item that changes is published anew, so the log shows every public version.
    if after.published_at.is_some() && NewsForm::from_news(&after) != NewsForm::from_news(&before) {
        log_publication(&mut tx, now, &after).await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/admin/berita/{id}?ok=saved")).into_response())
}

impl PartialEq for NewsForm {
    fn eq(&self, o: &NewsForm) -> bool {
        (
            &self.slug,
            &self.title_id,
            &self.title_en,
            &self.summary_id,
            &self.summary_en,
            &self.body_id,
            &self.body_en,
        ) == (
            &o.slug,
            &o.title_id,
            &o.title_en,
            &o.summary_id,
            &o.summary_en,
            &o.body_id,
            &o.body_en,
        )
    }
}

/// A form with nothing but its CSRF token.
#[derive(Deserialize)]
pub struct Empty {}

pub async fn publish(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    set_published(ctx, id, true).await
}

pub async fn unpublish(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    set_published(ctx, id, false).await
}

async fn set_published(ctx: PageCtx, id: String, publish: bool) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before = queries::by_id_tx(&mut tx, id).await?.or_not_found()?;
    // Publishing twice, or withdrawing a draft, changes nothing and logs nothing.
    if before.published_at.is_some() != publish {
        // Whole seconds, as in the publication log, so the canonical JSON reads the same back.
        let at = chrono::DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now);
        let after = News {
            published_at: publish.then_some(at),
            updated_at: now,
            ..before.clone()
        };
        queries::update(&mut tx, &after).await?;
        let id_text = id.to_string();
        let action = if publish {
            "news.publish"
        } else {
            "news.unpublish"
        };
        platform::audit::record(
            &mut tx,
            &ctx.actor,
            now,
            audit_change(action, &id_text, Some(&before), Some(&after)),
        )
        .await?;
        if publish {
            log_publication(&mut tx, now, &after).await?;
        }
        tx.commit().await?;
    }
    let code = if publish {
        "news-published"
    } else {
        "news-unpublished"
    };
    Ok(Redirect::to(&format!("/admin/berita?ok={code}")).into_response())
}

/// Only drafts can be deleted: what was public stays on record (withdraw it instead).
pub async fn delete(
    ctx: PageCtx,
    Path(id): Path<String>,
    CsrfForm(_): CsrfForm<Empty>,
) -> AppResult<Response> {
    let id = parse_id(&id)?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    let before = queries::by_id_tx(&mut tx, id).await?.or_not_found()?;
    if before.published_at.is_some() {
        return Err(AppError::Conflict("news-error-delete-published"));
    }
    queries::delete(&mut tx, id).await?;
    let id_text = id.to_string();
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        audit_change("news.delete", &id_text, Some(&before), None),
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/admin/berita?ok=deleted").into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation_names_each_bad_field() {
        let ok = NewsForm {
            slug: "papan-informasi".into(),
            title_id: "Judul".into(),
            title_en: "Title".into(),
            body_id: "Isi".into(),
            ..NewsForm::default()
        };
        assert!(ok.validate().is_empty());
        let bad = NewsForm {
            slug: "X".into(),
            title_en: " ".into(),
            body_id: "a".repeat(MAX_BODY + 1),
            ..ok
        };
        let fields: Vec<_> = bad.validate().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec!["slug", "title_en", "body_id"]);
    }
}
