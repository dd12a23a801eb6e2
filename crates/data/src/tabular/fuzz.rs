//! Fuzzing the readers, the inference and the load's second pass with proptest: random
//! bytes, damaged copies of good CSV and XLSX files, and random typed tables. Nothing may
//! panic; a file is either refused with at least one problem or goes through both passes
//! whole; a random table written as CSV reads back with the same types and the same text.
//! (That a refused file writes nothing, and the round trip through the database, are
//! tested on both backends in `tests/it/data/tabular.rs`.)

use proptest::prelude::*;
use rust_xlsxwriter::Workbook;

use super::infer::Value;
use super::load::dry_run;
use super::{ColumnType, LoadOptions};

const GOOD_CSV: &str = "desa;penduduk;luas;aktif;tanggal;waktu\n\
    Kauman;1200;2,5;ya;01/02/2024;2024-02-01T08:00:00+07:00\n\
    \"Ledok; Kulon\";-;3,75;tidak;2024-02-02;2024-02-02T09:30:00Z\n";

fn good_xlsx() -> Vec<u8> {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    let rows = [
        ["desa", "penduduk", "luas"],
        ["Kauman", "1200", "2.5"],
        ["Ledok", "", "3.75"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            let _ = match cell.parse::<f64>() {
                Ok(n) => ws.write_number(r, c, n).map(|_| ()),
                Err(_) => ws.write_string(r, c, *cell).map(|_| ()),
            };
        }
    }
    book.save_to_buffer().unwrap_or_default()
}

fn opts() -> LoadOptions {
    LoadOptions {
        missing_values: vec!["-".into()],
        ..LoadOptions::default()
    }
}

/// The invariant: refused with problems, or both passes agree on every row.
fn run(bytes: &[u8], name: &str) -> Result<(), TestCaseError> {
    let inspection = super::inspect(bytes, name, &opts());
    match dry_run(bytes, name, &opts()) {
        Err(report) => {
            prop_assert!(!report.is_ok());
            prop_assert!(!inspection.report.is_ok());
        }
        Ok(rows) => {
            prop_assert!(inspection.report.is_ok());
            prop_assert_eq!(rows.len() as u64, inspection.rows);
            prop_assert!(!rows.is_empty());
            for row in &rows {
                prop_assert_eq!(
                    row.len(),
                    inspection.columns.len() + 1,
                    "_id and the columns"
                );
            }
        }
    }
    Ok(())
}

/// A column type and a generator of its canonical text (what an export writes back).
fn cell(kind: ColumnType) -> BoxedStrategy<String> {
    match kind {
        ColumnType::Integer => any::<i64>().prop_map(|n| n.to_string()).boxed(),
        // A fraction that does not end in 0, so the text is the number's shortest form.
        ColumnType::Number => (-1_000_000i64..1_000_000, 0u32..1000)
            .prop_map(|(i, f)| format!("{}{}.{}1", if i < 0 { "-" } else { "" }, i.abs(), f))
            .boxed(),
        ColumnType::Boolean => any::<bool>().prop_map(|b| b.to_string()).boxed(),
        ColumnType::Date => (1900i32..2100, 1u32..13, 1u32..29)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
            .boxed(),
        ColumnType::DateTime => (0i64..4_000_000_000)
            .prop_map(|s| {
                chrono::DateTime::from_timestamp(s, 0)
                    .map(|t| super::infer::datetime_text(&t))
                    .unwrap_or_default()
            })
            .boxed(),
        // Starts with `x` (no other type does) and ends in a letter (not trimmed away).
        ColumnType::Text => "x[a-zA-Z0-9 ,;\"'\n\u{e9}\u{201c}]{0,12}[a-z]".boxed(),
    }
}

fn kind() -> impl Strategy<Value = ColumnType> {
    prop::sample::select(ColumnType::ALL.to_vec())
}

/// A random table: types, then rows whose cells are values of the types or missing.
fn table() -> impl Strategy<Value = (Vec<ColumnType>, Vec<Vec<Option<String>>>)> {
    prop::collection::vec(kind(), 1..6).prop_flat_map(|kinds| {
        let row: Vec<BoxedStrategy<Option<String>>> = kinds
            .iter()
            .map(|k| prop::option::weighted(0.9, cell(*k)).boxed())
            .collect();
        (Just(kinds), prop::collection::vec(row, 1..25))
    })
}

fn write_csv(kinds: &[ColumnType], rows: &[Vec<Option<String>>], delimiter: u8) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .delimiter(delimiter)
        .from_writer(Vec::new());
    let header: Vec<String> = (0..kinds.len()).map(|i| format!("kolom {i}")).collect();
    let _ = w.write_record(&header);
    for row in rows {
        let _ = w.write_record(row.iter().map(|c| c.as_deref().unwrap_or("")));
    }
    w.into_inner().unwrap_or_default()
}

/// Cases per property: 2,000 in the suite; `TABULAR_FUZZ_CASES=N` for a longer run.
fn cases() -> u32 {
    std::env::var("TABULAR_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(2_000)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases()))]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048), xlsx in any::<bool>()) {
        run(&bytes, if xlsx { "f.xlsx" } else { "f.csv" })?;
    }

    #[test]
    fn random_text(text in "[a-z0-9,;\t\"\r\n -]{0,300}") {
        run(text.as_bytes(), "f.csv")?;
    }

    #[test]
    fn damaged_csv(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 1..8), cut in any::<prop::sample::Index>()) {
        let mut bytes = GOOD_CSV.as_bytes().to_vec();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        bytes.truncate(cut.index(bytes.len() + 1).max(1));
        run(&bytes, "f.csv")?;
    }

    #[test]
    fn damaged_xlsx(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>()), 0..6), cut in any::<prop::sample::Index>()) {
        let mut bytes = good_xlsx();
        for (at, b) in edits {
            let i = at.index(bytes.len());
            bytes[i] = b;
        }
        let keep = bytes.len() / 2 + cut.index(bytes.len() / 2 + 1);
        bytes.truncate(keep);
        run(&bytes, "f.xlsx")?;
    }

    #[test]
    fn random_tables_read_back_with_their_types_and_text((kinds, rows) in table(), semicolon in any::<bool>()) {
        prop_assume!(rows.iter().any(|r| r.iter().any(Option::is_some)), "a file of blank rows is refused");
        let bytes = write_csv(&kinds, &rows, if semicolon { b';' } else { b',' });
        let inspection = super::inspect(&bytes, "t.csv", &LoadOptions::default());
        prop_assert!(inspection.report.is_ok(), "{:?}", inspection.report);
        for (c, kind) in kinds.iter().enumerate() {
            let any_value = rows.iter().any(|r| r[c].is_some());
            let expected = if any_value { *kind } else { ColumnType::Text };
            prop_assert_eq!(inspection.columns[c].kind, expected, "column {}", c);
        }
        let loaded = dry_run(&bytes, "t.csv", &LoadOptions::default()).map_err(|r| TestCaseError::fail(format!("{r:?}")))?;
        // Rows whose cells are all missing are blank lines: not rows.
        let kept: Vec<&Vec<Option<String>>> = rows.iter().filter(|r| r.iter().any(Option::is_some)).collect();
        prop_assert_eq!(loaded.len(), kept.len());
        for (values, row) in loaded.iter().zip(kept) {
            for (v, cell) in values.iter().skip(1).zip(row) {
                match cell {
                    None => prop_assert_eq!(v, &Value::Null),
                    Some(text) => prop_assert_eq!(&v.to_text(), text),
                }
            }
        }
    }
}

#[test]
fn the_good_files_pass() {
    let rows = dry_run(GOOD_CSV.as_bytes(), "f.csv", &opts()).unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][2], Value::Null);
    assert_eq!(rows[1][3], Value::Num(3.75));
    let rows = dry_run(&good_xlsx(), "f.xlsx", &opts()).unwrap();
    assert_eq!(rows[0][2], Value::Int(1200));
}
