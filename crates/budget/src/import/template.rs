//! The flat import templates: one row per budget line (or per realisation line), with a
//! header row naming the columns. `docs/BUDGET_IMPORT.md` explains them for finance offices;
//! `data/budget/contoh-apbd.csv` and `.xlsx` are filled-in examples.
//!
//! **Budget (`anggaran`, stages `murni` and `perubahan`)** — one row per line of the APBD:
//!
//! | column | required | content |
//! |---|---|---|
//! | `kode_organisasi` | yes | organisation code, `1.03.0.00.0.00.01.0000` |
//! | `nama_organisasi` | yes | its name |
//! | `kode_program` | no | if present, must be the start of `kode_sub_kegiatan` |
//! | `kode_kegiatan` | no | if present, must be the start of `kode_sub_kegiatan` |
//! | `kode_sub_kegiatan` | spending | `X.XX.XX.2.XX.XXXX`; empty on revenue (4) and financing (6) lines, and optional on unexpected (5.3) and transfer (5.4) spending |
//! | `nama_program`, `nama_kegiatan`, `nama_sub_kegiatan` | with a sub kegiatan | names |
//! | `kode_akun` | yes | account code, at least *jenis* (`5.1.02`), usually *sub rincian objek* (`5.1.02.01.01.0001`) |
//! | `nama_akun` | yes | the account's name |
//! | `sumber_dana` | no | source of funds (`PAD`, `DAU`, `DAK Fisik`…) |
//! | `anggaran` | yes | amount in whole rupiah (see [`super::amount`]) |
//!
//! **Realisation (`realisasi`)** — one row per month and line:
//! `bulan` (1–12), `kode_organisasi`, `kode_sub_kegiatan` (as above), `kode_akun`,
//! `realisasi` (whole rupiah; may be negative for a correction).
//!
//! Header names are matched without regard to case, spaces or underscores
//! (`Kode Organisasi` is `kode_organisasi`). The header is the first row (of the first 30)
//! that has a `kode_organisasi` cell: title rows above it are ignored, and so are columns
//! the template does not know (a `No` column, notes). Empty rows are skipped.

/// One column of a template.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub required: bool,
}

const fn col(name: &'static str, required: bool) -> Column {
    Column { name, required }
}

/// The budget template's columns, in the example file's order.
pub const BUDGET: &[Column] = &[
    col("kode_organisasi", true),
    col("nama_organisasi", true),
    col("kode_program", false),
    col("kode_kegiatan", false),
    col("kode_sub_kegiatan", true),
    col("nama_program", true),
    col("nama_kegiatan", true),
    col("nama_sub_kegiatan", true),
    col("kode_akun", true),
    col("nama_akun", true),
    col("sumber_dana", false),
    col("anggaran", true),
];

/// The realisation template's columns.
pub const REALISATION: &[Column] = &[
    col("bulan", true),
    col("kode_organisasi", true),
    col("kode_sub_kegiatan", true),
    col("kode_akun", true),
    col("realisasi", true),
];

/// The column that marks the header row.
pub const HEADER_MARK: &str = "kode_organisasi";

/// How many rows from the top the header is looked for in.
pub const HEADER_SEARCH_ROWS: usize = 30;

/// The sheet an XLSX file's data is read from when it has one by this name (any case);
/// otherwise the first sheet.
pub const BUDGET_SHEET: &str = "anggaran";
pub const REALISATION_SHEET: &str = "realisasi";

/// A header cell's text in comparable form: lower case, spaces and dashes as underscores.
pub fn normalise_header(text: &str) -> String {
    text.trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .map(|c| match c {
            ' ' | '-' => '_',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Where each template column is in the file: `positions[i]` is the file's column index of
/// `columns[i]`, if present.
#[derive(Clone, Debug)]
pub struct Layout {
    pub positions: Vec<Option<usize>>,
}

impl Layout {
    /// Match a header row against `columns`; the names of the required columns missing.
    pub fn from_header(columns: &[Column], header: &[String]) -> Result<Layout, Vec<&'static str>> {
        let names: Vec<String> = header.iter().map(|h| normalise_header(h)).collect();
        let positions: Vec<Option<usize>> = columns
            .iter()
            .map(|c| names.iter().position(|n| n == c.name))
            .collect();
        let missing: Vec<&'static str> = columns
            .iter()
            .zip(&positions)
            .filter(|(c, p)| c.required && p.is_none())
            .map(|(c, _)| c.name)
            .collect();
        if missing.is_empty() {
            Ok(Layout { positions })
        } else {
            Err(missing)
        }
    }

    /// The file column of template column `i`.
    pub fn position(&self, i: usize) -> Option<usize> {
        self.positions.get(i).copied().flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_match_loosely() {
        let header: Vec<String> = [
            "\u{feff}No",
            "Kode Organisasi",
            "NAMA_ORGANISASI",
            "kode-sub-kegiatan",
            "nama program",
            "Nama Kegiatan",
            "nama_sub_kegiatan",
            "kode_akun",
            "nama_akun",
            "anggaran",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let layout = Layout::from_header(BUDGET, &header).unwrap();
        assert_eq!(layout.position(0), Some(1));
        assert_eq!(layout.position(2), None, "kode_program is optional");
        assert_eq!(layout.position(11), Some(9));
        let missing = Layout::from_header(REALISATION, &header).unwrap_err();
        assert_eq!(missing, ["bulan", "realisasi"]);
    }
}
