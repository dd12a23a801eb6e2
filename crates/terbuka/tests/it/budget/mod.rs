//! Budget (APBD, `/anggaran`): the import of a finance office's CSV and XLSX files — exact
//! totals, one report of every bad row with nothing written, versions and publication —
//! and the fuzzing of the readers.

pub(crate) mod api;
mod browser;
mod cli;
mod datapackage;
mod demo;
mod fuzz;
mod import;
pub(crate) mod pages;
mod schedule;
mod staff;
mod summary;

use budget::Importer;
use platform::on_db;
use rust_xlsxwriter::{Format, Workbook};

use crate::support::TestApp;

/// The budget template's header.
pub const HEADER: [&str; 12] = [
    "kode_organisasi",
    "nama_organisasi",
    "kode_program",
    "kode_kegiatan",
    "kode_sub_kegiatan",
    "nama_program",
    "nama_kegiatan",
    "nama_sub_kegiatan",
    "kode_akun",
    "nama_akun",
    "sumber_dana",
    "anggaran",
];

pub const DISDIK: &str = "1.01.0.00.0.00.01.0000";
pub const BPKAD: &str = "5.02.0.00.0.00.01.0000";
pub const BAPENDA: &str = "5.02.0.00.0.00.02.0000";

/// A small APBD: revenue 3,500,000,000; spending 2,100,000,000; financing receipts
/// 300,000,000 and expenditure 100,000,000 (amounts written in the forms finance offices
/// use).
pub fn good_rows() -> Vec<[&'static str; 12]> {
    vec![
        [
            BAPENDA,
            "Badan Pendapatan Daerah",
            "",
            "",
            "",
            "",
            "",
            "",
            "4.1.01.07.01.0001",
            "Pajak Hotel",
            "PAD",
            "1.000.000.000",
        ],
        [
            BPKAD,
            "Badan Pengelolaan Keuangan dan Aset Daerah",
            "",
            "",
            "",
            "",
            "",
            "",
            "4.2.01.01.01.0001",
            "Dana Alokasi Umum",
            "DAU",
            "2500000000",
        ],
        [
            DISDIK,
            "Dinas Pendidikan",
            "1.01.01",
            "1.01.01.2.02",
            "1.01.01.2.02.0001",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "Administrasi Keuangan Perangkat Daerah",
            "Penyediaan Gaji dan Tunjangan ASN",
            "5.1.01.01.01.0001",
            "Belanja Gaji Pokok PNS",
            "DAU",
            "Rp1.200.000.000,00",
        ],
        [
            DISDIK,
            "Dinas Pendidikan",
            "1.01.01",
            "1.01.01.2.02",
            "1.01.01.2.02.0001",
            "PROGRAM PENUNJANG URUSAN PEMERINTAHAN DAERAH KABUPATEN/KOTA",
            "Administrasi Keuangan Perangkat Daerah",
            "Penyediaan Gaji dan Tunjangan ASN",
            "5.1.02.01.01.024",
            "Belanja Alat/Bahan untuk Kegiatan Kantor-Alat Tulis Kantor",
            "DAU",
            "150,000,000.00",
        ],
        [
            DISDIK,
            "Dinas Pendidikan",
            "1.01.02",
            "1.01.02.2.01",
            "1.01.02.2.01.0009",
            "PROGRAM PENGELOLAAN PENDIDIKAN",
            "Pengelolaan Pendidikan Sekolah Dasar",
            "Rehabilitasi Sedang/Berat Ruang Kelas Sekolah",
            "5.2.03.01.01.0001",
            "Belanja Modal Bangunan Gedung Tempat Pendidikan",
            "DAK Fisik",
            "750.000.000",
        ],
        [
            BPKAD,
            "Badan Pengelolaan Keuangan dan Aset Daerah",
            "",
            "",
            "",
            "",
            "",
            "",
            "6.1.01.01.01.0001",
            "Sisa Lebih Perhitungan Anggaran Tahun Sebelumnya",
            "",
            "300.000.000",
        ],
        [
            BPKAD,
            "Badan Pengelolaan Keuangan dan Aset Daerah",
            "",
            "",
            "",
            "",
            "",
            "",
            "6.2.02.01.01.0001",
            "Penyertaan Modal Daerah pada BUMD",
            "",
            "100.000.000",
        ],
    ]
}

/// Rows as a `;`-separated CSV with a BOM and a title line, as Excel saves it.
pub fn csv(rows: &[[&str; 12]]) -> Vec<u8> {
    let mut out = String::from("\u{feff}APBD Kabupaten Bojonegoro;;;\r\n");
    out.push_str(&HEADER.join(";"));
    out.push_str("\r\n");
    for row in rows {
        let cells: Vec<String> = row
            .iter()
            .map(|c| {
                if c.contains(';') || c.contains('"') {
                    format!("\"{}\"", c.replace('"', "\"\""))
                } else {
                    c.to_string()
                }
            })
            .collect();
        out.push_str(&cells.join(";"));
        out.push_str("\r\n");
    }
    out.into_bytes()
}

/// Rows as an XLSX workbook: a merged title above the header, codes as text, amounts as
/// numbers when they are plain digits (as a spreadsheet holds them) and text otherwise.
pub fn xlsx(rows: &[[&str; 12]], sheet: &str) -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    ws.set_name(sheet).unwrap();
    ws.merge_range(0, 0, 0, 5, "APBD Kabupaten Bojonegoro", &Format::new())
        .unwrap();
    for (c, h) in HEADER.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 3;
        for (c, value) in row.iter().enumerate() {
            let c = c as u16;
            if value.is_empty() {
                continue;
            }
            match value.replace('.', "").parse::<f64>() {
                Ok(n) if c == 11 => ws.write_number(r, c, n).unwrap(),
                _ => ws.write_string(r, c, *value).unwrap(),
            };
        }
    }
    book.save_to_buffer().unwrap()
}

pub fn importer() -> Importer {
    Importer::command("terbuka import budget (test)")
}

/// How many rows a table holds.
pub async fn count(app: &TestApp, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) FROM {table}");
    on_db!(&app.state.db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).fetch_one(pool).await)
        .unwrap()
}
