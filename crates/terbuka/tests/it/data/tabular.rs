//! The tabular store against the database, on both backends: a refused file leaves no
//! table and no `data_tables` row (checked in the schema), mixed encodings and mistyped
//! files, query filters, sort, paging and totals, SQL-looking filter values, append and
//! upsert, exports.

use chrono::{DateTime, TimeZone, Utc};
use data::tabular::{
    self, ColumnChoice, ColumnType, ExportFormat, Filter, FilterOp, LoadError, LoadOptions, Query,
    QueryError, Table, WriteError,
};
use platform::db::Db;
use platform::on_db;
use serde_json::{Map, Value, json};

fn at() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 8, 0, 0).unwrap()
}

/// The physical `dt_` tables and the `data_tables` rows there are.
async fn stored(db: &Db) -> (Vec<String>, i64) {
    let tables: Vec<String> = db
        .describe_schema()
        .await
        .unwrap()
        .into_iter()
        .map(|(t, _)| t)
        .filter(|t| t.starts_with("dt_"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let rows: i64 = on_db!(db, pool => sqlx::query_scalar("SELECT COUNT(*) FROM data_tables")
        .fetch_one(pool).await)
    .unwrap();
    (tables, rows)
}

const VILLAGES: &str = "desa;kecamatan;penduduk;luas_km2;desa_wisata;pendataan\n\
    Kauman;Bojonegoro;12034;2,5;ya;01/02/2024\n\
    Ledok Kulon;Bojonegoro;8120;1,75;tidak;2024-02-03\n\
    Sukorejo;Bojonegoro;;3,1;tidak;2024-02-04\n\
    Ngumpakdalem;Dander;4310;12;ya;05/02/2024\n\
    Dander;Dander;6000;9,25;tidak;2024-02-06\n";

async fn villages(db: &Db) -> Table {
    tabular::load(
        db,
        VILLAGES.as_bytes(),
        "desa.csv",
        &LoadOptions::default(),
        at(),
    )
    .await
    .unwrap()
}

fn keys(err: LoadError) -> Vec<&'static str> {
    match err {
        LoadError::Rejected(r) => r.problems.iter().map(|p| p.key).collect(),
        LoadError::Db(e) => panic!("database error {e}"),
    }
}

#[tokio::test]
async fn a_file_loads_whole_with_types_inferred_from_every_row() {
    let db = platform::testing::fresh_db().await;
    let table = villages(&db).await;
    assert_eq!(table.row_count, 5);
    let kinds: Vec<ColumnType> = table.columns.iter().map(|c| c.kind).collect();
    use ColumnType::*;
    assert_eq!(kinds, [Text, Text, Integer, Number, Boolean, Date]);
    assert_eq!(tabular::table(&db, table.id).await.unwrap().unwrap(), table);
    let page = tabular::query(&db, &table, &Query::default())
        .await
        .unwrap();
    assert_eq!(page.ids, [1, 2, 3, 4, 5]);
    assert_eq!(
        page.records[0],
        [
            json!("Kauman"),
            json!("Bojonegoro"),
            json!(12034),
            json!(2.5),
            json!(true),
            json!("2024-02-01")
        ]
    );
    assert_eq!(page.records[2][2], Value::Null);
    assert_eq!(stored(&db).await, (vec![table.table_name.clone()], 1));
}

#[tokio::test]
async fn a_refused_file_leaves_nothing_behind() {
    let db = platform::testing::fresh_db().await;
    // An inconsistent column (a value in the last row breaks it: whole-file inference).
    let mut csv = String::from("kode,jumlah\n");
    for i in 0..2000 {
        csv.push_str(&format!("K{i},{i}\n"));
    }
    csv.push_str("K2000,n/a\n");
    let err = tabular::load(&db, csv.as_bytes(), "f.csv", &LoadOptions::default(), at())
        .await
        .unwrap_err();
    assert_eq!(keys(err), ["data-tabular-inconsistent-column"]);
    assert_eq!(stored(&db).await, (vec![], 0));
    // Resolved by a marker: loads, with the marker as a missing value.
    let opts = LoadOptions {
        missing_values: vec!["n/a".into()],
        ..LoadOptions::default()
    };
    let table = tabular::load(&db, csv.as_bytes(), "f.csv", &opts, at())
        .await
        .unwrap();
    assert_eq!(table.columns[1].kind, ColumnType::Integer);
    assert_eq!(table.row_count, 2001);
    // Or by choosing text.
    let opts = LoadOptions {
        columns: vec![ColumnChoice {
            name: "jumlah".into(),
            kind: Some(ColumnType::Text),
        }],
        ..LoadOptions::default()
    };
    let table = tabular::load(&db, csv.as_bytes(), "f.csv", &opts, at())
        .await
        .unwrap();
    assert_eq!(table.columns[1].kind, ColumnType::Text);
    assert_eq!(stored(&db).await.1, 2);

    // Ragged rows, a mistyped "xlsx", a binary "csv", an empty file, a too-wide file.
    let db = platform::testing::fresh_db().await;
    let err = tabular::load(
        &db,
        b"a,b\n1,2\n3\n4,5,6\n",
        "f.csv",
        &LoadOptions::default(),
        at(),
    )
    .await
    .unwrap_err();
    assert_eq!(
        keys(err),
        ["data-tabular-ragged-row", "data-tabular-ragged-row"]
    );
    let err = tabular::load(&db, b"a,b\n1,2\n", "f.xlsx", &LoadOptions::default(), at())
        .await
        .unwrap_err();
    assert_eq!(keys(err), ["data-tabular-not-xlsx"]);
    let err = tabular::load(
        &db,
        b"PK\x03\x04\x00\x00garbage",
        "f.xlsx",
        &LoadOptions::default(),
        at(),
    )
    .await
    .unwrap_err();
    assert_eq!(keys(err), ["data-tabular-not-xlsx"]);
    let err = tabular::load(
        &db,
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "f.csv",
        &LoadOptions::default(),
        at(),
    )
    .await
    .unwrap_err();
    assert_eq!(keys(err), ["data-tabular-not-csv"]);
    let err = tabular::load(&db, b"", "f.csv", &LoadOptions::default(), at())
        .await
        .unwrap_err();
    assert_eq!(keys(err), ["data-tabular-empty-file"]);
    let wide: Vec<String> = (0..600).map(|i| format!("k{i}")).collect();
    let wide = format!("{}\n{}\n", wide.join(","), vec!["1"; 600].join(","));
    let err = tabular::load(&db, wide.as_bytes(), "f.csv", &LoadOptions::default(), at())
        .await
        .unwrap_err();
    assert_eq!(keys(err), ["data-tabular-too-wide"]);
    let small = LoadOptions {
        max_bytes: Some(10),
        ..LoadOptions::default()
    };
    let err = tabular::load(&db, VILLAGES.as_bytes(), "f.csv", &small, at())
        .await
        .unwrap_err();
    assert_eq!(keys(err), ["data-tabular-too-large"]);
    assert_eq!(stored(&db).await, (vec![], 0));
}

#[tokio::test]
async fn a_load_rolled_back_by_its_caller_leaves_nothing() {
    let db = platform::testing::fresh_db().await;
    let mut tx = db.begin().await.unwrap();
    let table = tabular::load_in(
        &mut tx,
        VILLAGES.as_bytes(),
        "desa.csv",
        &LoadOptions::default(),
        at(),
    )
    .await
    .unwrap();
    assert_eq!(table.row_count, 5);
    drop(tx);
    assert_eq!(stored(&db).await, (vec![], 0));
}

#[tokio::test]
async fn windows_1252_and_xlsx_files_load() {
    let db = platform::testing::fresh_db().await;
    let bytes = b"nama;kota;catatan\nJos\xe9;Bojonegoro;\x93baik\x94\nRen\xe9e;Tuban;\x80 500\n";
    let table = tabular::load(&db, bytes, "f.csv", &LoadOptions::default(), at())
        .await
        .unwrap();
    let page = tabular::query(&db, &table, &Query::default())
        .await
        .unwrap();
    assert_eq!(
        page.records[0],
        [
            json!("José"),
            json!("Bojonegoro"),
            json!("\u{201c}baik\u{201d}")
        ]
    );
    assert_eq!(page.records[1][2], json!("€ 500"));

    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["kecamatan", "produksi_ton", "panen"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        ("Dander", 1520.5, "2025-03-01"),
        ("Kalitidu", 980.0, "2025-03-02"),
    ];
    for (r, (k, p, d)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        ws.write_string(r, 0, *k).unwrap();
        ws.write_number(r, 1, *p).unwrap();
        let date = rust_xlsxwriter::ExcelDateTime::parse_from_str(d).unwrap();
        let fmt = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
        ws.write_datetime_with_format(r, 2, &date, &fmt).unwrap();
    }
    let bytes = book.save_to_buffer().unwrap();
    let table = tabular::load(&db, &bytes, "padi.xlsx", &LoadOptions::default(), at())
        .await
        .unwrap();
    let kinds: Vec<ColumnType> = table.columns.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [ColumnType::Text, ColumnType::Number, ColumnType::Date]
    );
    let page = tabular::query(&db, &table, &Query::default())
        .await
        .unwrap();
    assert_eq!(
        page.records[1],
        [json!("Kalitidu"), json!(980.0), json!("2025-03-02")]
    );
}

fn filter(field: &str, op: FilterOp) -> Filter {
    Filter {
        field: field.into(),
        op,
    }
}

#[tokio::test]
async fn queries_filter_sort_page_and_count() {
    let db = platform::testing::fresh_db().await;
    let table = villages(&db).await;
    let names = |page: &tabular::Page| -> Vec<String> {
        page.records
            .iter()
            .map(|r| r[0].as_str().unwrap_or("").to_string())
            .collect()
    };
    let q = Query {
        filters: vec![filter("kecamatan", FilterOp::AnyOf(vec!["Dander".into()]))],
        include_total: true,
        ..Query::default()
    };
    let page = tabular::query(&db, &table, &q).await.unwrap();
    assert_eq!(names(&page), ["Ngumpakdalem", "Dander"]);
    assert_eq!(page.total, Some(2));

    let q = Query {
        filters: vec![
            filter("penduduk", FilterOp::AtLeast("5000".into())),
            filter("pendataan", FilterOp::AtMost("2024-02-05".into())),
        ],
        sort: vec![("penduduk".into(), true)],
        include_total: true,
        ..Query::default()
    };
    let page = tabular::query(&db, &table, &q).await.unwrap();
    assert_eq!(names(&page), ["Kauman", "Ledok Kulon"]);

    // Sort with missing values last, paging, a field subset, the unfiltered total.
    let q = Query {
        sort: vec![("penduduk".into(), false)],
        fields: vec!["desa".into(), "penduduk".into()],
        limit: 2,
        offset: 3,
        include_total: true,
        ..Query::default()
    };
    let page = tabular::query(&db, &table, &q).await.unwrap();
    assert_eq!(
        page.records,
        [
            [json!("Kauman"), json!(12034)],
            [json!("Sukorejo"), Value::Null]
        ]
    );
    assert_eq!(page.total, Some(5));
    assert_eq!(page.fields.len(), 2);

    // Full text and contains are case-insensitive substrings; booleans and numbers filter.
    let q = Query {
        q: Some("LEDOK".into()),
        ..Query::default()
    };
    assert_eq!(
        names(&tabular::query(&db, &table, &q).await.unwrap()),
        ["Ledok Kulon"]
    );
    let q = Query {
        filters: vec![
            filter("desa", FilterOp::Contains("an".into())),
            filter("desa_wisata", FilterOp::AnyOf(vec!["ya".into()])),
            filter("luas_km2", FilterOp::AtLeast("2.5".into())),
        ],
        ..Query::default()
    };
    assert_eq!(
        names(&tabular::query(&db, &table, &q).await.unwrap()),
        ["Kauman"]
    );
    let q = Query {
        sort: vec![("_id".into(), true)],
        limit: 1,
        ..Query::default()
    };
    assert_eq!(tabular::query(&db, &table, &q).await.unwrap().ids, [5]);
}

#[tokio::test]
async fn bad_and_sql_looking_filters_are_errors_or_plain_values() {
    let db = platform::testing::fresh_db().await;
    let table = villages(&db).await;
    let run = |q: Query| {
        let (db, table) = (db.clone(), table.clone());
        async move { tabular::query(&db, &table, &q).await }
    };
    let q = Query {
        filters: vec![filter("penduduk", FilterOp::AnyOf(vec!["banyak".into()]))],
        ..Query::default()
    };
    assert!(matches!(run(q).await, Err(QueryError::BadValue { .. })));
    let q = Query {
        filters: vec![filter("pendataan", FilterOp::AtLeast("kemarin".into()))],
        ..Query::default()
    };
    assert!(matches!(run(q).await, Err(QueryError::BadValue { .. })));
    let q = Query {
        filters: vec![filter("penduduk", FilterOp::Contains("1".into()))],
        ..Query::default()
    };
    assert!(matches!(run(q).await, Err(QueryError::BadValue { .. })));
    let q = Query {
        filters: vec![filter("nope", FilterOp::AnyOf(vec!["x".into()]))],
        ..Query::default()
    };
    assert!(matches!(run(q).await, Err(QueryError::UnknownField(f)) if f == "nope"));
    let q = Query {
        sort: vec![("c0; DROP TABLE data_tables".into(), false)],
        ..Query::default()
    };
    assert!(matches!(run(q).await, Err(QueryError::UnknownField(_))));
    let q = Query {
        fields: vec!["c0".into()],
        ..Query::default()
    };
    assert!(
        matches!(run(q).await, Err(QueryError::UnknownField(_))),
        "physical names are not field names"
    );

    for evil in [
        "x' OR '1'='1",
        "'; DROP TABLE data_tables; --",
        "Kauman\") OR 1=1 --",
        "%",
        "_",
        "\\",
    ] {
        let q = Query {
            filters: vec![filter("desa", FilterOp::AnyOf(vec![evil.into()]))],
            include_total: true,
            ..Query::default()
        };
        let page = run(q).await.unwrap();
        assert_eq!((page.records.len(), page.total), (0, Some(0)), "{evil}");
        let q = Query {
            filters: vec![filter("desa", FilterOp::Contains(evil.into()))],
            q: Some(evil.into()),
            ..Query::default()
        };
        assert_eq!(run(q).await.unwrap().records.len(), 0, "{evil}");
    }
    assert_eq!(stored(&db).await.1, 1, "the tables are still there");
    assert_eq!(
        tabular::table(&db, table.id)
            .await
            .unwrap()
            .unwrap()
            .row_count,
        5
    );
}

fn records(v: Value) -> Vec<Map<String, Value>> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_object().unwrap().clone())
        .collect()
}

#[tokio::test]
async fn append_and_upsert_are_checked_and_all_or_nothing() {
    let db = platform::testing::fresh_db().await;
    let table = villages(&db).await;
    let later = at() + chrono::Duration::hours(1);

    // One bad field refuses the whole request.
    let bad = records(json!([
        {"desa": "Kalirejo", "penduduk": 100},
        {"desa": "Sumbang", "penduduk": "banyak", "nope": 1},
    ]));
    let Err(WriteError::Rejected(report)) = tabular::append(&db, &table, &bad, later).await else {
        panic!("refused");
    };
    let found: Vec<(Option<u64>, &str)> = report.problems.iter().map(|p| (p.row, p.key)).collect();
    assert!(
        found.contains(&(Some(2), "data-tabular-write-bad-value")),
        "{found:?}"
    );
    assert!(
        found.contains(&(Some(2), "data-tabular-write-unknown-field")),
        "{found:?}"
    );
    assert_eq!(
        tabular::table(&db, table.id)
            .await
            .unwrap()
            .unwrap()
            .row_count,
        5
    );

    let good = records(json!([
        {"desa": "Kalirejo", "kecamatan": "Bojonegoro", "penduduk": 100, "luas_km2": "1.5", "desa_wisata": false, "pendataan": "2024-03-01"},
        {"desa": "Sumbang", "penduduk": "250", "luas_km2": 2},
    ]));
    assert_eq!(tabular::append(&db, &table, &good, later).await.unwrap(), 2);
    let table = tabular::table(&db, table.id).await.unwrap().unwrap();
    assert_eq!((table.row_count, table.updated_at), (7, later));
    let q = Query {
        filters: vec![filter("desa", FilterOp::AnyOf(vec!["Sumbang".into()]))],
        ..Query::default()
    };
    let page = tabular::query(&db, &table, &q).await.unwrap();
    assert_eq!(page.ids, [7]);
    assert_eq!(page.records[0][2], json!(250));

    // Upsert needs a key; the key must be unique and present.
    assert!(matches!(
        tabular::upsert(&db, &table, &good, later).await,
        Err(WriteError::NoKey)
    ));
    let Err(WriteError::Rejected(r)) =
        tabular::set_key(&db, &table, &["kecamatan".into()], later).await
    else {
        panic!("not unique");
    };
    assert_eq!(r.problems[0].key, "data-tabular-key-missing-values");
    let table = tabular::set_key(&db, &table, &["desa".into()], later)
        .await
        .unwrap();
    assert_eq!(table.key_columns, [0]);
    let changes = records(json!([
        {"desa": "Kauman", "penduduk": 12100},
        {"desa": "Mojoranu", "kecamatan": "Dander", "penduduk": 3000},
    ]));
    assert_eq!(
        tabular::upsert(&db, &table, &changes, later).await.unwrap(),
        2
    );
    let table = tabular::table(&db, table.id).await.unwrap().unwrap();
    assert_eq!(table.row_count, 8);
    let q = Query {
        filters: vec![filter(
            "desa",
            FilterOp::AnyOf(vec!["Kauman".into(), "Mojoranu".into()]),
        )],
        ..Query::default()
    };
    let page = tabular::query(&db, &table, &q).await.unwrap();
    assert_eq!(
        page.records[0][..3],
        [json!("Kauman"), json!("Bojonegoro"), json!(12100)],
        "fields not given are kept"
    );
    assert_eq!(
        page.records[1][..3],
        [json!("Mojoranu"), json!("Dander"), json!(3000)]
    );
    // An update-only upsert at the same instant (a stopped clock) is seen at once: the
    // table's stamp moves on, so no memoised answer of the earlier state is served.
    let before = table.updated_at;
    let q = Query {
        filters: vec![filter("desa", FilterOp::AnyOf(vec!["Kauman".into()]))],
        include_total: true,
        ..Query::default()
    };
    assert_eq!(
        tabular::query(&db, &table, &q).await.unwrap().records[0][2],
        json!(12100)
    );
    let again = records(json!([{"desa": "Kauman", "penduduk": 12200}]));
    assert_eq!(
        tabular::upsert(&db, &table, &again, later).await.unwrap(),
        1
    );
    let table = tabular::table(&db, table.id).await.unwrap().unwrap();
    assert!(table.updated_at > before);
    assert_eq!(table.row_count, 8);
    let page = tabular::query(&db, &table, &q).await.unwrap();
    assert_eq!(
        (page.records[0][2].clone(), page.total),
        (json!(12200), Some(1))
    );
    // A record without its key, and a duplicate key on append.
    let Err(WriteError::Rejected(r)) =
        tabular::upsert(&db, &table, &records(json!([{"penduduk": 1}])), later).await
    else {
        panic!("key missing");
    };
    assert_eq!(r.problems[0].key, "data-tabular-write-key-missing");
    let Err(WriteError::Rejected(r)) =
        tabular::append(&db, &table, &records(json!([{"desa": "Dander"}])), later).await
    else {
        panic!("duplicate");
    };
    assert_eq!(r.problems[0].key, "data-tabular-write-duplicate-key");
    assert_eq!(
        tabular::table(&db, table.id)
            .await
            .unwrap()
            .unwrap()
            .row_count,
        8
    );
}

#[tokio::test]
async fn exports_of_a_table_and_of_a_query() {
    let db = platform::testing::fresh_db().await;
    let table = villages(&db).await;
    let csv = tabular::export(&db, &table, &Query::all(), ExportFormat::Csv)
        .await
        .unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert_eq!(
        csv.lines().next().unwrap(),
        "desa,kecamatan,penduduk,luas_km2,desa_wisata,pendataan"
    );
    assert_eq!(
        csv.lines().nth(3).unwrap(),
        "Sukorejo,Bojonegoro,,3.1,false,2024-02-04"
    );
    assert_eq!(csv.lines().count(), 6);
    // The export loads back into the same table.
    let again = tabular::load(
        &db,
        csv.as_bytes(),
        "again.csv",
        &LoadOptions::default(),
        at(),
    )
    .await
    .unwrap();
    assert_eq!(again.columns, table.columns);
    let csv2 = tabular::export(&db, &again, &Query::all(), ExportFormat::Csv)
        .await
        .unwrap();
    assert_eq!(String::from_utf8(csv2).unwrap(), csv);

    let q = Query {
        filters: vec![filter("kecamatan", FilterOp::AnyOf(vec!["Dander".into()]))],
        sort: vec![("penduduk".into(), false)],
        ..Query::all()
    };
    let json_bytes = tabular::export(&db, &table, &q, ExportFormat::Json)
        .await
        .unwrap();
    let parsed: Value = serde_json::from_slice(&json_bytes).unwrap();
    assert_eq!(parsed[0]["desa"], json!("Ngumpakdalem"));
    assert_eq!(parsed[1]["penduduk"], json!(6000));
    assert_eq!(parsed.as_array().unwrap().len(), 2);
    let empty = Query {
        filters: vec![filter("kecamatan", FilterOp::AnyOf(vec![]))],
        ..Query::all()
    };
    let none = tabular::export(&db, &table, &empty, ExportFormat::Json)
        .await
        .unwrap();
    assert_eq!(none, b"[]");

    let xlsx = tabular::export(&db, &table, &q, ExportFormat::Xlsx)
        .await
        .unwrap();
    let back = tabular::inspect(&xlsx, "x.xlsx", &LoadOptions::default());
    assert!(back.report.is_ok(), "{:?}", back.report);
    assert_eq!(back.rows, 2);
}

#[tokio::test]
async fn exports_stream_in_batches_across_many_rows() {
    let db = platform::testing::fresh_db().await;
    let mut csv = String::from("n,kuadrat\n");
    for i in 1..=12_345 {
        csv.push_str(&format!("{i},{}\n", i * i));
    }
    let table = tabular::load(&db, csv.as_bytes(), "n.csv", &LoadOptions::default(), at())
        .await
        .unwrap();
    assert_eq!(table.row_count, 12_345);
    let out = tabular::export(&db, &table, &Query::all(), ExportFormat::Csv)
        .await
        .unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), csv);
    // Offset and limit across batch boundaries, by keyset and under a sort.
    for sort in [vec![], vec![("kuadrat".to_string(), true)]] {
        let q = Query {
            offset: 4_990,
            limit: 5_020,
            sort: sort.clone(),
            ..Query::all()
        };
        let out = tabular::export(&db, &table, &q, ExportFormat::Json)
            .await
            .unwrap();
        let parsed: Vec<Value> = serde_json::from_slice(&out).unwrap();
        assert_eq!(parsed.len(), 5_020);
        let first = if sort.is_empty() {
            4_991
        } else {
            12_345 - 4_990
        };
        assert_eq!(parsed[0]["n"], json!(first));
    }
}

/// Random tables through the database: written as CSV, loaded, exported as CSV again: the
/// same text, the same types. One database for all cases (each loads a table of its own).
#[test]
fn random_tables_round_trip_through_the_database() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, TestRunner};

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let db = runtime.block_on(platform::testing::fresh_db());
    // Canonical text of each type (what an export writes), or missing.
    let cell = |kind: ColumnType| -> BoxedStrategy<String> {
        match kind {
            ColumnType::Integer => any::<i64>().prop_map(|n| n.to_string()).boxed(),
            ColumnType::Number => (-1_000_000i64..1_000_000, 0u32..1000)
                .prop_map(|(i, f)| format!("{i}.{f}1"))
                .boxed(),
            ColumnType::Boolean => any::<bool>().prop_map(|b| b.to_string()).boxed(),
            ColumnType::Date => (1900i32..2100, 1u32..13, 1u32..29)
                .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
                .boxed(),
            ColumnType::DateTime => (0i64..4_000_000_000, 0u32..1_000_000)
                .prop_map(|(s, micros)| {
                    let t = DateTime::from_timestamp(s, micros * 1000).unwrap();
                    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                })
                .boxed(),
            ColumnType::Text => "x[a-zA-Z0-9 ,;\"'%_\\\\\n\u{e9}\u{201c}]{0,12}[a-z]".boxed(),
        }
    };
    let table = prop::collection::vec(prop::sample::select(ColumnType::ALL.to_vec()), 1..6)
        .prop_flat_map(move |kinds| {
            let row: Vec<BoxedStrategy<Option<String>>> = kinds
                .iter()
                .map(|k| prop::option::weighted(0.9, cell(*k)).boxed())
                .collect();
            (Just(kinds), prop::collection::vec(row, 1..40))
        });
    let cases = 64;
    let mut runner = TestRunner::new(Config {
        cases,
        ..Config::default()
    });
    runner
        .run(&table, |(kinds, rows)| {
            // Every row has a value somewhere (a blank row is not a row).
            let rows: Vec<Vec<Option<String>>> = rows
                .into_iter()
                .filter(|r| r.iter().any(Option::is_some))
                .collect();
            prop_assume!(!rows.is_empty());
            // CSV as the export writes it: fields quoted only when they must be.
            let field = |s: &str| {
                if s.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", s.replace('"', "\"\""))
                } else {
                    s.to_string()
                }
            };
            let mut text: String = (0..kinds.len())
                .map(|i| format!("kolom_{i}"))
                .collect::<Vec<_>>()
                .join(",");
            text.push('\n');
            for row in &rows {
                let cells: Vec<String> = row
                    .iter()
                    .map(|c| field(c.as_deref().unwrap_or("")))
                    .collect();
                text.push_str(&cells.join(","));
                text.push('\n');
            }
            let written = text.into_bytes();
            let (table, exported) = runtime.block_on(async {
                let table = tabular::load(&db, &written, "t.csv", &LoadOptions::default(), at())
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
                let out = tabular::export(&db, &table, &Query::all(), ExportFormat::Csv)
                    .await
                    .map_err(|e| TestCaseError::fail(format!("{e:?}")))?;
                Ok::<_, TestCaseError>((table, out))
            })?;
            for (c, kind) in kinds.iter().enumerate() {
                let expected = if rows.iter().any(|r| r[c].is_some()) {
                    *kind
                } else {
                    ColumnType::Text
                };
                prop_assert_eq!(table.columns[c].kind, expected);
            }
            prop_assert_eq!(table.row_count, rows.len() as i64);
            prop_assert_eq!(
                String::from_utf8_lossy(&exported),
                String::from_utf8_lossy(&written)
            );
            Ok(())
        })
        .unwrap();
    println!("round trips through the database: {cases} random tables");
}
