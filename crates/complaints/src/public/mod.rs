//! The public and reporter side of complaints: the submission form (`/pengaduan/baru`), the
//! public list and case pages, the guest follow-up link and the JSON API.
//!
//! What the public sees never includes the reporter: not their name (even for `public`
//! privacy — it is personal data), e-mail, phone or account; confidential cases are 404.

pub mod form;
pub mod sql;

use platform::authz::Access;
use platform::web::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/pengaduan/baru", Access::Public, form::new_form)
        .post("/pengaduan/baru", Access::Public, form::create)
}
