//! Reading an uploaded file into rows of cells: CSV (UTF-8 with or without BOM, `;`, `,` or
//! tab separated, as Excel in Indonesia saves it) and XLSX (through `calamine`). Everything
//! that makes a file unreadable is reported here as a [`Problem`]; what the cells mean is
//! checked in [`super::validate`].

use std::io::Cursor;

use calamine::{Data, DataRef, Reader, Xlsx};

use super::Problem;
use super::template::{HEADER_MARK, HEADER_SEARCH_ROWS, normalise_header};

/// At most this many data rows in one file (a regency's APBD has about 50,000 lines).
pub const MAX_ROWS: usize = 300_000;

/// The sum of the uncompressed sizes an XLSX file may declare (its XML), so that a small
/// compressed file cannot unpack into gigabytes.
pub const MAX_XLSX_UNPACKED: u64 = 400 * 1024 * 1024;

/// One cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Int(i64),
    Float(f64),
    /// A cell that cannot be a value of the template (an Excel error such as `#REF!`, a
    /// date): the Fluent key of why.
    Invalid(&'static str),
}

impl Cell {
    /// The cell as text, trimmed: numbers the way they would be typed (`4`, `5.1`).
    pub fn text(&self) -> String {
        match self {
            Cell::Empty | Cell::Invalid(_) => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Int(n) => n.to_string(),
            Cell::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
            Cell::Float(f) => f.to_string(),
        }
    }

    pub fn is_blank(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// One data row: its number as the spreadsheet shows it (1-based) and its cells.
#[derive(Clone, Debug)]
pub struct Row {
    pub number: u32,
    pub cells: Vec<Cell>,
}

impl Row {
    pub fn cell(&self, i: Option<usize>) -> &Cell {
        i.and_then(|i| self.cells.get(i)).unwrap_or(&Cell::Empty)
    }
}

/// A file's header and data rows (empty rows already dropped).
#[derive(Clone, Debug)]
pub struct Table {
    /// The XLSX sheet read (none for CSV).
    pub sheet: Option<String>,
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// The kind of file, decided from the name and checked against the content.
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
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "xlsx" if is_zip => Ok(Format::Xlsx),
        "xlsx" => Err(Problem::file("budget-file-not-xlsx")),
        "csv" | "txt" if !is_zip => Ok(Format::Csv),
        "csv" | "txt" => Err(Problem::file("budget-file-not-csv")),
        _ => Err(Problem::file("budget-file-type")),
    }
}

/// Read a file of either format.
pub fn read(bytes: &[u8], format: Format, sheet: &str) -> Result<Table, Vec<Problem>> {
    match format {
        Format::Csv => read_csv(bytes),
        Format::Xlsx => read_xlsx(bytes, sheet),
    }
}

/// The separator of a CSV line: the most frequent of `;`, `,` and tab outside quotes.
fn separator(line: &str) -> u8 {
    let mut counts = [(b';', 0usize), (b',', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(s, _)| *s == b) {
            c.1 += 1;
        }
    }
    counts
        .iter()
        .max_by_key(|(_, n)| *n)
        .map_or(b',', |(s, _)| *s)
}

fn too_many_rows() -> Vec<Problem> {
    vec![Problem::file("budget-file-too-many-rows").arg("max", MAX_ROWS.to_string())]
}

/// Read CSV text: UTF-8 (a BOM is dropped), the separator taken from the header line.
pub fn read_csv(bytes: &[u8]) -> Result<Table, Vec<Problem>> {
    let text =
        std::str::from_utf8(bytes).map_err(|_| vec![Problem::file("budget-file-not-utf8")])?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let header_line = text
        .lines()
        .take(HEADER_SEARCH_ROWS)
        .find(|l| normalise_header(l).contains(HEADER_MARK))
        .ok_or_else(|| vec![no_header(None)])?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator(header_line))
        .from_reader(text.as_bytes());
    let mut header: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    // Line numbers: `line` is the number of the line byte `counted` is on.
    let (mut line, mut counted) = (1usize, 0usize);
    for (index, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(err) => {
                let line = err.position().map_or(0, |p| p.line());
                problems.push(
                    Problem::file("budget-file-csv-broken")
                        .at_row(u32::try_from(line).unwrap_or(u32::MAX)),
                );
                break;
            }
        };
        // The line the record starts on, counted here: the reader's own count is one
        // short after CRLF line ends (the `\n` of the previous line is not yet consumed).
        let bytes = text.as_bytes();
        let start = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX))
            .clamp(counted, bytes.len());
        line += bytes[counted..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted = start;
        let skip = bytes[start..]
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .filter(|b| **b == b'\n')
            .count();
        let number = u32::try_from(line + skip).unwrap_or(u32::MAX);
        match &header {
            None => {
                if index >= HEADER_SEARCH_ROWS {
                    return Err(vec![no_header(None)]);
                }
                if record.iter().any(|f| normalise_header(f) == HEADER_MARK) {
                    header = Some(record.iter().map(str::to_string).collect());
                }
            }
            Some(_) => {
                let cells: Vec<Cell> = record
                    .iter()
                    .map(|f| {
                        if f.trim().is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(f.to_string())
                        }
                    })
                    .collect();
                if cells.iter().all(Cell::is_blank) {
                    continue;
                }
                if rows.len() >= MAX_ROWS {
                    return Err(too_many_rows());
                }
                rows.push(Row { number, cells });
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let header = header.ok_or_else(|| vec![no_header(None)])?;
    Ok(Table {
        sheet: None,
        header,
        rows,
    })
}

fn no_header(sheet: Option<&str>) -> Problem {
    let p = Problem::file("budget-file-no-header").arg("column", HEADER_MARK.to_string());
    match sheet {
        Some(s) => p.arg("sheet", s.to_string()),
        None => p.arg("sheet", String::new()),
    }
}

/// `A1`-style reference of a 0-based (row, column).
pub fn a1(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut c = col + 1;
    while c > 0 {
        let rem = (c - 1) % 26;
        letters.push(char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        c = (c - 1) / 26;
    }
    let mut out: String = letters.iter().rev().collect();
    out.push_str(&(row + 1).to_string());
    out
}

/// What a quick look at a workbook's sheets found.
#[derive(Default)]
struct Inspection {
    /// Some sheet holds a formula (`<f>` elements).
    formulas: bool,
    /// Some sheet has merged cells (`<mergeCell>` elements).
    merged: bool,
}

/// Check the declared unpacked size of the archive before unpacking anything, and tell
/// whether any worksheet holds formulas or merged cells: calamine reads each of those with
/// another full pass over the sheet, run only when there is something to find.
fn inspect_archive(bytes: &[u8]) -> Result<Inspection, Problem> {
    use std::io::Read;
    let broken = |_| Problem::file("budget-file-not-xlsx");
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(broken)?;
    let mut total: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(broken)?;
        total = total.saturating_add(entry.size());
    }
    if total > MAX_XLSX_UNPACKED {
        return Err(Problem::file("budget-file-too-large-unpacked"));
    }
    let mut found = Inspection::default();
    let mut xml = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(broken)?;
        let is_sheet = entry
            .name()
            .is_ok_and(|n| n.starts_with("xl/worksheets/") && n.ends_with(".xml"));
        if !is_sheet {
            continue;
        }
        xml.clear();
        // The declared sizes were checked above; `take` holds an entry to its declared size.
        let limit = entry.size();
        (&mut entry)
            .take(limit)
            .read_to_end(&mut xml)
            .map_err(|_| Problem::file("budget-file-not-xlsx"))?;
        scan_tags(&xml, &mut found);
        if found.formulas && found.merged {
            break;
        }
    }
    Ok(found)
}

/// One pass over a sheet's XML bytes: whether it has a formula (`<f>`, `<x:f …>`) or
/// merged cells (`<mergeCells>`, `<x:mergeCell …>`), looking only at element names (the
/// text between `<` and the first space, `>` or `/`, without a namespace prefix).
fn scan_tags(xml: &[u8], found: &mut Inspection) {
    let mut at = 0;
    while let Some(offset) = xml
        .get(at..)
        .and_then(|rest| rest.iter().position(|b| *b == b'<'))
    {
        let start = at + offset + 1;
        let name_len = xml
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take(32)
            .position(|b| matches!(b, b' ' | b'>' | b'/' | b'\t' | b'\r' | b'\n'))
            .unwrap_or(0);
        let name = xml.get(start..start + name_len).unwrap_or_default();
        let local = match name.iter().rposition(|b| *b == b':') {
            Some(colon) => name.get(colon + 1..).unwrap_or_default(),
            None => name,
        };
        match local {
            b"f" => found.formulas = true,
            b"mergeCell" | b"mergeCells" => found.merged = true,
            _ => {}
        }
        if found.formulas && found.merged {
            return;
        }
        at = start;
    }
}

/// Read the data sheet of an XLSX workbook: the sheet named `preferred_sheet` (any case)
/// when there is one, else the first. Refuses formulas without a stored value and merged
/// cells from the header down.
pub fn read_xlsx(bytes: &[u8], preferred_sheet: &str) -> Result<Table, Vec<Problem>> {
    let inspection = inspect_archive(bytes).map_err(|p| vec![p])?;
    let mut book: Xlsx<_> =
        Xlsx::new(Cursor::new(bytes)).map_err(|_| vec![Problem::file("budget-file-not-xlsx")])?;
    let names = book.sheet_names();
    let sheet = names
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(preferred_sheet))
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| vec![Problem::file("budget-file-no-sheet")])?;
    let rows_by_index = sheet_rows(&mut book, &sheet)?;
    // Find the header among the first rows (counted from the first row holding a value).
    let Some(start_row) = rows_by_index.first().map(|(r, _)| *r) else {
        return Err(vec![no_header(Some(&sheet))]);
    };
    let header_at = rows_by_index
        .iter()
        .take_while(|(r, _)| *r < start_row.saturating_add(HEADER_SEARCH_ROWS as u32))
        .position(|(_, cells)| {
            cells
                .iter()
                .any(|c| matches!(c, Cell::Text(s) if normalise_header(s) == HEADER_MARK))
        });
    let Some(header_at) = header_at else {
        let mut p = no_header(Some(&sheet));
        p.args.push(("sheets", names.join(", ")));
        return Err(vec![p]);
    };
    let header_abs = rows_by_index[header_at].0;
    let mut problems = Vec::new();
    let merged = if inspection.merged {
        book.merge_cells_by_sheet_name(&sheet).unwrap_or_default()
    } else {
        Vec::new()
    };
    for region in merged.iter().filter(|m| m.end.0 >= header_abs) {
        problems.push(
            Problem::file("budget-file-merged-cells")
                .at_row(region.start.0 + 1)
                .arg(
                    "cells",
                    format!(
                        "{}:{}",
                        a1(region.start.0, region.start.1),
                        a1(region.end.0, region.end.1)
                    ),
                ),
        );
    }
    if inspection.formulas
        && let Ok(formulas) = book.worksheet_formula(&sheet)
        && let Some((f_row, f_col)) = formulas.start()
    {
        for (r, c, formula) in formulas.used_cells() {
            let (row, col) = (
                f_row + u32::try_from(r).unwrap_or(0),
                f_col + u32::try_from(c).unwrap_or(0),
            );
            if formula.is_empty() || row <= header_abs {
                continue;
            }
            // A formula Excel never calculated is stored with no value, or an empty one.
            let value = rows_by_index
                .binary_search_by_key(&row, |(r, _)| *r)
                .ok()
                .and_then(|i| rows_by_index[i].1.get(usize::try_from(col).ok()?));
            let no_value = matches!(value, None | Some(Cell::Empty));
            if no_value {
                problems.push(
                    Problem::file("budget-file-formula-without-value")
                        .at_row(row + 1)
                        .arg("cell", a1(row, col)),
                );
            }
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut data = rows_by_index.into_iter().skip(header_at);
    let header: Vec<String> = data
        .next()
        .map(|(_, cells)| cells.iter().map(Cell::text).collect())
        .unwrap_or_default();
    let mut rows = Vec::new();
    for (r, cells) in data {
        if cells.iter().all(Cell::is_blank) {
            continue;
        }
        if rows.len() >= MAX_ROWS {
            return Err(too_many_rows());
        }
        let number = r.saturating_add(1);
        rows.push(Row { number, cells });
    }
    Ok(Table {
        sheet: Some(sheet),
        header,
        rows,
    })
}

/// Columns read at most: the template has a dozen; a stray cell far to the right must not
/// make every row a long vector.
pub const MAX_COLUMNS: usize = 256;

/// The cells of a worksheet that hold a value, as rows by absolute (0-based) index in sheet
/// order, each row's cells by absolute column. Streamed with calamine's cell reader: shared
/// strings are borrowed while reading and copied once, and no dense range of the whole
/// sheet is built.
fn sheet_rows<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    sheet: &str,
) -> Result<Vec<(u32, Vec<Cell>)>, Vec<Problem>> {
    let broken = |_| vec![Problem::file("budget-file-not-xlsx")];
    let mut reader = book.worksheet_cells_reader(sheet).map_err(broken)?;
    let mut rows: Vec<(u32, Vec<Cell>)> = Vec::new();
    while let Some(cell) = reader.next_cell().map_err(broken)? {
        let value = Cell::from(cell.get_value());
        if value == Cell::Empty {
            continue;
        }
        let (row, col) = cell.get_position();
        let Some(col) = usize::try_from(col).ok().filter(|c| *c < MAX_COLUMNS) else {
            continue;
        };
        // Sheets list rows in order; a writer that does not is handled, only slower.
        let at = match rows.last() {
            Some((last, _)) if *last == row => rows.len() - 1,
            Some((last, _)) if *last > row => match rows.binary_search_by_key(&row, |(r, _)| *r) {
                Ok(i) => i,
                Err(i) => {
                    rows.insert(i, (row, Vec::new()));
                    i
                }
            },
            _ => {
                // Header search rows and the header itself come on top of the data rows.
                if rows.len() > MAX_ROWS + HEADER_SEARCH_ROWS {
                    return Err(too_many_rows());
                }
                rows.push((row, Vec::with_capacity(16)));
                rows.len() - 1
            }
        };
        let cells = &mut rows[at].1;
        if cells.len() <= col {
            cells.resize(col + 1, Cell::Empty);
        }
        cells[col] = value;
    }
    Ok(rows)
}

impl From<&DataRef<'_>> for Cell {
    fn from(d: &DataRef<'_>) -> Cell {
        match d {
            DataRef::Empty => Cell::Empty,
            DataRef::String(s) if s.trim().is_empty() => Cell::Empty,
            DataRef::SharedString(s) if s.trim().is_empty() => Cell::Empty,
            DataRef::String(s) => Cell::Text(s.clone()),
            DataRef::SharedString(s) => Cell::Text((*s).to_string()),
            DataRef::Int(n) => Cell::Int(*n),
            DataRef::Float(f) => Cell::Float(*f),
            DataRef::Bool(_) => Cell::Invalid("budget-cell-boolean"),
            DataRef::DateTime(_) | DataRef::DateTimeIso(_) | DataRef::DurationIso(_) => {
                Cell::Invalid("budget-cell-date")
            }
            DataRef::Error(_) => Cell::Invalid("budget-cell-error"),
        }
    }
}

impl From<&Data> for Cell {
    fn from(d: &Data) -> Cell {
        match d {
            Data::Empty => Cell::Empty,
            Data::String(s) if s.trim().is_empty() => Cell::Empty,
            Data::String(s) => Cell::Text(s.clone()),
            Data::Int(n) => Cell::Int(*n),
            Data::Float(f) => Cell::Float(*f),
            Data::Bool(_) => Cell::Invalid("budget-cell-boolean"),
            Data::DateTime(_) | Data::DateTimeIso(_) | Data::DurationIso(_) => {
                Cell::Invalid("budget-cell-date")
            }
            Data::Error(_) => Cell::Invalid("budget-cell-error"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn element_names_are_found_with_or_without_a_namespace() {
        let scan = |xml: &str| {
            let mut found = Inspection::default();
            scan_tags(xml.as_bytes(), &mut found);
            (found.formulas, found.merged)
        };
        assert_eq!(
            scan("<c r=\"A1\"><f>SUM(A2:A3)</f><v>3</v></c>"),
            (true, false)
        );
        assert_eq!(
            scan("<x:c><x:f t=\"shared\" si=\"0\"/></x:c>"),
            (true, false)
        );
        assert_eq!(
            scan("<mergeCells count=\"1\"><mergeCell ref=\"A1:B1\"/></mergeCells>"),
            (false, true)
        );
        assert_eq!(scan("<x:mergeCell ref=\"A1:B1\"/><f>1</f>"), (true, true));
        // Text that merely contains the words is not an element.
        assert_eq!(
            scan("<c t=\"inlineStr\"><is><t>f mergeCell &lt;f&gt;</t></is></c><fx>"),
            (false, false)
        );
        assert_eq!(scan("<"), (false, false));
    }

    #[test]
    fn separators_and_formats() {
        assert_eq!(separator("a;b;\"c,d,e\""), b';');
        assert_eq!(separator("a,b,c"), b',');
        assert_eq!(separator("a\tb\tc"), b'\t');
        assert_eq!(format_of(b"PK\x03\x04rest", "x.XLSX"), Ok(Format::Xlsx));
        assert!(format_of(b"kode;nama", "x.xlsx").is_err());
        assert!(format_of(b"PK\x03\x04", "x.csv").is_err());
        assert!(format_of(b"a", "x.xls").is_err());
        assert_eq!(a1(0, 0), "A1");
        assert_eq!(a1(9, 27), "AB10");
    }

    #[test]
    fn csv_with_bom_title_rows_and_blank_lines() {
        let text = "\u{feff}APBD 2026;;\n\nKode Organisasi;anggaran\n1.01.0.00.0.00.01.0000;\"1.000\"\n;;\n2;3\n";
        let table = read_csv(text.as_bytes()).unwrap();
        assert_eq!(table.header, ["Kode Organisasi", "anggaran"]);
        let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [4, 6]);
        let crlf = text.replace('\n', "\r\n");
        let table = read_csv(crlf.as_bytes()).unwrap();
        let numbers: Vec<u32> = table.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [4, 6], "the same lines with CRLF ends");
        assert_eq!(table.rows[0].cells[1], Cell::Text("1.000".into()));
        assert!(read_csv(b"\xff\xfeA").is_err());
        assert!(read_csv(b"no header here\n1,2\n").is_err());
    }
}
