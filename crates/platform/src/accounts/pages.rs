//! Citizen registration (`/daftar`), sign-in (`/masuk`), sign-out (`/keluar`) and the account
//! page (`/akun`, with the password change at `/akun/kata-sandi`).

use std::net::SocketAddr;

use askama::Template;
use axum::extract::connect_info::ConnectInfo;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use crate::audit::{self, Change};
use crate::error::{AppError, AppResult, FieldError};
use crate::i18n::Tr;
use crate::state::AppState;
use crate::web::middleware::cookie_header;
use crate::web::routes::safe_next;
use crate::web::{CsrfForm, PageCtx};

use super::session::{self, SESSION_COOKIE};
use super::views::{Field, FormPage, attach_errors};
use super::{password, throttle, users, validate};

/// The client's IP address: the socket peer, or — behind `TERBUKA_TRUSTED_PROXIES` reverse
/// proxies — the address those proxies appended to `X-Forwarded-For` ("unknown" when the
/// server runs without connect info). Entries left of the trusted hops are client-supplied
/// and ignored, so a visitor cannot choose their own address to dodge the login limits.
pub struct ClientIp(pub String);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(addr)| addr.ip().to_string());
        let hops = state.config.trusted_proxies;
        let forwarded = (hops > 0)
            .then(|| {
                let chain: Vec<&str> = parts
                    .headers
                    .get_all("x-forwarded-for")
                    .iter()
                    .filter_map(|v| v.to_str().ok())
                    .flat_map(|v| v.split(','))
                    .map(str::trim)
                    .filter(|ip| ip.parse::<std::net::IpAddr>().is_ok())
                    .collect();
                chain
                    .len()
                    .checked_sub(hops)
                    .and_then(|i| chain.get(i))
                    .map(|ip| ip.to_string())
            })
            .flatten();
        Ok(ClientIp(
            forwarded.or(peer).unwrap_or_else(|| "unknown".to_string()),
        ))
    }
}

/// A redirect that also sets the session cookie of a freshly started session.
fn signed_in_redirect(state: &AppState, token: &str, to: &str) -> Response {
    let mut response = Redirect::to(to).into_response();
    let max_age = session::IDLE_LIFETIME.num_seconds();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(state, SESSION_COOKIE, token, max_age),
    );
    response
}

fn user_agent(headers: &axum::http::HeaderMap) -> String {
    headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string()
}

// ---------------------------------------------------------------------------------------
// Registration

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RegisterForm {
    email: String,
    name: String,
    password: String,
    nik: String,
    phone: String,
    address: String,
}

fn register_page<'a>(
    t: &'a Tr,
    csrf: &'a str,
    form: &RegisterForm,
    errors: &[FieldError],
) -> FormPage<'a> {
    FormPage::new(
        t,
        csrf,
        "acc-register-title",
        "/daftar",
        "acc-register-submit",
    )
    .intro("acc-register-intro")
    .fields(vec![
        Field::new(t, "name", "acc-field-name", "text")
            .value(&form.name)
            .required()
            .autocomplete("name"),
        Field::new(t, "email", "acc-field-email", "email")
            .value(&form.email)
            .required()
            .autocomplete("email"),
        Field::new(t, "password", "acc-field-password", "password")
            .required()
            .autocomplete("new-password")
            .hint(t, "acc-hint-password"),
        Field::new(t, "nik", "acc-field-nik", "text")
            .value(&form.nik)
            .hint(t, "acc-hint-nik"),
        Field::new(t, "phone", "acc-field-phone", "tel")
            .value(&form.phone)
            .autocomplete("tel")
            .hint(t, "acc-hint-phone"),
        Field::new(t, "address", "acc-field-address", "text")
            .value(&form.address)
            .autocomplete("street-address"),
    ])
    .link("/masuk", "acc-link-have-account")
    .with_errors(errors)
}

pub async fn register_form(ctx: PageCtx) -> AppResult<Response> {
    let page = register_page(&ctx.t, &ctx.csrf, &RegisterForm::default(), &[]);
    ctx.page(&ctx.t.t("acc-register-title"), &page)
}

pub async fn register(
    ctx: PageCtx,
    headers: axum::http::HeaderMap,
    CsrfForm(form): CsrfForm<RegisterForm>,
) -> AppResult<Response> {
    let now = ctx.state.clock.now();
    let new = users::NewUser {
        email: form.email.clone(),
        name: form.name.clone(),
        password: form.password.clone(),
        nik: Some(form.nik.clone()),
        phone: Some(form.phone.clone()),
        address: Some(form.address.clone()),
    };
    let mut tx = ctx.state.db.begin().await?;
    let user_id = match users::create(&mut tx, new, now).await {
        Ok(id) => id,
        Err(err) => {
            let Some(errors) = err.field_errors() else {
                return Err(err.into());
            };
            drop(tx);
            let page = register_page(&ctx.t, &ctx.csrf, &form, &errors);
            return ctx.page_with_status(
                StatusCode::UNPROCESSABLE_ENTITY,
                &ctx.t.t("acc-register-title"),
                &page,
            );
        }
    };
    tx.commit().await?;
    tracing::info!(user_id = %user_id, "citizen registered");
    let token = session::create(&ctx.state.db, user_id, now, &user_agent(&headers)).await?;
    Ok(signed_in_redirect(
        &ctx.state,
        &token,
        "/akun?ok=acc-welcome",
    ))
}

// ---------------------------------------------------------------------------------------
// Sign-in and sign-out

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginForm {
    email: String,
    password: String,
    next: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct NextQuery {
    next: Option<String>,
}

fn login_page<'a>(t: &'a Tr, csrf: &'a str, email: &str, next: &str) -> FormPage<'a> {
    FormPage::new(t, csrf, "acc-login-title", "/masuk", "acc-login-submit")
        .hidden("next", next)
        .fields(vec![
            Field::new(t, "email", "acc-field-email", "email")
                .value(email)
                .required()
                .autocomplete("username"),
            Field::new(t, "password", "acc-field-password", "password")
                .required()
                .autocomplete("current-password"),
        ])
        .link("/lupa-sandi", "acc-link-forgot")
        .link("/daftar", "acc-link-register")
}

pub async fn login_form(ctx: PageCtx, Query(q): Query<NextQuery>) -> AppResult<Response> {
    let next = safe_next(q.next.as_deref());
    let page = login_page(&ctx.t, &ctx.csrf, "", &next);
    ctx.page(&ctx.t.t("acc-login-title"), &page)
}

pub async fn login(
    ctx: PageCtx,
    ClientIp(ip): ClientIp,
    headers: axum::http::HeaderMap,
    CsrfForm(form): CsrfForm<LoginForm>,
) -> AppResult<Response> {
    let now = ctx.state.clock.now();
    let next = safe_next(Some(&form.next));
    let title = ctx.t.t("acc-login-title");
    let email: String = form.email.trim().to_lowercase().chars().take(254).collect();
    let mut errors = Vec::new();
    if email.is_empty() {
        errors.push(FieldError::new("email", "acc-err-email-required"));
    }
    if form.password.is_empty() {
        errors.push(FieldError::new("password", "acc-err-password-required"));
    }
    if !errors.is_empty() {
        let page = login_page(&ctx.t, &ctx.csrf, &form.email, &next).with_errors(&errors);
        return ctx.page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &title, &page);
    }
    if !throttle::allowed(&ctx.state.db, &email, &ip, now).await? {
        tracing::warn!(ip = %ip, "sign-in refused: too many failed attempts");
        let page =
            login_page(&ctx.t, &ctx.csrf, &form.email, &next).form_error("acc-err-rate-limited");
        let mut response = ctx.page_with_status(StatusCode::TOO_MANY_REQUESTS, &title, &page)?;
        let retry = HeaderValue::from(throttle::WINDOW.num_seconds());
        response.headers_mut().insert(header::RETRY_AFTER, retry);
        return Ok(response);
    }
    let Some(user) = users::check_credentials(&ctx.state.db, &email, &form.password).await? else {
        throttle::record(&ctx.state.db, &email, &ip, false, now).await?;
        let page =
            login_page(&ctx.t, &ctx.csrf, &form.email, &next).form_error("acc-err-credentials");
        return ctx.page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &title, &page);
    };
    throttle::record(&ctx.state.db, &email, &ip, true, now).await?;
    // Always a new token: a session id planted before sign-in is never promoted.
    let token = session::create(&ctx.state.db, user.id, now, &user_agent(&headers)).await?;
    tracing::info!(user_id = %user.id, "signed in");
    Ok(signed_in_redirect(&ctx.state, &token, &next))
}

#[derive(Debug, Default, Deserialize)]
pub struct EmptyForm {}

pub async fn logout(ctx: PageCtx, CsrfForm(_): CsrfForm<EmptyForm>) -> AppResult<Response> {
    if let Some(hash) = &ctx.actor.session_hash {
        session::delete(&ctx.state.db, hash).await?;
    }
    let mut response = Redirect::to("/?ok=acc-signed-out").into_response();
    response.headers_mut().append(
        header::SET_COOKIE,
        cookie_header(&ctx.state, SESSION_COOKIE, "", 0),
    );
    Ok(response)
}

// ---------------------------------------------------------------------------------------
// Account page and password change

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    name: &'a str,
    email: &'a str,
    roles: Vec<(String, String, String)>,
    is_staff: bool,
    errors: Vec<String>,
    fields: Vec<Field>,
}

fn password_fields(t: &Tr) -> Vec<Field> {
    vec![
        Field::new(
            t,
            "current_password",
            "acc-field-current-password",
            "password",
        )
        .required()
        .autocomplete("current-password"),
        Field::new(t, "new_password", "acc-field-new-password", "password")
            .required()
            .autocomplete("new-password")
            .hint(t, "acc-hint-password"),
        Field::new(
            t,
            "new_password_confirm",
            "acc-field-new-password-confirm",
            "password",
        )
        .required()
        .autocomplete("new-password"),
    ]
}

pub fn role_label(t: &Tr, role: &str) -> String {
    t.t(&format!("acc-role-{role}"))
}

async fn account_page(
    ctx: &PageCtx,
    status: StatusCode,
    errors: &[FieldError],
) -> AppResult<Response> {
    let user = ctx.actor.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let roles = users::roles_of(&ctx.state.db, user.id)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.organisation_id,
                r.organisation_name,
                role_label(&ctx.t, &r.role),
            )
        })
        .collect();
    let mut fields = password_fields(&ctx.t);
    let errors = attach_errors(&ctx.t, &mut fields, errors);
    let page = AccountPage {
        t: &ctx.t,
        csrf: &ctx.csrf,
        name: &user.name,
        email: &user.email,
        roles,
        is_staff: ctx.actor.is_staff(),
        errors,
        fields,
    };
    ctx.page_with_status(status, &ctx.t.t("acc-account-title"), &page)
}

pub async fn account(ctx: PageCtx) -> AppResult<Response> {
    account_page(&ctx, StatusCode::OK, &[]).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
    new_password_confirm: String,
}

pub async fn change_password(
    ctx: PageCtx,
    CsrfForm(form): CsrfForm<PasswordForm>,
) -> AppResult<Response> {
    let user = ctx.actor.user.as_ref().ok_or(AppError::Unauthenticated)?;
    let mut errors = Vec::new();
    if !users::password_matches(&ctx.state.db, user.id, &form.current_password).await? {
        errors.push(FieldError::new(
            "current_password",
            "acc-err-current-password",
        ));
    }
    if let Err(key) = validate::password(&form.new_password) {
        errors.push(FieldError::new("new_password", key));
    } else if form.new_password != form.new_password_confirm {
        errors.push(FieldError::new(
            "new_password_confirm",
            "acc-err-password-mismatch",
        ));
    }
    if !errors.is_empty() {
        return account_page(&ctx, StatusCode::UNPROCESSABLE_ENTITY, &errors).await;
    }
    let hash = password::hash_async(form.new_password)
        .await
        .map_err(|e| AppError::Internal(anyhow::anyhow!(e)))?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    users::set_password_hash(&mut tx, user.id, &hash, now).await?;
    // Someone who learnt the old password loses every session but this one.
    let ended = users::end_sessions(&mut tx, user.id, ctx.actor.session_hash.as_deref()).await?;
    let id = user.id.to_string();
    audit::record(
        &mut tx,
        &ctx.actor,
        now,
        Change {
            action: "user.password_change",
            entity_type: "user",
            entity_id: &id,
            organisation_id: None,
            before: None,
            after: Some(serde_json::json!({ "other_sessions_ended": ended })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to("/akun?ok=acc-password-changed").into_response())
}
