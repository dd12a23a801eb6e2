//! Budget files of any size for the import benchmark (`bench/budget.sh`, through the hidden
//! `terbuka bench-data budget-file`): `n` lines with unique keys and consistent names — 500 revenue lines, then
//! organisations × 5 programmes × 5 kegiatan × 10 sub kegiatan × 6 accounts — as the
//! template's CSV or XLSX. Not demo data: the names are placeholders.

use rust_xlsxwriter::Workbook;

use crate::import::template::{BUDGET, BUDGET_SHEET};

/// `n` budget lines with unique keys and consistent names.
pub fn lines(n: usize) -> Vec<[String; 12]> {
    let organisations: Vec<String> = crate::queries::DEMO_ORGANISATION_CODES
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
        let Some(bidang) = org.get(..4) else {
            continue;
        };
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
    let header: Vec<&str> = BUDGET.iter().map(|c| c.name).collect();
    let mut out = header.join(";");
    out.push('\n');
    for row in rows {
        out.push_str(&row.join(";"));
        out.push('\n');
    }
    out.into_bytes()
}

pub fn to_xlsx(rows: &[[String; 12]]) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(BUDGET_SHEET)?;
    for (c, column) in (0u16..).zip(BUDGET) {
        ws.write_string(0, c, column.name)?;
    }
    for (r, row) in (1u32..).zip(rows) {
        for (c, v) in (0u16..).zip(row) {
            if v.is_empty() {
                continue;
            }
            // Amounts as numbers, as a spreadsheet holds them.
            match (c, v.parse::<f64>()) {
                (11, Ok(n)) => ws.write_number(r, c, n)?,
                _ => ws.write_string(r, c, v)?,
            };
        }
    }
    book.save_to_buffer()
}
