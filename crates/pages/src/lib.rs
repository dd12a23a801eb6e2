//! # pages
//!
//! The information pages: home (`/`), about (`/tentang`), FAQ (`/faq`, the seed text in
//! both languages) and news (`/berita`, `/berita/{slug}`, `/berita.atom`, and the editor
//! under `/admin/berita`).

pub mod faq;
pub mod home;
pub mod news;
pub mod queries;

use platform::Module;
use platform::authz::Access::{Admin, Public};
use platform::web::{NavItem, Routes};

pub fn module() -> Module {
    Module {
        name: "pages",
        ftl: &[platform::ftl!("pages")],
        nav: vec![
            NavItem {
                key: "nav-home",
                href: "/",
            },
            NavItem {
                key: "nav-news",
                href: "/berita",
            },
            NavItem {
                key: "nav-about",
                href: "/tentang",
            },
            NavItem {
                key: "nav-faq",
                href: "/faq",
            },
        ],
        routes,
        report_card: None,
        openapi: None,
        case_types: &[],
        comment_items: &[news::COMMENT_ITEM],
    }
}

fn routes() -> Routes {
    Routes::new()
        .get("/", Public, home::home)
        .get("/tentang", Public, home::about)
        .get("/faq", Public, faq::page)
        .get("/berita", Public, news::list)
        .get("/berita.atom", Public, news::atom)
        .get("/berita/{slug}", Public, news::item)
        .get("/admin/berita", Admin, news::admin::index)
        .get("/admin/berita/baru", Admin, news::admin::new_form)
        .post("/admin/berita/baru", Admin, news::admin::create)
        .get("/admin/berita/{id}", Admin, news::admin::edit_form)
        .post("/admin/berita/{id}", Admin, news::admin::update)
        .post("/admin/berita/{id}/terbitkan", Admin, news::admin::publish)
        .post("/admin/berita/{id}/tarik", Admin, news::admin::unpublish)
        .post("/admin/berita/{id}/hapus", Admin, news::admin::delete)
}
