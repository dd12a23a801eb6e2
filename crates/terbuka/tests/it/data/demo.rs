//! The portal's reference and demo data: the topic groups are there in every start (tests
//! included); the demo datasets load once, through the real tabular loader, with fresh and
//! overdue datasets, a second version, live feeds, and their pages render.

use platform::on_db;

use crate::support::TestApp;

#[tokio::test]
async fn topic_groups_are_reference_data_and_the_demo_loads_once_and_renders() {
    let app = TestApp::start().await;
    let db = &app.state.db;
    let groups: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM data_groups")
        .fetch_one(pool).await)
    .unwrap();
    assert_eq!(groups, 9);
    // Loading the groups again changes nothing.
    assert_eq!(
        data::demo::load_groups(db, platform::clock::Clock::now(&app.clock))
            .await
            .unwrap(),
        9
    );

    let loaded = data::demo::load_demo_data_if_empty(&app.state)
        .await
        .unwrap()
        .expect("an empty portal gets the demo");
    let listed = data::demo::datasets::datasets().unwrap().len();
    assert_eq!(loaded.datasets, listed);
    assert!(loaded.rows > 2_000, "{loaded:?}");
    eprintln!(
        "demo datasets: {} datasets, {} rows in {} ms",
        loaded.datasets, loaded.rows, loaded.millis
    );
    assert!(
        data::demo::load_demo_data_if_empty(&app.state)
            .await
            .unwrap()
            .is_none()
    );

    let visitor = app.visitor();
    let (status, _, page) = visitor.get("/data/penduduk-per-desa").await;
    assert_eq!(status, 200);
    assert!(page.contains("Dinas Kependudukan dan Pencatatan Sipil"));
    assert!(
        page.contains("href=\"/data/penduduk-per-desa/versi/1\""),
        "two versions"
    );
    let d = data::catalog::published(db, "penduduk-per-desa")
        .await
        .unwrap()
        .unwrap();
    let resource = &d.version.resources[0];
    let (status, _, preview) = visitor
        .get(&format!(
            "/data/penduduk-per-desa/sumber/{}?c1=Dander&per=100",
            resource.id
        ))
        .await;
    assert_eq!(status, 200);
    assert!(preview.contains("Ngumpakdalem"), "a village of Dander");
    assert!(preview.contains("<svg"));
    // Without a chosen category the chart takes the text column with the fewest values.
    let (_, _, whole) = visitor
        .get(&format!("/data/penduduk-per-desa/sumber/{}", resource.id))
        .await;
    assert!(whole.contains("menurut kecamatan"), "the chart's category");
    let table = data::tabular::table(db, resource.table_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(table.row_count, 430);
    assert_eq!(
        table
            .columns
            .iter()
            .map(|c| c.kind.as_str())
            .collect::<Vec<_>>(),
        vec![
            "text", "text", "text", "integer", "integer", "integer", "integer"
        ]
    );

    // The board shows fresh and overdue datasets; the live gauge is fresh, the stopped air
    // monitor overdue.
    let (_, _, board) = visitor.get("/data/kesegaran").await;
    assert!(board.contains("data-state=\"overdue\"") && board.contains("data-state=\"fresh\""));
    let gauge = data::catalog::published(db, "tinggi-muka-air-bengawan-solo")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        gauge
            .freshness(platform::clock::Clock::now(&app.clock))
            .0
            .as_str(),
        "fresh"
    );
    let air = data::catalog::published(db, "kualitas-udara")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        air.freshness(platform::clock::Clock::now(&app.clock))
            .0
            .as_str(),
        "overdue"
    );
    // Every demo dataset page renders.
    for d in data::demo::datasets::datasets().unwrap() {
        let (status, _, _) = visitor.get(&format!("/data/{}", d.name)).await;
        assert_eq!(status, 200, "{}", d.name);
    }
}
