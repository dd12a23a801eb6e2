//! Accounts: registration, sign-in and sign-out, rate limiting, CSRF, bad input, password
//! change and password reset by e-mail (`/daftar`, `/masuk`, `/keluar`, `/akun`,
//! `/lupa-sandi`, `/atur-ulang-sandi/{token}`).

use chrono::Duration;
use platform::on_db;

use crate::support::{PASSWORD, TestApp, Visitor};

pub async fn count(app: &TestApp, sql: &'static str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await)
        .expect(sql)
}

async fn count_where(app: &TestApp, sql: &'static str, value: &str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sql).bind(value).fetch_one(pool).await).expect(sql)
}

/// The `Set-Cookie` header for the session cookie in a response, if any.
fn session_cookie(response: &reqwest::Response) -> Option<String> {
    response
        .headers()
        .get_all(reqwest::header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("terbuka_session="))
        .map(str::to_string)
}

/// Sign in through the form; returns (status, Location, body).
pub async fn login(visitor: &Visitor, email: &str, password: &str) -> (u16, String, String) {
    visitor
        .post_form(
            "/masuk",
            &[("email", email), ("password", password), ("next", "")],
        )
        .await
}

fn registration(email: &str) -> Vec<(&str, &str)> {
    vec![
        ("name", "Wahyu Setiawan"),
        ("email", email),
        ("password", "sandi-yang-panjang"),
        ("nik", "3522150101900001"),
        ("phone", "+62 812-1111-2222"),
        ("address", "Jl. Veteran No. 1, Bojonegoro"),
    ]
}

#[tokio::test]
async fn register_sign_in_see_account_and_sign_out() {
    let app = TestApp::start().await;
    let visitor = app.visitor();
    let (status, _, body) = visitor.get("/daftar").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("name=\"_csrf\"") && body.contains("Daftar akun warga"),
        "{body}"
    );

    let form = registration("Wahyu.Setiawan@Example.ID");
    let token = visitor.csrf().await;
    let mut fields = vec![("_csrf", token.as_str())];
    fields.extend(form);
    let response = visitor
        .client
        .post(visitor.url("/daftar"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    assert_eq!(response.headers()["location"], "/akun?ok=acc-welcome");
    let cookie = session_cookie(&response).expect("session cookie");
    assert!(
        cookie.contains("HttpOnly")
            && cookie.contains("SameSite=Lax")
            && !cookie.contains("Secure"),
        "{cookie}"
    );
    // Stored lower-cased, with the optional personal data.
    assert_eq!(
        count_where(
            &app,
            "SELECT COUNT(*) FROM users WHERE email = $1 AND nik IS NOT NULL",
            "wahyu.setiawan@example.id"
        )
        .await,
        1
    );

    let (status, _, body) = visitor.get("/akun?ok=acc-welcome").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Wahyu Setiawan") && body.contains("wahyu.setiawan@example.id"),
        "{body}"
    );
    assert!(body.contains("Akun Anda sudah dibuat"), "{body}");

    // Sign out: the session row is gone and /akun asks to sign in again.
    let (status, location, _) = visitor.post_form("/keluar", &[]).await;
    assert_eq!((status, location.as_str()), (303, "/?ok=acc-signed-out"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    let (status, location, _) = visitor.get("/akun").await;
    assert_eq!((status, location.as_str()), (303, "/masuk?next=/akun"));

    // Sign in again with the e-mail in another case; `next` is followed.
    let (_, _, page) = visitor.get("/masuk?next=/akun").await;
    assert!(page.contains("name=\"next\" value=\"/akun\""), "{page}");
    let (status, location, _) = visitor
        .post_form(
            "/masuk",
            &[
                ("email", "WAHYU.setiawan@example.id"),
                ("password", "sandi-yang-panjang"),
                ("next", "/akun"),
            ],
        )
        .await;
    assert_eq!((status, location.as_str()), (303, "/akun"));
    assert_eq!(visitor.get("/akun").await.0, 200);
    // Guest-only pages send a signed-in user away.
    let (status, location, _) = visitor.get("/masuk").await;
    assert_eq!((status, location.as_str()), (303, "/"));
}

#[tokio::test]
async fn each_sign_in_gets_a_new_session_and_next_cannot_leave_the_site() {
    let app = TestApp::start().await;
    app.user("rudi@example.id", &[]).await;
    let visitor = app.visitor();
    let (status, location, _) = visitor
        .post_form(
            "/masuk",
            &[
                ("email", "rudi@example.id"),
                ("password", PASSWORD),
                ("next", "//evil.example/x"),
            ],
        )
        .await;
    assert_eq!((status, location.as_str()), (303, "/"));
    let first: Vec<String> =
        on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(pool).await)
        .unwrap();
    let other = app.visitor();
    login(&other, "rudi@example.id", PASSWORD).await;
    let both: Vec<String> =
        on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT token_hash FROM sessions")
        .fetch_all(pool).await)
        .unwrap();
    assert_eq!(first.len(), 1);
    assert_eq!(both.len(), 2);
    assert!(both.iter().any(|h| !first.contains(h)));
}

#[tokio::test]
async fn session_cookie_is_secure_behind_https() {
    let app = TestApp::builder()
        .config(|c| c.public_url = "https://terbuka.bojonegorokab.go.id".into())
        .start()
        .await;
    app.user("aman@example.id", &[]).await;
    let visitor = app.visitor();
    let token = visitor.csrf().await;
    let response = visitor
        .client
        .post(visitor.url("/masuk"))
        .form(&[
            ("_csrf", token.as_str()),
            ("email", "aman@example.id"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 303);
    let cookie = session_cookie(&response).unwrap();
    assert!(
        cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    let app = TestApp::start().await;
    app.user("tini@example.id", &[]).await;
    let visitor = app.visitor();
    let (status, _, wrong) = login(&visitor, "tini@example.id", "bukan-kata-sandinya").await;
    assert_eq!(status, 422);
    assert!(wrong.contains("E-mail atau kata sandi salah."), "{wrong}");
    let (status, _, unknown) = login(&visitor, "siapa@example.id", "bukan-kata-sandinya").await;
    assert_eq!(status, 422);
    assert!(unknown.contains("E-mail atau kata sandi salah."));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM login_attempts WHERE succeeded = FALSE"
        )
        .await,
        2
    );
    // What was typed stays in the form, the password never comes back.
    assert!(wrong.contains("value=\"tini@example.id\""));
    assert!(!wrong.contains("bukan-kata-sandinya"));
}

#[tokio::test]
async fn a_disabled_account_cannot_sign_in() {
    let app = TestApp::start().await;
    let id = app.user("nonaktif@example.id", &[]).await;
    on_db!(&app.state.db, pool => sqlx::query("UPDATE users SET active = FALSE WHERE id = $1").bind(id).execute(pool).await.map(|_| ())).unwrap();
    let (status, _, body) = login(&app.visitor(), "nonaktif@example.id", PASSWORD).await;
    assert_eq!(status, 422);
    assert!(body.contains("E-mail atau kata sandi salah."));
}

#[tokio::test]
async fn too_many_failures_for_one_address_are_refused_even_with_the_right_password() {
    let app = TestApp::start().await;
    app.user("sasaran@example.id", &[]).await;
    let attacker = app.visitor();
    for _ in 0..5 {
        assert_eq!(
            login(&attacker, "sasaran@example.id", "tebakan-salah-123")
                .await
                .0,
            422
        );
    }
    let token = attacker.csrf().await;
    let response = attacker
        .client
        .post(attacker.url("/masuk"))
        .header("accept-language", "en")
        .form(&[
            ("_csrf", token.as_str()),
            ("email", "Sasaran@example.id"),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert!(response.headers().contains_key("retry-after"));
    let body = response.text().await.unwrap();
    assert!(body.contains("Too many failed sign-in attempts"), "{body}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);

    // The count lives in the database (shared by every app node), not in the visitor's
    // cookies: a fresh visitor is refused as well.
    let (status, _, body) = login(&app.visitor(), "sasaran@example.id", PASSWORD).await;
    assert_eq!(status, 429);
    assert!(body.contains("Terlalu banyak percobaan masuk"), "{body}");

    // After the window the right password works again.
    app.clock.advance(Duration::minutes(16));
    assert_eq!(
        login(&app.visitor(), "sasaran@example.id", PASSWORD)
            .await
            .0,
        303
    );
}

#[tokio::test]
async fn too_many_failures_from_one_ip_are_refused() {
    let app = TestApp::start().await;
    app.user("korban@example.id", &[]).await;
    let attacker = app.visitor();
    for i in 0..20 {
        let email = format!("tebak{i}@example.id");
        assert_eq!(login(&attacker, &email, "tebakan-salah-123").await.0, 422);
    }
    let (status, _, _) = login(&attacker, "korban@example.id", PASSWORD).await;
    assert_eq!(status, 429);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn forms_without_a_valid_csrf_token_are_refused_and_write_nothing() {
    let app = TestApp::start().await;
    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    let visitor = app.visitor();
    visitor.csrf().await;
    for token in [None, Some("00"), Some("deadbeef".repeat(8).as_str())] {
        let mut fields = registration("palsu@example.id");
        if let Some(token) = token {
            fields.push(("_csrf", token));
        }
        let response = visitor
            .client
            .post(visitor.url("/daftar"))
            .form(&fields)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        assert!(
            response
                .text()
                .await
                .unwrap()
                .contains("Formulir sudah kedaluwarsa")
        );
    }
    // A token made for another visitor's cookie is no good either.
    let someone_else = app.visitor().csrf().await;
    let mut fields = registration("palsu@example.id");
    fields.push(("_csrf", someone_else.as_str()));
    let response = visitor
        .client
        .post(visitor.url("/daftar"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users_before
    );

    // Sign-in, reset request and sign-out need the token too.
    app.user("lina@example.id", &[]).await;
    let response = visitor
        .client
        .post(visitor.url("/masuk"))
        .form(&[("email", "lina@example.id"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let response = visitor
        .client
        .post(visitor.url("/lupa-sandi"))
        .form(&[("email", "lina@example.id")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_outbox").await, 0);
}

#[tokio::test]
async fn registration_with_bad_input_is_a_422_with_the_message_and_writes_nothing() {
    let app = TestApp::start().await;
    app.user("sudah.ada@example.id", &[]).await;
    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    let visitor = app.visitor();
    let cases: &[(&str, &str, &str)] = &[
        ("email", "bukan-email", "Alamat e-mail ini tidak sah"),
        ("email", "", "Isi alamat e-mail."),
        (
            "email",
            "Sudah.Ada@example.id",
            "Alamat e-mail ini sudah terdaftar",
        ),
        ("name", "A", "Nama harus 2 sampai 100 karakter."),
        (
            "password",
            "pendek",
            "Kata sandi paling sedikit 10 karakter.",
        ),
        ("nik", "12345", "NIK harus 16 angka"),
        ("phone", "12345", "Nomor HP harus diawali"),
        (
            "address",
            &"x".repeat(301),
            "Alamat paling banyak 300 karakter.",
        ),
    ];
    for (field, value, message) in cases {
        let mut fields: Vec<(&str, &str)> = registration("baru@example.id")
            .into_iter()
            .filter(|(k, _)| k != field)
            .collect();
        fields.push((field, value));
        let (status, _, body) = visitor.post_form("/daftar", &fields).await;
        assert_eq!(status, 422, "{field}={value}");
        assert!(body.contains(message), "{field}={value}: {body}");
        assert!(body.contains("aria-invalid=\"true\""), "{field}");
        // What was typed is kept (except the password).
        if *field != "password" && *field != "address" {
            assert!(body.contains(&format!("value=\"{value}\"")), "{field}");
        }
    }
    // A body that is not a form at all is a 400 or 415, never a 500.
    let response = visitor
        .client
        .post(visitor.url("/daftar"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert!(
        [400, 403, 415].contains(&response.status().as_u16()),
        "{}",
        response.status()
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users_before
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
}

#[tokio::test]
async fn changing_the_password_checks_input_and_ends_the_other_sessions() {
    let app = TestApp::start().await;
    let id = app.user("ganti@example.id", &[]).await;
    let here = app.signed_in(id).await;
    let elsewhere = app.signed_in(id).await;
    let hash_before: String = on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id).fetch_one(pool).await).unwrap();

    let cases: &[(&str, &str, &str, &str)] = &[
        (
            "salah-sekali-123",
            "kata-sandi-baru-1",
            "kata-sandi-baru-1",
            "Kata sandi saat ini salah.",
        ),
        (
            PASSWORD,
            "pendek",
            "pendek",
            "Kata sandi paling sedikit 10 karakter.",
        ),
        (
            PASSWORD,
            "kata-sandi-baru-1",
            "kata-sandi-baru-2",
            "Kedua kata sandi baru tidak sama.",
        ),
    ];
    for (current, new, confirm, message) in cases {
        let (status, _, body) = here
            .post_form(
                "/akun/kata-sandi",
                &[
                    ("current_password", current),
                    ("new_password", new),
                    ("new_password_confirm", confirm),
                ],
            )
            .await;
        assert_eq!(status, 422);
        assert!(body.contains(message), "{body}");
    }
    let hash_after: String = on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id).fetch_one(pool).await).unwrap();
    assert_eq!(hash_before, hash_after);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 2);

    let (status, location, _) = here
        .post_form(
            "/akun/kata-sandi",
            &[
                ("current_password", PASSWORD),
                ("new_password", "kata-sandi-baru-1"),
                ("new_password_confirm", "kata-sandi-baru-1"),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/akun?ok=acc-password-changed")
    );
    assert_eq!(here.get("/akun").await.0, 200);
    assert_eq!(elsewhere.get("/akun").await.0, 303);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1);
    assert_eq!(
        login(&app.visitor(), "ganti@example.id", "kata-sandi-baru-1")
            .await
            .0,
        303
    );
    assert_eq!(
        count_where(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = $1",
            "user.password_change"
        )
        .await,
        1
    );
}

/// The reset link in the newest mail to `to`, and the token in it.
async fn reset_link(app: &TestApp, to: &str) -> (String, String) {
    let body: String = on_db!(&app.state.db, pool => sqlx::query_scalar(
        "SELECT body_text FROM mail_outbox WHERE to_address = $1 ORDER BY created_at DESC, id DESC")
        .bind(to).fetch_one(pool).await)
    .expect("a queued mail");
    let prefix = format!("{}/atur-ulang-sandi/", app.state.config.public_url);
    let start = body
        .find(&prefix)
        .unwrap_or_else(|| panic!("no link in {body}"));
    let link: String = body[start..].split_whitespace().next().unwrap().to_string();
    let token = link.rsplit('/').next().unwrap().to_string();
    (link, token)
}

#[tokio::test]
async fn password_reset_by_mailed_token_end_to_end() {
    let app = TestApp::start().await;
    let id = app.user("lupa@example.id", &[]).await;
    let old_session = app.signed_in(id).await;
    let visitor = app.visitor();

    // Unknown and known addresses get the same answer; only the known one gets mail.
    let (status, _, unknown) = visitor
        .post_form("/lupa-sandi", &[("email", "tidak.ada@example.id")])
        .await;
    assert_eq!(status, 200);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_outbox").await, 0);
    let (status, _, known) = visitor
        .post_form("/lupa-sandi", &[("email", "Lupa@Example.id")])
        .await;
    assert_eq!(status, 200);
    let strip = |s: &str| s.replace(&csrf_of(s), "");
    assert_eq!(strip(&unknown), strip(&known));
    assert!(known.contains("Periksa e-mail Anda"));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_outbox").await, 1);

    let (_, token) = reset_link(&app, "lupa@example.id").await;
    // Only the SHA-256 of the token is stored.
    assert_eq!(
        count_where(
            &app,
            "SELECT COUNT(*) FROM password_resets WHERE token_hash = $1",
            &token
        )
        .await,
        0
    );
    let hashed = platform::accounts::session::hash_token(&token);
    assert_eq!(
        count_where(
            &app,
            "SELECT COUNT(*) FROM password_resets WHERE token_hash = $1",
            &hashed
        )
        .await,
        1
    );

    let path = format!("/atur-ulang-sandi/{token}");
    let (status, _, page) = visitor.get(&path).await;
    assert_eq!(status, 200);
    assert!(page.contains("Buat kata sandi baru"), "{page}");
    let (status, _, page) = visitor
        .post_form(
            &path,
            &[
                ("password", "sandi-baru-sekali"),
                ("password_confirm", "sandi-lain-sekali"),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Kedua kata sandi baru tidak sama."));
    let (status, _, page) = visitor
        .post_form(
            &path,
            &[("password", "pendek"), ("password_confirm", "pendek")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(page.contains("Kata sandi paling sedikit 10 karakter."));

    let (status, location, _) = visitor
        .post_form(
            &path,
            &[
                ("password", "sandi-baru-sekali"),
                ("password_confirm", "sandi-baru-sekali"),
            ],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/masuk?ok=acc-password-reset")
    );
    // Every session ended; the old password is dead, the new one works.
    assert_eq!(old_session.get("/akun").await.0, 303);
    assert_eq!(
        login(&app.visitor(), "lupa@example.id", PASSWORD).await.0,
        422
    );
    assert_eq!(
        login(&app.visitor(), "lupa@example.id", "sandi-baru-sekali")
            .await
            .0,
        303
    );
    assert_eq!(
        count_where(
            &app,
            "SELECT COUNT(*) FROM audit_log WHERE action = $1",
            "user.password_reset"
        )
        .await,
        1
    );

    // Single use.
    assert_eq!(visitor.get(&path).await.0, 410);
    let (status, _, body) = visitor
        .post_form(
            &path,
            &[
                ("password", "sandi-ketiga-kali"),
                ("password_confirm", "sandi-ketiga-kali"),
            ],
        )
        .await;
    assert_eq!(status, 410);
    assert!(body.contains("Tautan tidak berlaku"));
    assert_eq!(
        login(&app.visitor(), "lupa@example.id", "sandi-baru-sekali")
            .await
            .0,
        303
    );
}

fn csrf_of(page: &str) -> String {
    crate::support::csrf_in(page)
}

#[tokio::test]
async fn expired_and_unknown_reset_tokens_are_refused() {
    let app = TestApp::start().await;
    app.user("kedaluwarsa@example.id", &[]).await;
    let visitor = app.visitor();
    visitor
        .post_form("/lupa-sandi", &[("email", "kedaluwarsa@example.id")])
        .await;
    let (_, token) = reset_link(&app, "kedaluwarsa@example.id").await;
    app.clock.advance(Duration::minutes(61));
    let path = format!("/atur-ulang-sandi/{token}");
    assert_eq!(visitor.get(&path).await.0, 410);
    let (status, _, _) = visitor
        .post_form(
            &path,
            &[
                ("password", "sandi-baru-sekali"),
                ("password_confirm", "sandi-baru-sekali"),
            ],
        )
        .await;
    assert_eq!(status, 410);
    assert_eq!(
        login(&app.visitor(), "kedaluwarsa@example.id", PASSWORD)
            .await
            .0,
        303
    );

    assert_eq!(visitor.get("/atur-ulang-sandi/tidak-ada").await.0, 410);
    assert_eq!(
        visitor
            .get(&format!("/atur-ulang-sandi/{}", "A".repeat(43)))
            .await
            .0,
        410
    );

    // A bad address on the request form is a 422; a flood is capped at three mails an hour.
    let (status, _, body) = visitor
        .post_form("/lupa-sandi", &[("email", "bukan email")])
        .await;
    assert_eq!(status, 422);
    assert!(body.contains("Alamat e-mail ini tidak sah"));
    for _ in 0..5 {
        visitor
            .post_form("/lupa-sandi", &[("email", "kedaluwarsa@example.id")])
            .await;
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mail_outbox").await, 1 + 3);
}

#[tokio::test]
async fn the_demo_administrator_signs_in_with_the_documented_password() {
    let app = TestApp::start().await;
    let visitor = app.visitor();
    let (status, _, _) = login(&visitor, "admin@example.id", terbuka::demo::DEMO_PASSWORD).await;
    assert_eq!(status, 303);
    let (status, _, body) = visitor.get("/akun").await;
    assert_eq!(status, 200);
    assert!(
        body.contains("Administrator") && body.contains("Dinas Komunikasi dan Informatika"),
        "{body}"
    );
}

/// Behind a reverse proxy every visitor arrives from the proxy's address; with
/// `TERBUKA_TRUSTED_PROXIES=1` the limit counts the address the proxy appended, and a
/// visitor cannot escape it by forging entries to the left.
#[tokio::test]
async fn behind_a_trusted_proxy_the_ip_limit_counts_the_forwarded_client_address() {
    let app = TestApp::builder()
        .config(|c| c.trusted_proxies = 1)
        .start()
        .await;
    app.user("korban@example.id", &[]).await;
    let attempt = |forwarded: &'static str, email: String, password: &'static str| {
        let app = &app;
        async move {
            let client = crate::support::client();
            let page = client
                .get(app.url("/masuk"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            let csrf = crate::support::csrf_in(&page);
            client
                .post(app.url("/masuk"))
                .header("x-forwarded-for", forwarded)
                .form(&[
                    ("_csrf", csrf.as_str()),
                    ("email", &email),
                    ("password", password),
                    ("next", ""),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    for i in 0..20 {
        // The forged left-hand entry changes every time; the proxy's entry does not.
        let forged: &'static str = Box::leak(format!("10.0.0.{i}, 198.51.100.7").into_boxed_str());
        assert_eq!(
            attempt(forged, format!("tebak{i}@example.id"), "tebakan-salah-123").await,
            422
        );
    }
    assert_eq!(
        attempt("198.51.100.7", "korban@example.id".into(), PASSWORD).await,
        429
    );
    assert_eq!(
        attempt("198.51.100.8", "korban@example.id".into(), PASSWORD).await,
        303
    );
}
