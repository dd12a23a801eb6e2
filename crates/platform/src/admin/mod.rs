//! The admin area (`/admin`, platform administrators only): users and roles, organisations,
//! and the entry points of other areas' admin pages.
//!
//! To add an area to the admin index, add one line to [`areas`].

pub mod organisations;
pub mod users;

use askama::Template;
use axum::response::Response;

use crate::authz::Access::Admin;
use crate::error::AppResult;
use crate::i18n::Tr;
use crate::web::{PageCtx, Routes};

/// One entry of the admin index: where it leads, and the translation keys of its title and
/// one-line description.
pub struct AdminArea {
    pub href: &'static str,
    pub title_key: &'static str,
    pub text_key: &'static str,
}

/// Every admin area, in the order shown on `/admin`. One line per area.
pub fn areas() -> Vec<AdminArea> {
    vec![
        AdminArea {
            href: "/admin/pengguna",
            title_key: "adm-area-users",
            text_key: "adm-area-users-text",
        },
        AdminArea {
            href: "/admin/organisasi",
            title_key: "adm-area-orgs",
            text_key: "adm-area-orgs-text",
        },
        AdminArea {
            href: "/admin/berita",
            title_key: "adm-area-news",
            text_key: "adm-area-news-text",
        },
        AdminArea {
            href: "/admin/kategori-pengaduan",
            title_key: "cadm-area",
            text_key: "cadm-area-text",
        },
        AdminArea {
            href: "/admin/open311",
            title_key: "o311-admin-area",
            text_key: "o311-admin-area-text",
        },
        AdminArea {
            href: "/admin/kalender",
            title_key: "adm-area-calendar",
            text_key: "adm-area-calendar-text",
        },
        AdminArea {
            href: "/admin/audit",
            title_key: "adm-area-audit",
            text_key: "adm-area-audit-text",
        },
        AdminArea {
            href: "/admin/surat",
            title_key: "adm-area-mail",
            text_key: "adm-area-mail-text",
        },
        AdminArea {
            href: "/admin/berkas",
            title_key: "adm-area-files",
            text_key: "adm-area-files-text",
        },
    ]
}

pub fn routes() -> Routes {
    Routes::new()
        .get("/admin", Admin, index)
        .get("/admin/pengguna", Admin, users::list_page)
        .get("/admin/pengguna/baru", Admin, users::new_form)
        .post("/admin/pengguna/baru", Admin, users::create)
        .get("/admin/pengguna/{id}", Admin, users::edit_form)
        .post("/admin/pengguna/{id}", Admin, users::save)
        .post("/admin/pengguna/{id}/peran", Admin, users::add_role)
        .post(
            "/admin/pengguna/{id}/peran/hapus",
            Admin,
            users::remove_role,
        )
        .get("/admin/organisasi", Admin, organisations::list_page)
        .get("/admin/organisasi/baru", Admin, organisations::new_form)
        .post("/admin/organisasi/baru", Admin, organisations::create)
        .get("/admin/organisasi/{id}", Admin, organisations::edit_form)
        .post("/admin/organisasi/{id}", Admin, organisations::save)
}

#[derive(Template)]
#[template(path = "admin/index.html")]
struct IndexPage<'a> {
    t: &'a Tr,
    areas: Vec<AdminArea>,
}

async fn index(ctx: PageCtx) -> AppResult<Response> {
    ctx.page(
        &ctx.t.t("adm-title"),
        &IndexPage {
            t: &ctx.t,
            areas: areas(),
        },
    )
}

/// Previous/next links of a paged list. `base` is the list's URL with its query (filters);
/// `page=N` is appended.
pub struct Pager {
    pub prev: Option<String>,
    pub next: Option<String>,
    pub label: String,
}

impl Pager {
    pub fn new(t: &Tr, base: &str, page: i64, size: i64, total: i64) -> Pager {
        let pages = ((total + size - 1) / size).max(1);
        let sep = if base.contains('?') { '&' } else { '?' };
        let link = |p: i64| format!("{base}{sep}page={p}");
        Pager {
            prev: (page > 1).then(|| link((page - 1).min(pages))),
            next: (page < pages).then(|| link(page + 1)),
            label: t.ta(
                "adm-page-of",
                &[
                    ("page", crate::i18n::Arg::Num(page as f64)),
                    ("pages", crate::i18n::Arg::Num(pages as f64)),
                ],
            ),
        }
    }
}
