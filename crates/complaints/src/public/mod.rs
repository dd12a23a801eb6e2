//! The public and reporter side of complaints: the submission form (`/pengaduan/baru`), the
//! public list and case pages, the guest follow-up link and the JSON API.
//!
//! What the public sees never includes the reporter: not their name (even for `public`
//! privacy — it is personal data), e-mail, phone or account; confidential cases are 404.

pub mod api;
pub mod case;
pub mod filters;
pub mod form;
pub mod list;
pub mod mine;
pub mod sql;

use platform::authz::Access;
use platform::web::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/pengaduan", Access::Public, list::list)
        .get("/akun/pengaduan", Access::SignedIn, mine::mine)
        .post("/api/v1/complaints", Access::Public, api::create)
        .get("/api/v1/complaints", Access::Public, api::list)
        .get("/api/v1/complaints/{code}", Access::Public, api::show)
        .get("/pengaduan/baru", Access::Public, form::new_form)
        .post("/pengaduan/baru", Access::Public, form::create)
        .get("/pengaduan/{kode}", Access::Public, case::show)
        .get("/pengaduan/lacak/{kode}", Access::Public, case::track)
        .get(
            "/pengaduan/lacak/{kode}/lampiran/{id}",
            Access::Public,
            case::attachment,
        )
        .post("/pengaduan/lacak/{kode}/balas", Access::Public, case::reply)
        .post(
            "/pengaduan/lacak/{kode}/selesai",
            Access::Public,
            case::done,
        )
}
