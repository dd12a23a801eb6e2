//! The home page (what Terbuka is, the five action-plan themes, what one can do here, a few
//! figures, the latest news) and the about page (who runs the portal, licence, privacy,
//! contact). All words come from Fluent; the figures and news from the database.

use askama::Template;
use axum::response::Response;
use platform::AppResult;
use platform::i18n::Tr;
use platform::regions::Organisation;
use platform::web::PageCtx;

use crate::news::{self, NewsView};

/// The five themes of Bojonegoro's 2016–2017 open-government action plan (see the FAQ),
/// as (title key, explanation key).
pub const THEMES: [(&str, &str); 5] = [
    ("home-theme-data", "home-theme-data-text"),
    ("home-theme-contracts", "home-theme-contracts-text"),
    ("home-theme-budget", "home-theme-budget-text"),
    ("home-theme-villages", "home-theme-villages-text"),
    ("home-theme-services", "home-theme-services-text"),
];

/// What a visitor can do, as (label key, explanation key, link).
pub const TASKS: [(&str, &str, &str); 5] = [
    (
        "home-do-organisations",
        "home-do-organisations-text",
        "/organisasi",
    ),
    ("home-do-regions", "home-do-regions-text", "/wilayah/35.22"),
    ("home-do-news", "home-do-news-text", "/berita"),
    ("home-do-faq", "home-do-faq-text", "/faq"),
    ("home-do-log", "home-do-log-text", "/transparansi/log"),
];

pub struct Item {
    pub title: String,
    pub text: String,
    pub href: &'static str,
}

pub struct Figure {
    pub value: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage<'a> {
    t: &'a Tr,
    themes: Vec<Item>,
    tasks: Vec<Item>,
    figures: Vec<Figure>,
    news: Vec<NewsView>,
}

pub async fn home(ctx: PageCtx) -> AppResult<Response> {
    let db = &ctx.state.db;
    let t = &ctx.t;
    let themes = THEMES
        .iter()
        .map(|(title, text)| Item {
            title: t.t(title),
            text: t.t(text),
            href: "/faq#q8",
        })
        .collect();
    let tasks = TASKS
        .iter()
        .map(|(title, text, href)| Item {
            title: t.t(title),
            text: t.t(text),
            href,
        })
        .collect();
    let figure = |n: i64, key: &str| Figure {
        value: t.number(&n),
        label: t.t(key),
    };
    let figures = vec![
        figure(
            platform::regions::count_at_level(db, "district").await?,
            "home-figure-districts",
        ),
        figure(
            platform::regions::count_at_level(db, "village").await?,
            "home-figure-villages",
        ),
        figure(
            platform::regions::count_organisations(db).await?,
            "home-figure-organisations",
        ),
        figure(
            crate::queries::count_published(db).await?,
            "home-figure-news",
        ),
    ];
    let news = news::latest(db, t, 3).await?;
    ctx.page(
        &t.t("home-title"),
        &HomePage {
            t,
            themes,
            tasks,
            figures,
            news,
        },
    )
}

#[derive(Template)]
#[template(path = "about.html")]
struct AboutPage<'a> {
    t: &'a Tr,
    operator: Option<Organisation>,
}

pub async fn about(ctx: PageCtx) -> AppResult<Response> {
    let operator = platform::regions::organisation(&ctx.state.db, news::PUBLISHER).await?;
    ctx.page(
        &ctx.t.t("about-title"),
        &AboutPage {
            t: &ctx.t,
            operator,
        },
    )
}
