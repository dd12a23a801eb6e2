//! People for tests: users with roles created through the accounts API, and [`Visitor`]s —
//! HTTP clients with their own cookie jar that can sign in without the login form and post
//! forms with a valid CSRF token.

use std::sync::Arc;

use platform::authz::Role;
use platform::clock::Clock;
use reqwest::cookie::CookieStore;
use uuid::Uuid;

use super::TestApp;

/// The password of every user the tests create.
pub const PASSWORD: &str = "kata-sandi-uji-2026";

/// One visitor of the site: a cookie jar, no automatic redirects.
pub struct Visitor {
    pub client: reqwest::Client,
    jar: Arc<reqwest::cookie::Jar>,
    base: String,
    secret: Vec<u8>,
}

impl TestApp {
    /// A new anonymous visitor.
    pub fn visitor(&self) -> Visitor {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("http client");
        Visitor {
            client,
            jar,
            base: self.url(""),
            secret: self.state.secret.clone(),
        }
    }

    /// Create an active user with [`PASSWORD`] holding `roles` (role, organisation id);
    /// no roles makes a citizen. Returns the user's id.
    pub async fn user(&self, email: &str, roles: &[(Role, &str)]) -> Uuid {
        let now = self.clock.now();
        let mut tx = self.state.db.begin().await.expect("begin");
        let new = platform::accounts::users::NewUser {
            email: email.to_string(),
            name: format!("Pengguna {}", email.split('@').next().unwrap_or(email)),
            password: PASSWORD.to_string(),
            ..Default::default()
        };
        let id = platform::accounts::users::create(&mut tx, new, now)
            .await
            .expect("create user");
        for (role, organisation) in roles {
            platform::accounts::users::grant(&mut tx, id, organisation, *role, now)
                .await
                .expect("grant role");
        }
        tx.commit().await.expect("commit");
        id
    }

    /// A visitor already signed in as `user_id` (a session made directly, not via the form).
    pub async fn signed_in(&self, user_id: Uuid) -> Visitor {
        let token =
            platform::accounts::session::create(&self.state.db, user_id, self.clock.now(), "tests")
                .await
                .expect("session");
        let visitor = self.visitor();
        let url = reqwest::Url::parse(&self.url("/")).expect("url");
        visitor.jar.add_cookie_str(
            &format!(
                "{}={token}; Path=/",
                platform::accounts::session::SESSION_COOKIE
            ),
            &url,
        );
        visitor
    }
}

impl Visitor {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// GET `path` and return (status, `Location` header, body).
    pub async fn get(&self, path: &str) -> (u16, String, String) {
        let response = self.client.get(self.url(path)).send().await.expect("GET");
        read(response).await
    }

    /// The CSRF token for this visitor's forms (fetching a page first for the cookie).
    pub async fn csrf(&self) -> String {
        let url = reqwest::Url::parse(&self.url("/")).expect("url");
        if self
            .cookie(&url, platform::web::csrf::CSRF_COOKIE)
            .is_none()
        {
            let _ = self.client.get(self.url("/")).send().await.expect("GET /");
        }
        let cookie = self
            .cookie(&url, platform::web::csrf::CSRF_COOKIE)
            .expect("a CSRF cookie after visiting /");
        platform::web::csrf::token_for(&self.secret, &cookie)
    }

    fn cookie(&self, url: &reqwest::Url, name: &str) -> Option<String> {
        let header = self.jar.cookies(url)?;
        header
            .to_str()
            .ok()?
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.to_string())
    }

    /// POST a form with a valid `_csrf` field added; returns (status, `Location`, body).
    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> (u16, String, String) {
        let token = self.csrf().await;
        let mut form: Vec<(&str, &str)> = vec![("_csrf", token.as_str())];
        form.extend_from_slice(fields);
        let response = self
            .client
            .post(self.url(path))
            .form(&form)
            .send()
            .await
            .expect("POST");
        read(response).await
    }
}

async fn read(response: reqwest::Response) -> (u16, String, String) {
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get(reqwest::header::LOCATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, location, response.text().await.unwrap_or_default())
}
