//! Every budget view as a download: `?format=csv` (UTF-8 with a byte-order mark for Excel,
//! text that a spreadsheet would run as a formula made inert), `?format=xlsx` (amounts as
//! numbers: whole rupiah below 2^53 are exact in a spreadsheet's doubles) and
//! `?format=json` (the view's own structure, integer rupiah).

use axum::http::header;
use axum::response::{IntoResponse, Response};
use platform::error::{AppError, AppResult};
use serde::Serialize;

/// What `?format=` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Html,
    Csv,
    Xlsx,
    Json,
}

impl Format {
    /// Empty or absent: the page; an unknown format is a 400.
    pub fn parse(value: Option<&str>) -> AppResult<Format> {
        match value.map(str::trim).unwrap_or("") {
            "" | "html" => Ok(Format::Html),
            "csv" => Ok(Format::Csv),
            "xlsx" => Ok(Format::Xlsx),
            "json" => Ok(Format::Json),
            _ => Err(AppError::BadRequest("budget-pages-bad-format")),
        }
    }
}

/// A cell of a download.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Text(String),
    /// Whole rupiah.
    Int(i64),
    /// Tenths of a percent.
    Percent(Option<i64>),
}

/// A table to download.
#[derive(Clone, Debug)]
pub struct Table {
    pub sheet: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// A CSV field: quoted when needed, formulas (`=`, `+`, `-`, `@` first) made inert.
pub fn field(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// The CSV text of a table (BOM, CRLF line ends).
pub fn csv_text(table: &Table) -> String {
    let mut out = String::from("\u{feff}");
    let fields: Vec<String> = table.header.iter().map(|h| field(h)).collect();
    out.push_str(&fields.join(","));
    out.push_str("\r\n");
    for row in &table.rows {
        let fields: Vec<String> = row
            .iter()
            .map(|c| match c {
                Cell::Text(s) => field(s),
                // Numbers are written as they are: a negative amount is not a formula.
                Cell::Int(n) => n.to_string(),
                Cell::Percent(p) => super::percent_plain(*p),
            })
            .collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    }
    out
}

fn attachment(name: &str, ext: &str) -> String {
    // Names are built from codes and years only; keep them plain anyway.
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '-'
            }
        })
        .collect();
    format!("attachment; filename=\"{safe}.{ext}\"")
}

pub fn csv(name: &str, table: &Table) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, attachment(name, "csv")),
        ],
        csv_text(table),
    )
        .into_response()
}

/// The XLSX bytes of a table: header in bold, amounts as numbers, percentages as numbers.
pub fn xlsx_bytes(table: &Table) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format as XFormat, Workbook};
    let mut book = Workbook::new();
    let bold = XFormat::new().set_bold();
    let money = XFormat::new().set_num_format("#,##0");
    let ws = book.add_worksheet();
    // Sheet names may not hold []:*?/\ and are at most 31 characters.
    let sheet: String = table
        .sheet
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect();
    ws.set_name(sheet)?;
    for (c, h) in table.header.iter().enumerate() {
        ws.write_string_with_format(0, col(c), h, &bold)?;
    }
    for (r, row) in table.rows.iter().enumerate() {
        let r = u32::try_from(r + 1).unwrap_or(u32::MAX);
        for (c, cell) in row.iter().enumerate() {
            match cell {
                Cell::Text(s) => {
                    ws.write_string(r, col(c), s)?;
                }
                #[expect(
                    clippy::cast_precision_loss,
                    reason = "amounts are capped at 10^15 rupiah, exact in a double"
                )]
                Cell::Int(n) => {
                    ws.write_number_with_format(r, col(c), *n as f64, &money)?;
                }
                #[expect(clippy::cast_precision_loss, reason = "tenths of a percent")]
                Cell::Percent(Some(p)) => {
                    ws.write_number(r, col(c), *p as f64 / 10.0)?;
                }
                Cell::Percent(None) => {}
            }
        }
    }
    book.save_to_buffer()
}

fn col(c: usize) -> u16 {
    u16::try_from(c).unwrap_or(u16::MAX)
}

pub fn xlsx(name: &str, table: &Table) -> AppResult<Response> {
    let bytes = xlsx_bytes(table)
        .map_err(|e| AppError::Internal(anyhow::Error::new(e).context("writing the XLSX")))?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (header::CONTENT_DISPOSITION, attachment(name, "xlsx")),
        ],
        bytes,
    )
        .into_response())
}

pub fn json(name: &str, value: &impl Serialize) -> Response {
    let body = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
    (
        [
            (
                header::CONTENT_TYPE,
                "application/json; charset=utf-8".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                attachment(name, "json").replacen("attachment", "inline", 1),
            ),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_defuses_formulas_and_quotes() {
        let table = Table {
            sheet: "x".into(),
            header: vec!["a".into(), "b".into()],
            rows: vec![vec![Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Int(-5)]],
        };
        let text = csv_text(&table);
        assert!(text.starts_with('\u{feff}'));
        assert!(text.contains("\"'=HYPERLINK(\"\"x\"\")\",-5\r\n"), "{text}");
        assert_eq!(
            Format::parse(Some("xml")).unwrap_err().to_string(),
            "bad request: budget-pages-bad-format"
        );
    }
}
