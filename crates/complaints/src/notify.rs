//! Mails to the reporter, in the language they wrote in: a receipt when the report arrives
//! (for a guest, with the follow-up link — the only copy besides the page they just saw,
//! since only the secret's hash is kept), and a note after each public step of the
//! workflow. Queued in the caller's transaction, so a mail goes out only for a step that
//! happened; delivered by the platform's outbox job.

use chrono::{DateTime, Utc};
use platform::AppState;
use platform::cases::Case;
use platform::db::Tx;
use platform::error::AppResult;
use platform::i18n::Arg;

use crate::queries;

/// Public steps after which the reporter hears from us.
const NOTIFIED: [&str; 4] = ["verify_and_route", "respond", "reroute", "close"];

fn base_url(state: &AppState) -> &str {
    state.config.public_url.trim_end_matches('/')
}

/// The receipt of a new report `code` to its `reporter` (when they left an e-mail address);
/// `guest_secret` is the guest's follow-up secret.
pub async fn receipt(
    state: &AppState,
    tx: &mut Tx,
    reporter: &queries::Reporter,
    code: &str,
    guest_secret: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let email = reporter.email.trim();
    if email.is_empty() {
        return Ok(());
    }
    let t = state.tr(reporter.lang);
    let link = match guest_secret {
        Some(secret) => format!(
            "{}/pengaduan/lacak/{code}?kunci={}",
            base_url(state),
            platform::web::routes::urlencode(secret)
        ),
        None => format!("{}/pengaduan/lacak/{code}", base_url(state)),
    };
    let args = [
        ("code", Arg::Str(code.to_string())),
        ("link", Arg::Str(link)),
    ];
    let subject = t.ta("complaint-mail-receipt-subject", &args);
    let body = if guest_secret.is_some() {
        t.ta("complaint-mail-receipt-body-guest", &args)
    } else {
        t.ta("complaint-mail-receipt-body-user", &args)
    };
    platform::mail::queue(tx, now, email, &subject, &body).await?;
    Ok(())
}

/// A note to the reporter (when they left an address) after the public step `action` led
/// the case to its current state. Guests' secrets are not stored, so their mail reminds
/// them to use the follow-up link they saved; a signed-in reporter's link works with their
/// account.
pub async fn step(
    state: &AppState,
    tx: &mut Tx,
    case: &Case,
    action: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if !NOTIFIED.contains(&action) {
        return Ok(());
    }
    let Some((email, lang)) = queries::reporter_mailbox(tx, case.id).await? else {
        return Ok(());
    };
    let t = state.tr(lang);
    let signed_in = case.reporter_user_id.is_some();
    let link = if signed_in {
        format!("{}/pengaduan/lacak/{}", base_url(state), case.tracking_code)
    } else {
        format!("{}/pengaduan/{}", base_url(state), case.tracking_code)
    };
    let args = [
        ("code", Arg::Str(case.tracking_code.clone())),
        ("step", Arg::Str(t.t(&format!("cstaff-action-{action}")))),
        (
            "state",
            Arg::Str(t.t(&format!("cstaff-state-{}", case.state))),
        ),
        ("link", Arg::Str(link)),
    ];
    let subject = t.ta("cstaff-mail-subject", &args);
    let body = if signed_in {
        t.ta("cstaff-mail-body-user", &args)
    } else {
        t.ta("cstaff-mail-body-guest", &args)
    };
    platform::mail::queue(tx, now, &email, &subject, &body).await?;
    Ok(())
}
