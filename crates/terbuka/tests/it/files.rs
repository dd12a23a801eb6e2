//! Uploads: EXIF/GPS removed from photos, size limit (413), type sniffing (415), SHA-256
//! recorded, public files served with safe headers, private ones not at all.

use platform::authz::Role;
use platform::clock::Clock;

use crate::support::{TestApp, Visitor};

/// A tiny baseline JPEG whose APP1 segment carries EXIF with a GPS position.
fn jpeg_with_gps() -> Vec<u8> {
    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).expect("len").to_be_bytes());
        s.extend_from_slice(payload);
        s
    }
    let mut exif = b"Exif\0\0MM\0*\0\0\0\x08".to_vec();
    exif.extend_from_slice(b"GPSLatitude S 7 9 1.2 GPSLongitude E 111 52 48.8 Rumah Pelapor");
    let mut jpeg = vec![0xFF, 0xD8];
    jpeg.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    jpeg.extend(segment(0xE1, &exif));
    jpeg.extend(segment(0xDB, &[0; 65]));
    jpeg.extend(segment(0xC0, &[8, 0, 1, 0, 1, 1, 1, 0x11, 0]));
    jpeg.extend(segment(
        0xC4,
        &[0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ));
    jpeg.extend(segment(0xDA, &[1, 1, 0, 0, 63, 0]));
    jpeg.extend([0x00, 0x3F, 0xFF, 0xD9]);
    jpeg
}

async fn upload(
    visitor: &Visitor,
    name: &str,
    bytes: Vec<u8>,
    public: bool,
    with_csrf: bool,
) -> (u16, String) {
    let mut form = reqwest::multipart::Form::new();
    if with_csrf {
        form = form.text("_csrf", visitor.csrf().await);
    }
    if public {
        form = form.text("public", "1");
    }
    form = form.part(
        "file",
        reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()),
    );
    let response = visitor
        .client
        .post(visitor.url("/admin/berkas"))
        .multipart(form)
        .send()
        .await
        .expect("POST");
    let status = response.status().as_u16();
    (status, response.text().await.unwrap_or_default())
}

async fn admin(app: &TestApp) -> Visitor {
    let id = app
        .user("admin@uji.id", &[(Role::Admin, "diskominfo")])
        .await;
    app.signed_in(id).await
}

#[tokio::test]
async fn a_photo_loses_its_gps_and_is_served_safely() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    let original = jpeg_with_gps();
    let (status, body) = upload(&admin, "foto jalan rusak.jpg", original.clone(), true, true).await;
    assert_eq!(status, 303, "{body}");
    let file = platform::files::recent(&app.state.db, 1)
        .await
        .expect("recent")
        .pop()
        .expect("a file");
    assert_eq!(file.content_type, "image/jpeg");
    assert!(file.public);
    let key_prefix = app.clock.now().format("%Y/%m/").to_string();
    assert!(
        file.storage_key.starts_with(&key_prefix),
        "{}",
        file.storage_key
    );
    let stored = app
        .state
        .files
        .read(&file.storage_key)
        .await
        .expect("stored bytes");
    let text = String::from_utf8_lossy(&stored);
    assert!(!text.contains("Exif") && !text.contains("GPS") && !text.contains("Rumah Pelapor"));
    assert!(
        stored.len() < original.len()
            && stored.starts_with(&[0xFF, 0xD8])
            && stored.ends_with(&[0xFF, 0xD9])
    );
    assert_eq!(
        file.sha256,
        platform::audit::publication::sha256_hex(&stored),
        "the hash is of the stored bytes"
    );
    assert_eq!(file.size_bytes, i64::try_from(stored.len()).expect("len"));

    let response = reqwest::get(app.url(&file.url())).await.expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    let disposition = headers["content-disposition"].to_str().expect("ascii");
    assert!(
        disposition.starts_with("inline;") && disposition.contains("foto jalan rusak.jpg"),
        "{disposition}"
    );
    assert_eq!(
        response.bytes().await.expect("body").as_ref(),
        stored.as_ref()
    );
}

#[tokio::test]
async fn private_files_and_unknown_ids_are_not_served() {
    let app = TestApp::start().await;
    let file = platform::files::store(&app.state, b"kode,nama\n1,a\n", "data.csv", None)
        .await
        .expect("store");
    assert!(!file.public);
    assert_eq!(file.content_type, "text/csv; charset=utf-8");
    assert_eq!(app.get(&file.url()).await.0, 404);
    assert_eq!(app.get("/berkas/bukan-uuid/x.csv").await.0, 404);
    assert_eq!(
        app.get(&format!("/berkas/{}/x.csv", uuid::Uuid::now_v7()))
            .await
            .0,
        404
    );
    let mut tx = app.state.db.begin().await.expect("begin");
    platform::files::set_public(&mut tx, file.id, true)
        .await
        .expect("publish");
    tx.commit().await.expect("commit");
    let (status, body) = app.get(&file.url()).await;
    assert_eq!((status, body.as_str()), (200, "kode,nama\n1,a\n"));
}

#[tokio::test]
async fn oversize_uploads_are_refused_with_413() {
    let app = TestApp::builder()
        .config(|c| c.max_upload_mb = 1)
        .start()
        .await;
    let admin = admin(&app).await;
    let big = vec![b'a'; 1024 * 1024 + 100 * 1024];
    let (status, _) = upload(&admin, "besar.txt", big, false, true).await;
    assert_eq!(status, 413);
    // Just over the limit but within the form's overhead: refused by store itself.
    let (status, html) = upload(
        &admin,
        "besar.txt",
        vec![b'a'; 1024 * 1024 + 1],
        false,
        true,
    )
    .await;
    assert_eq!(status, 413);
    assert!(html.contains("terlalu besar"), "{html}");
    assert!(
        platform::files::recent(&app.state.db, 10)
            .await
            .expect("recent")
            .is_empty()
    );
}

#[tokio::test]
async fn executables_html_and_lying_extensions_are_refused_with_415() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    let exe = b"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0\xb8\0\0\0\0\0\0\0@\0\0\0".to_vec();
    for (name, bytes) in [
        ("setup.exe", exe.clone()),
        ("foto.jpg", exe),
        (
            "halaman.html",
            b"<!doctype html><html><script>alert(1)</script></html>".to_vec(),
        ),
        ("catatan.txt", b"<script>alert(1)</script>".to_vec()),
        (
            "logo.svg",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>".to_vec(),
        ),
        ("laporan.png", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec()),
    ] {
        let (status, _) = upload(&admin, name, bytes, true, true).await;
        assert_eq!(status, 415, "{name}");
    }
    assert!(
        platform::files::recent(&app.state.db, 10)
            .await
            .expect("recent")
            .is_empty()
    );
    let (status, _) = upload(
        &admin,
        "laporan.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n".to_vec(),
        true,
        true,
    )
    .await;
    assert_eq!(status, 303);
}

#[tokio::test]
async fn uploads_need_the_csrf_token_and_an_admin() {
    let app = TestApp::start().await;
    let admin = admin(&app).await;
    let _ = admin.get("/").await;
    let (status, _) = upload(&admin, "a.txt", b"isi".to_vec(), false, false).await;
    assert_eq!(status, 403);
    let officer = app
        .user("petugas@uji.id", &[(Role::Officer, "diskominfo")])
        .await;
    let officer = app.signed_in(officer).await;
    let (status, _) = upload(&officer, "a.txt", b"isi".to_vec(), false, true).await;
    assert_eq!(status, 403);
    let (status, _, html) = admin.get("/admin/berkas").await;
    assert_eq!(status, 200);
    assert!(html.contains("enctype=\"multipart/form-data\""));
}
