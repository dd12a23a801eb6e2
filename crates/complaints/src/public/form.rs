//! `GET/POST /pengaduan/baru`: the submission form, without JavaScript. Attachments (photos
//! or PDF, at most [`MAX_FILES`]) come through `CsrfMultipart`; a refused file or a refused
//! field shows the form again with the message beside it and nothing kept.

use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;
use platform::accounts::pages::ClientIp;
use platform::error::{AppError, AppResult, FieldError};
use platform::i18n::Tr;
use platform::web::PageCtx;
use platform::web::multipart::CsrfMultipart;
use uuid::Uuid;

use super::sql;
use crate::queries;
use crate::submission::{self, KINDS, Submission};

pub const MAX_FILES: usize = 3;
const FILE_FIELD: &str = "lampiran";
const PRIVACIES: [&str; 3] = ["public", "anonymous", "confidential"];

pub struct Choice {
    pub value: String,
    pub label: String,
    pub hint: String,
}

pub struct Group {
    pub label: String,
    pub options: Vec<Choice>,
}

#[derive(Template)]
#[template(path = "public/form.html")]
struct FormPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    form: &'a Submission,
    guest: bool,
    kinds: Vec<Choice>,
    categories: Vec<Choice>,
    regions: Vec<Group>,
    privacies: Vec<Choice>,
    errors: Vec<(String, String)>,
    max_files: String,
}

impl FormPage<'_> {
    fn error(&self, field: &str) -> Option<&str> {
        self.errors
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
    }
}

#[derive(Template)]
#[template(path = "public/submitted.html")]
struct SubmittedPage<'a> {
    t: &'a Tr,
    code: String,
    follow_up: Option<String>,
    public_page: bool,
}

async fn render(
    ctx: &PageCtx,
    status: StatusCode,
    form: &Submission,
    errors: &[FieldError],
) -> AppResult<Response> {
    let t = &ctx.t;
    let kinds = KINDS
        .iter()
        .map(|k| Choice {
            value: (*k).to_string(),
            label: t.t(&format!("complaint-kind-{k}")),
            hint: String::new(),
        })
        .collect();
    let categories = queries::active_categories(&ctx.state.db)
        .await?
        .iter()
        .map(|c| Choice {
            value: c.id.clone(),
            label: ctx.pick(&c.name_id, &c.name_en).to_string(),
            hint: String::new(),
        })
        .collect();
    let mut regions: Vec<Group> = Vec::new();
    for r in sql::regency_regions(&ctx.state.db).await? {
        if r.level == "district" {
            regions.push(Group {
                label: r.name.clone(),
                options: vec![Choice {
                    value: r.code,
                    label: t.t1("complaint-region-whole-district", "name", r.name.as_str()),
                    hint: String::new(),
                }],
            });
        } else if let Some(group) = regions.last_mut() {
            group.options.push(Choice {
                value: r.code,
                label: r.name,
                hint: String::new(),
            });
        }
    }
    let privacies = PRIVACIES
        .iter()
        .map(|p| Choice {
            value: (*p).to_string(),
            label: t.t(&format!("complaint-privacy-{p}")),
            hint: t.t(&format!("complaint-privacy-{p}-hint")),
        })
        .collect();
    let page = FormPage {
        t,
        csrf: &ctx.csrf,
        form,
        guest: !ctx.actor.is_signed_in(),
        kinds,
        categories,
        regions,
        privacies,
        errors: errors
            .iter()
            .map(|e| (e.field.clone(), t.t(&e.key)))
            .collect(),
        max_files: MAX_FILES.to_string(),
    };
    ctx.page_with_status(status, &t.t("complaint-new-title"), &page)
}

pub async fn new_form(ctx: PageCtx) -> AppResult<Response> {
    let form = Submission {
        kind: "pengaduan".into(),
        privacy: "public".into(),
        ..Submission::default()
    };
    render(&ctx, StatusCode::OK, &form, &[]).await
}

fn submission_from(form: &CsrfMultipart) -> Submission {
    let f = |name: &str| form.text(name).unwrap_or("").to_string();
    Submission {
        kind: f("kind"),
        title: f("title"),
        description: f("description"),
        category: f("category"),
        region: f("region"),
        latitude: f("latitude"),
        longitude: f("longitude"),
        location_text: f("location_text"),
        privacy: f("privacy"),
        name: f("name"),
        email: f("email"),
        phone: f("phone"),
    }
}

/// Check every attachment before anything is stored, so a refused file stores nothing.
fn check_files(ctx: &PageCtx, form: &CsrfMultipart) -> Result<(), (StatusCode, FieldError)> {
    let files: Vec<_> = form
        .files
        .iter()
        .filter(|f| f.field == FILE_FIELD && !(f.bytes.is_empty() && f.file_name.is_empty()))
        .collect();
    if files.len() > MAX_FILES {
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            FieldError::new(FILE_FIELD, "complaint-error-too-many-files"),
        ));
    }
    for file in files {
        let refused = if file.bytes.is_empty() {
            Some(platform::files::UploadError::Empty)
        } else if file.bytes.len() > ctx.state.config.max_upload_bytes() {
            Some(platform::files::UploadError::TooLarge)
        } else {
            let name = platform::files::clean_name(&file.file_name);
            match platform::files::sanitize::sniff(&file.bytes, &name) {
                Err(platform::files::sanitize::Refusal::Type) => {
                    Some(platform::files::UploadError::Type)
                }
                Err(platform::files::sanitize::Refusal::Extension) => {
                    Some(platform::files::UploadError::Extension)
                }
                Err(platform::files::sanitize::Refusal::Corrupt) => {
                    Some(platform::files::UploadError::Corrupt)
                }
                Ok(_) => None,
            }
        };
        if let Some(err) = refused {
            return Err((err.status(), FieldError::new(FILE_FIELD, err.key())));
        }
    }
    Ok(())
}

pub async fn create(
    ctx: PageCtx,
    ClientIp(client): ClientIp,
    form: CsrfMultipart,
) -> AppResult<Response> {
    let input = submission_from(&form);
    if !submission::guest_may_submit(&ctx.state, &ctx.actor, &client).await? {
        // The form comes back with what was typed, so nothing is lost while waiting.
        let error = FieldError::new("form", "complaint-error-rate-limited");
        return render(&ctx, StatusCode::TOO_MANY_REQUESTS, &input, &[error]).await;
    }
    if let Err((status, error)) = check_files(&ctx, &form) {
        return render(&ctx, status, &input, &[error]).await;
    }
    let mut stored: Vec<Uuid> = Vec::new();
    for file in form
        .files
        .iter()
        .filter(|f| f.field == FILE_FIELD && !f.bytes.is_empty())
    {
        match platform::files::store(
            &ctx.state,
            &file.bytes,
            &file.file_name,
            ctx.actor.user_id(),
        )
        .await
        {
            Ok(s) => stored.push(s.id),
            Err(err) => {
                platform::files::discard(&ctx.state, &stored).await?;
                let status = err.status();
                if status.is_server_error() {
                    return Err(err.into());
                }
                let error = FieldError::new(FILE_FIELD, err.key());
                return render(&ctx, status, &input, &[error]).await;
            }
        }
    }
    match submission::submit_in(
        &ctx.state,
        &ctx.actor,
        input.clone(),
        stored.clone(),
        ctx.t.lang,
    )
    .await
    {
        Ok(done) => {
            let follow_up = done.guest_secret.map(|secret| {
                format!(
                    "{}/pengaduan/lacak/{}?kunci={}",
                    ctx.state.config.public_url.trim_end_matches('/'),
                    done.tracking_code,
                    secret
                )
            });
            let page = SubmittedPage {
                t: &ctx.t,
                code: done.tracking_code,
                follow_up,
                public_page: input.privacy.trim() != "confidential",
            };
            ctx.page_with_status(StatusCode::OK, &ctx.t.t("complaint-submitted-title"), &page)
        }
        Err(err) => {
            platform::files::discard(&ctx.state, &stored).await?;
            match err {
                AppError::Validation(errors) => {
                    render(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &input, &errors).await
                }
                other => Err(other),
            }
        }
    }
}
