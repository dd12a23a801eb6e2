//! Submitting a complaint: one validation and one transaction shared by the web form, the
//! JSON API and Open311 `POST requests`. The reporter's contact goes to
//! `complaint_reporters` (never public); the workflow starts in the case engine.

use platform::authz::Actor;
use platform::cases::{self, OpenCase, Privacy};
use platform::error::{AppError, AppResult, FieldError};
use platform::i18n::Lang;
use platform::state::AppState;
use uuid::Uuid;

use crate::COMPLAINT;
use crate::queries::{self, NewComplaint, Reporter};

pub const KINDS: [&str; 3] = ["pengaduan", "aspirasi", "permintaan_informasi"];
pub const TITLE_MAX: usize = 150;
pub const DESCRIPTION_MAX: usize = 5_000;

/// What a reporter sends, as typed (every field a string, validated here).
#[derive(Clone, Debug, Default, serde::Deserialize)]
#[serde(default)]
pub struct Submission {
    pub kind: String,
    pub title: String,
    pub description: String,
    pub category: String,
    /// A village or district code (`35.22.15` or `35.22.15.2001`).
    pub region: String,
    pub latitude: String,
    pub longitude: String,
    pub location_text: String,
    /// `public`, `anonymous` (anonim) or `confidential` (rahasia).
    pub privacy: String,
    /// Guests: a name (optional) and an e-mail or a phone (one required).
    pub name: String,
    pub email: String,
    pub phone: String,
}

/// The rate-limit bucket of guests' submissions (`platform::web::rate_limit`).
const GUEST_BUCKET: &str = "complaints.guest";

/// Whether a guest at `client` (address) may submit once more now, counting this one when
/// so; the limit is the setting `guest_submissions_per_hour`. Signed-in reporters are not
/// limited (their account answers for them), nor are registered Open311 clients (their key
/// does). Checked before any attachment is stored.
pub async fn guest_may_submit(state: &AppState, actor: &Actor, client: &str) -> AppResult<bool> {
    if actor.is_signed_in() {
        return Ok(true);
    }
    Ok(platform::web::rate_limit::admit(
        &state.db,
        GUEST_BUCKET,
        client,
        state.config.guest_submissions_per_hour,
        state.clock.now(),
    )
    .await?)
}

/// The result: the tracking code and, for guests, the secret of their follow-up link
/// (shown once; only its hash is stored).
#[derive(Clone, Debug)]
pub struct Submitted {
    pub case_id: Uuid,
    pub tracking_code: String,
    pub guest_secret: Option<String>,
}

fn parse_coordinate(
    text: &str,
    field: &str,
    range: f64,
    errors: &mut Vec<FieldError>,
) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.replace(',', ".").parse::<f64>() {
        Ok(v) if v.is_finite() && v.abs() <= range => Some(v),
        _ => {
            errors.push(FieldError::new(field, "complaint-error-coordinate"));
            None
        }
    }
}

/// The platform's own rules for e-mail addresses and Indonesian mobile numbers (the ones
/// account forms use), answered with this module's messages.
fn looks_like_email(s: &str) -> bool {
    platform::accounts::validate::email(s).is_ok()
}

fn looks_like_phone(s: &str) -> bool {
    platform::accounts::validate::phone(s).is_ok_and(|p| p.is_some())
}

/// [`submit_in`] for a reporter writing in Bahasa Indonesia.
pub async fn submit(
    state: &AppState,
    actor: &Actor,
    input: Submission,
    files: Vec<Uuid>,
) -> AppResult<Submitted> {
    submit_in(state, actor, input, files, Lang::Id).await
}

/// Validate and submit; `files` are ids already stored through `platform::files`; `lang` is
/// the reporter's language (their mails are written in it). The reporter gets a receipt by
/// e-mail when they left an address. All-or-nothing: on any error nothing is written.
pub async fn submit_in(
    state: &AppState,
    actor: &Actor,
    input: Submission,
    files: Vec<Uuid>,
    lang: Lang,
) -> AppResult<Submitted> {
    let mut errors = Vec::new();
    let kind = input.kind.trim();
    if !KINDS.contains(&kind) {
        errors.push(FieldError::new("kind", "complaint-error-kind"));
    }
    let title = input.title.trim();
    if title.chars().count() < 5 || title.chars().count() > TITLE_MAX {
        errors.push(FieldError::new("title", "complaint-error-title"));
    }
    let description = input.description.trim();
    if description.chars().count() < 20 || description.chars().count() > DESCRIPTION_MAX {
        errors.push(FieldError::new(
            "description",
            "complaint-error-description",
        ));
    }
    let category = queries::category(&state.db, input.category.trim()).await?;
    if !category.as_ref().is_some_and(|c| c.active) {
        errors.push(FieldError::new("category", "complaint-error-category"));
    }
    let region = platform::regions::region(&state.db, input.region.trim()).await?;
    let district_code = match &region {
        Some(r) if r.level == "district" && r.code.starts_with("35.22.") => Some(r.code.clone()),
        Some(r) if r.level == "village" && r.code.starts_with("35.22.") => r.parent_code.clone(),
        _ => None,
    };
    if district_code.is_none() {
        errors.push(FieldError::new("region", "complaint-error-region"));
    }
    let latitude = parse_coordinate(&input.latitude, "latitude", 90.0, &mut errors);
    let longitude = parse_coordinate(&input.longitude, "longitude", 180.0, &mut errors);
    if latitude.is_some() != longitude.is_some() {
        errors.push(FieldError::new(
            "longitude",
            "complaint-error-coordinate-pair",
        ));
    }
    if input.location_text.chars().count() > 300 {
        errors.push(FieldError::new("location_text", "complaint-error-too-long"));
    }
    let privacy = match input.privacy.trim() {
        "" | "public" => Some(Privacy::Public),
        other => Privacy::parse(other),
    };
    if privacy.is_none() {
        errors.push(FieldError::new("privacy", "complaint-error-privacy"));
    }
    let guest = !actor.is_signed_in();
    let email = input.email.trim().to_lowercase();
    let phone = input.phone.trim().to_string();
    if !email.is_empty() && !looks_like_email(&email) {
        errors.push(FieldError::new("email", "complaint-error-email"));
    }
    if !phone.is_empty() && !looks_like_phone(&phone) {
        errors.push(FieldError::new("phone", "complaint-error-phone"));
    }
    if guest && email.is_empty() && phone.is_empty() {
        errors.push(FieldError::new("email", "complaint-error-contact"));
    }
    if input.name.chars().count() > 100 {
        errors.push(FieldError::new("name", "complaint-error-too-long"));
    }
    let (Some(_), Some(region), Some(district_code), Some(privacy), true) =
        (category, region, district_code, privacy, errors.is_empty())
    else {
        return Err(AppError::Validation(errors));
    };

    let now = state.clock.now();
    let calendar = state.calendar.get(&state.db).await?;
    let reporter = match &actor.user {
        Some(user) => Reporter {
            name: user.name.clone(),
            email: user.email.clone(),
            phone,
            lang,
            ..Default::default()
        },
        None => Reporter {
            name: input.name.trim().to_string(),
            email,
            phone,
            lang,
            ..Default::default()
        },
    };
    let mut tx = state.db.begin().await?;
    let opened = cases::open(
        &mut tx,
        &COMPLAINT,
        OpenCase {
            organisation_id: None,
            privacy,
            reporter_user_id: actor.user_id(),
            guest,
            body: description.to_string(),
            files,
        },
        now,
        &calendar,
    )
    .await
    .map_err(AppError::from)?;
    let complaint = NewComplaint {
        kind: kind.to_string(),
        title: title.to_string(),
        description: description.to_string(),
        category_id: input.category.trim().to_string(),
        region_code: region.code,
        district_code,
        latitude,
        longitude,
        location_text: input.location_text.trim().to_string(),
    };
    queries::insert(&mut tx, opened.case.id, &complaint, &reporter, now).await?;
    crate::notify::receipt(
        state,
        &mut tx,
        &reporter,
        &opened.case.tracking_code,
        opened.guest_secret.as_deref(),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(Submitted {
        case_id: opened.case.id,
        tracking_code: opened.case.tracking_code,
        guest_secret: opened.guest_secret,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phones_and_emails_are_checked_loosely_but_surely() {
        assert!(looks_like_phone("+62 812-3456-7890"));
        assert!(looks_like_phone("081234567890"));
        assert!(!looks_like_phone("12345"));
        assert!(!looks_like_phone("+62 812 abc"));
        assert!(looks_like_email("warga@example.id"));
        assert!(!looks_like_email("warga@example"));
        assert!(!looks_like_email("war ga@example.id"));
    }

    #[test]
    fn coordinates_must_be_numbers_on_the_globe() {
        let mut errors = Vec::new();
        assert_eq!(
            parse_coordinate("-7,15", "latitude", 90.0, &mut errors),
            Some(-7.15)
        );
        assert_eq!(parse_coordinate("", "latitude", 90.0, &mut errors), None);
        assert!(errors.is_empty());
        assert_eq!(parse_coordinate("91", "latitude", 90.0, &mut errors), None);
        assert_eq!(
            parse_coordinate("NaN", "longitude", 180.0, &mut errors),
            None
        );
        assert_eq!(errors.len(), 2);
    }
}
