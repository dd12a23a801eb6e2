//! `GET /akun/pengaduan`: the signed-in reporter's own complaints (confidential ones too),
//! each linking to the reporter's view of it.

use askama::Template;
use axum::response::Response;
use platform::error::{AppError, AppResult};
use platform::i18n::Tr;
use platform::web::PageCtx;

use super::list::Line;
use super::sql;

#[derive(Template)]
#[template(path = "public/mine.html")]
struct MinePage<'a> {
    t: &'a Tr,
    lines: Vec<Line>,
}

pub async fn mine(ctx: PageCtx) -> AppResult<Response> {
    let user = ctx.actor.user_id().ok_or(AppError::Forbidden)?;
    let rows = sql::reported_by(&ctx.state.db, user).await?;
    let t = &ctx.t;
    let page = MinePage {
        t,
        lines: rows.iter().map(|r| Line::new(t, r)).collect(),
    };
    ctx.page(&t.t("complaint-mine-title"), &page)
}
