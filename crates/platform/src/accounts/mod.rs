//! Accounts: users, roles per organisation, sessions, registration, sign-in and sign-out,
//! password reset by e-mail, the account page and the staff workspace. The admin pages that
//! manage users and roles live in [`crate::admin`].

pub mod pages;
pub mod password;
pub mod reset;
pub mod reset_pages;
pub mod seed;
pub mod session;
pub mod throttle;
pub mod users;
pub mod validate;
pub mod views;
pub mod workspace;

use crate::authz::Access::{Guest, Public, SignedIn, Staff};
use crate::web::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/daftar", Guest, pages::register_form)
        .post("/daftar", Guest, pages::register)
        .get("/masuk", Guest, pages::login_form)
        .post("/masuk", Guest, pages::login)
        .post("/keluar", SignedIn, pages::logout)
        .get("/akun", SignedIn, pages::account)
        .post("/akun/kata-sandi", SignedIn, pages::change_password)
        .get("/lupa-sandi", Public, reset_pages::forgot_form)
        .post("/lupa-sandi", Public, reset_pages::forgot)
        .get("/atur-ulang-sandi/{token}", Public, reset_pages::reset_form)
        .post("/atur-ulang-sandi/{token}", Public, reset_pages::reset)
        .get("/kelola", Staff, workspace::workspace)
        .get("/organisasi/{id}/kelola", Staff, workspace::profile_form)
        .post("/organisasi/{id}/kelola", Staff, workspace::save_profile)
}
