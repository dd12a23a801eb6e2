//! The catalogue's read model: a verified dataset reads back whole, a new verified version
//! supersedes the old one (which stays readable), unverified versions are not public.

use chrono::{Duration, NaiveDate};
use data::catalog::{self, NewDataset, NewResource};
use uuid::Uuid;

use platform::clock::Clock;

use crate::support::TestApp;

/// A verified dataset of Dinas Pendidikan with one linked CSV resource (tests' fixture).
pub(crate) fn sample(name: &str) -> NewDataset {
    NewDataset {
        name: name.into(),
        organisation_id: "disdik".into(),
        title: "Jumlah Sekolah per Kecamatan".into(),
        notes: "Jumlah sekolah negeri dan swasta per kecamatan.".into(),
        licence_id: "cc-by".into(),
        frequency: "annual".into(),
        temporal_start: NaiveDate::from_ymd_opt(2025, 1, 1),
        temporal_end: NaiveDate::from_ymd_opt(2025, 12, 31),
        concept: "Sekolah".into(),
        unit: "unit".into(),
        contact_name: "Bidang Data".into(),
        contact_email: "disdik@bojonegorokab.go.id".into(),
        tags: vec!["sekolah".into(), "pendidikan".into(), "sekolah".into()],
        regions: vec!["35.22".into()],
        resources: vec![NewResource {
            name: "Sekolah 2025".into(),
            format: "CSV".into(),
            url: "https://example.org/sekolah.csv".into(),
            ..NewResource::default()
        }],
        ..NewDataset::default()
    }
}

#[tokio::test]
async fn a_verified_dataset_reads_back_whole_and_versions_stay_readable() {
    let app = TestApp::start().await;
    let db = &app.state.db;
    let now = app.clock.now();
    let mut tx = db.begin().await.unwrap();
    let (id, v1) = catalog::create_verified(&mut tx, &sample("jumlah-sekolah"), Uuid::nil(), now)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let by_name = catalog::published(db, "jumlah-sekolah")
        .await
        .unwrap()
        .unwrap();
    let by_id = catalog::published(db, &id.to_string())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_name.id, by_id.id);
    assert_eq!(by_name.version.id, v1);
    assert!(by_name.is_public() && by_name.is_current());
    assert_eq!(by_name.organisation_name, "Dinas Pendidikan");
    assert_eq!(by_name.version.tags, vec!["pendidikan", "sekolah"]);
    assert_eq!(by_name.version.regions[0].code, "35.22");
    assert_eq!(by_name.version.resources.len(), 1);
    assert_eq!(by_name.path(), "/data/jumlah-sekolah");
    let resource = by_name.version.resources[0].clone();
    let (owner, found) = catalog::by_resource(db, resource.id)
        .await
        .unwrap()
        .unwrap();
    assert_eq!((owner.id, found.name.as_str()), (id, "Sekolah 2025"));
    assert!(catalog::published(db, "tidak-ada").await.unwrap().is_none());

    // A second verified version supersedes the first, which stays readable by number.
    let later = now + Duration::days(1);
    let mut tx = db.begin().await.unwrap();
    let v2 = Uuid::now_v7();
    let mut second = sample("jumlah-sekolah");
    second.title = "Jumlah Sekolah per Kecamatan 2026".into();
    catalog::queries::insert_version(&mut tx, id, v2, 2, "verified", &second, Uuid::nil(), later)
        .await
        .unwrap();
    catalog::queries::mark_published(&mut tx, id, v2, later)
        .await
        .unwrap();
    tx.commit().await.unwrap();
    let current = catalog::published(db, "jumlah-sekolah")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(current.version.number, 2);
    let old = catalog::version(db, "jumlah-sekolah", 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old.version.status, "superseded");
    assert!(old.is_public() && !old.is_current());
    assert_eq!(old.path(), "/data/jumlah-sekolah/versi/1");
    let history = catalog::history(db, id).await.unwrap();
    assert_eq!(
        history.iter().map(|v| v.number).collect::<Vec<_>>(),
        vec![2, 1]
    );

    // A draft is not public.
    let mut tx = db.begin().await.unwrap();
    catalog::queries::insert_version(
        &mut tx,
        id,
        Uuid::now_v7(),
        3,
        "draft",
        &second,
        Uuid::nil(),
        later,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    let draft = catalog::version(db, "jumlah-sekolah", 3)
        .await
        .unwrap()
        .unwrap();
    assert!(!draft.is_public());
    assert_eq!(
        catalog::published(db, "jumlah-sekolah")
            .await
            .unwrap()
            .unwrap()
            .version
            .number,
        2
    );
}
