//! The value grammar of each column type and the inference over every value of a column.
//! The rules (strict integers, `.` decimals, which booleans, which dates) are the module's
//! decisions, written in [`super`].

use chrono::{DateTime, NaiveDate, SecondsFormat, Utc};

use super::{ColumnType, InferredColumn, Problem};

/// A typed value, as loaded and as written by the live API.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Null,
    Int(i64),
    Num(f64),
    Bool(bool),
    Date(NaiveDate),
    DateTime(DateTime<Utc>),
    Text(String),
}

impl Value {
    /// The value as JSON: integers and numbers as numbers, booleans as booleans, dates
    /// `YYYY-MM-DD`, datetimes RFC 3339 in UTC.
    pub fn to_json(&self) -> serde_json::Value {
        match self {
            Value::Null => serde_json::Value::Null,
            Value::Int(n) => serde_json::Value::from(*n),
            Value::Num(f) => serde_json::Number::from_f64(*f)
                .map_or(serde_json::Value::Null, serde_json::Value::Number),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Date(d) => serde_json::Value::String(d.to_string()),
            Value::DateTime(t) => serde_json::Value::String(datetime_text(t)),
            Value::Text(s) => serde_json::Value::String(s.clone()),
        }
    }

    /// The value as a CSV field (empty for null).
    pub fn to_text(&self) -> String {
        match self {
            Value::Null => String::new(),
            Value::Int(n) => n.to_string(),
            Value::Num(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Date(d) => d.to_string(),
            Value::DateTime(t) => datetime_text(t),
            Value::Text(s) => s.clone(),
        }
    }
}

/// RFC 3339 in UTC, fractions only when there are some.
pub fn datetime_text(t: &DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// An integer: optional `-`, digits, no leading zero, within i64.
pub fn parse_integer(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit())
        || (digits.len() > 1 && digits.starts_with('0'))
    {
        return None;
    }
    s.parse().ok()
}

/// A finite number: `-?digits[.digits][e±digits]`, no leading zero in the integer part; with
/// `decimal_comma`, `-?digits,digits` too.
pub fn parse_number(s: &str, decimal_comma: bool) -> Option<f64> {
    let body = s.strip_prefix('-').unwrap_or(s);
    if !body.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (int, frac, comma) = match mantissa.split_once('.') {
        Some((i, f)) => (i, Some(f), false),
        None => match mantissa.split_once(',') {
            Some((i, f)) if decimal_comma && exponent.is_none() => (i, Some(f), true),
            Some(_) => return None,
            None => (mantissa, None, false),
        },
    };
    let digits = |d: &str| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit());
    if !digits(int) || (int.len() > 1 && int.starts_with('0')) {
        return None;
    }
    if frac.is_some_and(|f| !digits(f)) {
        return None;
    }
    if let Some(e) = exponent
        && !digits(e.strip_prefix(['-', '+']).unwrap_or(e))
    {
        return None;
    }
    let parsed: f64 = if comma {
        s.replacen(',', ".", 1).parse().ok()?
    } else {
        s.parse().ok()?
    };
    parsed.is_finite().then_some(parsed)
}

/// `true`/`false`, `ya`/`tidak`, `yes`/`no`, any case.
pub fn parse_boolean(s: &str) -> Option<bool> {
    const TRUE: [&str; 3] = ["true", "ya", "yes"];
    const FALSE: [&str; 3] = ["false", "tidak", "no"];
    if !(2..=5).contains(&s.len()) {
        return None;
    }
    if TRUE.iter().any(|t| t.eq_ignore_ascii_case(s)) {
        Some(true)
    } else if FALSE.iter().any(|t| t.eq_ignore_ascii_case(s)) {
        Some(false)
    } else {
        None
    }
}

/// `YYYY-MM-DD` or `DD/MM/YYYY` (also `D/M/YYYY`).
pub fn parse_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if !b.first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if b.len() == 10 && b[4] == b'-' && b[7] == b'-' {
        let digits = |r: std::ops::Range<usize>| {
            b[r.clone()]
                .iter()
                .all(u8::is_ascii_digit)
                .then(|| b[r].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0')))
        };
        let (y, m, d) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
        return NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d);
    }
    let mut parts = s.split('/');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    let ok = |p: &str, min: usize, max: usize| {
        (min..=max).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit())
    };
    if parts.next().is_some() || !ok(d, 1, 2) || !ok(m, 1, 2) || !ok(y, 4, 4) {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// RFC 3339 with an offset (`2024-05-01T08:00:00+07:00`, `…Z`), in UTC.
pub fn parse_datetime(s: &str) -> Option<DateTime<Utc>> {
    if s.len() < 20 || !s.as_bytes()[0].is_ascii_digit() {
        return None;
    }
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

/// `s` (already trimmed, not missing) as a value of `kind`.
pub fn parse_as(kind: ColumnType, s: &str, decimal_comma: bool) -> Option<Value> {
    match kind {
        ColumnType::Integer => parse_integer(s).map(Value::Int),
        ColumnType::Number => parse_number(s, decimal_comma).map(Value::Num),
        ColumnType::Boolean => parse_boolean(s).map(Value::Bool),
        ColumnType::Date => parse_date(s).map(Value::Date),
        ColumnType::DateTime => parse_datetime(s).map(Value::DateTime),
        ColumnType::Text => Some(Value::Text(s.to_string())),
    }
}

/// The candidate types, narrowest first (text fits everything).
const CANDIDATES: [ColumnType; 5] = [
    ColumnType::Integer,
    ColumnType::Number,
    ColumnType::Boolean,
    ColumnType::Date,
    ColumnType::DateTime,
];

/// How many breaking values an inconsistency names.
const SHOWN_BREAKS: usize = 5;
const EXAMPLES: usize = 3;

/// Whether a field is missing: empty after trimming, or one of the markers.
pub fn is_missing(trimmed: &str, markers: &[String]) -> bool {
    trimmed.is_empty() || markers.iter().any(|m| m.trim() == trimmed)
}

/// What one pass learns about one column.
#[derive(Clone, Debug)]
pub struct Stats {
    name: String,
    choice: Option<ColumnType>,
    non_missing: u64,
    missing: u64,
    /// Per candidate: how many values fit it, and the first values that do not.
    fits: [u64; 5],
    breaks: [Vec<(u64, String)>; 5],
    examples: Vec<String>,
}

impl Stats {
    pub fn new(name: &str, choice: Option<ColumnType>) -> Stats {
        Stats {
            name: name.to_string(),
            choice,
            non_missing: 0,
            missing: 0,
            fits: [0; 5],
            breaks: Default::default(),
            examples: Vec::new(),
        }
    }

    /// Count one field (trimmed); when the producer chose a type the value does not fit,
    /// the problem of that cell.
    pub fn add(
        &mut self,
        row: u64,
        value: &str,
        markers: &[String],
        comma: bool,
    ) -> Option<Problem> {
        if is_missing(value, markers) {
            self.missing += 1;
            return None;
        }
        self.non_missing += 1;
        if value.contains('\0') {
            // A NUL (an XLSX `_x0000_`) is no character of any text a database stores.
            return Some(
                Problem::file("data-tabular-cell-nul")
                    .at_row(row)
                    .in_column(&self.name),
            );
        }
        // An integer is a number too, and nothing else: one parse instead of five for the
        // commonest cells.
        let int = parse_integer(value).is_some();
        for (i, kind) in CANDIDATES.iter().enumerate() {
            let fits = match kind {
                ColumnType::Integer => int,
                ColumnType::Number if int => true,
                _ if int => false,
                ColumnType::Number => parse_number(value, comma).is_some(),
                _ => parse_as(*kind, value, comma).is_some(),
            };
            if fits {
                self.fits[i] += 1;
            } else if self.breaks[i].len() < SHOWN_BREAKS {
                self.breaks[i].push((row, value.to_string()));
            }
        }
        if self.examples.len() < EXAMPLES && !self.examples.iter().any(|e| e == value) {
            self.examples.push(value.to_string());
        }
        match self.choice {
            Some(kind) if kind != ColumnType::Text && parse_as(kind, value, comma).is_none() => {
                Some(
                    Problem::file("data-tabular-cell-not-type")
                        .at_row(row)
                        .in_column(&self.name)
                        .arg("value", shorten(value))
                        .arg("type", kind.as_str()),
                )
            }
            _ => None,
        }
    }

    /// The column's types, and the inconsistency problem when there is one the producer
    /// has not resolved by choosing a type.
    pub fn finish(self) -> (InferredColumn, Option<Problem>) {
        let all = |i: usize| self.non_missing > 0 && self.fits[i] == self.non_missing;
        let inferred = (0..CANDIDATES.len())
            .find(|i| all(*i))
            .map_or(ColumnType::Text, |i| CANDIDATES[i]);
        let mut majority = None;
        let mut problem = None;
        if inferred == ColumnType::Text && self.non_missing >= 2 {
            // The type most values fit (the narrowest among equals), if at least 80 % do.
            let best = (0..CANDIDATES.len()).rev().max_by_key(|i| self.fits[*i]);
            if let Some(i) = best
                && self.fits[i] * 5 >= self.non_missing * 4
            {
                majority = Some(CANDIDATES[i]);
                let shown: Vec<String> = self.breaks[i]
                    .iter()
                    .map(|(row, v)| format!("{row}: \u{201c}{}\u{201d}", shorten(v)))
                    .collect();
                if self.choice.is_none() {
                    problem = Some(
                        Problem::file("data-tabular-inconsistent-column")
                            .in_column(&self.name)
                            .arg("majority", CANDIDATES[i].as_str())
                            .arg("fit", self.fits[i].to_string())
                            .arg("count", (self.non_missing - self.fits[i]).to_string())
                            .arg("values", shown.join(", ")),
                    );
                }
            }
        }
        let column = InferredColumn {
            name: self.name,
            kind: self.choice.unwrap_or(inferred),
            inferred,
            majority,
            missing: self.missing,
            examples: self.examples,
        };
        (column, problem)
    }
}

/// A value as a problem shows it: at most 40 characters.
pub fn shorten(s: &str) -> String {
    match s.char_indices().nth(40) {
        Some((i, _)) => format!("{}\u{2026}", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_are_strict() {
        assert_eq!(parse_integer("0"), Some(0));
        assert_eq!(parse_integer("-12"), Some(-12));
        assert_eq!(parse_integer("9223372036854775807"), Some(i64::MAX));
        for bad in [
            "",
            "-",
            "+1",
            "007",
            "1.000",
            "1,000",
            "1e3",
            "9223372036854775808",
            " 1",
        ] {
            assert_eq!(parse_integer(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers() {
        assert_eq!(parse_number("1.5", false), Some(1.5));
        assert_eq!(parse_number("-0.25", false), Some(-0.25));
        assert_eq!(parse_number("2e3", false), Some(2000.0));
        assert_eq!(parse_number("12", false), Some(12.0));
        assert_eq!(parse_number("12,5", true), Some(12.5));
        for bad in [
            "12,5", "1.234,5", "1,234.5", "NaN", "inf", ".5", "5.", "01.5", "1e", "1e400",
        ] {
            assert_eq!(parse_number(bad, false), None, "{bad}");
        }
        assert_eq!(parse_number("1.234,5", true), None);
    }

    #[test]
    fn booleans_dates_datetimes() {
        assert_eq!(parse_boolean("Ya"), Some(true));
        assert_eq!(parse_boolean("TIDAK"), Some(false));
        assert_eq!(parse_boolean("1"), None);
        let d = NaiveDate::from_ymd_opt(2024, 3, 7).unwrap();
        assert_eq!(parse_date("2024-03-07"), Some(d));
        assert_eq!(parse_date("07/03/2024"), Some(d));
        assert_eq!(parse_date("7/3/2024"), Some(d));
        for bad in [
            "2024-02-30",
            "03/07/24",
            "2024/03/07",
            "32/01/2024",
            "2024-3-7",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
        let t = parse_datetime("2024-03-07T08:00:00+07:00").unwrap();
        assert_eq!(datetime_text(&t), "2024-03-07T01:00:00Z");
        assert!(parse_datetime("2024-03-07 08:00:00").is_none());
        assert!(parse_datetime("2024-03-07").is_none());
    }

    fn infer(
        values: &[&str],
        choice: Option<ColumnType>,
    ) -> (InferredColumn, Option<Problem>, Vec<Problem>) {
        let mut stats = Stats::new("kolom", choice);
        let markers = vec!["-".to_string()];
        let cells: Vec<Problem> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| stats.add(i as u64 + 2, v, &markers, false))
            .collect();
        let (column, problem) = stats.finish();
        (column, problem, cells)
    }

    #[test]
    fn narrowest_type_over_every_value() {
        assert_eq!(infer(&["1", "2", ""], None).0.kind, ColumnType::Integer);
        assert_eq!(infer(&["1", "2.5"], None).0.kind, ColumnType::Number);
        assert_eq!(infer(&["0", "1"], None).0.kind, ColumnType::Integer);
        assert_eq!(infer(&["ya", "tidak"], None).0.kind, ColumnType::Boolean);
        assert_eq!(
            infer(&["2024-01-01", "31/12/2024"], None).0.kind,
            ColumnType::Date
        );
        assert_eq!(infer(&["", "-"], None).0.kind, ColumnType::Text);
        assert_eq!(infer(&["007", "008"], None).0.kind, ColumnType::Text);
        let (c, p, _) = infer(&["Kauman", "Sukorejo", "12"], None);
        assert_eq!((c.kind, c.majority, p), (ColumnType::Text, None, None));
        assert_eq!(c.missing, 0);
    }

    #[test]
    fn an_inconsistent_column_names_its_majority_and_rows() {
        let mut values: Vec<&str> = vec!["5"; 998];
        values.push("n/a");
        values.push("-");
        values.push("?");
        let (c, p, _) = infer(&values, None);
        assert_eq!(c.inferred, ColumnType::Text);
        assert_eq!(c.majority, Some(ColumnType::Integer));
        assert_eq!(c.missing, 1, "the marker is missing, not breaking");
        let p = p.unwrap();
        assert_eq!(p.key, "data-tabular-inconsistent-column");
        assert!(p.args.contains(&("majority", "integer".into())));
        assert!(p.args.contains(&("count", "2".into())));
        let shown = &p.args.iter().find(|(k, _)| *k == "values").unwrap().1;
        assert!(shown.contains("1000: \u{201c}n/a\u{201d}"), "{shown}");
        // Resolved by choosing text.
        let (c, p, cells) = infer(&values, Some(ColumnType::Text));
        assert_eq!((c.kind, p, cells.len()), (ColumnType::Text, None, 0));
    }

    #[test]
    fn a_chosen_type_is_checked_cell_by_cell() {
        let (c, p, cells) = infer(&["1", "abc", "3", "x"], Some(ColumnType::Integer));
        assert_eq!(c.kind, ColumnType::Integer);
        assert!(p.is_none());
        assert_eq!(cells.len(), 2);
        assert_eq!(cells[0].row, Some(3));
        assert_eq!(cells[0].key, "data-tabular-cell-not-type");
    }
}
