//! The case engine (`platform::cases`) with a small case type declared here: tracking codes,
//! transitions and who may take them, optimistic concurrency, due dates on the calendar, the
//! deadlines job, timeline audiences and guest secrets.

use chrono::{Duration, NaiveDate, TimeZone, Utc};
use platform::AppError;
use platform::authz::{Actor, Membership, Role, User};
use platform::cases::{
    self, Act, Audience, By, CaseError, CaseType, Deadline, OnDue, OpenCase, Party, Privacy,
    ReporterProof, StateDef, TransitionDef,
};
use platform::clock::Clock;
use platform::on_db;
use uuid::Uuid;

use crate::support::TestApp;

const fn escalate(days: u32) -> Option<Deadline> {
    Some(Deadline {
        working_days: days,
        on_due: OnDue::Escalate,
    })
}

/// A request: submitted (3 HK) → routed (5 HK) → answered (10 HK, then closed automatically).
static REQUEST: CaseType = CaseType {
    kind: "test_request",
    tracking_prefix: "TST",
    states: &[
        StateDef {
            code: "submitted",
            terminal: false,
            open: true,
            deadline: escalate(3),
        },
        StateDef {
            code: "routed",
            terminal: false,
            open: true,
            deadline: escalate(5),
        },
        StateDef {
            code: "answered",
            terminal: false,
            open: true,
            deadline: Some(Deadline {
                working_days: 10,
                on_due: OnDue::Transition("auto_close"),
            }),
        },
        StateDef {
            code: "closed",
            terminal: true,
            open: false,
            deadline: None,
        },
    ],
    transitions: &[
        TransitionDef {
            from: &["submitted"],
            action: "verify_and_route",
            to: "routed",
            by: &[Party::Verifier],
            needs_body: false,
            assigns: true,
        },
        TransitionDef {
            from: &["submitted"],
            action: "not_our_authority",
            to: "closed",
            by: &[Party::Verifier],
            needs_body: true,
            assigns: false,
        },
        TransitionDef {
            from: &["routed"],
            action: "respond",
            to: "answered",
            by: &[Party::AssignedOrganisation],
            needs_body: true,
            assigns: false,
        },
        TransitionDef {
            from: &["answered"],
            action: "reporter_reply",
            to: "routed",
            by: &[Party::Reporter],
            needs_body: true,
            assigns: false,
        },
        TransitionDef {
            from: &["answered"],
            action: "auto_close",
            to: "closed",
            by: &[Party::System],
            needs_body: false,
            assigns: false,
        },
    ],
};

fn staff(id: Uuid, role: Role, org: &str) -> Actor {
    Actor {
        user: Some(User {
            id,
            name: format!("{role:?} {org}"),
            email: format!("{id}@example.id"),
            memberships: vec![Membership {
                organisation_id: org.into(),
                role,
            }],
        }),
        session_hash: None,
    }
}

fn step<'a>(action: &'a str, by: By<'a>, body: &str, route_to: Option<&str>) -> Act<'a> {
    Act {
        action,
        by,
        body: body.into(),
        public: true,
        route_to: route_to.map(Into::into),
        files: Vec::new(),
    }
}

async fn open(app: &TestApp, guest: bool) -> cases::Opened {
    let calendar = app.state.calendar.get(&app.state.db).await.unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    let opened = cases::open(
        &mut tx,
        &REQUEST,
        OpenCase {
            organisation_id: None,
            privacy: Privacy::Public,
            reporter_user_id: None,
            guest,
            body: "Jalan desa berlubang".into(),
            files: Vec::new(),
        },
        app.clock.now(),
        &calendar,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    opened
}

async fn try_act(
    app: &TestApp,
    id: Uuid,
    version: i64,
    act: Act<'_>,
) -> Result<cases::Case, CaseError> {
    let calendar = app.state.calendar.get(&app.state.db).await.unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    let case = cases::act(
        &mut tx,
        &REQUEST,
        id,
        version,
        act,
        app.clock.now(),
        &calendar,
    )
    .await?;
    tx.commit().await.unwrap();
    Ok(case)
}

/// Timeline entries and audit rows of a case: what a refused action must leave untouched.
async fn written(app: &TestApp, case: &cases::Case) -> (i64, i64) {
    let entries: i64 = on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM case_entries WHERE case_id = $1")
        .bind(case.id).fetch_one(pool).await)
    .unwrap();
    let audits: i64 = on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE entity_id = $1")
        .bind(&case.tracking_code).fetch_one(pool).await)
    .unwrap();
    (entries, audits)
}

#[tokio::test]
async fn tracking_codes_are_sequential_per_year() {
    let app = TestApp::start().await;
    let codes = [
        open(&app, false).await.case.tracking_code,
        open(&app, false).await.case.tracking_code,
        open(&app, false).await.case.tracking_code,
    ];
    assert_eq!(
        codes,
        ["TST-2026-000001", "TST-2026-000002", "TST-2026-000003"]
    );
    // 2026-12-31 17:00 UTC is already 1 January 2027 in WIB: a new year, a new sequence.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 12, 31, 17, 0, 0).unwrap());
    assert_eq!(
        open(&app, false).await.case.tracking_code,
        "TST-2027-000001"
    );
    let found = cases::by_tracking_code(&app.state.db, "TST-2026-000002")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(found.state, "submitted");
    assert_eq!(
        cases::get(&app.state.db, found.id)
            .await
            .unwrap()
            .unwrap()
            .tracking_code,
        "TST-2026-000002"
    );
}

#[tokio::test]
async fn tracking_codes_stay_unique_when_opened_at_once() {
    let app = std::sync::Arc::new(TestApp::start().await);
    let tasks: Vec<_> = (0..8)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(async move { open(&app, false).await.case.tracking_code })
        })
        .collect();
    let mut codes = Vec::new();
    for task in tasks {
        codes.push(task.await.unwrap());
    }
    codes.sort();
    let expected: Vec<String> = (1..=8).map(|n| format!("TST-2026-{n:06}")).collect();
    assert_eq!(codes, expected);
}

#[tokio::test]
async fn transitions_are_checked_for_state_party_and_input() {
    let app = TestApp::start().await;
    let verifier = staff(
        app.user("verif@example.id", &[(Role::Verifier, "diskominfo")])
            .await,
        Role::Verifier,
        "diskominfo",
    );
    let officer = staff(
        app.user("petugas@example.id", &[(Role::Officer, "bappeda")])
            .await,
        Role::Officer,
        "bappeda",
    );
    let stranger = staff(
        app.user("lain@example.id", &[(Role::Officer, "inspektorat")])
            .await,
        Role::Officer,
        "inspektorat",
    );
    let case = open(&app, false).await.case;
    let before = written(&app, &case).await;

    // Wrong state: nobody can respond to a case that was never routed.
    let err = try_act(
        &app,
        case.id,
        1,
        step("respond", By::Staff(&verifier), "x", None),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CaseError::NotAllowed), "{err:?}");
    assert!(matches!(
        AppError::from(err),
        AppError::Conflict("case-error-not-allowed")
    ));
    // Unknown actions are not allowed either.
    let err = try_act(
        &app,
        case.id,
        1,
        step("teleport", By::Staff(&verifier), "", None),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CaseError::NotAllowed), "{err:?}");
    // Wrong party: an officer is not a verifier; the system and the public are not either.
    let err = try_act(
        &app,
        case.id,
        1,
        step("verify_and_route", By::Staff(&officer), "", Some("bappeda")),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CaseError::Forbidden), "{err:?}");
    assert!(matches!(AppError::from(err), AppError::Forbidden));
    let err = try_act(
        &app,
        case.id,
        1,
        step("verify_and_route", By::System, "", Some("bappeda")),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CaseError::Forbidden), "{err:?}");
    // Missing route and missing reason.
    let err = try_act(
        &app,
        case.id,
        1,
        step("verify_and_route", By::Staff(&verifier), "", None),
    )
    .await
    .unwrap_err();
    match err {
        CaseError::Invalid(fields) => assert_eq!(fields[0].key, "case-error-route-required"),
        other => panic!("expected Invalid, got {other:?}"),
    }
    let err = try_act(
        &app,
        case.id,
        1,
        step(
            "verify_and_route",
            By::Staff(&verifier),
            "",
            Some("no-such-org"),
        ),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CaseError::Invalid(_)), "{err:?}");
    let err = try_act(
        &app,
        case.id,
        1,
        step("not_our_authority", By::Staff(&verifier), "   ", None),
    )
    .await
    .unwrap_err();
    match AppError::from(err) {
        AppError::Validation(fields) => {
            assert_eq!(fields[0].field, "body");
            assert_eq!(fields[0].key, "case-error-body-required");
        }
        other => panic!("expected Validation, got {other:?}"),
    }
    // Nothing of all that was written.
    assert_eq!(written(&app, &case).await, before);
    let unchanged = cases::get(&app.state.db, case.id).await.unwrap().unwrap();
    assert_eq!(
        (unchanged.state.as_str(), unchanged.version),
        ("submitted", 1)
    );

    // The allowed path: route to bappeda, then only bappeda's officer may respond.
    let routed = try_act(
        &app,
        case.id,
        1,
        step(
            "verify_and_route",
            By::Staff(&verifier),
            "",
            Some("bappeda"),
        ),
    )
    .await
    .unwrap();
    assert_eq!(routed.state, "routed");
    assert_eq!(routed.organisation_id.as_deref(), Some("bappeda"));
    assert_eq!(routed.version, 2);
    let err = try_act(
        &app,
        case.id,
        2,
        step("respond", By::Staff(&stranger), "Jawab", None),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CaseError::Forbidden), "{err:?}");
    let answered = try_act(
        &app,
        case.id,
        2,
        step("respond", By::Staff(&officer), "Sudah diperbaiki", None),
    )
    .await
    .unwrap();
    assert_eq!(answered.state, "answered");
    // Two transitions: two more timeline entries and two staff audit rows.
    assert_eq!(written(&app, &case).await, (before.0 + 2, before.1 + 2));
    let timeline = cases::timeline(&app.state.db, case.id, Audience::Public)
        .await
        .unwrap();
    let last = timeline.last().unwrap();
    assert_eq!(
        (
            last.action.as_deref(),
            last.author_role.as_str(),
            last.body.as_str()
        ),
        (Some("respond"), "organisation", "Sudah diperbaiki")
    );
}

#[tokio::test]
async fn two_officers_answering_at_once_one_wins_the_other_is_stale() {
    let app = TestApp::start().await;
    let verifier = staff(
        app.user("verif@example.id", &[(Role::Verifier, "diskominfo")])
            .await,
        Role::Verifier,
        "diskominfo",
    );
    let first = staff(
        app.user("satu@example.id", &[(Role::Officer, "bappeda")])
            .await,
        Role::Officer,
        "bappeda",
    );
    let second = staff(
        app.user("dua@example.id", &[(Role::Supervisor, "bappeda")])
            .await,
        Role::Supervisor,
        "bappeda",
    );
    let case = open(&app, false).await.case;
    let routed = try_act(
        &app,
        case.id,
        1,
        step(
            "verify_and_route",
            By::Staff(&verifier),
            "",
            Some("bappeda"),
        ),
    )
    .await
    .unwrap();
    let (a, b) = tokio::join!(
        try_act(
            &app,
            case.id,
            routed.version,
            step("respond", By::Staff(&first), "Jawaban A", None)
        ),
        try_act(
            &app,
            case.id,
            routed.version,
            step("respond", By::Staff(&second), "Jawaban B", None)
        ),
    );
    let (won, lost) = match (a, b) {
        (Ok(won), Err(lost)) | (Err(lost), Ok(won)) => (won, lost),
        other => panic!("exactly one must win: {other:?}"),
    };
    assert_eq!(won.state, "answered");
    assert!(matches!(lost, CaseError::Stale), "{lost:?}");
    assert!(matches!(
        AppError::from(lost),
        AppError::Conflict("case-error-stale")
    ));
    let answers = cases::timeline(&app.state.db, case.id, Audience::Staff)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action.as_deref() == Some("respond"))
        .count();
    assert_eq!(answers, 1);
}

#[tokio::test]
async fn due_dates_skip_weekends_and_holidays() {
    let app = TestApp::start().await;
    // Friday 13 March 2026, 10:00 WIB. Three working days: Mon 16, Tue 17, then 18–24 March
    // are Nyepi, Idul Fitri and cuti bersama (with a weekend), so Wednesday 25 March.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 3, 13, 3, 0, 0).unwrap());
    let case = open(&app, false).await.case;
    assert_eq!(case.due_on, NaiveDate::from_ymd_opt(2026, 3, 25));
    // A configured override (settings `cases.deadline.<kind>.<state>`) replaces the default.
    on_db!(&app.state.db, pool => sqlx::query("INSERT INTO settings (key, value) VALUES ('cases.deadline.test_request.submitted', '1')")
        .execute(pool).await.map(|_| ()))
    .unwrap();
    let case = open(&app, false).await.case;
    assert_eq!(case.due_on, NaiveDate::from_ymd_opt(2026, 3, 16));
    // 23:30 WIB on Friday is still Friday: 16:30 UTC.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 3, 13, 16, 30, 0).unwrap());
    assert_eq!(
        open(&app, false).await.case.due_on,
        NaiveDate::from_ymd_opt(2026, 3, 16)
    );
    // 00:30 WIB on Saturday: the count starts from Saturday, still Monday 16.
    app.clock
        .set(Utc.with_ymd_and_hms(2026, 3, 13, 17, 30, 0).unwrap());
    assert_eq!(
        open(&app, false).await.case.due_on,
        NaiveDate::from_ymd_opt(2026, 3, 16)
    );
}

async fn mails_to(app: &TestApp, to: &str) -> Vec<String> {
    on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT subject FROM mail_outbox WHERE to_address = $1 ORDER BY created_at")
        .bind(to).fetch_all(pool).await)
    .unwrap()
}

#[tokio::test]
async fn the_deadlines_job_escalates_once_and_closes_unanswered_cases() {
    let app = TestApp::start().await;
    assert!(platform::jobs::Registry::platform().knows("cases.deadlines"));
    let verifier_id = app
        .user("verif@example.id", &[(Role::Verifier, "diskominfo")])
        .await;
    let verifier = staff(verifier_id, Role::Verifier, "diskominfo");
    app.user("atasan@example.id", &[(Role::Supervisor, "bappeda")])
        .await;
    app.user(
        "atasan.lain@example.id",
        &[(Role::Supervisor, "inspektorat")],
    )
    .await;
    let officer = staff(
        app.user("petugas@example.id", &[(Role::Officer, "bappeda")])
            .await,
        Role::Officer,
        "bappeda",
    );
    let types: &[&CaseType] = &[&REQUEST];
    let run = || platform::cases::deadlines::run(&app.state, types);

    // Not routed and past its 3 working days: the verifiers hear of it.
    let waiting = open(&app, false).await.case;
    let case = open(&app, false).await.case;
    let routed = try_act(
        &app,
        case.id,
        1,
        step(
            "verify_and_route",
            By::Staff(&verifier),
            "",
            Some("bappeda"),
        ),
    )
    .await
    .unwrap();
    // Friday 27 November 2026 + 5 working days = Friday 4 December.
    assert_eq!(routed.due_on, NaiveDate::from_ymd_opt(2026, 12, 4));
    assert_eq!(run().await.unwrap().escalated, 0, "nothing is due yet");

    app.clock.advance(Duration::days(8)); // Saturday 5 December
    let done = run().await.unwrap();
    assert_eq!(done.escalated, 2);
    let escalated = cases::get(&app.state.db, case.id).await.unwrap().unwrap();
    assert!(escalated.overdue);
    assert_eq!(escalated.escalated_at, Some(app.clock.now()));
    assert_eq!(mails_to(&app, "atasan@example.id").await.len(), 1);
    assert!(mails_to(&app, "atasan@example.id").await[0].contains(&case.tracking_code));
    assert!(mails_to(&app, "atasan.lain@example.id").await.is_empty());
    assert_eq!(
        mails_to(&app, "verif@example.id").await.len(),
        1,
        "the unrouted case goes to the verifiers"
    );
    assert!(
        cases::get(&app.state.db, waiting.id)
            .await
            .unwrap()
            .unwrap()
            .overdue
    );
    let public = cases::timeline(&app.state.db, case.id, Audience::Public)
        .await
        .unwrap();
    let system = public.last().unwrap();
    assert_eq!(
        (
            system.kind.as_str(),
            system.author_role.as_str(),
            system.body.as_str()
        ),
        ("system", "system", "case-system-overdue")
    );

    // Once per state: a second run does nothing.
    assert_eq!(run().await.unwrap(), Default::default());
    assert_eq!(mails_to(&app, "atasan@example.id").await.len(), 1);

    // The answer clears the mark; 10 working days without a reply close the case.
    let answered = try_act(
        &app,
        case.id,
        escalated.version,
        step("respond", By::Staff(&officer), "Selesai diperbaiki", None),
    )
    .await
    .unwrap();
    assert!(!answered.overdue);
    assert_eq!(answered.escalated_at, None);
    app.clock.advance(Duration::days(10));
    assert_eq!(
        run().await.unwrap().transitioned,
        0,
        "not yet 10 working days"
    );
    app.clock.advance(Duration::days(7));
    assert_eq!(run().await.unwrap().transitioned, 1);
    let closed = cases::get(&app.state.db, case.id).await.unwrap().unwrap();
    assert_eq!(closed.state, "closed");
    assert_eq!(closed.closed_at, Some(app.clock.now()));
    assert_eq!(closed.due_on, None);
    let last = cases::timeline(&app.state.db, case.id, Audience::Public)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (last.action.as_deref(), last.author_role.as_str()),
        (Some("auto_close"), "system")
    );
    // Terminal states are left alone.
    assert_eq!(run().await.unwrap().transitioned, 0);
}

#[tokio::test]
async fn internal_notes_are_for_staff_only() {
    let app = TestApp::start().await;
    let verifier = staff(
        app.user("verif@example.id", &[(Role::Verifier, "diskominfo")])
            .await,
        Role::Verifier,
        "diskominfo",
    );
    let outsider = staff(
        app.user("lain@example.id", &[(Role::Officer, "inspektorat")])
            .await,
        Role::Officer,
        "inspektorat",
    );
    let opened = open(&app, true).await;
    let case = opened.case;
    let secret = opened.guest_secret.unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    let now = app.clock.now();
    cases::note(
        &mut tx,
        case.id,
        By::Staff(&verifier),
        "Cek lapangan dulu",
        false,
        &[],
        now,
    )
    .await
    .unwrap();
    cases::note(
        &mut tx,
        case.id,
        By::Staff(&verifier),
        "Sedang kami periksa",
        true,
        &[],
        now,
    )
    .await
    .unwrap();
    cases::note(
        &mut tx,
        case.id,
        By::Reporter(ReporterProof::GuestSecret(secret)),
        "Terima kasih",
        true,
        &[],
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    let refused = cases::note(&mut tx, case.id, By::Staff(&outsider), "x", true, &[], now).await;
    assert!(matches!(refused, Err(CaseError::Forbidden)), "{refused:?}");
    drop(tx);

    let bodies = |audience| {
        let db = app.state.db.clone();
        async move {
            cases::timeline(&db, case.id, audience)
                .await
                .unwrap()
                .into_iter()
                .map(|e| (e.kind, e.body))
                .collect::<Vec<_>>()
        }
    };
    let staff_view = bodies(Audience::Staff).await;
    assert_eq!(staff_view.len(), 4);
    assert!(staff_view.contains(&("internal_note".into(), "Cek lapangan dulu".into())));
    for audience in [Audience::Public, Audience::Reporter] {
        let seen = bodies(audience).await;
        assert_eq!(seen.len(), 3, "{audience:?}");
        assert!(seen.iter().all(|(_, body)| body != "Cek lapangan dulu"));
        assert!(seen.contains(&("public_note".into(), "Sedang kami periksa".into())));
        assert!(seen.contains(&("reporter_message".into(), "Terima kasih".into())));
    }
}

#[tokio::test]
async fn guest_secrets_open_only_their_own_case() {
    let app = TestApp::start().await;
    let opened = open(&app, true).await;
    let secret = opened.guest_secret.clone().unwrap();
    let code = &opened.case.tracking_code;
    assert!(
        opened.case.guest_secret_hash.as_deref() != Some(secret.as_str()),
        "only the hash is stored"
    );
    let found = cases::verify_guest_secret(&app.state.db, code, &secret)
        .await
        .unwrap();
    assert_eq!(found.map(|c| c.id), Some(opened.case.id));
    assert!(
        cases::verify_guest_secret(&app.state.db, code, "salah")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        cases::verify_guest_secret(&app.state.db, code, "")
            .await
            .unwrap()
            .is_none()
    );
    let other = open(&app, true).await;
    assert!(
        cases::verify_guest_secret(&app.state.db, &other.case.tracking_code, &secret)
            .await
            .unwrap()
            .is_none()
    );
    // A case opened without a guest has no secret at all.
    let plain = open(&app, false).await;
    assert!(plain.guest_secret.is_none());
    assert!(
        cases::verify_guest_secret(&app.state.db, &plain.case.tracking_code, "")
            .await
            .unwrap()
            .is_none()
    );

    // The reporter's reply needs the right secret.
    let verifier = staff(
        app.user("verif@example.id", &[(Role::Verifier, "diskominfo")])
            .await,
        Role::Verifier,
        "diskominfo",
    );
    let officer = staff(
        app.user("petugas@example.id", &[(Role::Officer, "bappeda")])
            .await,
        Role::Officer,
        "bappeda",
    );
    let id = opened.case.id;
    try_act(
        &app,
        id,
        1,
        step(
            "verify_and_route",
            By::Staff(&verifier),
            "",
            Some("bappeda"),
        ),
    )
    .await
    .unwrap();
    try_act(
        &app,
        id,
        2,
        step("respond", By::Staff(&officer), "Jawab", None),
    )
    .await
    .unwrap();
    let wrong = By::Reporter(ReporterProof::GuestSecret("salah".into()));
    let err = try_act(
        &app,
        id,
        3,
        step("reporter_reply", wrong, "Belum beres", None),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, CaseError::Forbidden), "{err:?}");
    let right = By::Reporter(ReporterProof::GuestSecret(secret));
    let back = try_act(
        &app,
        id,
        3,
        step("reporter_reply", right, "Belum beres", None),
    )
    .await
    .unwrap();
    assert_eq!(back.state, "routed");
    // Reporter steps are on the timeline but not in the staff audit log.
    let audits: i64 = on_db!(&app.state.db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM audit_log WHERE entity_id = $1 AND action = 'case.reporter_reply'")
        .bind(code).fetch_one(pool).await)
    .unwrap();
    assert_eq!(audits, 0);
}

#[tokio::test]
async fn attachments_are_kept_and_confidential_cases_have_no_public_timeline() {
    let app = TestApp::start().await;
    let verifier = staff(
        app.user("verif@example.id", &[(Role::Verifier, "diskominfo")])
            .await,
        Role::Verifier,
        "diskominfo",
    );
    let file = platform::files::store(&app.state, b"kode,nama\n1,a\n", "bukti.csv", None)
        .await
        .expect("store");
    let calendar = app.state.calendar.get(&app.state.db).await.unwrap();
    let reporter = app.user("warga@example.id", &[]).await;
    let mut tx = app.state.db.begin().await.unwrap();
    let case = cases::open(
        &mut tx,
        &REQUEST,
        OpenCase {
            organisation_id: None,
            privacy: Privacy::Confidential,
            reporter_user_id: Some(reporter),
            guest: false,
            body: "Dugaan pungli".into(),
            files: Vec::new(),
        },
        app.clock.now(),
        &calendar,
    )
    .await
    .unwrap()
    .case;
    tx.commit().await.unwrap();

    // An unknown file refuses the whole step.
    let mut with_unknown = step(
        "verify_and_route",
        By::Staff(&verifier),
        "",
        Some("bappeda"),
    );
    with_unknown.files = vec![Uuid::now_v7()];
    let err = try_act(&app, case.id, 1, with_unknown).await.unwrap_err();
    assert!(matches!(err, CaseError::Invalid(_)), "{err:?}");
    assert_eq!(
        cases::get(&app.state.db, case.id)
            .await
            .unwrap()
            .unwrap()
            .version,
        1
    );

    let mut routed = step(
        "verify_and_route",
        By::Staff(&verifier),
        "",
        Some("bappeda"),
    );
    routed.files = vec![file.id];
    try_act(&app, case.id, 1, routed).await.unwrap();
    let staff_view = cases::timeline(&app.state.db, case.id, Audience::Staff)
        .await
        .unwrap();
    assert_eq!(staff_view.last().unwrap().files, vec![file.id]);
    assert_eq!(
        staff_view.last().unwrap().organisation_id.as_deref(),
        Some("bappeda")
    );
    // The signed-in reporter sees their case; the public sees nothing of it.
    let reporter_view = cases::timeline(&app.state.db, case.id, Audience::Reporter)
        .await
        .unwrap();
    assert_eq!(reporter_view.len(), 2);
    assert_eq!(reporter_view[0].author_user_id, Some(reporter));
    assert!(
        cases::timeline(&app.state.db, case.id, Audience::Public)
            .await
            .unwrap()
            .is_empty()
    );

    // On a public case, the public timeline carries no account ids.
    let open_case = open(&app, false).await.case;
    let mut tx = app.state.db.begin().await.unwrap();
    cases::note(
        &mut tx,
        open_case.id,
        By::Staff(&verifier),
        "Diterima",
        true,
        &[],
        app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let public = cases::timeline(&app.state.db, open_case.id, Audience::Public)
        .await
        .unwrap();
    assert_eq!(public.len(), 2);
    assert!(public.iter().all(|e| e.author_user_id.is_none()));
}

#[tokio::test]
async fn signed_in_reporters_act_on_their_own_cases_and_verifiers_set_privacy() {
    let app = TestApp::start().await;
    let verifier = staff(
        app.user("verif@example.id", &[(Role::Verifier, "diskominfo")])
            .await,
        Role::Verifier,
        "diskominfo",
    );
    let officer = staff(
        app.user("petugas@example.id", &[(Role::Officer, "bappeda")])
            .await,
        Role::Officer,
        "bappeda",
    );
    let reporter = app.user("warga@example.id", &[]).await;
    let neighbour = app.user("tetangga@example.id", &[]).await;
    let calendar = app.state.calendar.get(&app.state.db).await.unwrap();
    let mut tx = app.state.db.begin().await.unwrap();
    let case = cases::open(
        &mut tx,
        &REQUEST,
        OpenCase {
            organisation_id: None,
            privacy: Privacy::Public,
            reporter_user_id: Some(reporter),
            guest: false,
            body: "Lampu jalan mati".into(),
            files: Vec::new(),
        },
        app.clock.now(),
        &calendar,
    )
    .await
    .unwrap()
    .case;
    tx.commit().await.unwrap();

    // Only a verifier may impose privacy, on the version they saw.
    let mut tx = app.state.db.begin().await.unwrap();
    let refused = cases::set_privacy(
        &mut tx,
        case.id,
        1,
        &officer,
        Privacy::Anonymous,
        app.clock.now(),
    )
    .await;
    assert!(matches!(refused, Err(CaseError::Forbidden)), "{refused:?}");
    let stale = cases::set_privacy(
        &mut tx,
        case.id,
        7,
        &verifier,
        Privacy::Anonymous,
        app.clock.now(),
    )
    .await;
    assert!(matches!(stale, Err(CaseError::Stale)), "{stale:?}");
    let anonymous = cases::set_privacy(
        &mut tx,
        case.id,
        1,
        &verifier,
        Privacy::Anonymous,
        app.clock.now(),
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    assert_eq!(
        (anonymous.privacy.as_str(), anonymous.version),
        ("anonymous", 2)
    );
    assert_eq!(Privacy::parse("anonymous"), Some(Privacy::Anonymous));

    try_act(
        &app,
        case.id,
        2,
        step(
            "verify_and_route",
            By::Staff(&verifier),
            "",
            Some("bappeda"),
        ),
    )
    .await
    .unwrap();
    try_act(
        &app,
        case.id,
        3,
        step("respond", By::Staff(&officer), "Sudah menyala", None),
    )
    .await
    .unwrap();
    // A staff member is not the reporter, nor is another citizen.
    for by in [
        By::Staff(&verifier),
        By::Reporter(ReporterProof::User(neighbour)),
    ] {
        let err = try_act(&app, case.id, 4, step("reporter_reply", by, "Belum", None))
            .await
            .unwrap_err();
        assert!(matches!(err, CaseError::Forbidden), "{err:?}");
    }
    let back = try_act(
        &app,
        case.id,
        4,
        step(
            "reporter_reply",
            By::Reporter(ReporterProof::User(reporter)),
            "Belum",
            None,
        ),
    )
    .await
    .unwrap();
    assert_eq!(back.state, "routed");
    let entry = cases::timeline(&app.state.db, case.id, Audience::Staff)
        .await
        .unwrap()
        .pop()
        .unwrap();
    assert_eq!(
        (entry.author_role.as_str(), entry.author_user_id),
        ("reporter", Some(reporter))
    );
}
