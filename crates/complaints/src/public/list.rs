//! `GET /pengaduan`: public complaints (public and anonymous; never confidential), newest
//! first, 20 a page, with filters in the query string; the count stops above 1,000.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use platform::error::AppResult;
use platform::i18n::Tr;
use platform::web::PageCtx;

use super::filters::{Filters, PER_PAGE};
use super::form::Choice;
use super::sql::{self, Count, PublicRow};
use crate::queries;
use crate::submission::KINDS;

/// One complaint as a list line, translated.
pub struct Line {
    pub code: String,
    pub title: String,
    pub category: String,
    pub place: String,
    pub status: String,
    pub due: String,
    pub overdue: bool,
}

impl Line {
    pub fn new(t: &Tr, r: &PublicRow) -> Line {
        let category = match t.lang {
            platform::i18n::Lang::En if !r.category_name_en.is_empty() => {
                r.category_name_en.clone()
            }
            _ => r.category_name_id.clone(),
        };
        let place = if r.region_code == r.district_code {
            r.district_name.clone()
        } else {
            format!("{}, {}", r.region_name, r.district_name)
        };
        Line {
            code: r.tracking_code.clone(),
            title: r.title.clone(),
            category,
            place,
            status: t.t(&format!("complaint-state-{}", r.state)),
            due: r.due_on.map(|d| t.date(&d)).unwrap_or_default(),
            overdue: r.overdue,
        }
    }
}

#[derive(Template)]
#[template(path = "public/list.html")]
struct ListPage<'a> {
    t: &'a Tr,
    f: &'a Filters,
    lines: Vec<Line>,
    total: String,
    kinds: Vec<Choice>,
    categories: Vec<Choice>,
    districts: Vec<Choice>,
    statuses: Vec<Choice>,
    year: String,
    prev: Option<String>,
    next: Option<String>,
}

pub async fn list(ctx: PageCtx, Query(pairs): Query<Vec<(String, String)>>) -> AppResult<Response> {
    let f = Filters::parse(&pairs)?;
    let (conditions, binds) = f.sql();
    let (mut rows, total) = sql::public_list(
        &ctx.state.db,
        &conditions,
        &binds,
        PER_PAGE,
        (f.page - 1) * PER_PAGE,
    )
    .await?;
    // One row more than a page says there is a next one (the count may stop short of it).
    let has_next = rows.len() > usize::try_from(PER_PAGE).unwrap_or(usize::MAX);
    rows.truncate(usize::try_from(PER_PAGE).unwrap_or(usize::MAX));
    let t = &ctx.t;
    let choice = |value: &str, label: String| Choice {
        value: value.to_string(),
        label,
        hint: String::new(),
    };
    let page = ListPage {
        t,
        f: &f,
        lines: rows.iter().map(|r| Line::new(t, r)).collect(),
        total: match total {
            Count::Exactly(n) => t.tn("complaint-list-count", "count", n),
            Count::MoreThan(n) => t.tn("complaint-list-count-more", "count", n),
        },
        kinds: KINDS
            .iter()
            .map(|k| choice(k, t.t(&format!("complaint-kind-{k}"))))
            .collect(),
        categories: queries::all_categories(&ctx.state.db)
            .await?
            .iter()
            .map(|c| choice(&c.id, ctx.pick(&c.name_id, &c.name_en).to_string()))
            .collect(),
        districts: sql::districts(&ctx.state.db)
            .await?
            .into_iter()
            .map(|d| choice(&d.code, d.name))
            .collect(),
        statuses: crate::COMPLAINT
            .states
            .iter()
            .map(|s| choice(s.code, t.t(&format!("complaint-state-{}", s.code))))
            .collect(),
        year: f.year.map(|y| y.to_string()).unwrap_or_default(),
        prev: (f.page > 1).then(|| f.query_for(f.page - 1)),
        next: has_next.then(|| f.query_for(f.page + 1)),
    };
    ctx.page(&t.t("complaint-list-title"), &page)
}
