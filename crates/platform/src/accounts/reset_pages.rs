//! The password-reset pages: `/lupa-sandi` asks for an address and always gives the same
//! answer; `/atur-ulang-sandi/{token}` sets a new password with a mailed token.

use axum::extract::Path;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::audit::{self, Change};
use crate::authz::{Actor, User};
use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::{Arg, Tr};
use crate::web::{CsrfForm, PageCtx};

use super::views::{Field, FormPage, MessagePage};
use super::{password, reset, users, validate};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ForgotForm {
    email: String,
}

fn forgot_page<'a>(t: &'a Tr, csrf: &'a str, email: &str, errors: &[FieldError]) -> FormPage<'a> {
    FormPage::new(
        t,
        csrf,
        "acc-forgot-title",
        "/lupa-sandi",
        "acc-forgot-submit",
    )
    .intro("acc-forgot-intro")
    .fields(vec![
        Field::new(t, "email", "acc-field-email", "email")
            .value(email)
            .required()
            .autocomplete("email"),
    ])
    .link("/masuk", "acc-link-login")
    .with_errors(errors)
}

pub async fn forgot_form(ctx: PageCtx) -> AppResult<Response> {
    ctx.page(
        &ctx.t.t("acc-forgot-title"),
        &forgot_page(&ctx.t, &ctx.csrf, "", &[]),
    )
}

pub async fn forgot(ctx: PageCtx, CsrfForm(form): CsrfForm<ForgotForm>) -> AppResult<Response> {
    let email = match validate::email(&form.email) {
        Ok(email) => email,
        Err(key) => {
            let page = forgot_page(
                &ctx.t,
                &ctx.csrf,
                &form.email,
                &[FieldError::new("email", key)],
            );
            return ctx.page_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ctx.t.t("acc-forgot-title"),
                &page,
            );
        }
    };
    let now = ctx.state.clock.now();
    if let Some(user) = users::find_by_email(&ctx.state.db, &email)
        .await?
        .filter(|u| u.active)
    {
        let mut tx = ctx.state.db.begin().await?;
        if let Some(token) = reset::issue(&mut tx, user.id, now).await? {
            let link = format!(
                "{}/atur-ulang-sandi/{token}",
                ctx.state.config.public_url.trim_end_matches('/')
            );
            let subject = ctx.t.t("acc-reset-mail-subject");
            let body = ctx.t.ta(
                "acc-reset-mail-body",
                &[
                    ("name", Arg::Str(user.name.clone())),
                    ("link", Arg::Str(link)),
                ],
            );
            crate::mail::queue(&mut tx, now, &user.email, &subject, &body).await?;
            tracing::info!(user_id = %user.id, "password reset link queued");
        }
        tx.commit().await?;
    }
    // The same answer whether or not the address has an account.
    let page = MessagePage {
        t: &ctx.t,
        heading: ctx.t.t("acc-forgot-sent-title"),
        paragraphs: vec![ctx.t.t("acc-forgot-sent-text")],
        links: vec![("/masuk".into(), ctx.t.t("acc-link-login"))],
    };
    ctx.page(&ctx.t.t("acc-forgot-sent-title"), &page)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResetForm {
    password: String,
    password_confirm: String,
}

fn reset_page<'a>(t: &'a Tr, csrf: &'a str, token: &str, errors: &[FieldError]) -> FormPage<'a> {
    FormPage::new(
        t,
        csrf,
        "acc-reset-title",
        format!("/atur-ulang-sandi/{token}"),
        "acc-reset-submit",
    )
    .intro("acc-reset-intro")
    .fields(vec![
        Field::new(t, "password", "acc-field-new-password", "password")
            .required()
            .autocomplete("new-password")
            .hint(t, "acc-hint-password"),
        Field::new(
            t,
            "password_confirm",
            "acc-field-new-password-confirm",
            "password",
        )
        .required()
        .autocomplete("new-password"),
    ])
    .with_errors(errors)
}

/// The answer for a token that is unknown, used or expired: 410, with a way to ask again.
fn invalid_link(ctx: &PageCtx) -> AppResult<Response> {
    let page = MessagePage {
        t: &ctx.t,
        heading: ctx.t.t("acc-reset-invalid-title"),
        paragraphs: vec![ctx.t.t("acc-reset-invalid-text")],
        links: vec![("/lupa-sandi".into(), ctx.t.t("acc-link-forgot"))],
    };
    ctx.page_with_status(StatusCode::GONE, &ctx.t.t("acc-reset-invalid-title"), &page)
}

/// Tokens are URL-safe base64 of 32 bytes; anything else is not looked up.
fn plausible(token: &str) -> bool {
    token.len() == 43
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

pub async fn reset_form(ctx: PageCtx, Path(token): Path<String>) -> AppResult<Response> {
    if !plausible(&token)
        || reset::peek(&ctx.state.db, &token, ctx.state.clock.now())
            .await?
            .is_none()
    {
        return invalid_link(&ctx);
    }
    ctx.page(
        &ctx.t.t("acc-reset-title"),
        &reset_page(&ctx.t, &ctx.csrf, &token, &[]),
    )
}

pub async fn reset(
    ctx: PageCtx,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> AppResult<Response> {
    let now = ctx.state.clock.now();
    if !plausible(&token) || reset::peek(&ctx.state.db, &token, now).await?.is_none() {
        return invalid_link(&ctx);
    }
    let mut errors = Vec::new();
    if let Err(key) = validate::password(&form.password) {
        errors.push(FieldError::new("password", key));
    } else if form.password != form.password_confirm {
        errors.push(FieldError::new(
            "password_confirm",
            "acc-err-password-mismatch",
        ));
    }
    if !errors.is_empty() {
        let page = reset_page(&ctx.t, &ctx.csrf, &token, &errors);
        return ctx.page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &ctx.t.t("acc-reset-title"),
            &page,
        );
    }
    let hash = password::hash_async(form.password)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    let mut tx = ctx.state.db.begin().await?;
    // Consuming is the real check: of two concurrent uses only one gets here with a user.
    let Some(user_id) = reset::consume(&mut tx, &token, now).await? else {
        drop(tx);
        return invalid_link(&ctx);
    };
    let Some(user) = users::get_tx(&mut tx, user_id).await? else {
        drop(tx);
        return invalid_link(&ctx);
    };
    users::set_password_hash(&mut tx, user_id, &hash, now).await?;
    let ended = users::end_sessions(&mut tx, user_id, None).await?;
    // The person acting is the account's owner, proven by the mailed token.
    let actor = Actor {
        user: Some(User {
            id: user.id,
            name: user.name.clone(),
            email: user.email.clone(),
            memberships: Vec::new(),
        }),
        session_hash: None,
    };
    let id = user_id.to_string();
    audit::record(
        &mut tx,
        &actor,
        now,
        Change {
            action: "user.password_reset",
            entity_type: "user",
            entity_id: &id,
            organisation_id: None,
            before: None,
            after: Some(serde_json::json!({ "sessions_ended": ended })),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user_id = %user_id, "password reset with a mailed token");
    Ok(Redirect::to("/masuk?ok=acc-password-reset").into_response())
}
