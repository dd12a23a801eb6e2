//! The documented example files `data/budget/contoh-apbd.csv` and `.xlsx` pass the import's
//! checks with known totals; the XLSX is generated from the CSV by the ignored test below
//! (`cargo test -p budget write_example_xlsx -- --ignored`).

use rust_xlsxwriter::{Format, Workbook};

use super::{Checked, Stage, check};

const CSV: &[u8] = include_bytes!("../../../../data/budget/contoh-apbd.csv");
const XLSX: &[u8] = include_bytes!("../../../../data/budget/contoh-apbd.xlsx");
const XLSX_PATH: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../data/budget/contoh-apbd.xlsx"
);

#[test]
fn the_example_files_pass_with_known_totals() {
    for (bytes, name) in [(CSV, "contoh-apbd.csv"), (XLSX, "contoh-apbd.xlsx")] {
        let Ok(Checked::Budget(budget)) = check(bytes, name, Stage::Murni, 20 << 20) else {
            panic!(
                "{name} does not pass: {:?}",
                check(bytes, name, Stage::Murni, 20 << 20).err()
            );
        };
        assert_eq!(budget.lines.len(), 21, "{name}");
        let t = budget.totals;
        assert_eq!(t.revenue, 1_660_650_000_000, "{name}");
        assert_eq!(t.spending, 1_695_650_000_000, "{name}");
        assert_eq!(t.surplus(), -35_000_000_000, "{name}");
        assert_eq!(t.net_financing(), 35_000_000_000, "{name}");
    }
}

/// Write `contoh-apbd.xlsx` from `contoh-apbd.csv`: a sheet "anggaran" with a title row, the
/// header in bold, codes as text and amounts as numbers with thousands separators.
#[test]
#[ignore = "writes data/budget/contoh-apbd.xlsx"]
fn write_example_xlsx() {
    let text = String::from_utf8_lossy(CSV);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let money = Format::new().set_num_format("#,##0");
    let ws = book.add_worksheet();
    ws.set_name("anggaran").unwrap();
    ws.write_string_with_format(
        0,
        0,
        "Contoh APBD Kabupaten Bojonegoro (data ilustrasi)",
        &bold,
    )
    .unwrap();
    for (r, line) in text.lines().enumerate() {
        let row = r as u32 + 2;
        for (c, cell) in line.split(';').enumerate() {
            let col = c as u16;
            if r == 0 {
                ws.write_string_with_format(row, col, cell, &bold).unwrap();
            } else if c == 11 {
                let n: f64 = cell.replace('.', "").parse().unwrap();
                ws.write_number_with_format(row, col, n, &money).unwrap();
            } else if !cell.is_empty() {
                ws.write_string(row, col, cell).unwrap();
            }
        }
    }
    ws.autofit();
    std::fs::write(XLSX_PATH, book.save_to_buffer().unwrap()).unwrap();
}
