//! The authorisation matrix: every route the application registers × every kind of actor
//! (public, citizen, officer, verifier, supervisor, admin) × own/other organisation.
//!
//! [`MATRIX`] states, for every registered route, who may use it. The test fails when a
//! registered route is missing from the matrix or the matrix names a route that does not
//! exist, so a new route cannot ship without a decision here. For each route and actor it
//! makes the real request (GET, or POST with a valid CSRF token and a harmless body) with
//! path parameters filled from fixtures, and checks the answer:
//! - allowed: anything but 401/403, a redirect to `/masuk`, or a server error;
//! - denied: 401/403, or (for an anonymous visitor on a page) a redirect to `/masuk`;
//! - guest-only page seen by a signed-in user: a redirect away (not to `/masuk`).
//!
//! The staff actors hold their role in `diskominfo` ("own"); routes with an organisation in
//! the path are tried on `diskominfo` and on `bappeda` ("other"). Officer, verifier and
//! supervisor hold only that one role each; the admin is admin in `diskominfo` (admins are
//! platform-wide).

use std::collections::{BTreeMap, BTreeSet};

use platform::authz::Role;
use uuid::Uuid;

use crate::support::{TestApp, Visitor};

/// Actors in the order of the matrix columns.
const ACTORS: [&str; 6] = [
    "public",
    "citizen",
    "officer",
    "verifier",
    "supervisor",
    "admin",
];

/// The staff actors' organisation, and the organisation they do not belong to.
const OWN: &str = "diskominfo";
const OTHER: &str = "bappeda";

/// One matrix row: method, path as registered, expected outcome per actor (one letter per
/// [`ACTORS`] column) on the actors' own organisation, and — for routes with an
/// organisation in the path — on the other organisation ("" when the path has none).
///
/// Letters: `A` allowed, `-` denied, `g` guest-only page: a signed-in user is sent away.
type Row = (&'static str, &'static str, &'static str, &'static str);

#[rustfmt::skip]
const MATRIX: &[Row] = &[
    //  method  path                                     own       other
    // --- the platform shell and operations
    ("GET",  "/static/{file}",                           "AAAAAA", ""),
    ("GET",  "/favicon.ico",                             "AAAAAA", ""),
    ("GET",  "/bahasa/{code}",                           "AAAAAA", ""),
    ("GET",  "/healthz",                                 "AAAAAA", ""),
    ("GET",  "/readyz",                                  "AAAAAA", ""),
    ("GET",  "/metrics",                                 "AAAAAA", ""),
    // --- information pages and news (pages)
    ("GET",  "/",                                        "AAAAAA", ""),
    ("GET",  "/faq",                                     "AAAAAA", ""),
    ("GET",  "/tentang",                                 "AAAAAA", ""),
    ("GET",  "/berita",                                  "AAAAAA", ""),
    ("GET",  "/berita.atom",                             "AAAAAA", ""),
    ("GET",  "/berita/{slug}",                           "AAAAAA", ""),
    // --- regions and organisations
    ("GET",  "/wilayah/{kode}",                          "AAAAAA", ""),
    ("GET",  "/organisasi",                              "AAAAAA", ""),
    ("GET",  "/organisasi/{id}",                         "AAAAAA", ""),
    ("GET",  "/api/v1/organisations",                    "AAAAAA", ""),
    ("GET",  "/api/v1/organisations/{id}",               "AAAAAA", ""),
    ("GET",  "/api/v1/regions/{code}",                   "AAAAAA", ""),
    ("GET",  "/api/v1/openapi.json",                     "AAAAAA", ""),
    // --- publication log
    ("GET",  "/transparansi/log",                        "AAAAAA", ""),
    ("GET",  "/transparansi/log.json",                   "AAAAAA", ""),
    ("GET",  "/transparansi/log.csv",                    "AAAAAA", ""),
    // --- files: public files for everyone; uploads by admins
    ("GET",  "/berkas/{id}/{name}",                      "AAAAAA", ""),
    ("GET",  "/admin/berkas",                            "-----A", ""),
    ("POST", "/admin/berkas",                            "-----A", ""),
    // --- complaints, public side: anyone may report and read public cases
    ("GET",  "/pengaduan/baru",                          "AAAAAA", ""),
    ("POST", "/pengaduan/baru",                          "AAAAAA", ""),
    ("GET",  "/pengaduan",                               "AAAAAA", ""),
    ("GET",  "/pengaduan/{kode}",                        "AAAAAA", ""),
    ("GET",  "/pengaduan/lacak/{kode}",                  "AAAAAA", ""),
    ("GET",  "/pengaduan/lacak/{kode}/lampiran/{id}",    "AAAAAA", ""),
    ("POST", "/pengaduan/lacak/{kode}/balas",            "AAAAAA", ""),
    ("POST", "/pengaduan/lacak/{kode}/selesai",          "AAAAAA", ""),
    ("POST", "/api/v1/complaints",                       "AAAAAA", ""),
    ("GET",  "/api/v1/complaints",                       "AAAAAA", ""),
    ("GET",  "/api/v1/complaints/{code}",                "AAAAAA", ""),
    ("GET",  "/pengaduan/statistik",                     "AAAAAA", ""),
    ("GET",  "/pengaduan/statistik.csv",                 "AAAAAA", ""),
    ("GET",  "/api/v1/complaints/statistics",            "AAAAAA", ""),
    ("GET",  "/akun/pengaduan",                          "-AAAAA", ""),
    // --- complaints, staff side: verifiers see the queue; a case page and its steps only
    //     for verifiers and the assigned organisation (the fixture is routed to OWN)
    ("GET",  "/kelola/pengaduan/verifikasi",             "---A-A", ""),
    ("GET",  "/kelola/pengaduan",                        "--AAAA", ""),
    ("GET",  "/kelola/pengaduan/{kode}",                 "--AAAA", ""),
    ("POST", "/kelola/pengaduan/{kode}/tindakan",        "--AAAA", ""),
    ("POST", "/kelola/pengaduan/{kode}/catatan",         "--AAAA", ""),
    ("POST", "/kelola/pengaduan/{kode}/privasi",         "---A-A", ""),
    ("GET",  "/kelola/pengaduan/{kode}/lampiran/{id}",   "--AAAA", ""),
    ("POST", "/kelola/pengaduan/{kode}/lampiran/{id}/publikasi", "---A-A", ""),
    ("GET",  "/admin/kategori-pengaduan",                "-----A", ""),
    ("GET",  "/admin/kategori-pengaduan/baru",           "-----A", ""),
    ("POST", "/admin/kategori-pengaduan/baru",           "-----A", ""),
    ("GET",  "/admin/kategori-pengaduan/{id}",           "-----A", ""),
    ("POST", "/admin/kategori-pengaduan/{id}",           "-----A", ""),
    // --- Open311 GeoReport v2: reading is public; POST needs an API key, which no session
    //     stands in for (every actor without one gets the spec's 403)
    ("GET",  "/open311/v2/discovery.json",               "AAAAAA", ""),
    ("GET",  "/open311/v2/discovery.xml",                "AAAAAA", ""),
    ("GET",  "/open311/v2/services.json",                "AAAAAA", ""),
    ("GET",  "/open311/v2/services.xml",                 "AAAAAA", ""),
    ("GET",  "/open311/v2/services/{file}",              "AAAAAA", ""),
    ("GET",  "/open311/v2/requests.json",                "AAAAAA", ""),
    ("GET",  "/open311/v2/requests.xml",                 "AAAAAA", ""),
    ("POST", "/open311/v2/requests.json",                "------", ""),
    ("POST", "/open311/v2/requests.xml",                 "------", ""),
    ("GET",  "/open311/v2/requests/{file}",              "AAAAAA", ""),
    ("GET",  "/open311/v2/tokens/{file}",                "AAAAAA", ""),
    ("GET",  "/admin/open311",                           "-----A", ""),
    ("POST", "/admin/open311",                           "-----A", ""),
    ("POST", "/admin/open311/{id}/cabut",                "-----A", ""),
    // --- comments: anyone may comment and read; officers and supervisors of the owning
    //     organisation moderate and answer (the fixture comment is on news, owned by OWN)
    ("POST", "/komentar",                                "AAAAAA", ""),
    ("GET",  "/komentar/tulis",                          "AAAAAA", ""),
    ("GET",  "/api/v1/comments",                         "AAAAAA", ""),
    ("GET",  "/kelola/komentar",                         "--AAAA", ""),
    ("POST", "/kelola/komentar/{id}/terbitkan",          "--A-AA", ""),
    ("POST", "/kelola/komentar/{id}/tolak",              "--A-AA", ""),
    ("POST", "/kelola/komentar/{id}/balas",              "--A-AA", ""),
    // --- accounts: guests register and sign in; signed-in people are sent away
    ("GET",  "/daftar",                                  "Aggggg", ""),
    ("POST", "/daftar",                                  "Aggggg", ""),
    ("GET",  "/masuk",                                   "Aggggg", ""),
    ("POST", "/masuk",                                   "Aggggg", ""),
    ("GET",  "/lupa-sandi",                              "AAAAAA", ""),
    ("POST", "/lupa-sandi",                              "AAAAAA", ""),
    ("GET",  "/atur-ulang-sandi/{token}",                "AAAAAA", ""),
    ("POST", "/atur-ulang-sandi/{token}",                "AAAAAA", ""),
    ("GET",  "/akun",                                    "-AAAAA", ""),
    ("POST", "/akun/kata-sandi",                         "-AAAAA", ""),
    ("POST", "/keluar",                                  "-AAAAA", ""),
    // --- the staff workspace: an organisation's profile is edited by its officers and
    //     supervisors (not its verifiers), never by another organisation's staff
    ("GET",  "/kelola",                                  "--AAAA", ""),
    ("GET",  "/organisasi/{id}/kelola",                  "--A-AA", "-----A"),
    ("POST", "/organisasi/{id}/kelola",                  "--A-AA", "-----A"),
    // --- administration: admins only
    ("GET",  "/admin",                                   "-----A", ""),
    ("GET",  "/admin/audit",                             "-----A", ""),
    ("GET",  "/admin/surat",                             "-----A", ""),
    ("GET",  "/admin/pengguna",                          "-----A", ""),
    ("GET",  "/admin/pengguna/baru",                     "-----A", ""),
    ("POST", "/admin/pengguna/baru",                     "-----A", ""),
    ("GET",  "/admin/pengguna/{id}",                     "-----A", ""),
    ("POST", "/admin/pengguna/{id}",                     "-----A", ""),
    ("POST", "/admin/pengguna/{id}/peran",               "-----A", ""),
    ("POST", "/admin/pengguna/{id}/peran/hapus",         "-----A", ""),
    ("GET",  "/admin/organisasi",                        "-----A", ""),
    ("GET",  "/admin/organisasi/baru",                   "-----A", ""),
    ("POST", "/admin/organisasi/baru",                   "-----A", ""),
    ("GET",  "/admin/organisasi/{id}",                   "-----A", "-----A"),
    ("POST", "/admin/organisasi/{id}",                   "-----A", "-----A"),
    ("GET",  "/admin/kalender",                          "-----A", ""),
    ("POST", "/admin/kalender",                          "-----A", ""),
    ("GET",  "/admin/kalender/{tanggal}/ubah",           "-----A", ""),
    ("POST", "/admin/kalender/{tanggal}/ubah",           "-----A", ""),
    ("POST", "/admin/kalender/{tanggal}/hapus",          "-----A", ""),
    ("GET",  "/admin/berita",                            "-----A", ""),
    ("GET",  "/admin/berita/baru",                       "-----A", ""),
    ("POST", "/admin/berita/baru",                       "-----A", ""),
    ("GET",  "/admin/berita/{id}",                       "-----A", ""),
    ("POST", "/admin/berita/{id}",                       "-----A", ""),
    // Last: these change the fixture news item (unpublish, publish, delete).
    ("POST", "/admin/berita/{id}/tarik",                 "-----A", ""),
    ("POST", "/admin/berita/{id}/terbitkan",             "-----A", ""),
    ("POST", "/admin/berita/{id}/hapus",                 "-----A", ""),
    // --- budget (public pages and the finance office's pages)
    ("GET",  "/anggaran",                                "AAAAAA", ""),
    ("GET",  "/anggaran/bandingkan",                     "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}",                        "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/organisasi",             "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/organisasi/{kode}",      "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/organisasi/{kode}/{fungsi}", "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/organisasi/{kode}/{fungsi}/{akun}", "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/fungsi",                 "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/fungsi/{kode}",          "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/akun",                   "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/akun/{kode}",            "AAAAAA", ""),
    ("GET",  "/anggaran/jadwal",                         "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/datapackage.json",       "AAAAAA", ""),
    ("GET",  "/anggaran/{tahun}/data/{file}",            "AAAAAA", ""),
    ("GET",  "/api/v1/budget/years",                     "AAAAAA", ""),
    ("GET",  "/api/v1/budget/{year}",                    "AAAAAA", ""),
    ("GET",  "/api/v1/budget/{year}/breakdown",          "AAAAAA", ""),
    ("GET",  "/api/v1/budget/{year}/sub-kegiatan/{code}", "AAAAAA", ""),
    ("GET",  "/kelola/anggaran",                         "-----A", ""),
    ("POST", "/kelola/anggaran",                         "-----A", ""),
    ("GET",  "/kelola/anggaran/contoh.csv",              "-----A", ""),
    ("POST", "/kelola/anggaran/{id}/terbitkan",          "-----A", ""),
    // --- data portal, producer → walidata workflow: producers (officers and supervisors)
    //     of the dataset's organisation (the fixtures are OWN's); the walidata is the
    //     verifier of `diskominfo` (= OWN), who sees the list but does not produce
    ("GET",  "/kelola/data",                             "--AAAA", ""),
    ("GET",  "/kelola/data/baru",                        "--A-AA", ""),
    ("POST", "/kelola/data/baru",                        "--A-AA", ""),
    ("GET",  "/kelola/data/{name}",                      "--A-AA", ""),
    ("POST", "/kelola/data/{name}",                      "--A-AA", ""),
    ("POST", "/kelola/data/{name}/ajukan",               "--A-AA", ""),
    ("POST", "/kelola/data/{name}/versi-baru",           "--A-AA", ""),
    ("POST", "/kelola/data/{name}/sumber",               "--A-AA", ""),
    ("POST", "/kelola/data/{name}/sumber/muat",          "--A-AA", ""),
    ("POST", "/kelola/data/{name}/sumber/batal",         "--A-AA", ""),
    ("POST", "/kelola/data/{name}/sumber/{id}/kamus",    "--A-AA", ""),
    ("POST", "/kelola/data/{name}/sumber/{id}/pindah",   "--A-AA", ""),
    ("POST", "/kelola/data/{name}/sumber/{id}/hapus",    "--A-AA", ""),
    ("GET",  "/kelola/data/token",                       "--A-AA", ""),
    ("POST", "/kelola/data/token",                       "--A-AA", ""),
    ("POST", "/kelola/data/token/{id}/cabut",            "--A-AA", ""),
    ("GET",  "/kelola/data/verifikasi",                  "---A-A", ""),
    ("GET",  "/kelola/data/verifikasi/{id}",             "---A-A", ""),
    ("POST", "/kelola/data/verifikasi/{id}/kembalikan",  "---A-A", ""),
    ("POST", "/kelola/data/verifikasi/{id}/verifikasi",  "---A-A", ""),
    // --- data portal: public pages, previews, downloads and the change feed (helper P)
    ("GET",  "/data/kesegaran",                          "AAAAAA", ""),
    ("GET",  "/data/{name}",                             "AAAAAA", ""),
    ("GET",  "/data/{name}/versi/{number}",              "AAAAAA", ""),
    ("GET",  "/dataset/{name}",                          "AAAAAA", ""),
    ("GET",  "/data/{name}/sumber/{resource_id}",        "AAAAAA", ""),
    ("GET",  "/data/{name}/sumber/{resource_id}/unduh.csv", "AAAAAA", ""),
    ("GET",  "/data/{name}/sumber/{resource_id}/unduh.json", "AAAAAA", ""),
    ("GET",  "/data/{name}/sumber/{resource_id}/unduh.xlsx", "AAAAAA", ""),
    ("GET",  "/data/{name}/sumber/{resource_id}/berkas", "AAAAAA", ""),
    ("GET",  "/data/{name}/perubahan",                   "AAAAAA", ""),
    // Live writes take a producer's API token, not a session: without one, everyone is 401.
    ("POST", "/api/v1/data/resources/{resource_id}/records", "------", ""),
    ("PUT",  "/api/v1/data/resources/{resource_id}/records", "------", ""),
    // --- data portal: the standard APIs (CKAN, DCAT, Frictionless) and the listing are public
    ("GET",  "/data",                                    "AAAAAA", ""),
    ("GET",  "/data/{name}/datapackage.json",            "AAAAAA", ""),
    ("GET",  "/catalog.jsonld",                          "AAAAAA", ""),
    ("GET",  "/catalog.ttl",                             "AAAAAA", ""),
    ("GET",  "/api/3/action/{action}",                   "AAAAAA", ""),
    ("POST", "/api/3/action/{action}",                   "AAAAAA", ""),
    ("GET",  "/api/action/{action}",                     "AAAAAA", ""),
    ("POST", "/api/action/{action}",                     "AAAAAA", ""),
];

/// GET routes whose fixture names nothing on purpose (an unknown reset token).
const MAY_BE_MISSING: &[&str] = &[
    // The matrix's app has no published dataset.
    "/data/{name}/datapackage.json",
    // The matrix's app has no published dataset (helper P's pages).
    "/data/{name}",
    "/data/{name}/versi/{number}",
    "/data/{name}/sumber/{resource_id}",
    "/data/{name}/sumber/{resource_id}/unduh.csv",
    "/data/{name}/sumber/{resource_id}/unduh.json",
    "/data/{name}/sumber/{resource_id}/unduh.xlsx",
    "/data/{name}/sumber/{resource_id}/berkas",
    "/data/{name}/perubahan",
    "/atur-ulang-sandi/{token}",
    // Without its secret the guest link is a 404 by design.
    "/pengaduan/lacak/{kode}",
    "/pengaduan/lacak/{kode}/lampiran/{id}",
    // Without an item to comment on, the comment form's page is a 404.
    "/komentar/tulis",
    // The matrix's app has no published budget: every year page is a 404.
    "/anggaran/{tahun}",
    "/anggaran/{tahun}/organisasi",
    "/anggaran/{tahun}/organisasi/{kode}",
    "/anggaran/{tahun}/organisasi/{kode}/{fungsi}",
    "/anggaran/{tahun}/organisasi/{kode}/{fungsi}/{akun}",
    "/anggaran/{tahun}/fungsi",
    "/anggaran/{tahun}/fungsi/{kode}",
    "/anggaran/{tahun}/akun",
    "/anggaran/{tahun}/akun/{kode}",
    "/anggaran/{tahun}/datapackage.json",
    "/anggaran/{tahun}/data/{file}",
    "/api/v1/budget/{year}",
    "/api/v1/budget/{year}/breakdown",
    "/api/v1/budget/{year}/sub-kegiatan/{code}",
];

/// Path parameters that name an organisation: rows with an "other" column swap them.
const ORGANISATION_PARAMS: &[&str] = &["id", "org", "organisation"];

/// Values for path parameters, made once per test run.
struct Fixtures {
    static_file: String,
    /// A user who is none of the actors, for admin pages about one user.
    target_user: Uuid,
    news_slug: String,
    news_id: String,
    file_id: String,
    file_name: String,
    publication_seq: String,
    /// A complaint routed to OWN, for the staff case pages.
    staff_case_code: String,
    /// A file attached to that complaint.
    staff_case_file: String,
    /// A pending guest comment on a news article (owned by OWN).
    comment_id: String,
    /// The data workflow's fixtures (OWN's): a draft's name, its resource, a submitted
    /// version, an API token.
    data_draft: String,
    data_resource: String,
    data_submitted: String,
    data_token: String,
}

impl Fixtures {
    async fn make(app: &TestApp) -> Fixtures {
        let (_, home) = app.get("/").await;
        let static_file = home
            .split("href=\"/static/")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or("app.css")
            .to_string();
        let target_user = app
            .user("sasaran@contoh.id", &[(Role::Officer, OTHER)])
            .await;
        let news_slug = scalar(
            app,
            "SELECT slug FROM news WHERE published_at IS NOT NULL ORDER BY slug",
        )
        .await
        .unwrap_or_else(|| "tidak-ada".into());
        let news_id = {
            use platform::on_db;
            on_db!(&app.state.db, pool => sqlx::query_scalar::<_, Uuid>(
                "SELECT id FROM news WHERE published_at IS NOT NULL ORDER BY slug").fetch_optional(pool).await)
            .ok()
            .flatten()
            .unwrap_or_else(Uuid::now_v7)
            .to_string()
        };
        // A public file, as a module would publish one.
        let file = platform::files::store(
            &app.state,
            b"kode,nama\n35.22,Bojonegoro\n",
            "wilayah.csv",
            None,
        )
        .await
        .expect("store a file");
        let mut tx = app.state.db.begin().await.expect("begin");
        platform::files::set_public(&mut tx, file.id, true)
            .await
            .expect("publish the file");
        tx.commit().await.expect("commit");
        let file_id = file.id.to_string();
        let file_name = file.original_name.clone();
        let publication_seq = "1".to_string();
        let staff_case_code = crate::complaints::staff::routed_case(app, OWN).await;
        let staff_case_file = crate::complaints::staff::attachment_of(app, &staff_case_code)
            .await
            .to_string();
        let comment_id = crate::comments::guest_comment(
            app,
            &news_slug,
            "penulis@contoh.id",
            "Komentar untuk matriks otorisasi.",
        )
        .await;
        let (data_draft, data_resource, data_submitted, data_token) =
            crate::data::workflow::matrix_fixtures(app, OWN).await;
        Fixtures {
            data_draft,
            data_resource: data_resource.to_string(),
            data_submitted: data_submitted.to_string(),
            data_token: data_token.to_string(),
            comment_id,
            static_file,
            target_user,
            news_slug,
            news_id,
            file_id,
            file_name,
            publication_seq,
            staff_case_code,
            staff_case_file,
        }
    }

    /// The value for `{param}` in `path`; `organisation` is the one this request targets.
    fn value(&self, path: &str, param: &str, organisation: &str) -> Option<String> {
        let under = |prefix: &str| path.starts_with(prefix);
        Some(match param {
            "file" if under("/static/") => self.static_file.clone(),
            "file" if under("/anggaran/") => "belanja.csv".into(),
            "code" if under("/api/v1/budget/") => "1.01.01.2.02.0001".into(),
            "code" if under("/bahasa/") => "en".into(),
            "kode" | "code" if under("/wilayah/") || under("/api/v1/regions") => "35.22".into(),
            "id" | "org" | "organisation"
                if under("/organisasi/") || under("/api/v1/organisations") =>
            {
                organisation.to_string()
            }
            "id" if under("/admin/organisasi/") => organisation.to_string(),
            "id" | "user" if under("/admin/pengguna/") => self.target_user.to_string(),
            "kode" if under("/anggaran/") && path.contains("/akun/") => "5.1".into(),
            "kode" if under("/anggaran/") && path.contains("/fungsi/") => "1.01".into(),
            "kode" if under("/anggaran/") => "1.01.0.00.0.00.01.0000".into(),
            "fungsi" if path.contains("{akun}") => "1.01.01.2.02.0001".into(),
            "fungsi" => "1.01.01".into(),
            "akun" => "5.1.01.01.01.0001".into(),
            "id" if under("/kelola/anggaran/") => Uuid::nil().to_string(),
            "kode" if under("/kelola/pengaduan/") => self.staff_case_code.clone(),
            "id" if under("/kelola/pengaduan/") => self.staff_case_file.clone(),
            "id" if under("/pengaduan/lacak/") => self.staff_case_file.clone(),
            "kode" | "code" if under("/pengaduan/") || under("/api/v1/complaints") => {
                self.staff_case_code.clone()
            }
            "id" if under("/admin/kategori-pengaduan/") => "jalan-jembatan".into(),
            "file" if under("/open311/v2/services/") => "jalan-jembatan.json".into(),
            "file" if under("/open311/v2/") => format!("{}.json", self.staff_case_code),
            "id" if under("/admin/open311/") => Uuid::nil().to_string(),
            "id" if under("/kelola/komentar/") => self.comment_id.clone(),
            "name" if under("/kelola/data/") => self.data_draft.clone(),
            "id" if under("/kelola/data/verifikasi/") => self.data_submitted.clone(),
            "id" if under("/kelola/data/token/") => self.data_token.clone(),
            "id" if under("/kelola/data/") => self.data_resource.clone(),
            "name" if under("/dataset/") => "tidak-ada".into(),
            "name" if under("/data/") => "tidak-ada".into(),
            "number" if under("/data/") => "1".into(),
            "resource_id" => Uuid::nil().to_string(),
            "action" => "status_show".into(),
            "slug" => self.news_slug.clone(),
            "id" if under("/admin/berita/") => self.news_id.clone(),
            "id" if under("/berkas/") => self.file_id.clone(),
            "name" if under("/berkas/") => self.file_name.clone(),
            "seq" | "n" => self.publication_seq.clone(),
            "token" => "token-yang-tidak-ada".into(),
            "year" | "tahun" => "2026".into(),
            "date" | "tanggal" => "2026-12-25".into(),
            _ => return None,
        })
    }
}

async fn scalar(app: &TestApp, sql: &'static str) -> Option<String> {
    use platform::on_db;
    on_db!(&app.state.db, pool => sqlx::query_scalar::<_, String>(sql).fetch_optional(pool).await)
        .ok()
        .flatten()
}

/// `path` with each `{param}` filled in.
fn fill(path: &str, fixtures: &Fixtures, organisation: &str) -> Result<String, String> {
    let mut out = String::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let close = rest[open..]
            .find('}')
            .map(|i| open + i)
            .ok_or(format!("unclosed parameter in {path}"))?;
        let param = rest[open + 1..close].trim_start_matches('*');
        let value = fixtures.value(path, param, organisation).ok_or(format!(
            "no fixture for {{{param}}} in {path}: add one to Fixtures::value"
        ))?;
        out.push_str(&value);
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Expect {
    Allowed,
    Denied,
    SentAway,
}

fn parse(letters: &str) -> Vec<Expect> {
    letters
        .chars()
        .map(|c| match c {
            'A' => Expect::Allowed,
            '-' => Expect::Denied,
            'g' => Expect::SentAway,
            other => panic!("unknown matrix letter {other:?} in {letters:?}"),
        })
        .collect()
}

/// Judge one answer; `None` when it matches the expectation, else what went wrong.
fn judge(expect: Expect, status: u16, location: &str) -> Option<String> {
    let to_login = (300..400).contains(&status) && location.starts_with("/masuk");
    let denied = status == 401 || status == 403 || to_login;
    let ok = match expect {
        _ if status >= 500 => false,
        Expect::Allowed => !denied,
        Expect::Denied => denied,
        Expect::SentAway => (300..400).contains(&status) && !to_login,
    };
    (!ok).then(|| {
        format!(
            "expected {expect:?}, got {status}{}",
            if location.is_empty() {
                String::new()
            } else {
                format!(" → {location}")
            }
        )
    })
}

#[test]
fn the_matrix_is_well_formed() {
    let mut seen = BTreeSet::new();
    for (method, path, own, other) in MATRIX {
        assert!(
            seen.insert((method, path)),
            "{method} {path} is twice in the matrix"
        );
        assert_eq!(
            own.len(),
            ACTORS.len(),
            "{method} {path}: one letter per actor"
        );
        assert!(
            other.is_empty() || other.len() == ACTORS.len(),
            "{method} {path}: one letter per actor"
        );
        parse(own);
        parse(other);
    }
}

#[tokio::test]
async fn every_route_is_in_the_matrix_and_behaves_as_it_says() {
    // Coverage both ways: every registered route has a row; every row is a registered route.
    let table: BTreeSet<(String, String)> = terbuka::routes()
        .table()
        .into_iter()
        .map(|r| (r.method.to_string(), r.path.to_string()))
        .collect();
    let matrix: BTreeSet<(String, String)> = MATRIX
        .iter()
        .map(|(m, p, _, _)| (m.to_string(), p.to_string()))
        .collect();
    let missing: Vec<String> = table
        .difference(&matrix)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    let stale: Vec<String> = matrix
        .difference(&table)
        .map(|(m, p)| format!("{m} {p}"))
        .collect();
    assert!(
        missing.is_empty(),
        "routes missing from the authorisation matrix:\n  {}",
        missing.join("\n  ")
    );
    assert!(
        stale.is_empty(),
        "matrix rows for routes that do not exist:\n  {}",
        stale.join("\n  ")
    );
    // An organisation in a non-public path needs the own/other columns.
    for (method, path, own, other) in MATRIX {
        let org_scoped = ORGANISATION_PARAMS
            .iter()
            .any(|p| path.contains(&format!("{{{p}}}")))
            && (path.starts_with("/organisasi/") || path.starts_with("/admin/organisasi/"));
        if org_scoped && own != &"AAAAAA" {
            assert!(
                !other.is_empty(),
                "{method} {path} has an organisation in its path: give own and other columns"
            );
        }
    }

    let app = TestApp::start().await;
    let fixtures = Fixtures::make(&app).await;
    let mut users: BTreeMap<&str, Uuid> = BTreeMap::new();
    users.insert("citizen", app.user("warga@contoh.id", &[]).await);
    users.insert(
        "officer",
        app.user("petugas@contoh.id", &[(Role::Officer, OWN)]).await,
    );
    users.insert(
        "verifier",
        app.user("verifikator@contoh.id", &[(Role::Verifier, OWN)])
            .await,
    );
    users.insert(
        "supervisor",
        app.user("atasan@contoh.id", &[(Role::Supervisor, OWN)])
            .await,
    );
    users.insert(
        "admin",
        app.user("admin@contoh.id", &[(Role::Admin, OWN)]).await,
    );

    let mut failures = Vec::new();
    let mut checked = 0;
    for (method, path, own, other) in MATRIX {
        let mut cases = vec![(OWN, parse(own))];
        if !other.is_empty() {
            cases.push((OTHER, parse(other)));
        }
        for (organisation, expectations) in cases {
            let url_path = match fill(path, &fixtures, organisation) {
                Ok(p) => p,
                Err(e) => {
                    failures.push(e);
                    continue;
                }
            };
            for (actor, expect) in ACTORS.iter().zip(expectations) {
                // A fresh session per request: a POST such as /keluar may end it.
                let visitor: Visitor = match users.get(actor) {
                    Some(id) => app.signed_in(*id).await,
                    None => app.visitor(),
                };
                let (status, location, _) = match *method {
                    "GET" => visitor.get(&url_path).await,
                    "POST" => visitor.post_form(&url_path, &[]).await,
                    "PUT" => {
                        let response = visitor
                            .client
                            .put(visitor.url(&url_path))
                            .send()
                            .await
                            .expect("PUT");
                        (response.status().as_u16(), String::new(), String::new())
                    }
                    other => panic!("the matrix does not know how to send {other}"),
                };
                checked += 1;
                if let Some(problem) = judge(expect, status, &location) {
                    failures.push(format!(
                        "{method} {url_path} as {actor} ({organisation}): {problem}"
                    ));
                }
                // The admin may open every page: a 404 there means a fixture names nothing,
                // and the row then proves less than it claims.
                if *actor == "admin"
                    && *method == "GET"
                    && status == 404
                    && !MAY_BE_MISSING.contains(path)
                {
                    failures.push(format!(
                        "GET {url_path} as admin: 404 (does the fixture for {path} exist?)"
                    ));
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} requests broke the matrix:\n  {}",
        failures.len(),
        failures.join("\n  ")
    );
    eprintln!(
        "authorisation matrix: {} routes, {checked} requests",
        MATRIX.len()
    );
}
