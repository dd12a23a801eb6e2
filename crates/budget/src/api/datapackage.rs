//! The Fiscal Data Package (Frictionless Data, FDP 1.0) of a published year:
//! `/anggaran/{tahun}/datapackage.json` and its two CSV resources,
//! `/anggaran/{tahun}/data/belanja.csv` (spending, akun 5, and financing expenditure, 6.2:
//! direction `expenditure`) and `/anggaran/{tahun}/data/pendapatan.csv` (revenue, akun 4,
//! and financing receipts, 6.1: direction `revenue`).
//!
//! One row per budget line (organisation, sub kegiatan, account, source of funds) with three
//! value columns, each mapped by its `columnType` and `phase`: `approved` (the original
//! budget), `adjusted` (the revised budget) and `executed` (the realisation so far); empty
//! when that stage is not published. The classification columns carry the FDP column types
//! (administrative: the organisation; functional: urusan › bidang › program › kegiatan ›
//! sub kegiatan; economic: akun › kelompok › jenis › account). Currency IDR, whole rupiah.

use std::collections::BTreeMap;

use axum::extract::Path;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use platform::error::{AppError, AppResult};
use platform::web::PageCtx;
use serde_json::{Value, json};

use super::{Published, merged_lines, sql};

/// The resources: (file name, direction, akun prefixes).
const RESOURCES: [(&str, &str, &[&str]); 2] = [
    ("belanja.csv", "expenditure", &["5", "6.2"]),
    ("pendapatan.csv", "revenue", &["4", "6.1"]),
];

/// (column, title, type, columnType).
const COLUMNS: &[(&str, &str, &str, Option<&str>)] = &[
    (
        "fiscal_year",
        "Tahun anggaran",
        "integer",
        Some("date:fiscal-year"),
    ),
    (
        "organisation_code",
        "Kode organisasi",
        "string",
        Some("administrative-classification:generic:level1:code"),
    ),
    (
        "organisation_name",
        "Nama organisasi",
        "string",
        Some("administrative-classification:generic:level1:label"),
    ),
    (
        "urusan",
        "Urusan",
        "string",
        Some("functional-classification:generic:level1:code"),
    ),
    (
        "bidang",
        "Bidang urusan",
        "string",
        Some("functional-classification:generic:level2:code"),
    ),
    (
        "program",
        "Program",
        "string",
        Some("functional-classification:generic:level3:code"),
    ),
    (
        "kegiatan",
        "Kegiatan",
        "string",
        Some("functional-classification:generic:level4:code"),
    ),
    (
        "sub_kegiatan",
        "Sub kegiatan",
        "string",
        Some("functional-classification:generic:level5:code"),
    ),
    (
        "sub_kegiatan_name",
        "Nama sub kegiatan",
        "string",
        Some("functional-classification:generic:level5:label"),
    ),
    (
        "akun",
        "Akun",
        "string",
        Some("economic-classification:generic:level1:code"),
    ),
    (
        "kelompok",
        "Kelompok",
        "string",
        Some("economic-classification:generic:level2:code"),
    ),
    (
        "jenis",
        "Jenis",
        "string",
        Some("economic-classification:generic:level3:code"),
    ),
    (
        "account_code",
        "Kode rekening",
        "string",
        Some("economic-classification:generic:level4:code"),
    ),
    (
        "account_name",
        "Nama rekening",
        "string",
        Some("economic-classification:generic:level4:label"),
    ),
    ("source_of_funds", "Sumber dana", "string", None),
];

/// (column, title, phase).
const VALUES: [(&str, &str, &str); 3] = [
    ("approved", "Anggaran murni", "approved"),
    ("adjusted", "Anggaran perubahan", "adjusted"),
    ("executed", "Realisasi", "executed"),
];

fn schema(direction: &str) -> Value {
    let mut fields: Vec<Value> = COLUMNS
        .iter()
        .map(|(name, title, kind, column_type)| {
            let mut f = json!({ "name": name, "title": title, "type": kind });
            if let Some(ct) = column_type {
                f["columnType"] = json!(ct);
            }
            f
        })
        .collect();
    for (name, title, phase) in VALUES {
        fields.push(json!({
            "name": name,
            "title": title,
            "type": "integer",
            "columnType": "value",
            "phase": phase,
            "direction": direction,
            "currency": "IDR",
            "decimalChar": ".",
        }));
    }
    json!({ "fields": fields, "missingValues": [""] })
}

pub async fn descriptor(ctx: PageCtx, Path(tahun): Path<String>) -> AppResult<Response> {
    let p = Published::load(&ctx.state.db, &tahun).await?;
    let year = p.year;
    let base = ctx.state.config.public_url.trim_end_matches('/');
    let stages: Vec<Value> = p
        .murni
        .iter()
        .chain(p.perubahan.iter())
        .chain(p.realisasi.iter())
        .map(|v| {
            json!({
                "stage": v.stage, "version": v.version, "published_at": v.published_at,
                "last_month": v.last_month,
            })
        })
        .collect();
    let resources: Vec<Value> = RESOURCES
        .iter()
        .map(|(file, direction, _)| {
            json!({
                "name": file.trim_end_matches(".csv"),
                "path": format!("data/{file}"),
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema(direction),
            })
        })
        .collect();
    let doc = json!({
        "profile": "fiscal-data-package",
        "name": format!("apbd-{year}"),
        "title": format!("APBD {year}"),
        "description": "Anggaran Pendapatan dan Belanja Daerah: anggaran murni, perubahan, dan realisasi (Permendagri 90/2019).",
        "homepage": format!("{base}/anggaran/{year}"),
        "countryCode": "ID",
        "fiscalPeriod": { "start": format!("{year}-01-01"), "end": format!("{year}-12-31") },
        "granularity": "transactional",
        "created": p.in_force().and_then(|v| v.published_at),
        "licenses": [{
            "name": "CC-BY-4.0",
            "path": "https://creativecommons.org/licenses/by/4.0/",
            "title": "Creative Commons Attribution 4.0",
        }],
        "sources": [{ "title": "Terbuka", "path": format!("{base}/anggaran/{year}") }],
        "versions": stages,
        "resources": resources,
    });
    Ok((
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        serde_json::to_string_pretty(&doc).unwrap_or_default(),
    )
        .into_response())
}

/// The CSV of one resource of a year.
pub async fn csv_text(ctx: &PageCtx, p: &Published, file: &str) -> AppResult<String> {
    let (_, _, prefixes) = RESOURCES
        .iter()
        .find(|(f, _, _)| *f == file)
        .ok_or(AppError::NotFound)?;
    let db = &ctx.state.db;
    let merged = merged_lines(db, p, None).await?;
    let mut names: BTreeMap<(&str, String), String> = BTreeMap::new();
    for kind in ["organisation", "sub_kegiatan", "account"] {
        for v in p.budgets() {
            for (code, name) in sql::names(db, v.id, kind).await? {
                names.insert((kind, code), name);
            }
        }
    }
    let name = |kind: &'static str, code: &str| -> String {
        names
            .get(&(kind, code.to_string()))
            .cloned()
            .unwrap_or_default()
    };
    let present = [
        p.murni.is_some(),
        p.perubahan.is_some(),
        p.realisasi.is_some(),
    ];
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let header: Vec<&str> = COLUMNS
        .iter()
        .map(|c| c.0)
        .chain(VALUES.iter().map(|v| v.0))
        .collect();
    let _ = out.write_record(&header);
    let year = p.year.to_string();
    for ((org, sub, account, source), sums) in &merged.rows {
        if !prefixes
            .iter()
            .any(|p| account == p || account.starts_with(&format!("{p}.")))
        {
            continue;
        }
        let level = |n: usize| -> String {
            // Levels of a sub kegiatan code: 1, 1.01, 1.01.01, 1.01.01.2.01.
            let widths = [1, 4, 7, 12];
            if sub.is_empty() {
                String::new()
            } else {
                sub.get(..widths[n]).unwrap_or_default().to_string()
            }
        };
        let account_level = |n: usize| -> String {
            let widths = [1, 3, 6];
            account.get(..widths[n]).unwrap_or_default().to_string()
        };
        let value = |i: usize| -> String {
            if present[i] {
                sums[i].unwrap_or(0).to_string()
            } else {
                String::new()
            }
        };
        let _ = out.write_record([
            year.clone(),
            org.clone(),
            name("organisation", org),
            level(0),
            level(1),
            level(2),
            level(3),
            sub.clone(),
            name("sub_kegiatan", sub),
            account_level(0),
            account_level(1),
            account_level(2),
            account.clone(),
            name("account", account),
            source.clone(),
            value(0),
            value(1),
            value(2),
        ]);
    }
    Ok(String::from_utf8(out.into_inner().unwrap_or_default()).unwrap_or_default())
}

pub async fn resource(
    ctx: PageCtx,
    Path((tahun, file)): Path<(String, String)>,
) -> AppResult<Response> {
    if !RESOURCES.iter().any(|(f, _, _)| *f == file) {
        return Err(AppError::NotFound);
    }
    let p = Published::load(&ctx.state.db, &tahun).await?;
    let text = csv_text(&ctx, &p, &file).await?;
    let disposition = format!("inline; filename=\"apbd-{}-{file}\"", p.year);
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CACHE_CONTROL, "public, max-age=300".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        text,
    )
        .into_response())
}
