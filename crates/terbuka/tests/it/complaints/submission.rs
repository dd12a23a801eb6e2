//! Submitting: validation, the all-or-nothing write, tracking codes and guest secrets.

use complaints::submission::{Submission, submit};
use platform::authz::Actor;
use platform::error::AppError;
use platform::on_db;

use crate::support::TestApp;

pub fn valid() -> Submission {
    Submission {
        kind: "pengaduan".into(),
        title: "Jalan berlubang di Desa Luwihaji".into(),
        description:
            "Jalan poros desa berlubang besar sejak musim hujan dan membahayakan pengendara.".into(),
        category: "jalan-jembatan".into(),
        region: "35.22.01.2001".into(),
        latitude: "-7.3512".into(),
        longitude: "111.6340".into(),
        location_text: "Jl. Raya Luwihaji dekat balai desa".into(),
        privacy: "public".into(),
        name: "Siti Aminah".into(),
        email: "siti.aminah@example.id".into(),
        phone: "+62 812-3000-4000".into(),
    }
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await).unwrap()
}

#[tokio::test]
async fn a_guest_submission_gets_a_tracking_code_and_a_secret() {
    let app = TestApp::start().await;
    let first = submit(&app.state, &Actor::public(), valid(), Vec::new())
        .await
        .unwrap();
    let second = submit(&app.state, &Actor::public(), valid(), Vec::new())
        .await
        .unwrap();
    assert_eq!(first.tracking_code, "ADU-2026-000001");
    assert_eq!(second.tracking_code, "ADU-2026-000002");
    let secret = first.guest_secret.expect("guests get a secret");
    let case = platform::cases::verify_guest_secret(&app.state.db, &first.tracking_code, &secret)
        .await
        .unwrap();
    assert_eq!(case.map(|c| c.state), Some("submitted".to_string()));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM complaints").await, 2);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM complaint_reporters").await,
        2
    );
    let district: String = on_db!(&app.state.db, pool =>
        sqlx::query_scalar("SELECT district_code FROM complaints LIMIT 1").fetch_one(pool).await)
    .unwrap();
    assert_eq!(district, "35.22.01");
}

#[tokio::test]
async fn bad_input_is_refused_field_by_field_and_nothing_is_written() {
    let app = TestApp::start().await;
    let bad = Submission {
        kind: "gosip".into(),
        title: "x".into(),
        description: "pendek".into(),
        category: "tidak-ada".into(),
        region: "35.23.01".into(),
        latitude: "95".into(),
        longitude: "".into(),
        privacy: "rahasia-sekali".into(),
        email: "bukan-email".into(),
        phone: "12".into(),
        ..valid()
    };
    let Err(AppError::Validation(errors)) =
        submit(&app.state, &Actor::public(), bad, Vec::new()).await
    else {
        panic!("expected a validation error");
    };
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    for field in [
        "kind",
        "title",
        "description",
        "category",
        "region",
        "latitude",
        "privacy",
        "email",
        "phone",
    ] {
        assert!(fields.contains(&field), "no error for {field}: {fields:?}");
    }
    let no_contact = Submission {
        email: String::new(),
        phone: String::new(),
        ..valid()
    };
    assert!(matches!(
        submit(&app.state, &Actor::public(), no_contact, Vec::new()).await,
        Err(AppError::Validation(_))
    ));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cases").await, 0);
    assert_eq!(count(&app, "SELECT COUNT(*) FROM complaints").await, 0);
}
