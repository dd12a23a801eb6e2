//! Mail delivery against a real SMTP server (aiosmtpd, started by the test), failures kept
//! in the outbox, and the admins' outbox page.

use std::io::Read;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use platform::authz::Role;
use platform::clock::Clock;
use platform::jobs::{self, Registry};
use platform::on_db;

use crate::support::{TestApp, tool_missing};

/// A python interpreter that has aiosmtpd (the venv's on PATH first, then Debian's).
fn python_with_aiosmtpd() -> Option<String> {
    ["python3", "/usr/bin/python3"]
        .into_iter()
        .map(str::to_string)
        .find(|py| {
            Command::new(py)
                .args(["-c", "import aiosmtpd"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        })
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}

/// aiosmtpd's default (debugging) handler prints every message it receives to stdout.
struct SmtpServer {
    child: Child,
    port: u16,
    output: Arc<Mutex<String>>,
}

impl SmtpServer {
    fn start(python: &str) -> SmtpServer {
        let port = free_port();
        let mut child = Command::new(python)
            .args([
                "-u",
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
            ])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start aiosmtpd");
        let mut stdout = child.stdout.take().expect("stdout");
        let output = Arc::new(Mutex::new(String::new()));
        let sink = output.clone();
        std::thread::spawn(move || {
            let mut buf = [0_u8; 4096];
            while let Ok(n) = stdout.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .expect("lock")
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let deadline = Instant::now() + Duration::from_secs(15);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(Instant::now() < deadline, "aiosmtpd did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        SmtpServer {
            child,
            port,
            output,
        }
    }

    fn wait_for(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let out = self.output.lock().expect("lock").clone();
            if out.contains(needle) {
                return out;
            }
            assert!(
                Instant::now() < deadline,
                "{needle:?} never reached the SMTP server; it printed:\n{out}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

async fn queue(app: &TestApp, to: &str, subject: &str, body: &str) -> uuid::Uuid {
    let mut tx = app.state.db.begin().await.expect("begin");
    let id = platform::mail::queue(&mut tx, app.clock.now(), to, subject, body)
        .await
        .expect("queue");
    tx.commit().await.expect("commit");
    id
}

type OutboxRow = (Option<chrono::DateTime<chrono::Utc>>, i32, Option<String>);

async fn row(app: &TestApp, id: uuid::Uuid) -> OutboxRow {
    on_db!(&app.state.db, pool => sqlx::query_as("SELECT sent_at, attempts, last_error FROM mail_outbox WHERE id = $1")
        .bind(id).fetch_one(pool).await)
    .expect("outbox row")
}

#[tokio::test]
async fn the_outbox_is_delivered_over_smtp() {
    let Some(python) = python_with_aiosmtpd() else {
        tool_missing("the_outbox_is_delivered_over_smtp", "python3 with aiosmtpd");
        return;
    };
    let server = SmtpServer::start(&python);
    let url = format!("smtp://127.0.0.1:{}", server.port);
    let app = TestApp::builder()
        .empty()
        .config(|c| c.smtp_url = url)
        .start()
        .await;
    let id = queue(
        &app,
        "warga@contoh.id",
        "Pengaduan Anda diterima",
        "Nomor pelacakan: TRB-2026-0001",
    )
    .await;
    // Through the periodic job, as `serve` runs it.
    let registry = Registry::platform();
    registry
        .schedule_periodic(&app.state.db, app.clock.now())
        .await
        .expect("schedule");
    app.clock.advance(chrono::Duration::seconds(6));
    jobs::run_due(&app.state, &registry, "w1")
        .await
        .expect("run");
    let out = server.wait_for("TRB-2026-0001");
    assert!(out.contains("Subject: Pengaduan Anda diterima"), "{out}");
    assert!(out.contains("warga@contoh.id"), "{out}");
    let (sent_at, attempts, error) = row(&app, id).await;
    assert_eq!(sent_at, Some(app.clock.now()));
    assert_eq!((attempts, error), (1, None));
    // Sent once only.
    assert_eq!(
        platform::mail::deliver_pending(&app.state)
            .await
            .expect("deliver"),
        0
    );
}

#[tokio::test]
async fn a_failed_delivery_stays_in_the_outbox_with_its_error() {
    let port = free_port(); // nothing listens there
    let app = TestApp::builder()
        .empty()
        .config(|c| c.smtp_url = format!("smtp://127.0.0.1:{port}"))
        .start()
        .await;
    let id = queue(&app, "warga@contoh.id", "Uji", "Isi").await;
    assert_eq!(
        platform::mail::deliver_pending(&app.state)
            .await
            .expect("deliver"),
        0
    );
    let (sent_at, attempts, error) = row(&app, id).await;
    assert!(sent_at.is_none());
    assert_eq!(attempts, 1);
    assert!(!error.unwrap_or_default().is_empty());
    // A bad recipient is recorded too, and does not stop the others.
    let bad = queue(&app, "bukan alamat", "Uji", "Isi").await;
    platform::mail::deliver_pending(&app.state)
        .await
        .expect("deliver");
    assert!(
        row(&app, bad)
            .await
            .2
            .unwrap_or_default()
            .contains("recipient")
    );
}

#[tokio::test]
async fn without_smtp_mail_waits_and_admins_see_it() {
    let app = TestApp::start().await;
    let id = queue(&app, "warga@contoh.id", "Menunggu kiriman", "Isi surel").await;
    assert_eq!(
        platform::mail::deliver_pending(&app.state)
            .await
            .expect("deliver"),
        0
    );
    assert_eq!(row(&app, id).await, (None, 0, None));
    let admin = app
        .user("admin@uji.id", &[(Role::Admin, "diskominfo")])
        .await;
    let (status, _, html) = app
        .signed_in(admin)
        .await
        .get("/admin/surat?status=pending")
        .await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Menunggu kiriman")
            && html.contains("warga@contoh.id")
            && html.contains("TERBUKA_SMTP_URL")
    );
    let (_, _, html) = app
        .signed_in(admin)
        .await
        .get("/admin/surat?status=sent")
        .await;
    assert!(!html.contains("Menunggu kiriman"));
    let officer = app
        .user("petugas@uji.id", &[(Role::Officer, "diskominfo")])
        .await;
    let (status, _, _) = app.signed_in(officer).await.get("/admin/surat").await;
    assert_eq!(status, 403);
}
