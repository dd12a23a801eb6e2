//! The one faceted search (`data::catalog::search`): only published datasets, words matched
//! case-insensitively and ranked title > tags > organisation > description, facet filters
//! combined with AND (also within a facet), exact facet counts, sorting and paging, and an
//! index that follows each publication.

use chrono::Duration;
use data::catalog::search::{self, Search, Sort};
use data::catalog::{self, NewDataset, NewResource};
use platform::clock::Clock;
use platform::on_db;
use uuid::Uuid;

use super::catalog::sample;
use crate::support::TestApp;

/// Three published datasets (published a day apart, in this order) and one draft, with the
/// topic groups they use (titled here, whatever the reference data calls them):
/// - `jumlah-sekolah` (Disdik; tags pendidikan, sekolah; group pendidikan; CSV; cc-by;
///   region 35.22);
/// - `produksi-padi` (Distan; tags padi, pertanian; groups ekonomi, pertanian; CSV and XLSX;
///   odc-odbl; regions 35.22, 35.22.01; its description mentions *sekolah lapang*);
/// - `curah-hujan` (BPBD; tags hujan, iklim; group lingkungan; JSON; cc-by; region 35.22);
/// - `rahasia-draf`, a draft never verified (its title says *Sekolah* too).
pub(crate) async fn catalogue(app: &TestApp) -> Vec<Uuid> {
    let db = &app.state.db;
    let now = app.clock.now();
    let groups = [
        ("pendidikan", "Pendidikan", "Education"),
        ("ekonomi", "Ekonomi", "Economy"),
        ("pertanian", "Pertanian", "Agriculture"),
        ("lingkungan", "Lingkungan Hidup", "Environment"),
    ];
    for (id, title_id, title_en) in groups {
        on_db!(db, pool => sqlx::query(
            "INSERT INTO data_groups (id, title_id, title_en, created_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (id) DO UPDATE SET title_id = excluded.title_id, title_en = excluded.title_en")
            .bind(id).bind(title_id).bind(title_en).bind(now).execute(pool).await.map(|_| ()))
        .unwrap();
    }
    let mut school = sample("jumlah-sekolah");
    school.groups = vec!["pendidikan".into()];
    let rice = NewDataset {
        name: "produksi-padi".into(),
        organisation_id: "distan".into(),
        title: "Produksi Padi per Kecamatan".into(),
        notes: "Luas panen dan produksi padi sawah; data dari sekolah lapang petani.".into(),
        licence_id: "odc-odbl".into(),
        frequency: "annual".into(),
        tags: vec!["padi".into(), "pertanian".into()],
        groups: vec!["ekonomi".into(), "pertanian".into()],
        regions: vec!["35.22".into(), "35.22.01".into()],
        contact_email: "distan@bojonegorokab.go.id".into(),
        resources: vec![
            NewResource {
                name: "Produksi 2025".into(),
                format: "CSV".into(),
                url: "https://example.org/padi.csv".into(),
                ..NewResource::default()
            },
            NewResource {
                name: "Produksi 2025 (Excel)".into(),
                format: "XLSX".into(),
                url: "https://example.org/padi.xlsx".into(),
                ..NewResource::default()
            },
        ],
        ..NewDataset::default()
    };
    let rain = NewDataset {
        name: "curah-hujan".into(),
        organisation_id: "bpbd".into(),
        title: "Curah Hujan Harian".into(),
        notes: "Curah hujan harian (mm) dari pos pengamatan.".into(),
        licence_id: "cc-by".into(),
        frequency: "daily".into(),
        tags: vec!["hujan".into(), "iklim".into()],
        groups: vec!["lingkungan".into()],
        regions: vec!["35.22".into()],
        resources: vec![NewResource {
            name: "Pos hujan".into(),
            format: "JSON".into(),
            url: "https://example.org/hujan.json".into(),
            ..NewResource::default()
        }],
        ..NewDataset::default()
    };
    let mut ids = Vec::new();
    for (i, new) in [school, rice, rain].iter().enumerate() {
        let mut tx = db.begin().await.unwrap();
        let at = now - Duration::days(10) + Duration::days(i as i64);
        let (id, _) = catalog::create_verified(&mut tx, new, Uuid::nil(), at)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        ids.push(id);
    }
    let mut tx = db.begin().await.unwrap();
    let draft_id = Uuid::now_v7();
    let mut draft = sample("rahasia-draf");
    draft.title = "Sekolah Rahasia".into();
    catalog::queries::insert_dataset(
        &mut tx,
        draft_id,
        "rahasia-draf",
        "disdik",
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    catalog::queries::insert_version(
        &mut tx,
        draft_id,
        Uuid::now_v7(),
        1,
        "draft",
        &draft,
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    ids
}

fn names(r: &search::SearchResult) -> Vec<&str> {
    r.datasets.iter().map(|d| d.name.as_str()).collect()
}

fn count_of(items: &[search::FacetItem], name: &str) -> Option<u64> {
    items.iter().find(|i| i.name == name).map(|i| i.count)
}

#[tokio::test]
async fn search_ranks_words_filters_with_and_and_counts_facets() {
    let app = TestApp::start().await;
    catalogue(&app).await;
    let db = &app.state.db;

    // Everything public, newest modification first; the draft is never seen.
    let all = search::search(db, &Search::default()).await.unwrap();
    assert_eq!(all.count, 3);
    assert_eq!(
        names(&all),
        vec!["curah-hujan", "produksi-padi", "jumlah-sekolah"]
    );
    assert_eq!(count_of(&all.facets.licences, "cc-by"), Some(2));
    assert_eq!(count_of(&all.facets.formats, "CSV"), Some(2));
    assert_eq!(count_of(&all.facets.regions, "35.22"), Some(3));
    assert_eq!(count_of(&all.facets.regions, "35.22.01"), Some(1));
    let disdik = all
        .facets
        .organisations
        .iter()
        .find(|i| i.name == "disdik")
        .unwrap();
    assert_eq!(
        (disdik.display_name.as_str(), disdik.count),
        ("Dinas Pendidikan", 1)
    );
    let group = all
        .facets
        .groups
        .iter()
        .find(|i| i.name == "lingkungan")
        .unwrap();
    assert_eq!(group.display_name, "Lingkungan Hidup");
    // Most frequent first.
    assert_eq!(all.facets.regions[0].name, "35.22");

    // A title match outranks a description match; case does not matter; the draft titled
    // "Sekolah Rahasia" stays hidden.
    let q = Search {
        q: "SEKOLAH".into(),
        ..Search::default()
    };
    let found = search::search(db, &q).await.unwrap();
    assert_eq!(names(&found), vec!["jumlah-sekolah", "produksi-padi"]);
    // Every word must match somewhere.
    let q = Search {
        q: "padi hujan".into(),
        ..Search::default()
    };
    assert_eq!(search::search(db, &q).await.unwrap().count, 0);
    // The organisation's name is searched.
    let q = Search {
        q: "pertanian kecamatan".into(),
        ..Search::default()
    };
    assert_eq!(
        names(&search::search(db, &q).await.unwrap()),
        vec!["produksi-padi"]
    );
    // LIKE wildcards are literal.
    let q = Search {
        q: "%".into(),
        ..Search::default()
    };
    assert_eq!(search::search(db, &q).await.unwrap().count, 0);

    // Filters: AND across facets and within one; formats case-insensitive.
    let f = Search {
        licences: vec!["cc-by".into()],
        formats: vec!["csv".into()],
        ..Search::default()
    };
    let r = search::search(db, &f).await.unwrap();
    assert_eq!(names(&r), vec!["jumlah-sekolah"]);
    assert_eq!(count_of(&r.facets.tags, "sekolah"), Some(1));
    assert_eq!(count_of(&r.facets.tags, "padi"), None);
    let f = Search {
        groups: vec!["ekonomi".into(), "pertanian".into()],
        ..Search::default()
    };
    assert_eq!(
        names(&search::search(db, &f).await.unwrap()),
        vec!["produksi-padi"]
    );
    let f = Search {
        groups: vec!["ekonomi".into(), "lingkungan".into()],
        ..Search::default()
    };
    let none = search::search(db, &f).await.unwrap();
    assert_eq!((none.count, none.facets.tags.len()), (0, 0));
    let f = Search {
        regions: vec!["35.22".into()],
        tags: vec!["iklim".into()],
        ..Search::default()
    };
    assert_eq!(
        names(&search::search(db, &f).await.unwrap()),
        vec!["curah-hujan"]
    );

    // Sorting and paging; the count covers all pages; facet_limit trims each facet.
    let by_title = Search {
        sort: Sort::Title,
        rows: 2,
        ..Search::default()
    };
    let page1 = search::search(db, &by_title).await.unwrap();
    assert_eq!(
        (page1.count, names(&page1)),
        (3, vec!["curah-hujan", "jumlah-sekolah"])
    );
    let page2 = Search {
        start: 2,
        ..by_title.clone()
    };
    assert_eq!(
        names(&search::search(db, &page2).await.unwrap()),
        vec!["produksi-padi"]
    );
    let newest = Search {
        sort: Sort::Newest,
        rows: 1,
        facet_limit: 1,
        ..Search::default()
    };
    let r = search::search(db, &newest).await.unwrap();
    assert_eq!((names(&r), r.facets.tags.len()), (vec!["curah-hujan"], 1));
    let by_name = Search {
        sort: Sort::Name,
        ..Search::default()
    };
    assert_eq!(
        names(&search::search(db, &by_name).await.unwrap()),
        vec!["curah-hujan", "jumlah-sekolah", "produksi-padi"]
    );
    assert_eq!(
        search::names(db, 10, 1).await.unwrap(),
        vec!["jumlah-sekolah", "produksi-padi"]
    );
}

#[tokio::test]
async fn the_index_follows_each_publication() {
    let app = TestApp::start().await;
    let ids = catalogue(&app).await;
    let db = &app.state.db;
    let later = app.clock.now() + Duration::days(1);

    // A new verified version of the school dataset retitles it and drops a tag.
    let mut second = sample("jumlah-sekolah");
    second.title = "Jumlah Madrasah".into();
    second.notes = "Jumlah madrasah per kecamatan.".into();
    second.tags = vec!["madrasah".into()];
    let v2 = Uuid::now_v7();
    let mut tx = db.begin().await.unwrap();
    catalog::queries::insert_version(
        &mut tx,
        ids[0],
        v2,
        2,
        "verified",
        &second,
        Uuid::nil(),
        later,
    )
    .await
    .unwrap();
    catalog::queries::mark_published(&mut tx, ids[0], v2, later)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let q = |q: &str| Search {
        q: q.into(),
        ..Search::default()
    };
    assert_eq!(
        names(&search::search(db, &q("madrasah")).await.unwrap()),
        vec!["jumlah-sekolah"]
    );
    assert_eq!(
        names(&search::search(db, &q("sekolah")).await.unwrap()),
        vec!["produksi-padi"]
    );
    let all = search::search(db, &Search::default()).await.unwrap();
    assert_eq!(
        all.datasets[0].name, "jumlah-sekolah",
        "most recently modified first"
    );
    assert_eq!(all.datasets[0].version.number, 2);
    assert_eq!(count_of(&all.facets.tags, "pendidikan"), None);

    // A full rebuild gives the same index.
    assert_eq!(search::reindex_all(db).await.unwrap(), 3);
    let again = search::search(db, &Search::default()).await.unwrap();
    assert_eq!(again.facets, all.facets);
    assert_eq!(names(&again), names(&all));
}
