//! Reading a file into records of text fields, the same way for CSV and XLSX, so that the
//! inference and the load each walk the file once ([`Opened::records`] may be called any
//! number of times). Everything that makes a file unreadable is a [`Problem`] here; what the
//! values mean is [`super::infer`]'s business.

use std::borrow::Cow;
use std::io::Cursor;

use calamine::{DataRef, Reader, Xlsx, XlsxCellReader};

use super::{LoadOptions, LoadReport, Problem};

/// The largest file accepted when [`LoadOptions::max_bytes`] is not set.
pub const DEFAULT_MAX_BYTES: usize = 200 * 1024 * 1024;

/// At most this many columns: wider files are almost always a sheet saved sideways.
pub const MAX_COLUMNS: usize = 500;

/// The sum of the uncompressed sizes an XLSX file may declare, so that a small compressed
/// file cannot unpack into gigabytes.
pub const MAX_XLSX_UNPACKED: u64 = 1024 * 1024 * 1024;

/// The kind of a file, from its name, checked against its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

/// Decide the format of `bytes` named `file_name`; refuse what is neither, or what says one
/// thing by its name and is another.
pub fn format_of(bytes: &[u8], file_name: &str) -> Result<Format, Problem> {
    let is_zip = bytes.starts_with(b"PK\x03\x04");
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.trim().to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" if is_zip => Ok(Format::Xlsx),
        "xlsx" => Err(Problem::file("data-tabular-not-xlsx")),
        "csv" | "tsv" | "txt" if !is_zip => Ok(Format::Csv),
        "csv" | "tsv" | "txt" => Err(Problem::file("data-tabular-not-csv")),
        _ => Err(Problem::file("data-tabular-file-type").arg("name", file_name)),
    }
}

/// A file opened for reading: CSV as text (decoded once); XLSX as the workbook and the sheet
/// to read, whose cells are streamed from the compressed XML at each pass (never held all
/// at once: a workbook's cells take several times its file size in memory).
pub enum Opened<'a> {
    Csv {
        text: Cow<'a, str>,
        delimiter: u8,
        /// Where the records start: after Excel's `sep=` line when there is one.
        start: usize,
    },
    Xlsx {
        book: Box<Xlsx<Cursor<Vec<u8>>>>,
        sheet: String,
    },
}

impl Opened<'_> {
    /// The workbook's sheets and the one read (none for CSV).
    pub fn sheets(&self) -> (Vec<String>, Option<String>) {
        match self {
            Opened::Csv { .. } => (Vec::new(), None),
            Opened::Xlsx { book, sheet } => (book.sheet_names(), Some(sheet.clone())),
        }
    }
}

/// Open `bytes`: check the size, the format and the encoding.
pub fn open<'a>(
    bytes: &'a [u8],
    file_name: &str,
    opts: &LoadOptions,
) -> Result<Opened<'a>, Problem> {
    let max = opts.max_bytes.unwrap_or(DEFAULT_MAX_BYTES);
    if bytes.len() > max {
        return Err(Problem::file("data-tabular-too-large")
            .arg("size", mib(bytes.len()))
            .arg("max", mib(max)));
    }
    match format_of(bytes, file_name)? {
        Format::Csv => {
            let text = decode(bytes)?;
            if let Some((delimiter, start)) = sep_line(&text) {
                return Ok(Opened::Csv {
                    text,
                    delimiter,
                    start,
                });
            }
            let mut delimiter = delimiter(first_line(&text));
            if delimiter == NO_DELIMITER && text.as_bytes().contains(&NO_DELIMITER) {
                delimiter = b',';
            }
            Ok(Opened::Csv {
                text,
                delimiter,
                start: 0,
            })
        }
        Format::Xlsx => open_xlsx(bytes, opts.sheet.as_deref()),
    }
}

fn mib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

/// Decode CSV bytes: UTF-8 (a BOM dropped), UTF-16 with a BOM (Excel's "Unicode text"),
/// else Windows-1252 (Excel's "CSV" on Windows in Indonesia and Europe). Bytes that look
/// binary (a NUL, many control characters) are refused: that is not a CSV file.
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, Problem> {
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return utf16(rest, u16::from_be_bytes);
    }
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    if looks_binary(bytes) {
        return Err(Problem::file("data-tabular-not-csv"));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Cow::Borrowed(text)),
        Err(_) => Ok(Cow::Owned(windows_1252(bytes))),
    }
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<Cow<'static, str>, Problem> {
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    let text: Result<String, _> = char::decode_utf16(units).collect();
    match text {
        Ok(t) if bytes.len().is_multiple_of(2) && !looks_binary(t.as_bytes()) => Ok(Cow::Owned(t)),
        _ => Err(Problem::file("data-tabular-not-csv")),
    }
}

/// A NUL byte anywhere, or more than 1 % of the first 64 KiB in control characters other
/// than tab, CR, LF and form feed.
fn looks_binary(bytes: &[u8]) -> bool {
    if bytes.contains(&0) {
        return true;
    }
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let controls = head
        .iter()
        .filter(|b| **b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    controls * 100 > head.len()
}

/// Windows-1252 → UTF-8 by table: 0x80–0x9F hold the typographic characters (the five
/// undefined bytes map to the C1 controls, as browsers do); the rest is Latin-1.
pub fn windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    bytes
        .iter()
        .map(|&b| match b {
            0x80..=0x9f => HIGH[usize::from(b - 0x80)],
            _ => char::from(b),
        })
        .collect()
}

/// Excel's delimiter line (`sep=;` as the first line): the delimiter, and where the
/// records start after it.
fn sep_line(text: &str) -> Option<(u8, usize)> {
    let line = text.lines().next()?;
    let rest = line.trim().strip_prefix("sep=")?;
    let [delimiter] = rest.as_bytes() else {
        return None;
    };
    if !matches!(delimiter, b',' | b';' | b'\t' | b'|') {
        return None;
    }
    let start = text.find('\n').map_or(text.len(), |i| i + 1);
    Some((*delimiter, start))
}

/// The header line: the first that is not blank (the reader skips blank lines too).
fn first_line(text: &str) -> &str {
    text.lines().find(|l| !l.trim().is_empty()).unwrap_or("")
}

/// A delimiter no text field holds: for a file whose header names one column, so that a
/// `,` or `;` in its values does not split them.
const NO_DELIMITER: u8 = 0x1f;

/// The delimiter of a CSV file: the most frequent of `,`, `;` and tab outside quotes in its
/// header line; none there means a one-column file ([`NO_DELIMITER`]).
pub fn delimiter(line: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(s, _)| *s == b) {
            c.1 += 1;
        }
    }
    // `max_by_key` keeps the last of equal counts: reverse so a tie goes to `,`.
    counts
        .iter()
        .rev()
        .max_by_key(|(_, n)| *n)
        .filter(|(_, n)| *n > 0)
        .map_or(NO_DELIMITER, |(s, _)| *s)
}

/// Check the declared unpacked size of the archive before calamine unpacks anything, then
/// open the workbook (its shared strings) and choose the sheet `sheet` (any case) or the
/// first one.
fn open_xlsx(bytes: &[u8], sheet: Option<&str>) -> Result<Opened<'static>, Problem> {
    let not_xlsx = || Problem::file("data-tabular-not-xlsx");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| not_xlsx())?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_XLSX_UNPACKED {
        return Err(Problem::file("data-tabular-xlsx-unpacked-too-large"));
    }
    // calamine's reader owns its source: a copy of the compressed bytes (the file's size).
    let book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).map_err(|_| not_xlsx())?;
    let names = book.sheet_names();
    let chosen = sheet
        .and_then(|s| {
            names
                .iter()
                .find(|n| n.trim().eq_ignore_ascii_case(s.trim()))
        })
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| Problem::file("data-tabular-no-sheet"))?;
    Ok(Opened::Xlsx {
        book: Box::new(book),
        sheet: chosen,
    })
}

impl Opened<'_> {
    /// Whether a decimal comma is accepted (`;`-separated CSV; see the module decisions).
    pub fn decimal_comma(&self) -> bool {
        matches!(
            self,
            Opened::Csv {
                delimiter: b';',
                ..
            }
        )
    }

    /// A new pass over the records, the header first.
    pub fn records(&mut self) -> Records<'_> {
        match self {
            Opened::Csv {
                text,
                delimiter,
                start,
            } => {
                let text = text.as_bytes().get(*start..).unwrap_or_default();
                Records::Csv {
                    reader: csv::ReaderBuilder::new()
                        .has_headers(false)
                        .flexible(true)
                        .delimiter(*delimiter)
                        .from_reader(text),
                    record: csv::StringRecord::new(),
                    text,
                    line: if *start > 0 { 2 } else { 1 },
                    counted: 0,
                }
            }
            Opened::Xlsx { book, sheet } => match book.worksheet_cells_reader(sheet) {
                Ok(reader) => Records::Xlsx(Box::new(XlsxRows {
                    reader,
                    pending: None,
                    first_col: None,
                    header_width: None,
                    cells: Vec::new(),
                    done: false,
                })),
                Err(_) => Records::Failed(Some(Problem::file("data-tabular-not-xlsx"))),
            },
        }
    }
}

/// One pass over a file's records.
pub enum Records<'a> {
    Csv {
        reader: csv::Reader<&'a [u8]>,
        record: csv::StringRecord,
        text: &'a [u8],
        /// The line byte `counted` is on.
        line: u64,
        counted: usize,
    },
    Xlsx(Box<XlsxRows<'a>>),
    /// The sheet could not be read: this problem, then the end.
    Failed(Option<Problem>),
}

/// One cell as streamed: position and text, or the Excel error it holds.
struct XlsxCell {
    row: u32,
    col: u32,
    value: Result<String, String>,
}

/// Rows assembled from a sheet's cells, which the XML lists row by row.
pub struct XlsxRows<'a> {
    reader: XlsxCellReader<'a, Cursor<Vec<u8>>>,
    /// The first cell of the next row, read while finding the end of this one.
    pending: Option<XlsxCell>,
    /// The leftmost column of the header row: the table's first column.
    first_col: Option<u32>,
    /// The number of columns of the header row.
    header_width: Option<usize>,
    cells: Vec<XlsxCell>,
    done: bool,
}

impl XlsxRows<'_> {
    fn read_cell(&mut self) -> Result<Option<XlsxCell>, Problem> {
        if self.done {
            return Ok(None);
        }
        match self.reader.next_cell() {
            Ok(Some(cell)) => {
                let (row, col) = cell.get_position();
                let value = match cell.get_value() {
                    DataRef::Error(e) => Err(e.to_string()),
                    v => Ok(cell_text(v).into_owned()),
                };
                Ok(Some(XlsxCell { row, col, value }))
            }
            Ok(None) => {
                self.done = true;
                Ok(None)
            }
            Err(_) => {
                self.done = true;
                Err(Problem::file("data-tabular-not-xlsx"))
            }
        }
    }

    fn next(&mut self, out: &mut Vec<String>) -> Option<Result<u64, Problem>> {
        self.cells.clear();
        let first = match self.pending.take() {
            Some(c) => c,
            None => match self.read_cell() {
                Ok(Some(c)) => c,
                Ok(None) => return None,
                Err(p) => return Some(Err(p)),
            },
        };
        let row = first.row;
        self.cells.push(first);
        loop {
            match self.read_cell() {
                Ok(Some(c)) if c.row == row => self.cells.push(c),
                Ok(Some(c)) => {
                    self.pending = Some(c);
                    break;
                }
                Ok(None) => break,
                Err(p) => return Some(Err(p)),
            }
        }
        let number = u64::from(row) + 1;
        let filled = |c: &XlsxCell| c.value.as_ref().map_or(true, |v| !v.trim().is_empty());
        if self.first_col.is_none() {
            self.first_col = self.cells.iter().filter(|c| filled(c)).map(|c| c.col).min();
        }
        let first_col = self.first_col.unwrap_or(0);
        let used = self
            .cells
            .iter()
            .filter(|c| filled(c))
            .map(|c| c.col + 1)
            .max()
            .unwrap_or(first_col)
            .saturating_sub(first_col) as usize;
        // Empty cells at the end of a row are not written in the XML: a spreadsheet row is
        // as wide as its header.
        if self.header_width.is_none() && used > 0 {
            self.header_width = Some(used);
        }
        let width = used.max(self.header_width.unwrap_or(0));
        fill(out, std::iter::repeat_n(Cow::Borrowed(""), width));
        for cell in &self.cells {
            match &cell.value {
                Err(e) => {
                    return Some(Err(Problem::file("data-tabular-cell-error")
                        .at_row(number)
                        .arg("cell", a1(number, cell.col as usize))
                        .arg("value", e.clone())));
                }
                Ok(v) if cell.col < first_col => {
                    if !v.trim().is_empty() {
                        return Some(Err(Problem::file("data-tabular-xlsx-left-of-header")
                            .at_row(number)
                            .arg("cell", a1(number, cell.col as usize))));
                    }
                }
                Ok(v) => {
                    if let Some(slot) = out.get_mut((cell.col - first_col) as usize) {
                        slot.push_str(v);
                    }
                }
            }
        }
        Some(Ok(number))
    }
}

impl Records<'_> {
    /// The next record's fields into `out` (its length is the record's), and its row number
    /// as a spreadsheet shows it (1-based). A record that cannot be read is a problem of its
    /// row; reading goes on after it.
    pub fn next(&mut self, out: &mut Vec<String>) -> Option<Result<u64, Problem>> {
        match self {
            Records::Csv {
                reader,
                record,
                text,
                line,
                counted,
            } => {
                match reader.read_record(record) {
                    Ok(false) => return None,
                    Ok(true) => {}
                    // Invalid UTF-8 cannot happen (the text was decoded); an I/O error on a
                    // slice neither: a broken file all the same.
                    Err(_) => return Some(Err(Problem::file("data-tabular-csv-broken"))),
                }
                // Rows are numbered by the line they start on, as an editor (and, but for
                // cells spanning lines, a spreadsheet) shows them; counted here, since the
                // reader's own count is one short after CRLF line ends.
                let start = record
                    .position()
                    .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
                    .clamp(*counted, text.len());
                *line += text[*counted..start]
                    .iter()
                    .filter(|b| **b == b'\n')
                    .count() as u64;
                *counted = start;
                let skip = text[start..]
                    .iter()
                    .take_while(|b| matches!(b, b'\r' | b'\n'))
                    .filter(|b| **b == b'\n')
                    .count() as u64;
                let row = *line + skip;
                fill(out, record.iter().map(Cow::Borrowed));
                Some(Ok(row))
            }
            Records::Xlsx(rows) => rows.next(out),
            Records::Failed(problem) => problem.take().map(Err),
        }
    }
}

/// Put `fields` into `out`, reusing its strings' buffers.
fn fill<'f>(out: &mut Vec<String>, fields: impl Iterator<Item = Cow<'f, str>>) {
    let mut n = 0;
    for field in fields {
        if let Some(s) = out.get_mut(n) {
            s.clear();
            s.push_str(&field);
        } else {
            out.push(field.into_owned());
        }
        n += 1;
    }
    out.truncate(n);
}

/// An XLSX cell as text: numbers as typed (`5`, not `5.0`), dates ISO, booleans `true` or
/// `false`; a date with a time of day as `YYYY-MM-DD HH:MM:SS` (no zone: text).
pub fn cell_text<'d>(d: &'d DataRef<'_>) -> Cow<'d, str> {
    match d {
        DataRef::Empty | DataRef::Error(_) => Cow::Borrowed(""),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cow::Borrowed(s),
        DataRef::SharedString(s) => Cow::Borrowed(s),
        DataRef::Int(n) => Cow::Owned(n.to_string()),
        DataRef::Float(f) if f.fract() == 0.0 && f.abs() < 9.0e15 => {
            Cow::Owned(format!("{}", *f as i64))
        }
        DataRef::Float(f) => Cow::Owned(f.to_string()),
        DataRef::Bool(b) => Cow::Borrowed(if *b { "true" } else { "false" }),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, ms) = dt.to_ymd_hms_milli();
            if (h, mi, s, ms) == (0, 0, 0, 0) {
                Cow::Owned(format!("{y:04}-{mo:02}-{d:02}"))
            } else {
                Cow::Owned(format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02}"))
            }
        }
        DataRef::DateTime(dt) => Cow::Owned(dt.as_f64().to_string()),
    }
}

/// `A1`-style reference of a 1-based row and a 0-based column.
pub fn a1(row: u64, col: usize) -> String {
    format!("{}{row}", column_letters(col))
}

/// `A`, `B`, … `Z`, `AA`… for a 0-based column.
pub fn column_letters(col: usize) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        c = (c - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// The header of a file, checked: names trimmed; trailing empty names dropped (spreadsheets
/// leave them behind); an empty name among others, a duplicate name (any case), more than
/// [`MAX_COLUMNS`] columns or no header at all are problems.
pub fn header(
    records: &mut Records<'_>,
    fields: &mut Vec<String>,
) -> Result<Vec<String>, LoadReport> {
    // Blank rows above the header are skipped.
    let row = loop {
        match records.next(fields) {
            None => return Err(LoadReport::one(Problem::file("data-tabular-empty-file"))),
            Some(Err(p)) => return Err(LoadReport::one(p)),
            Some(Ok(row)) if fields.iter().any(|f| !f.trim().is_empty()) => break row,
            Some(Ok(_)) => {}
        }
    };
    let mut names: Vec<String> = fields.iter().map(|f| f.trim().to_string()).collect();
    while names.last().is_some_and(String::is_empty) {
        names.pop();
    }
    if names.is_empty() {
        return Err(LoadReport::one(Problem::file("data-tabular-empty-file")));
    }
    let mut report = LoadReport::default();
    if names.len() > MAX_COLUMNS {
        report.push(
            Problem::file("data-tabular-too-wide")
                .arg("columns", names.len().to_string())
                .arg("max", MAX_COLUMNS.to_string()),
        );
        return Err(report);
    }
    for (i, name) in names.iter().enumerate() {
        if name.is_empty() {
            report.push(
                Problem::file("data-tabular-header-empty")
                    .at_row(row)
                    .arg("position", column_letters(i)),
            );
        } else if names[..i]
            .iter()
            .any(|n| n.to_lowercase() == name.to_lowercase())
        {
            report.push(
                Problem::file("data-tabular-header-duplicate")
                    .at_row(row)
                    .in_column(name)
                    .arg("position", column_letters(i)),
            );
        }
    }
    if report.is_ok() {
        Ok(names)
    } else {
        Err(report)
    }
}

/// What a data record is, against a header of `width` names.
#[derive(Debug, PartialEq, Eq)]
pub enum Shape {
    /// Every field blank: skipped, not a row of the table.
    Blank,
    /// As many fields as the header (extra blank fields dropped).
    Fits,
    /// More or fewer fields than the header: the count found.
    Ragged(usize),
}

/// Check and trim a record against the header's width.
pub fn shape(fields: &mut Vec<String>, width: usize) -> Shape {
    if fields.iter().all(|f| f.trim().is_empty()) {
        return Shape::Blank;
    }
    if fields.len() > width && fields[width..].iter().all(|f| f.trim().is_empty()) {
        fields.truncate(width);
    }
    if fields.len() == width {
        Shape::Fits
    } else {
        Shape::Ragged(fields.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(bytes: &[u8], name: &str) -> Vec<(u64, Vec<String>)> {
        let mut opened = open(bytes, name, &LoadOptions::default()).unwrap();
        let mut records = opened.records();
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while let Some(r) = records.next(&mut fields) {
            out.push((r.unwrap(), fields.clone()));
        }
        out
    }

    #[test]
    fn formats_by_name_and_content() {
        assert_eq!(format_of(b"PK\x03\x04rest", "x.XLSX"), Ok(Format::Xlsx));
        assert_eq!(
            format_of(b"a,b", "x.xlsx").unwrap_err().key,
            "data-tabular-not-xlsx"
        );
        assert_eq!(
            format_of(b"PK\x03\x04", "x.csv").unwrap_err().key,
            "data-tabular-not-csv"
        );
        assert!(format_of(b"a", "x.xls").is_err());
        assert!(format_of(b"a", "noextension").is_err());
    }

    #[test]
    fn delimiters_are_sniffed_outside_quotes() {
        assert_eq!(delimiter("a;b;\"c,d,e\""), b';');
        assert_eq!(delimiter("a,b,c"), b',');
        assert_eq!(delimiter("a\tb\tc"), b'\t');
        assert_eq!(delimiter("one"), NO_DELIMITER);
        assert_eq!(delimiter("a;b,c"), b',', "a tie goes to the comma");
    }

    #[test]
    fn bom_crlf_quotes_and_row_numbers() {
        let text =
            "\u{feff}nama;nilai\r\n\"Bojonegoro; kota\";\"1\"\"2\"\r\n\r\n\"dua\nbaris\";3\r\n";
        let got = rows(text.as_bytes(), "f.csv");
        assert_eq!(got[0], (1, vec!["nama".into(), "nilai".into()]));
        assert_eq!(got[1], (2, vec!["Bojonegoro; kota".into(), "1\"2".into()]));
        assert_eq!(got[2], (4, vec!["dua\nbaris".to_string(), "3".into()]));
        let excel = rows(b"sep=;\r\na,b;c\r\n1,5;2\r\n", "f.csv");
        assert_eq!(excel[0], (2, vec!["a,b".to_string(), "c".into()]));
        assert_eq!(excel[1], (3, vec!["1,5".to_string(), "2".into()]));
        let lf = rows(text.replace("\r\n", "\n").as_bytes(), "f.csv");
        assert_eq!(lf, got, "the same rows with LF ends");
        let mut opened = open(b"\n \na;b\n1,5;2\n", "f.csv", &LoadOptions::default()).unwrap();
        let (mut records, mut fields) = (opened.records(), Vec::new());
        assert_eq!(header(&mut records, &mut fields).unwrap(), ["a", "b"]);
        assert_eq!(records.next(&mut fields).unwrap().unwrap(), 4);
        assert_eq!(fields, ["1,5", "2"]);
        assert_eq!(got.len(), 3);
    }

    #[test]
    fn windows_1252_and_utf16() {
        let bytes = b"nama,kota\nJos\xe9,\x93Tuban\x94 \x80\n";
        let got = rows(bytes, "f.csv");
        assert_eq!(
            got[1].1,
            vec!["José".to_string(), "\u{201c}Tuban\u{201d} €".into()]
        );
        let mut utf16 = vec![0xff, 0xfe];
        for u in "a\tb\n1\t2\n".encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let got = rows(&utf16, "f.txt");
        assert_eq!(got[1].1, vec!["1".to_string(), "2".into()]);
    }

    #[test]
    fn binary_is_not_csv() {
        let err = open(b"a,b\n\x00\x01\x02", "f.csv", &LoadOptions::default())
            .err()
            .unwrap();
        assert_eq!(err.key, "data-tabular-not-csv");
        let big = LoadOptions {
            max_bytes: Some(3),
            ..LoadOptions::default()
        };
        let err = open(b"a,b\n1,2\n", "f.csv", &big).err().unwrap();
        assert_eq!(err.key, "data-tabular-too-large");
    }

    #[test]
    fn headers_are_checked() {
        let check = |text: &str| {
            let mut opened = open(text.as_bytes(), "f.csv", &LoadOptions::default()).unwrap();
            let mut records = opened.records();
            header(&mut records, &mut Vec::new())
        };
        assert_eq!(check(" a , b ,,\n").unwrap(), ["a", "b"]);
        let keys = |r: LoadReport| r.problems.iter().map(|p| p.key).collect::<Vec<_>>();
        assert_eq!(
            keys(check("a,,b\n").unwrap_err()),
            ["data-tabular-header-empty"]
        );
        assert_eq!(
            keys(check("a,b,A\n").unwrap_err()),
            ["data-tabular-header-duplicate"]
        );
        assert_eq!(keys(check("").unwrap_err()), ["data-tabular-empty-file"]);
        let wide = (0..=MAX_COLUMNS)
            .map(|i| format!("c{i}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(keys(check(&wide).unwrap_err()), ["data-tabular-too-wide"]);
    }

    #[test]
    fn shapes() {
        let mut f = vec!["1".to_string(), "2".into(), String::new()];
        assert_eq!(shape(&mut f, 2), Shape::Fits);
        assert_eq!(f.len(), 2);
        assert_eq!(shape(&mut vec!["1".into()], 2), Shape::Ragged(1));
        assert_eq!(
            shape(&mut vec!["1".into(), "2".into(), "3".into()], 2),
            Shape::Ragged(3)
        );
        assert_eq!(shape(&mut vec![" ".into()], 2), Shape::Blank);
    }

    #[test]
    fn xlsx_table_away_from_a1() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.write_string(2, 1, "desa").unwrap();
        ws.write_string(2, 2, "jumlah").unwrap();
        ws.write_string(3, 1, "Kauman").unwrap();
        ws.write_number(3, 2, 7.0).unwrap();
        ws.write_string(5, 2, "8").unwrap();
        ws.write_string(6, 0, "kiri").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let mut opened = open(&bytes, "f.xlsx", &LoadOptions::default()).unwrap();
        let mut records = opened.records();
        let mut fields = Vec::new();
        assert_eq!(
            header(&mut records, &mut fields).unwrap(),
            ["desa", "jumlah"]
        );
        assert_eq!(records.next(&mut fields).unwrap().unwrap(), 4);
        assert_eq!(fields, ["Kauman", "7"]);
        assert_eq!(records.next(&mut fields).unwrap().unwrap(), 6);
        assert_eq!(fields, ["", "8"]);
        let err = records.next(&mut fields).unwrap().unwrap_err();
        assert_eq!(
            (err.key, err.row),
            ("data-tabular-xlsx-left-of-header", Some(7))
        );
        assert!(records.next(&mut fields).is_none());
    }

    #[test]
    fn xlsx_first_or_named_sheet() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let ws = book.add_worksheet();
        ws.set_name("Catatan").unwrap();
        ws.write_string(0, 0, "catatan").unwrap();
        let ws = book.add_worksheet();
        ws.set_name("Data").unwrap();
        ws.write_string(0, 0, "desa").unwrap();
        ws.write_string(0, 1, "jumlah").unwrap();
        ws.write_string(1, 0, "Kauman").unwrap();
        ws.write_number(1, 1, 1200.0).unwrap();
        ws.write_number(2, 1, 2.5).unwrap();
        ws.write_string(3, 0, "Dander").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let got = rows(&bytes, "f.xlsx");
        assert_eq!(
            got,
            vec![(1, vec!["catatan".to_string()])],
            "the first sheet"
        );
        let opened = open(&bytes, "f.xlsx", &LoadOptions::default()).unwrap();
        assert_eq!(
            opened.sheets(),
            (
                vec!["Catatan".to_string(), "Data".into()],
                Some("Catatan".into())
            )
        );
        let opts = LoadOptions {
            sheet: Some("data".into()),
            ..LoadOptions::default()
        };
        let mut opened = open(&bytes, "f.xlsx", &opts).unwrap();
        let mut records = opened.records();
        let mut fields = Vec::new();
        records.next(&mut fields);
        assert_eq!(fields, ["desa", "jumlah"]);
        assert_eq!(records.next(&mut fields).unwrap().unwrap(), 2);
        assert_eq!(fields, ["Kauman", "1200"]);
        assert_eq!(records.next(&mut fields).unwrap().unwrap(), 3);
        assert_eq!(fields, ["", "2.5"]);
        assert_eq!(shape(&mut fields, 2), Shape::Fits);
        assert_eq!(records.next(&mut fields).unwrap().unwrap(), 4);
        assert_eq!(fields, ["Dander", ""], "as wide as the header");
        assert!(records.next(&mut fields).is_none());
    }
}
