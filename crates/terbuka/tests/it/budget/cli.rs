//! `terbuka import budget FILE --year --stage [--publish]`: the finance office's command line
//! (on its own fresh SQLite file: the command opens the database named by its settings).

use std::process::{Command, Output};

use super::{csv, good_rows};

fn run(db: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_terbuka"))
        .args(args)
        .env("TERBUKA_DATABASE_URL", format!("sqlite://{}", db.display()))
        .env("TERBUKA_STORAGE", db.with_extension("files"))
        .env("TERBUKA_LOG", "error")
        .output()
        .expect("run terbuka import budget")
}

fn count(db: &std::path::Path, sql: &str) -> String {
    let out = Command::new("sqlite3")
        .arg(db)
        .arg(sql)
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
    out.unwrap_or_default()
}

#[test]
fn the_command_imports_publishes_and_refuses_a_bad_file_with_its_report() {
    let dir = std::env::temp_dir()
        .join("terbuka-tests")
        .join(format!("cli-{}", uuid::Uuid::now_v7().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("anggaran.db");
    let good = dir.join("apbd-2026.csv");
    std::fs::write(&good, csv(&good_rows())).unwrap();
    let file = good.to_str().unwrap();

    let out = run(
        &db,
        &[
            "import",
            "budget",
            file,
            "--year",
            "2026",
            "--stage",
            "murni",
            "--publish",
        ],
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("2026 murni version 1: 7 lines"), "{stdout}");
    assert!(stdout.contains("published"), "{stdout}");

    // One bad amount and one malformed account: exit code 2, every problem named, nothing
    // written (still one version).
    let mut rows = good_rows();
    rows[2][11] = "seratus juta";
    rows[3][8] = "5.1.02.x";
    let bad = dir.join("apbd-2026-salah.csv");
    std::fs::write(&bad, csv(&rows)).unwrap();
    let out = run(
        &db,
        &[
            "import",
            "budget",
            bad.to_str().unwrap(),
            "--year",
            "2026",
            "--stage",
            "murni",
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nothing was imported"), "{stderr}");
    assert!(stderr.matches("Baris").count() >= 2, "{stderr}");
    if which_sqlite3() {
        assert_eq!(count(&db, "SELECT COUNT(*) FROM budget_versions"), "1");
    }

    let out = run(
        &db,
        &[
            "import", "budget", file, "--year", "2026", "--stage", "lain",
        ],
    );
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown stage"));
}

fn which_sqlite3() -> bool {
    Command::new("sqlite3").arg("-version").output().is_ok()
}
