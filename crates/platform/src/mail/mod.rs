//! Outgoing e-mail. Handlers queue a message in the same transaction as the change that
//! causes it; a background job delivers the outbox over SMTP (lettre). Admins can read the
//! outbox.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::db::{RowsAffected, Tx};
use crate::on_db;

/// Queue one plain-text message for delivery.
pub async fn queue(
    tx: &mut Tx,
    now: DateTime<Utc>,
    to: &str,
    subject: &str,
    body: &str,
) -> Result<Uuid, sqlx::Error> {
    let id = Uuid::now_v7();
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO mail_outbox (id, to_address, subject, body_text, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(id).bind(to).bind(subject).bind(body).bind(now)
        .execute(&mut **conn).await.affected())?;
    Ok(id)
}

pub mod pages;

use std::time::Duration;

use lettre::message::header::ContentType;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::db::Db;
use crate::state::AppState;

pub use pages::routes;

/// A message is tried this many times, then left in the outbox with its last error.
pub const MAX_ATTEMPTS: i32 = 10;
/// Messages sent per delivery run (the next run, seconds later, takes the rest).
pub const BATCH: i64 = 50;

/// The periodic job that sends the outbox (see [`crate::jobs::Registry::platform`]).
#[derive(Debug, Clone, Copy, Default, serde::Serialize, serde::Deserialize)]
pub struct DeliverOutbox;

impl crate::jobs::Job for DeliverOutbox {
    const KIND: &'static str = "mail.deliver";

    async fn run(&self, state: &AppState) -> anyhow::Result<()> {
        deliver_pending(state).await.map(|_| ())
    }
}

/// Where and how to connect, parsed from `TERBUKA_SMTP_URL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpTarget {
    pub host: String,
    pub port: u16,
    pub security: Security,
    pub user: Option<(String, String)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// No TLS: only for a relay on the same host or network (`smtp://127.0.0.1:2525`).
    Plain,
    /// STARTTLS required (`smtp://user:pass@host:587`).
    StartTls,
    /// TLS from the first byte (`smtps://…`, port 465 by default).
    Tls,
}

/// Parse an SMTP URL. `smtps://` is implicit TLS; `smtp://` with a user name or on port 587
/// requires STARTTLS (credentials never travel in the clear); a bare `smtp://host:port` is
/// plain, for local relays. `?tls=starttls` or `?tls=none` overrides the guess.
pub fn parse_smtp_url(url: &str) -> anyhow::Result<SmtpTarget> {
    let (scheme, rest) = url
        .split_once("://")
        .ok_or_else(|| anyhow::anyhow!("SMTP URL must start with smtp:// or smtps://"))?;
    let (rest, query) = match rest.split_once('?') {
        Some((r, q)) => (r, q),
        None => (rest, ""),
    };
    let authority = rest.split('/').next().unwrap_or("");
    let (userinfo, hostport) = match authority.rsplit_once('@') {
        Some((u, h)) => (Some(u), h),
        None => (None, authority),
    };
    // IPv6 literals are not supported: name the relay by host name or IPv4 address.
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) => (
            h,
            Some(
                p.parse::<u16>()
                    .map_err(|_| anyhow::anyhow!("bad SMTP port {p:?}"))?,
            ),
        ),
        None => (hostport, None),
    };
    if host.is_empty() {
        anyhow::bail!("SMTP URL has no host");
    }
    let user = userinfo.map(|u| match u.split_once(':') {
        Some((name, pass)) => (percent_decode(name), percent_decode(pass)),
        None => (percent_decode(u), String::new()),
    });
    let tls_param = query
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "tls")
        .map(|(_, v)| v);
    let security = match (scheme, tls_param) {
        ("smtps", _) => Security::Tls,
        ("smtp", Some("none")) => Security::Plain,
        ("smtp", Some("starttls" | "required")) => Security::StartTls,
        ("smtp", _) if user.is_some() || port == Some(587) => Security::StartTls,
        ("smtp", _) => Security::Plain,
        (other, _) => anyhow::bail!("unsupported SMTP URL scheme {other:?}"),
    };
    let port = port.unwrap_or(match security {
        Security::Tls => 465,
        Security::StartTls => 587,
        Security::Plain => 25,
    });
    Ok(SmtpTarget {
        host: host.to_string(),
        port,
        security,
        user,
    })
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(b) = u8::from_str_radix(
                std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                16,
            )
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The lettre transport for a target.
pub fn transport(target: &SmtpTarget) -> anyhow::Result<AsyncSmtpTransport<Tokio1Executor>> {
    let builder = match target.security {
        Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&target.host)?,
        Security::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&target.host)?,
        Security::Plain => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&target.host),
    };
    let mut builder = builder
        .port(target.port)
        .timeout(Some(Duration::from_secs(30)));
    if let Some((user, pass)) = &target.user {
        builder = builder.credentials(Credentials::new(user.clone(), pass.clone()));
    }
    Ok(builder.build())
}

#[derive(sqlx::FromRow)]
struct Pending {
    id: Uuid,
    to_address: String,
    subject: String,
    body_text: String,
}

/// Send what waits in the outbox; returns how many were sent. With no SMTP URL configured
/// nothing is sent and the messages stay in the outbox (visible at `/admin/surat`).
pub async fn deliver_pending(state: &AppState) -> anyhow::Result<usize> {
    if state.config.smtp_url.trim().is_empty() {
        return Ok(0);
    }
    let target = parse_smtp_url(state.config.smtp_url.trim())?;
    let mailer = transport(&target)?;
    let from: lettre::message::Mailbox = state.config.mail_from.parse().map_err(|e| {
        anyhow::anyhow!(
            "TERBUKA_MAIL_FROM {:?} is not an address: {e}",
            state.config.mail_from
        )
    })?;
    let pending = pending(&state.db).await?;
    let mut sent = 0;
    for message in pending {
        let result = async {
            let to: lettre::message::Mailbox = message
                .to_address
                .parse()
                .map_err(|e| anyhow::anyhow!("bad recipient: {e}"))?;
            let email = Message::builder()
                .from(from.clone())
                .to(to)
                .subject(message.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(message.body_text.clone())?;
            mailer.send(email).await?;
            anyhow::Ok(())
        }
        .await;
        let now = state.clock.now();
        match result {
            Ok(()) => {
                sent += 1;
                on_db!(&state.db, pool => sqlx::query(
                    "UPDATE mail_outbox SET sent_at = $1, attempts = attempts + 1, last_error = NULL WHERE id = $2")
                    .bind(now).bind(message.id).execute(pool).await.affected())?;
            }
            Err(err) => {
                let error = format!("{err:#}");
                tracing::warn!(id = %message.id, error = %error, "mail delivery failed");
                on_db!(&state.db, pool => sqlx::query(
                    "UPDATE mail_outbox SET attempts = attempts + 1, last_error = $1 WHERE id = $2")
                    .bind(&error).bind(message.id).execute(pool).await.affected())?;
            }
        }
    }
    Ok(sent)
}

async fn pending(db: &Db) -> Result<Vec<Pending>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT id, to_address, subject, body_text FROM mail_outbox \
         WHERE sent_at IS NULL AND attempts < $1 ORDER BY created_at, id LIMIT $2")
        .bind(MAX_ATTEMPTS).bind(BATCH).fetch_all(pool).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn smtp_urls() {
        let t = parse_smtp_url("smtp://127.0.0.1:2525").unwrap();
        assert_eq!(
            (t.host.as_str(), t.port, t.security, t.user.is_none()),
            ("127.0.0.1", 2525, Security::Plain, true)
        );
        let t = parse_smtp_url("smtp://user%40x:p%3Ass@mail.example.id:587").unwrap();
        assert_eq!(t.security, Security::StartTls);
        assert_eq!(t.user, Some(("user@x".into(), "p:ss".into())));
        let t = parse_smtp_url("smtp://u:p@mail.example.id").unwrap();
        assert_eq!((t.port, t.security), (587, Security::StartTls));
        let t = parse_smtp_url("smtps://u:p@mail.example.id").unwrap();
        assert_eq!((t.port, t.security), (465, Security::Tls));
        let t = parse_smtp_url("smtp://relay.local:25?tls=starttls").unwrap();
        assert_eq!(t.security, Security::StartTls);
        assert!(parse_smtp_url("http://x").is_err());
        assert!(parse_smtp_url("smtp://:25").is_err());
        assert!(parse_smtp_url("smtp://host:notaport").is_err());
    }
}
