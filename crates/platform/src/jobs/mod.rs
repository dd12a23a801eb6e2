//! Background jobs: a database-backed queue run inside `serve`, safe with several app nodes.
//!
//! - A job is a serde value implementing [`Job`]; [`enqueue`] writes it in the caller's
//!   transaction, so a job exists exactly when the change that asks for it commits. A
//!   `dedupe_key` makes enqueueing idempotent: while a job with that key is queued, running or
//!   failed, another one with the same key is not added.
//! - [`claim`] takes one due job for a worker. On PostgreSQL the candidate row is chosen with
//!   `FOR UPDATE SKIP LOCKED`, so nodes claiming at once never take the same row and never
//!   wait on each other; SQLite has one writer, so its `UPDATE … WHERE id = (SELECT …)` is
//!   atomic by itself. A claim sets a lease (`locked_until`): a node that dies mid-job leaves
//!   a row that another node claims again when the lease runs out.
//! - A finished job is deleted. A failed one keeps `last_error` and is retried with
//!   exponential backoff until `max_attempts`; after that it stays in the table, dead, for an
//!   admin to read.
//! - Periodic jobs (mail delivery every few seconds, session purge hourly) are enqueued by
//!   every worker with a fixed dedupe key and a `run_at` on the next multiple of their period,
//!   so all nodes agree and each period runs once.

use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use crate::db::{Db, RowsAffected, Tx};
use crate::on_db;
use crate::state::AppState;

/// A kind of background work. The payload is the value itself, stored as JSON.
pub trait Job: Serialize + DeserializeOwned + Send + Sync + 'static {
    /// The stable name stored in `jobs.kind`, dotted: `mail.deliver`.
    const KIND: &'static str;

    /// Do the work. An error is recorded and the job retried later.
    fn run(&self, state: &AppState) -> impl Future<Output = anyhow::Result<()>> + Send;
}

/// How long a claim holds a job before another node may take it over.
pub const LEASE: chrono::Duration = chrono::Duration::minutes(5);
/// Retries wait 10 s, 20 s, 40 s… but never more than this.
pub const MAX_BACKOFF_SECONDS: i64 = 3600;
/// How often an idle worker looks for due jobs.
pub const POLL: Duration = Duration::from_secs(1);

/// Queue `job` to run at `run_at` (or later), inside the caller's transaction. Returns the new
/// job's id, or `None` when a job with the same `dedupe_key` is already queued.
pub async fn enqueue<J: Job>(
    tx: &mut Tx,
    job: &J,
    run_at: DateTime<Utc>,
    dedupe_key: Option<&str>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let payload = serde_json::to_string(job).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    enqueue_raw(tx, J::KIND, &payload, run_at, dedupe_key).await
}

/// [`enqueue`] for an already serialised payload.
pub async fn enqueue_raw(
    tx: &mut Tx,
    kind: &str,
    payload: &str,
    run_at: DateTime<Utc>,
    dedupe_key: Option<&str>,
) -> Result<Option<Uuid>, sqlx::Error> {
    let id = Uuid::now_v7();
    // `created_at` is when the job was queued for; the queue itself never reads it.
    on_db!(tx, tx; conn => sqlx::query_scalar(
        "INSERT INTO jobs (id, kind, payload, run_at, attempts, max_attempts, dedupe_key, created_at) \
         VALUES ($1, $2, $3, $4, 0, 5, $5, $4) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id")
        .bind(id).bind(kind).bind(payload).bind(run_at).bind(dedupe_key)
        .fetch_optional(&mut **conn).await)
}

/// A job taken by one worker.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: Uuid,
    pub kind: String,
    pub payload: String,
    /// Attempts so far, this one included.
    pub attempts: i32,
    pub max_attempts: i32,
}

/// Take the next due job for `worker`, leasing it until `now + LEASE`.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: DateTime<Utc>,
) -> Result<Option<Claimed>, sqlx::Error> {
    let until = now + LEASE;
    on_db!(db,
        sqlite(pool) => sqlx::query_as(
            "UPDATE jobs SET locked_by = $1, locked_until = $2, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM jobs WHERE run_at <= $3 AND attempts < max_attempts \
                           AND (locked_until IS NULL OR locked_until <= $3) \
                         ORDER BY run_at, id LIMIT 1) \
             RETURNING id, kind, payload, attempts, max_attempts")
            .bind(worker).bind(until).bind(now).fetch_optional(pool).await,
        postgres(pool) => sqlx::query_as(
            "UPDATE jobs SET locked_by = $1, locked_until = $2, attempts = attempts + 1 \
             WHERE id = (SELECT id FROM jobs WHERE run_at <= $3 AND attempts < max_attempts \
                           AND (locked_until IS NULL OR locked_until <= $3) \
                         ORDER BY run_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) \
             RETURNING id, kind, payload, attempts, max_attempts")
            .bind(worker).bind(until).bind(now).fetch_optional(pool).await,
    )
}

/// The job ran: remove it.
pub async fn complete(db: &Db, job: &Claimed, worker: &str) -> Result<(), sqlx::Error> {
    on_db!(db, pool => sqlx::query("DELETE FROM jobs WHERE id = $1 AND locked_by = $2")
        .bind(job.id).bind(worker).execute(pool).await.affected())?;
    Ok(())
}

/// The wait before the next attempt after `attempts` failed ones.
pub fn backoff(attempts: i32) -> chrono::Duration {
    let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
    chrono::Duration::seconds((10_i64 << exponent).min(MAX_BACKOFF_SECONDS))
}

/// The job failed: record the error, release the lease and schedule the retry. A job out of
/// attempts stays in the table (claim skips it) with its last error.
pub async fn fail(
    db: &Db,
    job: &Claimed,
    worker: &str,
    now: DateTime<Utc>,
    error: &str,
) -> Result<(), sqlx::Error> {
    let retry_at = now + backoff(job.attempts);
    let error: String = error.chars().take(2000).collect();
    on_db!(db, pool => sqlx::query(
        "UPDATE jobs SET locked_by = NULL, locked_until = NULL, last_error = $1, run_at = $2 \
         WHERE id = $3 AND locked_by = $4")
        .bind(&error).bind(retry_at).bind(job.id).bind(worker).execute(pool).await.affected())?;
    Ok(())
}

type RunFn = Arc<
    dyn Fn(AppState, String) -> Pin<Box<dyn Future<Output = anyhow::Result<()>> + Send>>
        + Send
        + Sync,
>;

/// A job run on a fixed period.
#[derive(Clone)]
struct Periodic {
    kind: &'static str,
    payload: String,
    every: chrono::Duration,
}

/// Which code runs each kind of job, and which jobs recur.
#[derive(Clone, Default)]
pub struct Registry {
    runners: HashMap<&'static str, RunFn>,
    periodic: Vec<Periodic>,
}

impl std::fmt::Debug for Registry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Registry")
            .field("kinds", &self.runners.keys().collect::<Vec<_>>())
            .finish()
    }
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    /// The platform's own jobs: mail delivery every 5 seconds, session purge every hour, case
    /// deadlines every 15 minutes.
    pub fn platform() -> Registry {
        Registry::new()
            .every(chrono::Duration::seconds(5), crate::mail::DeliverOutbox)
            .every(chrono::Duration::hours(1), PurgeSessions)
            .every(
                chrono::Duration::minutes(15),
                crate::cases::deadlines::Deadlines,
            )
    }

    pub fn register<J: Job>(mut self) -> Registry {
        let run: RunFn = Arc::new(|state: AppState, payload: String| {
            Box::pin(async move {
                let job: J = serde_json::from_str(&payload).map_err(|e| {
                    anyhow::anyhow!("job {} has an unreadable payload: {e}", J::KIND)
                })?;
                job.run(&state).await
            })
        });
        self.runners.insert(J::KIND, run);
        self
    }

    /// Register `job` and run it once every `every` (aligned to multiples of `every`).
    pub fn every<J: Job>(self, every: chrono::Duration, job: J) -> Registry {
        let payload = serde_json::to_string(&job).unwrap_or_else(|_| "null".into());
        let mut registry = self.register::<J>();
        registry.periodic.push(Periodic {
            kind: J::KIND,
            payload,
            every,
        });
        registry
    }

    pub fn knows(&self, kind: &str) -> bool {
        self.runners.contains_key(kind)
    }

    /// Queue the next run of every periodic job that has none queued.
    pub async fn schedule_periodic(&self, db: &Db, now: DateTime<Utc>) -> Result<(), sqlx::Error> {
        for p in &self.periodic {
            let key = format!("periodic:{}", p.kind);
            let period = p.every.num_seconds().max(1);
            let next =
                DateTime::from_timestamp((now.timestamp() / period + 1) * period, 0).unwrap_or(now);
            let mut tx = db.begin().await?;
            // A periodic job that used up its attempts would block its key for ever: clear it
            // (its error was logged when it failed).
            on_db!(&mut tx, tx; conn => sqlx::query("DELETE FROM jobs WHERE dedupe_key = $1 AND attempts >= max_attempts")
                .bind(&key).execute(&mut **conn).await.affected())?;
            enqueue_raw(&mut tx, p.kind, &p.payload, next, Some(&key)).await?;
            tx.commit().await?;
        }
        Ok(())
    }

    /// Run one claimed job, with the lease as its time limit.
    async fn execute(&self, state: &AppState, job: &Claimed) -> anyhow::Result<()> {
        let Some(run) = self.runners.get(job.kind.as_str()) else {
            anyhow::bail!("no runner for job kind {:?} on this node", job.kind);
        };
        let limit = LEASE.to_std().unwrap_or(Duration::from_secs(300)) - Duration::from_secs(10);
        match tokio::time::timeout(limit, run(state.clone(), job.payload.clone())).await {
            Ok(result) => result,
            Err(_) => anyhow::bail!("timed out after {} s", limit.as_secs()),
        }
    }
}

/// Claim and run due jobs until none is left; returns how many ran (successfully or not).
pub async fn run_due(
    state: &AppState,
    registry: &Registry,
    worker: &str,
) -> Result<usize, sqlx::Error> {
    let mut ran = 0;
    while let Some(job) = claim(&state.db, worker, state.clock.now()).await? {
        ran += 1;
        match registry.execute(state, &job).await {
            Ok(()) => complete(&state.db, &job, worker).await?,
            Err(err) => {
                let message = format!("{err:#}");
                tracing::warn!(kind = %job.kind, id = %job.id, attempt = job.attempts, error = %message, "job failed");
                fail(&state.db, &job, worker, state.clock.now(), &message).await?;
            }
        }
    }
    Ok(ran)
}

/// A name for this worker in `locked_by`: host and a random part, unique per process.
pub fn worker_id() -> String {
    let host = std::env::var("HOSTNAME").unwrap_or_else(|_| "node".into());
    format!("{host}-{}", Uuid::now_v7().simple())
}

/// The worker loop of `serve`: every second, schedule periodic jobs and run due ones; stop
/// when `stop` turns true (the job in hand is finished first).
pub async fn worker(
    state: AppState,
    registry: Registry,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    let id = worker_id();
    tracing::info!(worker = %id, "job worker started");
    loop {
        if *stop.borrow() {
            break;
        }
        if let Err(err) = registry
            .schedule_periodic(&state.db, state.clock.now())
            .await
        {
            tracing::warn!(error = %err, "scheduling periodic jobs failed");
        }
        if let Err(err) = run_due(&state, &registry, &id).await {
            tracing::warn!(error = %err, "running jobs failed");
        }
        tokio::select! {
            _ = stop.changed() => {}
            () = tokio::time::sleep(POLL) => {}
        }
    }
    tracing::info!(worker = %id, "job worker stopped");
}

/// Delete expired sessions, and login attempts, reset tokens and rate-limit counts older
/// than a day (hourly).
#[derive(Debug, Clone, Copy, Default, Serialize, serde::Deserialize)]
pub struct PurgeSessions;

impl Job for PurgeSessions {
    const KIND: &'static str = "sessions.purge";

    async fn run(&self, state: &AppState) -> anyhow::Result<()> {
        let now = state.clock.now();
        let purged = on_db!(&state.db, pool => sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
            .bind(now).execute(pool).await.affected())?;
        if purged > 0 {
            tracing::info!(purged, "expired sessions purged");
        }
        // Login attempts only matter for the 15-minute rate-limit window; reset tokens live an
        // hour. Keep a day of each for investigating abuse, then let them go.
        let day_ago = now - chrono::Duration::days(1);
        let attempts = on_db!(&state.db, pool => sqlx::query("DELETE FROM login_attempts WHERE at < $1")
            .bind(day_ago).execute(pool).await.affected())?;
        let resets = on_db!(&state.db, pool => sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
            .bind(day_ago).execute(pool).await.affected())?;
        let rate_limited = crate::web::rate_limit::purge(&state.db, day_ago).await?;
        if attempts + resets + rate_limited > 0 {
            tracing::info!(
                attempts,
                resets,
                rate_limited,
                "old login attempts, reset tokens and rate-limit counts purged"
            );
        }
        Ok(())
    }
}
