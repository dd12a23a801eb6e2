//! Fuzzing the readers and the checks with proptest: random bytes, damaged copies of good
//! CSV and XLSX files, and random cell values in well-formed rows. Nothing may panic, and
//! a file either passes with totals equal to the sum of its lines or is refused with at
//! least one problem. (That a refused file writes nothing is tested against the database in
//! the integration tests, `tests/it/budget/fuzz.rs`.)

use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

use super::{Checked, Stage, check};

const LIMIT: usize = 20 * 1024 * 1024;

const HEADER: &str = "kode_organisasi;nama_organisasi;kode_sub_kegiatan;nama_program;nama_kegiatan;nama_sub_kegiatan;kode_akun;nama_akun;sumber_dana;anggaran";

fn good_csv() -> String {
    format!(
        "{HEADER}\n\
         1.01.0.00.0.00.01.0000;Dinas Pendidikan;1.01.01.2.02.0001;Program A;Kegiatan B;Sub C;5.1.01.01.01.0001;Gaji;DAU;1.200.000\n\
         5.02.0.00.0.00.02.0000;Bapenda;;;;;4.1.01.07.01.0001;Pajak Hotel;PAD;2.500.000\n\
         5.02.0.00.0.00.01.0000;BPKAD;;;;;6.1.01.01.01.0001;SiLPA;;300.000\n"
    )
}

fn good_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (r, line) in good_csv().lines().enumerate() {
        for (c, cell) in line.split(';').enumerate() {
            let _ = ws.write_string(r as u32, c as u16, cell);
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

/// Run the checks and the invariant: refused with problems, or accepted with consistent sums.
fn run(bytes: &[u8], name: &str, stage: Stage) -> Result<(), TestCaseError> {
    match check(bytes, name, stage, LIMIT) {
        Err(problems) => prop_assert!(!problems.is_empty()),
        Ok(Checked::Budget(b)) => {
            prop_assert!(!b.lines.is_empty());
            let sum: i64 = b.lines.iter().map(|l| l.amount).sum();
            let t = b.totals;
            prop_assert_eq!(
                sum,
                t.revenue + t.spending + t.financing_receipts + t.financing_expenditure
            );
        }
        Ok(Checked::Realisation(r)) => prop_assert!(!r.lines.is_empty()),
    }
    Ok(())
}

/// A cell value: sometimes valid, often not.
fn cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "[0-9.,]{0,12}",
        "[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.2\\.[0-9]{2}\\.[0-9]{4}",
        "[456]\\.[0-9]\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{2}\\.[0-9]{3,4}",
        "[0-9]\\.[0-9]{2}\\.0\\.00\\.0\\.00\\.[0-9]{2}\\.0000",
        ".{0,12}",
        "\"[;,\"\n]{0,4}\"",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn random_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..2048), xlsx in any::<bool>()) {
        let name = if xlsx { "f.xlsx" } else { "f.csv" };
        run(&bytes, name, Stage::Murni)?;
        run(&bytes, name, Stage::Realisasi)?;
    }

    #[test]
    fn damaged_csv(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>()) {
        let mut bytes = good_csv().into_bytes();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        bytes.truncate(cut.index(bytes.len() + 1).max(1));
        run(&bytes, "f.csv", Stage::Murni)?;
    }

    #[test]
    fn damaged_xlsx(edits in proptest::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6), cut in any::<prop::sample::Index>()) {
        let mut bytes = good_xlsx();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let keep = bytes.len() / 2 + cut.index(bytes.len() / 2 + 1);
        bytes.truncate(keep);
        run(&bytes, "f.xlsx", Stage::Murni)?;
    }

    #[test]
    fn random_rows(rows in proptest::collection::vec(proptest::collection::vec(cell(), 10), 0..12)) {
        let mut text = format!("{HEADER}\n");
        for row in &rows {
            text.push_str(&row.join(";"));
            text.push('\n');
        }
        run(text.as_bytes(), "f.csv", Stage::Murni)?;
        let mut book = Workbook::new();
        let ws = book.add_worksheet();
        for (c, h) in HEADER.split(';').enumerate() {
            let _ = ws.write_string(0, c as u16, h);
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                let _ = ws.write_string(r as u32 + 1, c as u16, v);
            }
        }
        run(&book.save_to_buffer().unwrap_or_default(), "f.xlsx", Stage::Murni)?;
    }
}

#[test]
fn the_good_files_pass() {
    for (bytes, name) in [(good_csv().into_bytes(), "f.csv"), (good_xlsx(), "f.xlsx")] {
        match check(&bytes, name, Stage::Murni, LIMIT) {
            Ok(Checked::Budget(b)) => {
                assert_eq!(b.lines.len(), 3);
                assert_eq!(b.totals.spending, 1_200_000);
                assert_eq!(b.totals.revenue, 2_500_000);
                assert_eq!(b.totals.financing_receipts, 300_000);
            }
            Ok(_) => panic!("a budget"),
            Err(p) => panic!("{p:?}"),
        }
    }
}
