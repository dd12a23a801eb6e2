//! The import benchmark (not a timed test: run it on purpose and read the figures).
//!
//! ```sh
//! cargo test -p terbuka --test it budget::bench -- --ignored --nocapture
//! TEST_DATABASE_URL=postgres://… cargo test -p terbuka --test it budget::bench -- --ignored --nocapture
//! ```
//!
//! It builds a 50,000-line APBD (33 organisations × 250 sub kegiatan × 6 accounts, plus
//! revenue lines) as XLSX and as CSV, imports each as a new version and publishes the last,
//! printing how long reading and checking, writing, and publishing took.

use std::time::Instant;

use budget::Stage;
use rust_xlsxwriter::Workbook;

use super::{HEADER, importer};
use crate::support::TestApp;

/// `n` budget lines with unique keys and consistent names.
pub fn lines(n: usize) -> Vec<[String; 12]> {
    let organisations: Vec<String> = budget::queries::DEMO_ORGANISATION_CODES
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next().map(str::to_string))
        .collect();
    let mut out = Vec::with_capacity(n);
    // Revenue: 500 lines at Bapenda.
    for i in 1..=500.min(n) {
        out.push([
            "5.02.0.00.0.00.02.0000".into(),
            "Perangkat Daerah 5.02.0.00.0.00.02.0000".into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            format!("4.1.01.{:02}.01.{:04}", 1 + i / 100, 1 + i % 100),
            format!("Pendapatan {i}"),
            "PAD".into(),
            format!("{}", 1_000_000 + i * 1_000),
        ]);
    }
    'outer: for org in &organisations {
        let bidang = &org[..4];
        for p in 1..=5 {
            for k in 1..=5 {
                for s in 1..=10 {
                    for a in 1..=6 {
                        if out.len() >= n {
                            break 'outer;
                        }
                        let program = format!("{bidang}.{p:02}");
                        let kegiatan = format!("{program}.2.{k:02}");
                        let sub = format!("{kegiatan}.{s:04}");
                        out.push([
                            org.clone(),
                            format!("Perangkat Daerah {org}"),
                            program.clone(),
                            kegiatan.clone(),
                            sub.clone(),
                            format!("Program {program}"),
                            format!("Kegiatan {kegiatan}"),
                            format!("Sub Kegiatan {sub}"),
                            format!("5.1.02.01.01.{a:04}"),
                            format!("Belanja Barang {a}"),
                            "DAU".into(),
                            format!("{}", 10_000_000 + (out.len() % 997) * 12_345),
                        ]);
                    }
                }
            }
        }
    }
    out
}

pub fn to_csv(rows: &[[String; 12]]) -> Vec<u8> {
    let mut out = HEADER.join(";");
    out.push('\n');
    for row in rows {
        out.push_str(&row.join(";"));
        out.push('\n');
    }
    out.into_bytes()
}

pub fn to_xlsx(rows: &[[String; 12]]) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name("anggaran").unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in row.iter().enumerate() {
            if v.is_empty() {
                continue;
            }
            if c == 11 {
                ws.write_number(r, c as u16, v.parse::<f64>().unwrap())
                    .unwrap();
            } else {
                ws.write_string(r, c as u16, v).unwrap();
            }
        }
    }
    book.save_to_buffer().unwrap()
}

#[tokio::test]
#[ignore = "benchmark: run with --ignored --nocapture"]
async fn import_50000_lines() {
    let app = TestApp::builder()
        .config(|c| c.max_upload_mb = 50)
        .start()
        .await;
    let rows = lines(50_000);
    assert_eq!(rows.len(), 50_000);
    let xlsx = to_xlsx(&rows);
    let csv = to_csv(&rows);
    let backend = format!("{:?}", app.state.db.backend());
    for (name, bytes) in [("apbd.xlsx", &xlsx), ("apbd.csv", &csv)] {
        let started = Instant::now();
        let summary =
            match budget::import_file(&app.state, bytes, name, 2026, Stage::Murni, &importer())
                .await
            {
                Ok(summary) => summary,
                Err(budget::ImportError::Rejected(report)) => panic!(
                    "{} problems, the first: {:?}",
                    report.problems.len(),
                    &report.problems[..report.problems.len().min(3)]
                ),
                Err(err) => panic!("{err:#}"),
            };
        let total = started.elapsed().as_millis();
        assert_eq!(summary.lines, 50_000);
        println!(
            "budget import {backend} {name} ({} KB): {} lines, read+check {} ms, store+write {} ms, total {total} ms",
            bytes.len() / 1024,
            summary.lines,
            summary.check_ms,
            summary.write_ms
        );
        let started = Instant::now();
        budget::publish(&app.state, summary.version_id, &importer())
            .await
            .unwrap();
        println!(
            "budget publish {backend} {name}: {} ms",
            started.elapsed().as_millis()
        );
    }
}
