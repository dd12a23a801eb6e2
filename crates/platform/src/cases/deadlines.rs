//! The deadlines job: escalate overdue cases once per state, or take the state's automatic
//! transition, for every case type the modules declared.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{Act, By, CaseError, CaseType, OnDue, Party};
use crate::audit::{self, Change};
use crate::clock::wib;
use crate::db::RowsAffected;
use crate::i18n::Lang;
use crate::on_db;
use crate::state::AppState;

/// The periodic job (`cases.deadlines`, every 15 minutes, see
/// [`crate::jobs::Registry::platform`]).
#[derive(Debug, Clone, Copy, Default, Serialize, Deserialize)]
pub struct Deadlines;

impl crate::jobs::Job for Deadlines {
    const KIND: &'static str = "cases.deadlines";

    async fn run(&self, state: &AppState) -> anyhow::Result<()> {
        let done = run(state, &state.case_types).await?;
        if done.escalated + done.transitioned > 0 {
            tracing::info!(
                escalated = done.escalated,
                transitioned = done.transitioned,
                "case deadlines applied"
            );
        }
        Ok(())
    }
}

/// What one run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Applied {
    pub escalated: usize,
    pub transitioned: usize,
}

/// Apply [`OnDue`] to every case of `types` whose due date (WIB) has passed. Each case is
/// handled in its own transaction, guarded by its version, so several nodes may run this at
/// once; at most 500 cases per state are taken per run, the next run takes the rest.
pub async fn run(state: &AppState, types: &[&CaseType]) -> anyhow::Result<Applied> {
    let now = state.clock.now();
    let today = now.with_timezone(&wib()).date_naive();
    let calendar = state.calendar.get(&state.db).await?;
    let mut applied = Applied::default();
    for case_type in types {
        for s in case_type.states.iter().filter(|s| !s.terminal) {
            let Some(deadline) = s.deadline else { continue };
            // Escalation happens once per state: `overdue` is cleared only by a transition.
            let only_fresh = match deadline.on_due {
                OnDue::Escalate => "AND overdue = FALSE",
                OnDue::Transition(_) => "",
            };
            let sql = format!(
                "SELECT id, version FROM cases WHERE case_type = $1 AND state = $2 AND due_on < $3 {only_fresh} \
                 ORDER BY due_on, id LIMIT 500"
            );
            let due: Vec<(Uuid, i64)> = on_db!(&state.db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
                .bind(case_type.kind).bind(s.code).bind(today).fetch_all(pool).await)?;
            for (id, version) in due {
                match deadline.on_due {
                    OnDue::Escalate => {
                        if escalate(state, id, version, now).await? {
                            applied.escalated += 1;
                        }
                    }
                    OnDue::Transition(action) => {
                        let mut tx = state.db.begin().await?;
                        let act = Act {
                            action,
                            by: By::System,
                            body: "case-system-auto-transition".into(),
                            public: true,
                            route_to: None,
                            files: Vec::new(),
                        };
                        match super::act(&mut tx, case_type, id, version, act, now, &calendar).await
                        {
                            Ok(_) => {
                                tx.commit().await?;
                                applied.transitioned += 1;
                            }
                            // Someone acted meanwhile: the next run sees the new state.
                            Err(CaseError::Stale | CaseError::NotAllowed) => {}
                            Err(other) => return Err(other.into()),
                        }
                    }
                }
            }
        }
    }
    Ok(applied)
}

/// Mark one case overdue, write the public system entry and mail the supervisors; false when
/// it changed meanwhile (another node did it, or someone acted).
async fn escalate(
    state: &AppState,
    case_id: Uuid,
    version: i64,
    now: DateTime<Utc>,
) -> anyhow::Result<bool> {
    let mut tx = state.db.begin().await?;
    let row: Option<(String, Option<String>, String)> = on_db!(&mut tx, tx; conn => sqlx::query_as(
        "UPDATE cases SET overdue = TRUE, escalated_at = $1, updated_at = $1, version = version + 1 \
         WHERE id = $2 AND version = $3 AND overdue = FALSE RETURNING tracking_code, organisation_id, state")
        .bind(now).bind(case_id).bind(version).fetch_optional(&mut **conn).await)?;
    let Some((tracking_code, organisation_id, case_state)) = row else {
        return Ok(false);
    };
    on_db!(&mut tx, tx; conn => sqlx::query(
        "INSERT INTO case_entries (id, case_id, at, kind, public, author_user_id, author_role, action, \
         from_state, to_state, organisation_id, body) \
         VALUES ($1, $2, $3, 'system', TRUE, NULL, $4, 'escalate', $5, $5, NULL, 'case-system-overdue')")
        .bind(Uuid::now_v7()).bind(case_id).bind(now).bind(Party::System.role()).bind(&case_state)
        .execute(&mut **conn).await.affected())?;
    // The organisation's supervisors; a case not yet routed goes to the verifiers.
    let recipients: Vec<String> = match &organisation_id {
        Some(org) => on_db!(&mut tx, tx; conn => sqlx::query_scalar(
            "SELECT DISTINCT u.email FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organisation_id = $1 AND m.role = 'supervisor' AND u.active = TRUE ORDER BY u.email")
            .bind(org).fetch_all(&mut **conn).await)?,
        None => on_db!(&mut tx, tx; conn => sqlx::query_scalar(
            "SELECT DISTINCT u.email FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.role = 'verifier' AND u.active = TRUE ORDER BY u.email")
            .fetch_all(&mut **conn).await)?,
    };
    // Staff mail goes out in Bahasa Indonesia, the portal's default language.
    let t = state.tr(Lang::Id);
    let subject = t.t1("case-mail-overdue-subject", "code", &tracking_code);
    let body = t.t1("case-mail-overdue-body", "code", &tracking_code);
    for to in &recipients {
        crate::mail::queue(&mut tx, now, to, &subject, &body).await?;
    }
    audit::record_as(
        &mut tx,
        None,
        "cases.deadlines (job)",
        now,
        Change {
            action: "case.escalate",
            entity_type: "case",
            entity_id: &tracking_code,
            organisation_id: organisation_id.as_deref(),
            before: None,
            after: Some(serde_json::json!({ "state": case_state, "notified": recipients.len() })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
