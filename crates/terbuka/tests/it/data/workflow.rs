//! The producer → walidata workflow (`/kelola/data…`): who may do what, a dataset from draft
//! to publication (upload, report, dictionary, submit, return with a note, resubmit,
//! verify, a second version superseding the first), bad input refused with translated
//! messages and nothing written, resources reordered and removed, API tokens.

use chrono::Duration;
use platform::authz::Role;
use platform::clock::Clock;
use platform::on_db;
use uuid::Uuid;

use crate::support::{TestApp, Visitor};

/// The producing organisation of these tests and another one.
const OPD: &str = "disdik";
const OTHER: &str = "bappeda";

pub(crate) async fn scalar(app: &TestApp, sql: &str) -> i64 {
    let sql = sql.to_string();
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, i64>(sqlx::AssertSqlSafe(sql))
        .fetch_one(pool).await)
    .unwrap()
}

async fn strings(app: &TestApp, sql: &str) -> Vec<String> {
    let sql = sql.to_string();
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, String>(sqlx::AssertSqlSafe(sql))
        .fetch_all(pool).await)
    .unwrap()
}

/// Form fields as (name, value).
type Fields<'a> = &'a [(&'a str, &'a str)];

/// Everything the workflow writes, counted: nothing may change when input is refused.
async fn footprint(app: &TestApp) -> Vec<i64> {
    let mut out = Vec::new();
    for table in [
        "data_datasets",
        "data_versions",
        "data_resources",
        "data_tables",
        "files",
        "audit_log",
        "publication_log",
    ] {
        out.push(scalar(app, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    out
}

/// The new-dataset form's fields, with `changes` applied (an empty value removes a field).
fn dataset_fields<'a>(changes: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut fields = vec![
        ("name", "jumlah-sekolah"),
        ("organisation", OPD),
        ("title", "Jumlah Sekolah per Kecamatan"),
        ("licence", "cc-by"),
        ("frequency", "annual"),
        ("tags", "sekolah, pendidikan"),
        ("temporal_start", "2025-01-01"),
        ("temporal_end", "2025-12-31"),
        ("regions", "35.22"),
        ("concept", "Satuan pendidikan"),
        ("unit", "sekolah"),
    ];
    for (key, value) in changes {
        fields.retain(|(k, _)| k != key);
        if !value.is_empty() {
            fields.push((key, value));
        }
    }
    fields
}

/// A CSV of schools per district whose `jumlah` column is all integers but one `n/a`.
pub(crate) fn inconsistent_csv() -> Vec<u8> {
    let mut csv = String::from("kecamatan,jumlah,tahun\n");
    let districts = [
        "Bojonegoro",
        "Kapas",
        "Balen",
        "Sumberrejo",
        "Kanor",
        "Baureno",
        "Dander",
        "Kalitidu",
        "Ngasem",
        "Padangan",
    ];
    for (i, d) in districts.iter().enumerate() {
        let n = if i == 6 {
            "n/a".to_string()
        } else {
            (40 + i * 3).to_string()
        };
        csv.push_str(&format!("{d},{n},2025\n"));
    }
    csv.into_bytes()
}

pub(crate) async fn upload(
    v: &Visitor,
    name: &str,
    fields: &[(&str, &str)],
    file: Option<(&str, Vec<u8>)>,
) -> (u16, String, String) {
    let token = v.csrf().await;
    let mut form = reqwest::multipart::Form::new().text("_csrf", token);
    for (k, value) in fields {
        form = form.text(k.to_string(), value.to_string());
    }
    if let Some((file_name, bytes)) = file {
        form = form.part(
            "berkas",
            reqwest::multipart::Part::bytes(bytes).file_name(file_name.to_string()),
        );
    }
    let response = v
        .client
        .post(v.url(&format!("/kelola/data/{name}/sumber")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    let location = response
        .headers()
        .get("location")
        .and_then(|l| l.to_str().ok())
        .unwrap_or("")
        .to_string();
    (status, location, response.text().await.unwrap())
}

/// The value of the hidden `file_id` field of a dictionary form.
pub(crate) fn file_id_in(html: &str) -> String {
    html.split("name=\"file_id\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("a dictionary form with a file id")
        .to_string()
}

/// The id of the newest version of `name`.
async fn latest_version(app: &TestApp, name: &str) -> Uuid {
    let name = name.to_string();
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, Uuid>(
        "SELECT v.id FROM data_versions v JOIN data_datasets d ON d.id = v.dataset_id \
         WHERE d.name = $1 ORDER BY v.number DESC LIMIT 1")
        .bind(name).fetch_one(pool).await)
    .unwrap()
}

async fn status_of(app: &TestApp, version: Uuid) -> String {
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, String>(
        "SELECT status FROM data_versions WHERE id = $1")
        .bind(version).fetch_one(pool).await)
    .unwrap()
}

#[tokio::test]
async fn who_may_use_the_workflow_pages() {
    let app = TestApp::start().await;
    let producer = app
        .user("produsen@contoh.id", &[(Role::Officer, OPD)])
        .await;
    let other = app.user("lain@contoh.id", &[(Role::Officer, OTHER)]).await;
    let opd_verifier = app.user("verif@contoh.id", &[(Role::Verifier, OPD)]).await;
    let walidata = app
        .user("walidata@contoh.id", &[(Role::Verifier, "diskominfo")])
        .await;
    let citizen = app.user("warga@contoh.id", &[]).await;
    let p = app.signed_in(producer).await;
    let (status, location, _) = p.post_form("/kelola/data/baru", &dataset_fields(&[])).await;
    assert_eq!(status, 303, "{location}");

    // The staff workspace leads producers here.
    let (_, _, html) = p.get("/kelola").await;
    assert!(html.contains("href=\"/kelola/data\""), "{html}");
    // The public is sent to sign in; a citizen is refused.
    let (status, location, _) = app.visitor().get("/kelola/data").await;
    assert!(
        status == 303 && location.starts_with("/masuk"),
        "{status} {location}"
    );
    let c = app.signed_in(citizen).await;
    assert_eq!(c.get("/kelola/data").await.0, 403);
    assert_eq!(c.get("/kelola/data/jumlah-sekolah").await.0, 403);
    // A producer of another organisation: no access to this dataset, read or write.
    let o = app.signed_in(other).await;
    assert_eq!(o.get("/kelola/data").await.0, 200);
    assert_eq!(o.get("/kelola/data/jumlah-sekolah").await.0, 403);
    let before = footprint(&app).await;
    let (status, _, _) = o
        .post_form(
            "/kelola/data/jumlah-sekolah",
            &dataset_fields(&[("title", "Diubah")]),
        )
        .await;
    assert_eq!(status, 403);
    assert_eq!(
        o.post_form("/kelola/data/jumlah-sekolah/ajukan", &[])
            .await
            .0,
        403
    );
    // …nor create one for this organisation.
    let (status, _, html) = o
        .post_form(
            "/kelola/data/baru",
            &dataset_fields(&[("name", "punya-orang")]),
        )
        .await;
    assert_eq!(status, 422);
    assert!(
        html.contains("Pilih organisasi tempat Anda menjadi produsen data."),
        "{html}"
    );
    assert_eq!(footprint(&app).await, before);
    // A verifier of an OPD is neither producer nor walidata.
    let ov = app.signed_in(opd_verifier).await;
    assert_eq!(ov.get("/kelola/data").await.0, 403);
    assert_eq!(ov.get("/kelola/data/verifikasi").await.0, 403);
    // Producers do not verify; the walidata does not produce.
    assert_eq!(p.get("/kelola/data/verifikasi").await.0, 403);
    let w = app.signed_in(walidata).await;
    assert_eq!(w.get("/kelola/data/verifikasi").await.0, 200);
    assert_eq!(w.get("/kelola/data/jumlah-sekolah").await.0, 403);
    assert_eq!(w.get("/kelola/data/baru").await.0, 403);
    let (status, _, html) = w.get("/kelola/data").await;
    assert_eq!(status, 200);
    assert!(html.contains("href=\"/kelola/data/verifikasi\""));
}

#[tokio::test]
async fn a_dataset_goes_from_draft_to_publication_and_a_second_version_supersedes_it() {
    let app = TestApp::start().await;
    let producer = app
        .user("produsen@contoh.id", &[(Role::Officer, OPD)])
        .await;
    let walidata = app
        .user("walidata@contoh.id", &[(Role::Verifier, "diskominfo")])
        .await;
    let p = app.signed_in(producer).await;
    let w = app.signed_in(walidata).await;

    // A draft, without a description yet.
    let (status, location, _) = p.post_form("/kelola/data/baru", &dataset_fields(&[])).await;
    assert_eq!(status, 303);
    assert_eq!(location, "/kelola/data/jumlah-sekolah?ok=created");
    let (status, _, html) = p.get(&location).await;
    assert_eq!(status, 200);
    assert!(html.contains("Draf dataset dibuat."));
    assert!(html.contains("data-status=\"draft\""));
    let v1 = latest_version(&app, "jumlah-sekolah").await;
    assert!(
        data::catalog::published(&app.state.db, "jumlah-sekolah")
            .await
            .unwrap()
            .is_none()
    );

    // Submitting now: what is missing is listed, nothing changes.
    let (status, _, html) = p.post_form("/kelola/data/jumlah-sekolah/ajukan", &[]).await;
    assert_eq!(status, 422);
    assert!(html.contains("Deskripsi dataset belum diisi."), "{html}");
    assert!(html.contains("Tambahkan paling sedikit satu sumber data."));
    assert_eq!(status_of(&app, v1).await, "draft");

    // A CSV with an inconsistent column: the report names it; nothing is loaded.
    let before = footprint(&app).await;
    let (status, _, html) = upload(
        &p,
        "jumlah-sekolah",
        &[("nama", "Sekolah per kecamatan 2025")],
        Some(("sekolah.csv", inconsistent_csv())),
    )
    .await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("id=\"report\""), "{html}");
    assert!(
        html.contains("data-column=\"jumlah\" class=\"inconsistent\""),
        "{html}"
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM data_tables").await, 0);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM data_resources").await, 0);
    let file_id = file_id_in(&html);
    // The stored upload is the one thing kept, so the producer can fix the dictionary.
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM files").await,
        before[4] + 1
    );

    // Loading as it is: refused whole, the report again.
    let columns = [
        ("file_id", file_id.as_str()),
        ("nama", "Sekolah per kecamatan 2025"),
        ("kolom_0", "kecamatan"),
        ("kolom_1", "jumlah"),
        ("kolom_2", "tahun"),
        ("ket_1", "Jumlah sekolah negeri dan swasta"),
        ("satuan_1", "sekolah"),
    ];
    let (status, _, html) = p
        .post_form("/kelola/data/jumlah-sekolah/sumber/muat", &columns)
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("id=\"report\""));
    assert!(
        html.contains("value=\"Jumlah sekolah negeri dan swasta\""),
        "form kept"
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM data_tables").await, 0);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM data_resources").await, 0);

    // The dictionary fixed: `n/a` means missing, so `jumlah` is an integer column.
    let mut fixed = columns.to_vec();
    fixed.push(("kosong", "n/a"));
    fixed.push(("tipe_1", "integer"));
    let (status, location, html) = p
        .post_form("/kelola/data/jumlah-sekolah/sumber/muat", &fixed)
        .await;
    assert_eq!(status, 303, "{html}");
    assert_eq!(location, "/kelola/data/jumlah-sekolah?ok=loaded#sumber");
    let d = data::catalog::version(&app.state.db, "jumlah-sekolah", 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d.version.resources.len(), 1);
    let r = &d.version.resources[0];
    assert_eq!(r.format, "CSV");
    assert_eq!(r.file_id.map(|f| f.to_string()), Some(file_id.clone()));
    let kinds: Vec<(&str, &str)> = r
        .dictionary
        .iter()
        .map(|c| (c.name.as_str(), c.kind.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("kecamatan", "text"),
            ("jumlah", "integer"),
            ("tahun", "integer")
        ]
    );
    assert_eq!(
        r.dictionary[1].description,
        "Jumlah sekolah negeri dan swasta"
    );
    assert_eq!(r.dictionary[1].unit, "sekolah");
    let table = data::tabular::table(&app.state.db, r.table_id.unwrap())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(table.row_count, 10);
    // Loading the same upload twice is refused.
    let (status, _, _) = p
        .post_form("/kelola/data/jumlah-sekolah/sumber/muat", &fixed)
        .await;
    assert_eq!(status, 409);

    // Descriptions stay editable in the draft.
    let rid = r.id.to_string();
    let (status, _, _) = p
        .post_form(
            &format!("/kelola/data/jumlah-sekolah/sumber/{rid}/kamus"),
            &[
                ("nama", "Sekolah 2025"),
                ("ket_0", "Nama kecamatan"),
                ("satuan_1", "unit"),
            ],
        )
        .await;
    assert_eq!(status, 303);
    let d = data::catalog::version(&app.state.db, "jumlah-sekolah", 1)
        .await
        .unwrap()
        .unwrap();
    let r = &d.version.resources[0];
    assert_eq!(r.name, "Sekolah 2025");
    assert_eq!(r.dictionary[0].description, "Nama kecamatan");
    assert_eq!(r.dictionary[1].unit, "unit");
    assert_eq!(
        r.dictionary[1].description,
        "Jumlah sekolah negeri dan swasta"
    );

    // The description and contact, then submit.
    let complete = dataset_fields(&[
        (
            "notes",
            "Jumlah sekolah negeri dan swasta per kecamatan, Dapodik 2025.",
        ),
        ("contact_name", "Bidang Data"),
        ("contact_email", "disdik@bojonegorokab.go.id"),
    ]);
    let (status, location, _) = p.post_form("/kelola/data/jumlah-sekolah", &complete).await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/kelola/data/jumlah-sekolah?ok=saved")
    );
    app.clock.advance(Duration::minutes(5));
    let (status, _, _) = p.post_form("/kelola/data/jumlah-sekolah/ajukan", &[]).await;
    assert_eq!(status, 303);
    assert_eq!(status_of(&app, v1).await, "submitted");
    // Submitted: the producer can no longer change it.
    let (status, _, _) = p
        .post_form(
            "/kelola/data/jumlah-sekolah",
            &dataset_fields(&[("title", "Lain")]),
        )
        .await;
    assert_eq!(status, 409);

    // The walidata's queue and review page.
    let (status, _, html) = w.get("/kelola/data/verifikasi").await;
    assert_eq!(status, 200);
    assert!(
        html.contains(&format!("/kelola/data/verifikasi/{v1}")),
        "{html}"
    );
    let (status, _, html) = w.get(&format!("/kelola/data/verifikasi/{v1}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Ini terbitan pertama dataset ini."));
    assert!(html.contains("Jumlah sekolah negeri dan swasta"));
    assert!(html.contains("10 baris, 3 kolom"), "{html}");

    // Returning needs a note.
    let before = footprint(&app).await;
    let (status, _, html) = w
        .post_form(
            &format!("/kelola/data/verifikasi/{v1}/kembalikan"),
            &[("catatan", "  ")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("Tulis catatan untuk produsen data"), "{html}");
    assert_eq!(footprint(&app).await, before);
    let note = "Satuan kolom jumlah harus \"sekolah\", bukan \"unit\".";
    let (status, location, _) = w
        .post_form(
            &format!("/kelola/data/verifikasi/{v1}/kembalikan"),
            &[("catatan", note)],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/kelola/data/verifikasi?ok=returned")
    );
    assert_eq!(status_of(&app, v1).await, "returned");
    // The producer sees the note, in the list and on the dataset's page.
    let (_, _, html) = p.get("/kelola/data").await;
    assert!(
        html.contains("Satuan kolom jumlah harus &#34;sekolah&#34;")
            || html.contains("Satuan kolom jumlah harus &quot;sekolah&quot;"),
        "{html}"
    );
    let (_, _, html) = p.get("/kelola/data/jumlah-sekolah").await;
    assert!(html.contains("id=\"review-note\""));
    // Fixed and submitted again.
    let (status, _, _) = p
        .post_form(
            &format!("/kelola/data/jumlah-sekolah/sumber/{rid}/kamus"),
            &[("nama", "Sekolah 2025"), ("satuan_1", "sekolah")],
        )
        .await;
    assert_eq!(status, 303);
    app.clock.advance(Duration::minutes(5));
    assert_eq!(
        p.post_form("/kelola/data/jumlah-sekolah/ajukan", &[])
            .await
            .0,
        303
    );
    assert_eq!(status_of(&app, v1).await, "submitted");

    // Verified: public, in the publication log and the change feed.
    let (status, location, _) = w
        .post_form(&format!("/kelola/data/verifikasi/{v1}/verifikasi"), &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/kelola/data/verifikasi?ok=verified")
    );
    let public = data::catalog::published(&app.state.db, "jumlah-sekolah")
        .await
        .unwrap()
        .expect("public after verification");
    assert_eq!(public.version.id, v1);
    assert_eq!(public.version.status, "verified");
    assert_eq!(public.version.review_note, "");
    assert!(public.data_updated_at.is_some());
    let log = strings(
        &app,
        "SELECT url FROM publication_log WHERE module = 'data' ORDER BY seq",
    )
    .await;
    assert_eq!(log, ["/data/jumlah-sekolah/versi/1"]);
    assert!(
        platform::audit::publication::verify(&app.state.db)
            .await
            .unwrap()
            .is_ok()
    );
    assert_eq!(
        scalar(
            &app,
            "SELECT COUNT(*) FROM data_changes WHERE kind = 'published'"
        )
        .await,
        1
    );
    // Verifying twice is refused.
    assert_eq!(
        w.post_form(&format!("/kelola/data/verifikasi/{v1}/verifikasi"), &[])
            .await
            .0,
        409
    );

    // A second version: same resources (same table), a new title; v1 stays public meanwhile.
    let (status, _, _) = p
        .post_form("/kelola/data/jumlah-sekolah/versi-baru", &[])
        .await;
    assert_eq!(status, 303);
    assert_eq!(
        p.post_form("/kelola/data/jumlah-sekolah/versi-baru", &[])
            .await
            .0,
        409
    );
    let v2 = latest_version(&app, "jumlah-sekolah").await;
    assert_ne!(v1, v2);
    let d2 = data::catalog::version(&app.state.db, "jumlah-sekolah", 2)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(d2.version.status, "draft");
    assert_eq!(d2.version.resources.len(), 1);
    assert_eq!(
        d2.version.resources[0].table_id,
        public.version.resources[0].table_id
    );
    assert_eq!(
        d2.version.resources[0].origin_id,
        public.version.resources[0].origin_id
    );
    let revised = dataset_fields(&[
        ("title", "Jumlah Sekolah per Kecamatan (revisi)"),
        (
            "notes",
            "Jumlah sekolah negeri dan swasta per kecamatan, Dapodik 2025.",
        ),
        ("contact_email", "disdik@bojonegorokab.go.id"),
    ]);
    assert_eq!(
        p.post_form("/kelola/data/jumlah-sekolah", &revised).await.0,
        303
    );
    assert_eq!(
        p.post_form("/kelola/data/jumlah-sekolah/ajukan", &[])
            .await
            .0,
        303
    );
    let (_, _, html) = w.get(&format!("/kelola/data/verifikasi/{v2}")).await;
    assert!(
        html.contains("Dibandingkan dengan versi terbit 1"),
        "{html}"
    );
    assert!(html.contains("Jumlah Sekolah per Kecamatan (revisi)"));
    assert_eq!(
        data::catalog::published(&app.state.db, "jumlah-sekolah")
            .await
            .unwrap()
            .unwrap()
            .version
            .id,
        v1
    );
    app.clock.advance(Duration::minutes(5));
    assert_eq!(
        w.post_form(&format!("/kelola/data/verifikasi/{v2}/verifikasi"), &[])
            .await
            .0,
        303
    );
    let now_public = data::catalog::published(&app.state.db, "jumlah-sekolah")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(now_public.version.id, v2);
    assert_eq!(
        now_public.version.title,
        "Jumlah Sekolah per Kecamatan (revisi)"
    );
    let old = data::catalog::version(&app.state.db, "jumlah-sekolah", 1)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(old.version.status, "superseded");
    assert!(old.is_public() && !old.is_current());
    assert_eq!(old.version.title, "Jumlah Sekolah per Kecamatan");
    let log = strings(
        &app,
        "SELECT url FROM publication_log WHERE module = 'data' ORDER BY seq",
    )
    .await;
    assert_eq!(
        log,
        [
            "/data/jumlah-sekolah/versi/1",
            "/data/jumlah-sekolah/versi/2"
        ]
    );

    // Every step is in the audit log.
    let actions = strings(
        &app,
        "SELECT action FROM audit_log WHERE action LIKE 'data.%' ORDER BY at, id",
    )
    .await;
    assert_eq!(
        actions,
        [
            "data.dataset.create",
            "data.resource.create",
            "data.resource.update",
            "data.version.update",
            "data.version.submit",
            "data.version.return",
            "data.resource.update",
            "data.version.submit",
            "data.version.verify",
            "data.version.create",
            "data.version.update",
            "data.version.submit",
            "data.version.verify",
        ]
    );
    // The producer heard of each decision by mail; the return carried the note.
    let subjects = strings(
        &app,
        "SELECT subject FROM mail_outbox WHERE to_address = 'produsen@contoh.id' \
         ORDER BY created_at, id",
    )
    .await;
    assert_eq!(
        subjects,
        [
            "Dikembalikan walidata: Jumlah Sekolah per Kecamatan (versi 1)",
            "Terverifikasi dan terbit: Jumlah Sekolah per Kecamatan (versi 1)",
            "Terverifikasi dan terbit: Jumlah Sekolah per Kecamatan (revisi) (versi 2)",
        ]
    );
    let bodies = strings(
        &app,
        "SELECT body_text FROM mail_outbox WHERE subject LIKE 'Dikembalikan%'",
    )
    .await;
    assert!(bodies[0].contains(note), "{}", bodies[0]);
    assert!(
        bodies[0].contains("/kelola/data/jumlah-sekolah"),
        "{}",
        bodies[0]
    );
    // The producer's list shows where it stands.
    let (_, _, html) = p.get("/kelola/data").await;
    assert!(html.contains("Terverifikasi"));
}

#[tokio::test]
async fn bad_input_is_refused_with_translated_messages_and_nothing_written() {
    let app = TestApp::start().await;
    let producer = app
        .user("produsen@contoh.id", &[(Role::Officer, OPD)])
        .await;
    let p = app.signed_in(producer).await;
    assert_eq!(
        p.post_form("/kelola/data/baru", &dataset_fields(&[]))
            .await
            .0,
        303
    );
    let before = footprint(&app).await;

    let cases: &[(Fields, u16, &str)] = &[
        (
            &[("name", "Jumlah Sekolah")],
            422,
            "Nama hanya boleh berisi huruf kecil, angka, - dan _",
        ),
        (&[("name", "x")], 422, "Nama hanya boleh berisi huruf kecil"),
        (
            &[("name", "baru")],
            422,
            "Nama ini dipakai oleh halaman kelola data",
        ),
        (&[], 409, "Nama ini sudah dipakai dataset lain."),
        (
            &[("name", "lain"), ("licence", "proprietary")],
            422,
            "Pilih lisensi dari daftar.",
        ),
        (&[("name", "lain"), ("title", "")], 422, "Wajib diisi."),
        (
            &[("name", "lain"), ("temporal_end", "2024-01-01")],
            422,
            "Tanggal akhir tidak boleh sebelum tanggal mulai.",
        ),
        (
            &[("name", "lain"), ("contact_email", "bukan surel")],
            422,
            "Alamat surel tidak valid.",
        ),
        (
            &[("name", "lain"), ("regions", "99.99")],
            422,
            "Pilih wilayah dari daftar.",
        ),
    ];
    for (changes, expected, message) in cases {
        let (status, _, html) = p
            .post_form("/kelola/data/baru", &dataset_fields(changes))
            .await;
        assert_eq!(status, *expected, "{changes:?}");
        assert!(html.contains(message), "{changes:?}: {message}\n{html}");
        assert!(html.contains("class=\"field-error\""), "{changes:?}");
    }
    // English for English readers.
    let token = p.csrf().await;
    let response = p
        .client
        .post(p.url("/kelola/data/baru"))
        .header("accept-language", "en")
        .form(&[
            ("_csrf", token.as_str()),
            ("name", "Bad Name"),
            ("title", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 422);
    let html = response.text().await.unwrap();
    assert!(
        html.contains("The name may hold only lowercase letters"),
        "{html}"
    );
    assert_eq!(footprint(&app).await, before);

    // Resources: a PDF named .csv, an XLSX named .csv, a file type we do not take, JSON
    // that does not parse, a bad link, a file and a link at once.
    let pdf = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n".to_vec();
    let xlsx = {
        let mut book = rust_xlsxwriter::Workbook::new();
        book.add_worksheet().write_string(0, 0, "a").unwrap();
        book.save_to_buffer().unwrap()
    };
    let files: &[(&str, Vec<u8>, u16, &str)] = &[
        ("data.csv", pdf.clone(), 415, "tidak sesuai"),
        ("data.csv", xlsx, 415, "tidak sesuai"),
        (
            "foto.png",
            b"\x89PNG\r\n\x1a\n".to_vec(),
            415,
            "Jenis berkas tidak diterima",
        ),
        (
            "data.json",
            b"{\"a\": ".to_vec(),
            415,
            "Isi berkas bukan JSON yang sah.",
        ),
        (
            "peta.geojson",
            b"[1, 2]".to_vec(),
            415,
            "bukan GeoJSON yang sah",
        ),
    ];
    for (name, bytes, expected, message) in files {
        let (status, _, html) =
            upload(&p, "jumlah-sekolah", &[], Some((name, bytes.clone()))).await;
        assert_eq!(status, *expected, "{name}: {html}");
        assert!(html.contains(message), "{name}: {message}\n{html}");
        assert!(html.contains("id=\"resource-errors\""), "{name}");
    }
    let links: &[(&[(&str, &str)], &str)] = &[
        (
            &[("tautan", "javascript:alert(1)"), ("format", "HTML")],
            "Tautan harus diawali",
        ),
        (
            &[("tautan", "https://data.example.org/x"), ("format", "")],
            "Tulis format tautan",
        ),
        (&[], "Unggah satu berkas atau isi satu tautan."),
    ];
    for (fields, message) in links {
        let (status, _, html) = upload(&p, "jumlah-sekolah", fields, None).await;
        assert_eq!(status, 422, "{fields:?}");
        assert!(html.contains(message), "{fields:?}: {message}\n{html}");
    }
    let (status, _, html) = upload(
        &p,
        "jumlah-sekolah",
        &[("tautan", "https://data.example.org/x"), ("format", "HTML")],
        Some(("data.pdf", pdf)),
    )
    .await;
    assert_eq!(status, 422);
    assert!(html.contains("Unggah satu berkas atau isi satu tautan."));
    assert_eq!(footprint(&app).await, before);

    // An abandoned tabular upload is discarded.
    let (status, _, html) = upload(
        &p,
        "jumlah-sekolah",
        &[],
        Some(("sekolah.csv", inconsistent_csv())),
    )
    .await;
    assert_eq!(status, 422);
    let file_id = file_id_in(&html);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM files").await,
        before[4] + 1
    );
    let stored = app.stored_objects();
    let (status, location, _) = p
        .post_form(
            "/kelola/data/jumlah-sekolah/sumber/batal",
            &[("file_id", file_id.as_str())],
        )
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/kelola/data/jumlah-sekolah?ok=abandoned#sumber")
    );
    assert_eq!(app.stored_objects(), stored - 1);
    assert_eq!(footprint(&app).await, before);
    // Someone else's upload cannot be loaded or discarded.
    let (_, _, html) = upload(
        &p,
        "jumlah-sekolah",
        &[],
        Some(("sekolah.csv", inconsistent_csv())),
    )
    .await;
    let file_id = file_id_in(&html);
    let colleague = app
        .user("rekan@contoh.id", &[(Role::Supervisor, OPD)])
        .await;
    let c = app.signed_in(colleague).await;
    assert_eq!(
        c.post_form(
            "/kelola/data/jumlah-sekolah/sumber/batal",
            &[("file_id", file_id.as_str())]
        )
        .await
        .0,
        404
    );
    assert_eq!(
        c.post_form(
            "/kelola/data/jumlah-sekolah/sumber/muat",
            &[("file_id", file_id.as_str()), ("nama", "x")]
        )
        .await
        .0,
        404
    );
}

#[tokio::test]
async fn files_and_links_are_added_reordered_and_removed_in_a_draft() {
    let app = TestApp::start().await;
    let producer = app
        .user("produsen@contoh.id", &[(Role::Officer, OPD)])
        .await;
    let p = app.signed_in(producer).await;
    assert_eq!(
        p.post_form("/kelola/data/baru", &dataset_fields(&[]))
            .await
            .0,
        303
    );
    let (status, location, _) = upload(
        &p,
        "jumlah-sekolah",
        &[
            ("nama", "Laman Dapodik"),
            ("tautan", "https://dapo.kemdikbud.go.id/"),
            ("format", "html"),
        ],
        None,
    )
    .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/kelola/data/jumlah-sekolah?ok=added#sumber")
    );
    let geojson = br#"{"type": "FeatureCollection", "features": []}"#.to_vec();
    assert_eq!(
        upload(
            &p,
            "jumlah-sekolah",
            &[],
            Some(("sekolah.geojson", geojson))
        )
        .await
        .0,
        303
    );
    // A Windows-1252 CSV is stored as UTF-8.
    let latin = b"kecamatan,catatan\nKapas,Caf\xe9\n".to_vec();
    let (status, _, html) = upload(&p, "jumlah-sekolah", &[], Some(("catatan.csv", latin))).await;
    assert_eq!(status, 200, "{html}");
    let file_id = file_id_in(&html);
    assert_eq!(
        p.post_form(
            "/kelola/data/jumlah-sekolah/sumber/muat",
            &[("file_id", file_id.as_str()), ("nama", "Catatan")]
        )
        .await
        .0,
        303
    );
    let file = platform::files::find(&app.state.db, file_id.parse().unwrap())
        .await
        .unwrap()
        .unwrap();
    let bytes = app.state.files.read(&file.storage_key).await.unwrap();
    assert_eq!(
        std::str::from_utf8(&bytes).unwrap(),
        "kecamatan,catatan\nKapas,Café\n"
    );

    let names = |d: &data::catalog::Dataset| -> Vec<(String, String)> {
        d.version
            .resources
            .iter()
            .map(|r| (r.name.clone(), r.format.clone()))
            .collect()
    };
    let read = || async {
        data::catalog::version(&app.state.db, "jumlah-sekolah", 1)
            .await
            .unwrap()
            .unwrap()
    };
    let d = read().await;
    assert_eq!(
        names(&d),
        [
            ("Laman Dapodik".to_string(), "HTML".to_string()),
            ("sekolah.geojson".into(), "GeoJSON".into()),
            ("Catatan".into(), "CSV".into()),
        ]
    );
    let last = d.version.resources[2].id;
    let (status, _, _) = p
        .post_form(
            &format!("/kelola/data/jumlah-sekolah/sumber/{last}/pindah"),
            &[("arah", "naik")],
        )
        .await;
    assert_eq!(status, 303);
    let d = read().await;
    assert_eq!(d.version.resources[1].id, last);
    let first = d.version.resources[0].id;
    let (status, _, _) = p
        .post_form(
            &format!("/kelola/data/jumlah-sekolah/sumber/{first}/hapus"),
            &[],
        )
        .await;
    assert_eq!(status, 303);
    let d = read().await;
    assert_eq!(
        names(&d),
        [
            ("Catatan".to_string(), "CSV".to_string()),
            ("sekolah.geojson".into(), "GeoJSON".into())
        ]
    );
    assert_eq!(
        strings(
            &app,
            "SELECT action FROM audit_log WHERE action LIKE 'data.resource.%' ORDER BY at, id"
        )
        .await,
        [
            "data.resource.create",
            "data.resource.create",
            "data.resource.create",
            "data.resource.move",
            "data.resource.delete",
        ]
    );
}

#[tokio::test]
async fn producers_create_list_and_revoke_api_tokens_for_their_organisation() {
    let app = TestApp::start().await;
    let producer = app
        .user("produsen@contoh.id", &[(Role::Officer, OPD)])
        .await;
    let other = app
        .user("lain@contoh.id", &[(Role::Supervisor, OTHER)])
        .await;
    let p = app.signed_in(producer).await;
    let (status, _, html) = p.get("/kelola/data/token").await;
    assert_eq!(status, 200);
    assert!(html.contains("id=\"token-form\""));

    // Only one's own organisation, and a name.
    let (status, _, _) = p
        .post_form(
            "/kelola/data/token",
            &[("organisation", OTHER), ("nama", "Sistem lain")],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _, html) = p
        .post_form(
            "/kelola/data/token",
            &[("organisation", OPD), ("nama", " ")],
        )
        .await;
    assert_eq!(status, 422);
    assert!(html.contains("Isi nama token"));
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM data_api_tokens").await,
        0
    );

    let (status, _, html) = p
        .post_form(
            "/kelola/data/token",
            &[("organisation", OPD), ("nama", "Dapodik sinkron")],
        )
        .await;
    assert_eq!(status, 200);
    let token = html
        .split("<code id=\"token-value\">")
        .nth(1)
        .and_then(|rest| rest.split('<').next())
        .unwrap()
        .to_string();
    assert!(token.starts_with("tbd_") && token.len() > 40, "{token}");
    // Only the hash is stored; the page shows the token once.
    assert_eq!(
        scalar(
            &app,
            &format!(
                "SELECT COUNT(*) FROM data_api_tokens WHERE token_hash = '{}'",
                platform::accounts::session::hash_token(&token)
            )
        )
        .await,
        1
    );
    let (_, _, html) = p.get("/kelola/data/token").await;
    assert!(html.contains("Dapodik sinkron") && !html.contains(&token));

    let now = app.clock.now();
    let db = &app.state.db;
    use data::workflow::tokens::token_organisation;
    assert_eq!(
        token_organisation(db, &token, now)
            .await
            .unwrap()
            .as_deref(),
        Some(OPD)
    );
    assert_eq!(
        token_organisation(db, "tbd_salah", now).await.unwrap(),
        None
    );
    assert_eq!(token_organisation(db, "", now).await.unwrap(), None);
    let (_, _, html) = p.get("/kelola/data/token").await;
    assert!(!html.contains("<td>—</td><td><form"), "last use shown");

    let id = strings(&app, "SELECT name FROM data_api_tokens").await;
    assert_eq!(id, ["Dapodik sinkron"]);
    let token_id: Uuid = on_db!(db, pool => sqlx::query_scalar::<_, Uuid>(
        "SELECT id FROM data_api_tokens").fetch_one(pool).await)
    .unwrap();
    // Another organisation's producer may not revoke it.
    let o = app.signed_in(other).await;
    assert_eq!(
        o.post_form(&format!("/kelola/data/token/{token_id}/cabut"), &[])
            .await
            .0,
        403
    );
    assert!(token_organisation(db, &token, now).await.unwrap().is_some());
    let (status, location, _) = p
        .post_form(&format!("/kelola/data/token/{token_id}/cabut"), &[])
        .await;
    assert_eq!(
        (status, location.as_str()),
        (303, "/kelola/data/token?ok=revoked")
    );
    assert_eq!(token_organisation(db, &token, now).await.unwrap(), None);
    assert_eq!(
        strings(
            &app,
            "SELECT action FROM audit_log WHERE action LIKE 'data.token.%' ORDER BY at, id"
        )
        .await,
        ["data.token.create", "data.token.revoke"]
    );
}

/// Fixtures for the authorisation matrix: a draft dataset of `organisation` with one
/// linked resource, a submitted version of another dataset, and an API token. Returns
/// (draft name, resource id, submitted version id, token id).
pub(crate) async fn matrix_fixtures(
    app: &TestApp,
    organisation: &str,
) -> (String, Uuid, Uuid, Uuid) {
    use data::catalog::{NewDataset, NewResource, queries};
    let now = app.clock.now();
    let db = &app.state.db;
    let mut tx = db.begin().await.unwrap();
    let meta = |name: &str| NewDataset {
        name: name.into(),
        organisation_id: organisation.into(),
        title: "Data matriks".into(),
        licence_id: "cc-by".into(),
        frequency: "annual".into(),
        ..NewDataset::default()
    };
    let (draft, draft_version) = (Uuid::now_v7(), Uuid::now_v7());
    queries::insert_dataset(
        &mut tx,
        draft,
        "matriks-draf",
        organisation,
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    queries::insert_version(
        &mut tx,
        draft,
        draft_version,
        1,
        "draft",
        &meta("matriks-draf"),
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    let resource = Uuid::now_v7();
    let link = NewResource {
        name: "Tautan".into(),
        format: "HTML".into(),
        url: "https://example.org/".into(),
        ..NewResource::default()
    };
    queries::insert_resource(&mut tx, draft_version, resource, resource, 0, &link, now)
        .await
        .unwrap();
    let (submitted, submitted_version) = (Uuid::now_v7(), Uuid::now_v7());
    queries::insert_dataset(
        &mut tx,
        submitted,
        "matriks-ajuan",
        organisation,
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    queries::insert_version(
        &mut tx,
        submitted,
        submitted_version,
        1,
        "submitted",
        &meta("matriks-ajuan"),
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    let token = Uuid::now_v7();
    queries::insert_token(
        &mut tx,
        token,
        organisation,
        "Matriks",
        "hash-matriks",
        Uuid::nil(),
        now,
    )
    .await
    .unwrap();
    tx.commit().await.unwrap();
    ("matriks-draf".into(), resource, submitted_version, token)
}
