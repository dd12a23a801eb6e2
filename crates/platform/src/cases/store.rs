//! Reading and writing cases and their timelines (see the module documentation).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::Serialize;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use super::{Audience, By, CaseError, CaseType, Party, ReporterProof, TransitionDef};
use crate::audit::{self, Change};
use crate::authz::Role;
use crate::calendar::Calendar;
use crate::clock::wib;
use crate::db::{Db, RowsAffected, Tx};
use crate::error::FieldError;
use crate::on_db;

/// Who may see a case and its reporter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Privacy {
    Public,
    /// The case is public; the reporter's identity is hidden from the public and the
    /// handling organisation.
    Anonymous,
    /// The whole case is hidden from the public.
    Confidential,
}

impl Privacy {
    pub fn as_str(self) -> &'static str {
        match self {
            Privacy::Public => "public",
            Privacy::Anonymous => "anonymous",
            Privacy::Confidential => "confidential",
        }
    }

    pub fn parse(s: &str) -> Option<Privacy> {
        [Privacy::Public, Privacy::Anonymous, Privacy::Confidential]
            .into_iter()
            .find(|p| p.as_str() == s)
    }
}

/// One row of `cases`.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Case {
    pub id: Uuid,
    pub case_type: String,
    pub tracking_code: String,
    pub state: String,
    pub organisation_id: Option<String>,
    pub privacy: String,
    pub reporter_user_id: Option<Uuid>,
    #[serde(skip)]
    pub guest_secret_hash: Option<String>,
    pub due_on: Option<NaiveDate>,
    pub overdue: bool,
    pub escalated_at: Option<DateTime<Utc>>,
    pub version: i64,
    pub opened_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
}

const CASE_COLUMNS: &str = "id, case_type, tracking_code, state, organisation_id, privacy, reporter_user_id, \
     guest_secret_hash, due_on, overdue, escalated_at, version, opened_at, updated_at, closed_at";

/// One timeline entry, with the ids of its attached files.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct Entry {
    pub id: Uuid,
    pub case_id: Uuid,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub public: bool,
    pub author_user_id: Option<Uuid>,
    pub author_role: String,
    pub action: Option<String>,
    pub from_state: Option<String>,
    pub to_state: Option<String>,
    pub organisation_id: Option<String>,
    pub body: String,
    #[sqlx(skip)]
    pub files: Vec<Uuid>,
}

/// What [`open`] needs.
#[derive(Clone, Debug)]
pub struct OpenCase {
    pub organisation_id: Option<String>,
    pub privacy: Privacy,
    pub reporter_user_id: Option<Uuid>,
    /// Make a guest secret (returned once in [`Opened`]).
    pub guest: bool,
    /// The first timeline entry (the report itself, public unless the case is confidential).
    pub body: String,
    /// Files (already stored through `platform::files`) attached to that first entry.
    pub files: Vec<Uuid>,
}

#[derive(Clone, Debug)]
pub struct Opened {
    pub case: Case,
    pub guest_secret: Option<String>,
}

/// One action on a case.
#[derive(Clone, Debug)]
pub struct Act<'a> {
    pub action: &'a str,
    pub by: By<'a>,
    pub body: String,
    pub public: bool,
    pub route_to: Option<String>,
    pub files: Vec<Uuid>,
}

/// SHA-256 (hex) of a guest secret.
pub fn hash_secret(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

/// Equality that takes the same time whatever the inputs' common prefix.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

fn today(now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&wib()).date_naive()
}

/// The working days for `state` of `case_type`: the `settings` override
/// `cases.deadline.<kind>.<state>` or the declared default; `None` without a deadline.
async fn deadline_days(
    tx: &mut Tx,
    case_type: &CaseType,
    state: &str,
) -> Result<Option<u32>, sqlx::Error> {
    let Some(deadline) = case_type.state(state).and_then(|s| s.deadline) else {
        return Ok(None);
    };
    let key = format!("cases.deadline.{}.{state}", case_type.kind);
    let configured: Option<String> = on_db!(tx, tx; conn => sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(&key).fetch_optional(&mut **conn).await)?;
    Ok(Some(
        configured
            .and_then(|v| v.trim().parse::<u32>().ok())
            .unwrap_or(deadline.working_days),
    ))
}

async fn due_for(
    tx: &mut Tx,
    case_type: &CaseType,
    state: &str,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Option<NaiveDate>, sqlx::Error> {
    Ok(deadline_days(tx, case_type, state)
        .await?
        .map(|n| calendar.add_working_days(today(now), n)))
}

/// Open a case of `case_type` in its first state, inside the caller's transaction.
pub async fn open(
    tx: &mut Tx,
    case_type: &CaseType,
    new: OpenCase,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Opened, CaseError> {
    let Some(initial) = case_type.initial() else {
        return Err(CaseError::NotAllowed);
    };
    let year = today(now).year();
    // The counter row is written first: on SQLite that takes the write lock before anything
    // is read, on PostgreSQL the row lock serialises concurrent openings of one type.
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO case_counters (case_type, year, last_seq) VALUES ($1, $2, 0) \
         ON CONFLICT (case_type, year) DO NOTHING")
        .bind(case_type.kind).bind(year).execute(&mut **conn).await.affected())?;
    let seq: i64 = on_db!(tx, tx; conn => sqlx::query_scalar(
        "UPDATE case_counters SET last_seq = last_seq + 1 WHERE case_type = $1 AND year = $2 RETURNING last_seq")
        .bind(case_type.kind).bind(year).fetch_one(&mut **conn).await)?;
    let tracking_code = format!("{}-{year}-{seq:06}", case_type.tracking_prefix);
    let guest_secret = new.guest.then(|| hex::encode(rand::random::<[u8; 24]>()));
    let secret_hash = guest_secret.as_deref().map(hash_secret);
    let due_on = due_for(tx, case_type, initial.code, now, calendar).await?;
    let id = Uuid::now_v7();
    let closed_at = initial.terminal.then_some(now);
    let case: Case = on_db!(tx, tx; conn => sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "INSERT INTO cases (id, case_type, tracking_code, state, organisation_id, privacy, reporter_user_id, \
         guest_secret_hash, due_on, overdue, escalated_at, version, opened_at, updated_at, closed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, FALSE, NULL, 1, $10, $10, $11) RETURNING {CASE_COLUMNS}")))
        .bind(id).bind(case_type.kind).bind(&tracking_code).bind(initial.code)
        .bind(&new.organisation_id).bind(new.privacy.as_str()).bind(new.reporter_user_id)
        .bind(&secret_hash).bind(due_on).bind(now).bind(closed_at)
        .fetch_one(&mut **conn).await)?;
    let public = new.privacy != Privacy::Confidential;
    insert_entry(
        tx,
        &NewEntry {
            case_id: id,
            at: now,
            kind: "reporter_message",
            public,
            author_user_id: new.reporter_user_id,
            author_role: Party::Reporter.role(),
            action: None,
            from_state: None,
            to_state: Some(initial.code),
            organisation_id: new.organisation_id.as_deref(),
            body: &new.body,
        },
        &new.files,
    )
    .await?;
    Ok(Opened { case, guest_secret })
}

struct NewEntry<'a> {
    case_id: Uuid,
    at: DateTime<Utc>,
    kind: &'a str,
    public: bool,
    author_user_id: Option<Uuid>,
    author_role: &'a str,
    action: Option<&'a str>,
    from_state: Option<&'a str>,
    to_state: Option<&'a str>,
    organisation_id: Option<&'a str>,
    body: &'a str,
}

async fn insert_entry(tx: &mut Tx, e: &NewEntry<'_>, files: &[Uuid]) -> Result<Uuid, CaseError> {
    let id = Uuid::now_v7();
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO case_entries (id, case_id, at, kind, public, author_user_id, author_role, action, \
         from_state, to_state, organisation_id, body) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        .bind(id).bind(e.case_id).bind(e.at).bind(e.kind).bind(e.public).bind(e.author_user_id)
        .bind(e.author_role).bind(e.action).bind(e.from_state).bind(e.to_state)
        .bind(e.organisation_id).bind(e.body)
        .execute(&mut **conn).await.affected())?;
    for file in files {
        let attached = on_db!(tx, tx; conn => sqlx::query(
            "INSERT INTO case_entry_files (entry_id, file_id) SELECT $1, id FROM files WHERE id = $2 \
             ON CONFLICT (entry_id, file_id) DO NOTHING")
            .bind(id).bind(file).execute(&mut **conn).await.affected())?;
        if attached == 0 {
            return Err(CaseError::Invalid(vec![FieldError::new(
                "files",
                "case-error-unknown-file",
            )]));
        }
    }
    Ok(id)
}

/// Lock the case row (a write that changes nothing: on SQLite it takes the write lock before
/// the read, on PostgreSQL it holds the row) and read it.
async fn lock(tx: &mut Tx, case_id: Uuid) -> Result<Case, CaseError> {
    let touched = on_db!(tx, tx; conn => sqlx::query("UPDATE cases SET version = version WHERE id = $1")
        .bind(case_id).execute(&mut **conn).await.affected())?;
    if touched == 0 {
        return Err(CaseError::NotFound);
    }
    let case: Case = on_db!(tx, tx; conn => sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1")))
        .bind(case_id).fetch_one(&mut **conn).await)?;
    Ok(case)
}

/// Whether `by` proves to be the reporter of `case`.
fn is_reporter(case: &Case, proof: &ReporterProof) -> bool {
    match proof {
        ReporterProof::User(id) => case.reporter_user_id == Some(*id),
        ReporterProof::GuestSecret(secret) => case
            .guest_secret_hash
            .as_deref()
            .is_some_and(|h| constant_time_eq(h.as_bytes(), hash_secret(secret).as_bytes())),
    }
}

/// The first of `parties` that `by` acts as on `case`, if any.
fn acting_as(case: &Case, parties: &[Party], by: &By<'_>) -> Option<Party> {
    parties.iter().copied().find(|party| match (party, by) {
        (Party::Verifier, By::Staff(actor)) => actor.has_role(Role::Verifier) || actor.is_admin(),
        (Party::AssignedOrganisation, By::Staff(actor)) => case
            .organisation_id
            .as_deref()
            .is_some_and(|org| crate::authz::may(actor, crate::authz::Action::HandleCase, org)),
        (Party::Reporter, By::Reporter(proof)) => is_reporter(case, proof),
        (Party::System, By::System) => true,
        _ => false,
    })
}

async fn organisation_exists(tx: &mut Tx, id: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = on_db!(tx, tx; conn => sqlx::query_scalar("SELECT COUNT(*) FROM organisations WHERE id = $1")
        .bind(id).fetch_one(&mut **conn).await)?;
    Ok(n > 0)
}

/// Take `act.action` on the case, which the actor saw at `expected_version`.
pub async fn act(
    tx: &mut Tx,
    case_type: &CaseType,
    case_id: Uuid,
    expected_version: i64,
    act: Act<'_>,
    now: DateTime<Utc>,
    calendar: &Calendar,
) -> Result<Case, CaseError> {
    let case = lock(tx, case_id).await?;
    if case.case_type != case_type.kind {
        return Err(CaseError::NotFound);
    }
    if case.version != expected_version {
        return Err(CaseError::Stale);
    }
    let Some(transition): Option<&TransitionDef> = case_type.transition(&case.state, act.action)
    else {
        return Err(CaseError::NotAllowed);
    };
    let Some(party) = acting_as(&case, transition.by, &act.by) else {
        return Err(CaseError::Forbidden);
    };
    let body = act.body.trim();
    let mut problems = Vec::new();
    if transition.needs_body && body.is_empty() {
        problems.push(FieldError::new("body", "case-error-body-required"));
    }
    let route_to = if transition.assigns {
        match act
            .route_to
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            None => {
                problems.push(FieldError::new("route_to", "case-error-route-required"));
                None
            }
            Some(org) if !organisation_exists(tx, org).await? => {
                problems.push(FieldError::new(
                    "route_to",
                    "case-error-unknown-organisation",
                ));
                None
            }
            Some(org) => Some(org.to_string()),
        }
    } else {
        None
    };
    if !problems.is_empty() {
        return Err(CaseError::Invalid(problems));
    }
    let Some(target) = case_type.state(transition.to) else {
        return Err(CaseError::NotAllowed);
    };
    let organisation_id = route_to.clone().or_else(|| case.organisation_id.clone());
    let changes_state = transition.to != case.state;
    let (due_on, overdue, escalated_at) = if changes_state {
        (
            due_for(tx, case_type, target.code, now, calendar).await?,
            false,
            None,
        )
    } else {
        (case.due_on, case.overdue, case.escalated_at)
    };
    let closed_at = if target.terminal { Some(now) } else { None };
    let updated: Option<Case> = on_db!(tx, tx; conn => sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE cases SET state = $1, organisation_id = $2, due_on = $3, overdue = $4, escalated_at = $5, \
         closed_at = $6, updated_at = $7, version = version + 1 WHERE id = $8 AND version = $9 \
         RETURNING {CASE_COLUMNS}")))
        .bind(target.code).bind(&organisation_id).bind(due_on).bind(overdue).bind(escalated_at)
        .bind(closed_at).bind(now).bind(case_id).bind(expected_version)
        .fetch_optional(&mut **conn).await)?;
    let Some(updated) = updated else {
        return Err(CaseError::Stale);
    };
    let author_user_id = match &act.by {
        By::Staff(actor) => actor.user_id(),
        By::Reporter(ReporterProof::User(id)) => Some(*id),
        _ => None,
    };
    insert_entry(
        tx,
        &NewEntry {
            case_id,
            at: now,
            kind: "transition",
            public: act.public,
            author_user_id,
            author_role: party.role(),
            action: Some(transition.action),
            from_state: Some(&case.state),
            to_state: Some(target.code),
            organisation_id: route_to.as_deref(),
            body,
        },
        &act.files,
    )
    .await?;
    let audit_action = format!("case.{}", transition.action);
    let change = Change {
        action: &audit_action,
        entity_type: "case",
        entity_id: &case.tracking_code,
        organisation_id: updated.organisation_id.as_deref(),
        before: serde_json::to_value(&case).ok(),
        after: serde_json::to_value(&updated).ok(),
    };
    match &act.by {
        By::Staff(actor) => audit::record(tx, actor, now, change).await?,
        By::System => audit::record_as(tx, None, "cases.deadlines (job)", now, change).await?,
        // The reporter's own steps are on the timeline; they are not staff changes.
        By::Reporter(_) => {}
    }
    Ok(updated)
}

/// Add a timeline entry that does not change the state: a staff member's public or internal
/// note (verifiers, the assigned organisation, admins) or a message of the reporter.
pub async fn note(
    tx: &mut Tx,
    case_id: Uuid,
    by: By<'_>,
    body: &str,
    public: bool,
    files: &[Uuid],
    now: DateTime<Utc>,
) -> Result<Uuid, CaseError> {
    let case = lock(tx, case_id).await?;
    let parties = [
        Party::Verifier,
        Party::AssignedOrganisation,
        Party::Reporter,
    ];
    let Some(party) = acting_as(&case, &parties, &by) else {
        return Err(CaseError::Forbidden);
    };
    let body = body.trim();
    if body.is_empty() {
        return Err(CaseError::Invalid(vec![FieldError::new(
            "body",
            "case-error-body-required",
        )]));
    }
    let (kind, public) = match party {
        Party::Reporter => ("reporter_message", public),
        _ if public => ("public_note", true),
        _ => ("internal_note", false),
    };
    let author_user_id = match &by {
        By::Staff(actor) => actor.user_id(),
        By::Reporter(ReporterProof::User(id)) => Some(*id),
        _ => None,
    };
    let id = insert_entry(
        tx,
        &NewEntry {
            case_id,
            at: now,
            kind,
            public,
            author_user_id,
            author_role: party.role(),
            action: None,
            from_state: None,
            to_state: None,
            organisation_id: None,
            body,
        },
        files,
    )
    .await?;
    if let By::Staff(actor) = &by {
        audit::record(
            tx,
            actor,
            now,
            Change {
                action: if public {
                    "case.note_public"
                } else {
                    "case.note_internal"
                },
                entity_type: "case",
                entity_id: &case.tracking_code,
                organisation_id: case.organisation_id.as_deref(),
                before: None,
                after: Some(serde_json::json!({ "entry": id, "body": body })),
            },
        )
        .await?;
    }
    Ok(id)
}

/// Change a case's privacy: verifiers (and admins) may impose *anonim* or *rahasia*, e.g.
/// when the report names third parties. Writes an internal timeline entry and the audit entry.
pub async fn set_privacy(
    tx: &mut Tx,
    case_id: Uuid,
    expected_version: i64,
    actor: &crate::authz::Actor,
    privacy: Privacy,
    now: DateTime<Utc>,
) -> Result<Case, CaseError> {
    let case = lock(tx, case_id).await?;
    if case.version != expected_version {
        return Err(CaseError::Stale);
    }
    if acting_as(&case, &[Party::Verifier], &By::Staff(actor)).is_none() {
        return Err(CaseError::Forbidden);
    }
    let updated: Option<Case> = on_db!(tx, tx; conn => sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "UPDATE cases SET privacy = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4 \
         RETURNING {CASE_COLUMNS}")))
        .bind(privacy.as_str()).bind(now).bind(case_id).bind(expected_version)
        .fetch_optional(&mut **conn).await)?;
    let Some(updated) = updated else {
        return Err(CaseError::Stale);
    };
    insert_entry(
        tx,
        &NewEntry {
            case_id,
            at: now,
            kind: "system",
            public: false,
            author_user_id: actor.user_id(),
            author_role: Party::Verifier.role(),
            action: Some("set_privacy"),
            from_state: None,
            to_state: None,
            organisation_id: None,
            body: privacy.as_str(),
        },
        &[],
    )
    .await?;
    audit::record(
        tx,
        actor,
        now,
        Change {
            action: "case.set_privacy",
            entity_type: "case",
            entity_id: &case.tracking_code,
            organisation_id: case.organisation_id.as_deref(),
            before: Some(serde_json::json!({ "privacy": case.privacy })),
            after: Some(serde_json::json!({ "privacy": updated.privacy })),
        },
    )
    .await?;
    Ok(updated)
}

/// The timeline of a case for `audience`, oldest first, with attached file ids. The public
/// sees only public entries of cases that are not confidential, without author ids; the
/// module still decides whether the case itself may be shown (and hides the reporter of an
/// anonymous one).
pub async fn timeline(
    db: &Db,
    case_id: Uuid,
    audience: Audience,
) -> Result<Vec<Entry>, sqlx::Error> {
    let filter = match audience {
        // A confidential case has no public timeline at all, whatever its entries say.
        Audience::Public => {
            "AND public = TRUE AND EXISTS (SELECT 1 FROM cases c WHERE c.id = case_entries.case_id \
             AND c.privacy <> 'confidential')"
        }
        Audience::Reporter => "AND kind <> 'internal_note'",
        Audience::Staff => "",
    };
    let sql = format!(
        "SELECT id, case_id, at, kind, public, author_user_id, author_role, action, from_state, to_state, \
         organisation_id, body FROM case_entries WHERE case_id = $1 {filter} ORDER BY at, id"
    );
    let mut entries: Vec<Entry> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(case_id).fetch_all(pool).await)?;
    let files: Vec<(Uuid, Uuid)> = on_db!(db, pool => sqlx::query_as(
        "SELECT f.entry_id, f.file_id FROM case_entry_files f JOIN case_entries e ON e.id = f.entry_id \
         WHERE e.case_id = $1 ORDER BY f.file_id")
        .bind(case_id).fetch_all(pool).await)?;
    for entry in &mut entries {
        // The public never needs to know which account wrote an entry (anonymous reporters).
        if audience == Audience::Public {
            entry.author_user_id = None;
        }
        entry.files = files
            .iter()
            .filter(|(e, _)| *e == entry.id)
            .map(|(_, f)| *f)
            .collect();
    }
    Ok(entries)
}

pub async fn get(db: &Db, id: Uuid) -> Result<Option<Case>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1")))
        .bind(id).fetch_optional(pool).await)
}

pub async fn by_tracking_code(db: &Db, code: &str) -> Result<Option<Case>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(format!("SELECT {CASE_COLUMNS} FROM cases WHERE tracking_code = $1")))
        .bind(code.trim()).fetch_optional(pool).await)
}

/// The case with `tracking_code` when `secret` is its guest secret.
pub async fn verify_guest_secret(
    db: &Db,
    tracking_code: &str,
    secret: &str,
) -> Result<Option<Case>, sqlx::Error> {
    let case = by_tracking_code(db, tracking_code).await?;
    Ok(case.filter(|c| is_reporter(c, &ReporterProof::GuestSecret(secret.to_string()))))
}
