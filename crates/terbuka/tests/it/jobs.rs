//! The job queue: enqueue in a transaction and run, dedupe keys, retries with backoff,
//! leases, the worker loop, and concurrent claimers that never share a job (on PostgreSQL
//! this exercises `FOR UPDATE SKIP LOCKED`).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use platform::AppState;
use platform::clock::Clock;
use platform::db::RowsAffected;
use platform::jobs::{self, Job, Registry};
use platform::on_db;
use serde::{Deserialize, Serialize};

use crate::support::TestApp;

/// Writes a settings row, so the test can see it ran.
#[derive(Serialize, Deserialize)]
struct Touch {
    n: i64,
}

impl Job for Touch {
    const KIND: &'static str = "test.touch";

    async fn run(&self, state: &AppState) -> anyhow::Result<()> {
        on_db!(&state.db, pool => sqlx::query("INSERT INTO settings (key, value) VALUES ($1, 'ran')")
            .bind(format!("touch-{}", self.n)).execute(pool).await.affected())?;
        Ok(())
    }
}

/// Fails on its first run, succeeds after.
#[derive(Serialize, Deserialize)]
struct Flaky;

impl Job for Flaky {
    const KIND: &'static str = "test.flaky";

    async fn run(&self, state: &AppState) -> anyhow::Result<()> {
        let seen = platform::settings::get(&state.db, "flaky").await?;
        if seen.is_none() {
            platform::settings::get_or_init(&state.db, "flaky", "once").await?;
            anyhow::bail!("the first attempt fails on purpose");
        }
        Ok(())
    }
}

#[derive(Serialize, Deserialize)]
struct AlwaysFails;

impl Job for AlwaysFails {
    const KIND: &'static str = "test.fails";

    async fn run(&self, _state: &AppState) -> anyhow::Result<()> {
        anyhow::bail!("never works")
    }
}

fn registry() -> Registry {
    Registry::new()
        .register::<Touch>()
        .register::<Flaky>()
        .register::<AlwaysFails>()
}

async fn enqueue<J: Job>(app: &TestApp, job: &J, key: Option<&str>) -> Option<uuid::Uuid> {
    let mut tx = app.state.db.begin().await.expect("begin");
    let id = jobs::enqueue(&mut tx, job, app.clock.now(), key)
        .await
        .expect("enqueue");
    tx.commit().await.expect("commit");
    id
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar(sql).fetch_one(pool).await).expect(sql)
}

async fn touched(app: &TestApp, n: i64) -> bool {
    platform::settings::get(&app.state.db, &format!("touch-{n}"))
        .await
        .expect("get")
        .is_some()
}

#[tokio::test]
async fn an_enqueued_job_runs_once_and_is_deleted() {
    let app = TestApp::builder().empty().start().await;
    enqueue(&app, &Touch { n: 1 }, None).await;
    // A job enqueued in a transaction that rolls back does not exist.
    let mut tx = app.state.db.begin().await.expect("begin");
    jobs::enqueue(&mut tx, &Touch { n: 2 }, app.clock.now(), None)
        .await
        .expect("enqueue");
    drop(tx);
    assert_eq!(
        jobs::run_due(&app.state, &registry(), "w1")
            .await
            .expect("run"),
        1
    );
    assert!(touched(&app, 1).await && !touched(&app, 2).await);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM jobs").await, 0);
    assert_eq!(
        jobs::run_due(&app.state, &registry(), "w1")
            .await
            .expect("run"),
        0
    );
}

#[tokio::test]
async fn a_job_waits_for_its_time() {
    let app = TestApp::builder().empty().start().await;
    let mut tx = app.state.db.begin().await.expect("begin");
    let later = app.clock.now() + chrono::Duration::minutes(10);
    jobs::enqueue(&mut tx, &Touch { n: 1 }, later, None)
        .await
        .expect("enqueue");
    tx.commit().await.expect("commit");
    assert_eq!(
        jobs::run_due(&app.state, &registry(), "w1")
            .await
            .expect("run"),
        0
    );
    app.clock.advance(chrono::Duration::minutes(10));
    assert_eq!(
        jobs::run_due(&app.state, &registry(), "w1")
            .await
            .expect("run"),
        1
    );
    assert!(touched(&app, 1).await);
}

#[tokio::test]
async fn a_dedupe_key_keeps_one_job() {
    let app = TestApp::builder().empty().start().await;
    assert!(
        enqueue(&app, &Touch { n: 1 }, Some("touch:once"))
            .await
            .is_some()
    );
    assert!(
        enqueue(&app, &Touch { n: 2 }, Some("touch:once"))
            .await
            .is_none()
    );
    assert!(enqueue(&app, &Touch { n: 3 }, None).await.is_some());
    assert!(
        enqueue(&app, &Touch { n: 4 }, None).await.is_some(),
        "no key, no dedupe"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM jobs").await, 3);
    jobs::run_due(&app.state, &registry(), "w1")
        .await
        .expect("run");
    assert!(touched(&app, 1).await && !touched(&app, 2).await);
    // Once done, the key is free again.
    assert!(
        enqueue(&app, &Touch { n: 5 }, Some("touch:once"))
            .await
            .is_some()
    );
}

#[tokio::test]
async fn a_failed_job_is_retried_with_backoff() {
    let app = TestApp::builder().empty().start().await;
    enqueue(&app, &Flaky, None).await;
    assert_eq!(
        jobs::run_due(&app.state, &registry(), "w1")
            .await
            .expect("run"),
        1
    );
    let (attempts, error): (i32, Option<String>) = on_db!(&app.state.db, pool =>
        sqlx::query_as("SELECT attempts, last_error FROM jobs").fetch_one(pool).await)
    .expect("row");
    assert_eq!(attempts, 1);
    assert!(error.unwrap_or_default().contains("on purpose"));
    // Not before the backoff.
    assert_eq!(
        jobs::run_due(&app.state, &registry(), "w1")
            .await
            .expect("run"),
        0
    );
    app.clock
        .advance(jobs::backoff(1) + chrono::Duration::seconds(1));
    assert_eq!(
        jobs::run_due(&app.state, &registry(), "w1")
            .await
            .expect("run"),
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM jobs").await, 0);
}

#[tokio::test]
async fn a_job_out_of_attempts_stays_with_its_error() {
    let app = TestApp::builder().empty().start().await;
    enqueue(&app, &AlwaysFails, None).await;
    for attempt in 1..=5 {
        assert_eq!(
            jobs::run_due(&app.state, &registry(), "w1")
                .await
                .expect("run"),
            1,
            "attempt {attempt}"
        );
        app.clock.advance(chrono::Duration::hours(2));
    }
    assert_eq!(
        jobs::run_due(&app.state, &registry(), "w1")
            .await
            .expect("run"),
        0
    );
    let (attempts, error): (i32, Option<String>) = on_db!(&app.state.db, pool =>
        sqlx::query_as("SELECT attempts, last_error FROM jobs").fetch_one(pool).await)
    .expect("row");
    assert_eq!(attempts, 5);
    assert!(error.unwrap_or_default().contains("never works"));
    assert!(jobs::backoff(3) > jobs::backoff(2) && jobs::backoff(30) == chrono::Duration::hours(1));
}

#[tokio::test]
async fn a_crashed_nodes_job_is_taken_over_after_the_lease() {
    let app = TestApp::builder().empty().start().await;
    enqueue(&app, &Touch { n: 1 }, None).await;
    let now = app.clock.now();
    let claimed = jobs::claim(&app.state.db, "node-a", now)
        .await
        .expect("claim")
        .expect("a job");
    // node-a "crashes": never completes. node-b finds nothing while the lease holds…
    assert!(
        jobs::claim(&app.state.db, "node-b", now + chrono::Duration::minutes(1))
            .await
            .expect("claim")
            .is_none()
    );
    // …and takes it over afterwards.
    let later = now + jobs::LEASE + chrono::Duration::seconds(1);
    let again = jobs::claim(&app.state.db, "node-b", later)
        .await
        .expect("claim")
        .expect("taken over");
    assert_eq!((again.id, again.attempts), (claimed.id, 2));
    // node-a's late completion does not delete node-b's claim.
    jobs::complete(&app.state.db, &claimed, "node-a")
        .await
        .expect("complete");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM jobs").await, 1);
    jobs::complete(&app.state.db, &again, "node-b")
        .await
        .expect("complete");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM jobs").await, 0);
}

#[tokio::test]
async fn concurrent_claimers_never_share_a_job() {
    let app = TestApp::builder().empty().start().await;
    let mut tx = app.state.db.begin().await.expect("begin");
    for n in 0..200 {
        jobs::enqueue(&mut tx, &Touch { n }, app.clock.now(), None)
            .await
            .expect("enqueue");
    }
    tx.commit().await.expect("commit");
    let seen = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for w in 0..8 {
        let db = app.state.db.clone();
        let now = app.clock.now();
        let seen = seen.clone();
        tasks.push(tokio::spawn(async move {
            let worker = format!("worker-{w}");
            let mut mine = 0;
            while let Some(job) = jobs::claim(&db, &worker, now).await.expect("claim") {
                seen.lock().expect("lock").push(job.id);
                jobs::complete(&db, &job, &worker).await.expect("complete");
                mine += 1;
                tokio::task::yield_now().await;
            }
            mine
        }));
    }
    let mut per_worker = Vec::new();
    for task in tasks {
        per_worker.push(task.await.expect("task"));
    }
    let seen = seen.lock().expect("lock").clone();
    let unique: HashSet<_> = seen.iter().collect();
    assert_eq!(
        seen.len(),
        200,
        "each job claimed exactly once: {per_worker:?}"
    );
    assert_eq!(unique.len(), 200);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM jobs").await, 0);
}

#[tokio::test]
async fn the_worker_loop_runs_jobs_and_stops_on_shutdown() {
    let app = TestApp::builder().empty().start().await;
    enqueue(&app, &Touch { n: 7 }, None).await;
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let worker = tokio::spawn(jobs::worker(
        app.state.clone(),
        Registry::platform().register::<Touch>(),
        stopped,
    ));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !touched(&app, 7).await {
        assert!(
            std::time::Instant::now() < deadline,
            "the worker did not run the job"
        );
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // The periodic jobs (mail, session purge, case deadlines) are queued once each, whatever
    // the number of ticks.
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM jobs WHERE dedupe_key LIKE 'periodic:%'"
        )
        .await,
        3
    );
    stop.send(true).expect("stop");
    tokio::time::timeout(std::time::Duration::from_secs(5), worker)
        .await
        .expect("stops promptly")
        .expect("join");
}

#[tokio::test]
async fn expired_sessions_are_purged_by_the_periodic_job() {
    let app = TestApp::start().await;
    let user = app.user("warga@uji.id", &[]).await;
    platform::accounts::session::create(&app.state.db, user, app.clock.now(), "tests")
        .await
        .expect("session");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 1);
    on_db!(&app.state.db, pool => sqlx::query(
        "INSERT INTO login_attempts (id, email, ip, succeeded, at) VALUES ($1, 'a@uji.id', '192.0.2.1', FALSE, $2)")
        .bind(uuid::Uuid::now_v7()).bind(app.clock.now()).execute(pool).await.map(|_| ()))
    .expect("attempt");
    let registry = Registry::platform();
    registry
        .schedule_periodic(&app.state.db, app.clock.now())
        .await
        .expect("schedule");
    app.clock.advance(chrono::Duration::days(400));
    registry
        .schedule_periodic(&app.state.db, app.clock.now())
        .await
        .expect("schedule");
    jobs::run_due(&app.state, &registry, "w1")
        .await
        .expect("run");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sessions").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM login_attempts").await, 0);
}
