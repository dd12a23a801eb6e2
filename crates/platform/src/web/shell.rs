//! The site layout every page is rendered into: header, main menu, language switch,
//! account links, notices and footer.

use askama::Template;

use crate::error::{AppError, AppResult};

use super::ctx::PageCtx;
use super::routes::urlencode;

#[derive(Template)]
#[template(path = "layout.html")]
struct Layout<'a> {
    t: &'a crate::i18n::Tr,
    lang: &'a str,
    title: &'a str,
    body: &'a str,
    css: &'a str,
    nav: Vec<NavLink>,
    user_name: Option<&'a str>,
    is_staff: bool,
    is_admin: bool,
    csrf: &'a str,
    other_lang_href: String,
    other_lang_label: String,
    notice: Option<String>,
}

struct NavLink {
    label: String,
    href: &'static str,
    current: bool,
}

/// Known notice codes shown after a redirect (`?ok=saved` shows `notice-saved`). Only keys
/// that exist are shown, so the query string cannot inject text.
fn notice(ctx: &PageCtx) -> Option<String> {
    let query = ctx.uri.split_once('?').map(|(_, q)| q)?;
    let code = serde_urlencoded::from_str::<Vec<(String, String)>>(query)
        .ok()?
        .into_iter()
        .find(|(k, _)| k == "ok")?
        .1;
    if !code.chars().all(|c| c.is_ascii_lowercase() || c == '-') {
        return None;
    }
    let key = format!("notice-{code}");
    ctx.t.catalog().has(ctx.lang(), &key).then(|| ctx.t.t(&key))
}

pub fn render(ctx: &PageCtx, title: &str, body: &str) -> AppResult<String> {
    let path = ctx.uri.split('?').next().unwrap_or("/");
    let nav = ctx
        .state
        .nav
        .iter()
        .map(|item| NavLink {
            label: ctx.t.t(item.key),
            href: item.href,
            current: if item.href == "/" {
                path == "/"
            } else {
                path.starts_with(item.href)
            },
        })
        .collect();
    let other = ctx.lang().other();
    let layout = Layout {
        t: &ctx.t,
        lang: ctx.lang().code(),
        title,
        body,
        css: ctx.state.assets.css_path(),
        nav,
        user_name: ctx.actor.user.as_ref().map(|u| u.name.as_str()),
        is_staff: ctx.actor.is_staff(),
        is_admin: ctx.actor.is_admin(),
        csrf: &ctx.csrf,
        other_lang_href: format!("/bahasa/{}?next={}", other.code(), urlencode(&ctx.uri)),
        other_lang_label: ctx.t.t(&format!("lang-switch-{}", other.code())),
        notice: notice(ctx),
    };
    layout
        .render()
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("layout template")))
}
