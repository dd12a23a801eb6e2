//! The preview's chart as plain numbers for inline SVG (the template draws it; no
//! JavaScript): a numeric column summed per value of a category or date column, as
//! horizontal bars (the biggest categories) or a line (in the column's order). The summed
//! values are listed in a table beside the chart, which is also what a screen reader reads.

use platform::i18n::Tr;
use serde_json::Value;

use crate::tabular::ColumnType;

use super::preview::ChartKind;

/// At most this many bars (the biggest) and points (the last, in order).
pub const MAX_BARS: usize = 25;
pub const MAX_POINTS: usize = 120;
/// At most this many rows of the filtered view are read for the chart.
pub const MAX_ROWS: u64 = 20_000;

const LABEL: i64 = 200;
const BAR_AREA: i64 = 360;
const ROW: i64 = 22;
const LINE_WIDTH: i64 = 600;
const LINE_HEIGHT: i64 = 200;
const TOP: i64 = 16;

/// A JSON cell as the chart's label.
pub fn label(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Sum `y` per distinct `x`, in the order the `x` values first appear; null `y` count as
/// nothing, null `x` as the empty label.
pub fn sums(records: &[Vec<Value>]) -> Vec<(String, f64)> {
    let mut out: Vec<(String, f64)> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for r in records {
        let (Some(x), Some(y)) = (r.first(), r.get(1)) else {
            continue;
        };
        let key = label(x);
        let y = y.as_f64().unwrap_or(0.0);
        match index.get(&key) {
            Some(&i) => {
                if let Some(slot) = out.get_mut(i) {
                    slot.1 += y;
                }
            }
            None => {
                index.insert(key.clone(), out.len());
                out.push((key, y));
            }
        }
    }
    out
}

/// Put the sums in the order of their x values: numbers by value, dates and times as
/// their ISO text sorts (the empty label last).
pub fn order(sums: &mut [(String, f64)], kind: ColumnType) {
    let numeric = matches!(kind, ColumnType::Integer | ColumnType::Number);
    sums.sort_by(|a, b| {
        let empty = a.0.is_empty().cmp(&b.0.is_empty());
        if numeric {
            let (x, y) = (a.0.parse::<f64>(), b.0.parse::<f64>());
            match (x, y) {
                (Ok(x), Ok(y)) => empty.then(x.total_cmp(&y)),
                _ => empty.then_with(|| a.0.cmp(&b.0)),
            }
        } else {
            empty.then_with(|| a.0.cmp(&b.0))
        }
    });
}

/// Of the first `n` columns of `records`, the best category for a chart: the one with the
/// fewest distinct values, but at least two (a column of one value says nothing, a column
/// of unique codes draws one bar per row). The first column when none qualifies.
pub fn best_category(records: &[Vec<Value>], n: usize) -> usize {
    let mut best: Option<(usize, usize)> = None;
    for i in 0..n {
        let distinct: std::collections::HashSet<String> =
            records.iter().filter_map(|r| r.get(i)).map(label).collect();
        let count = distinct.len();
        if count >= 2 && best.is_none_or(|(_, c)| count < c) {
            best = Some((i, count));
        }
    }
    best.map_or(0, |(i, _)| i)
}

/// A value as people read it: integers with thousands separators, else two decimals.
pub fn number(t: &Tr, v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 9e15 {
        platform::i18n::format_number(v as i64)
    } else {
        let s = format!("{v:.2}");
        match t.lang {
            platform::i18n::Lang::Id => s.replace('.', ","),
            platform::i18n::Lang::En => s,
        }
    }
}

fn scale(v: f64, width: i64, max: f64) -> i64 {
    if max <= 0.0 || v <= 0.0 || !v.is_finite() {
        return 0;
    }
    ((v / max) * width as f64).round().clamp(0.0, width as f64) as i64
}

pub struct Bar {
    pub y: i64,
    pub text_y: i64,
    pub label: String,
    pub width: i64,
    pub title: String,
}

pub struct Point {
    pub x: i64,
    pub y: i64,
    pub title: String,
}

pub struct Chart {
    pub kind: &'static str,
    /// The columns drawn: category (or date) and value.
    pub x: String,
    pub y: String,
    pub title: String,
    pub width: i64,
    pub height: i64,
    pub label_width: i64,
    pub bars: Vec<Bar>,
    pub points: Vec<Point>,
    /// The line's points as an SVG `points` attribute.
    pub line: String,
    pub baseline: i64,
    /// The labels at the ends of the line's axis and the top value.
    pub first: String,
    pub last: String,
    pub top: String,
    /// The plotted values (the table beside the chart).
    pub values: Vec<(String, String)>,
    /// Categories or points left out (beyond the maxima).
    pub more: usize,
    /// Says how many were left out (empty when none).
    pub more_note: String,
    /// Says that only the first rows of the view were read (empty when all were).
    pub partial_note: String,
}

/// The chart of `sums` (from [`sums`]) of `y` by `x`.
pub fn build(
    t: &Tr,
    kind: ChartKind,
    x: &str,
    y: &str,
    mut sums: Vec<(String, f64)>,
    categories: bool,
) -> Chart {
    let title = t.ta(
        "data-public-chart-title",
        &[
            ("y", platform::i18n::Arg::Str(y.to_string())),
            ("x", platform::i18n::Arg::Str(x.to_string())),
        ],
    );
    let mut more = 0;
    match kind {
        ChartKind::Bars => {
            if categories {
                sums.sort_by(|a, b| b.1.total_cmp(&a.1));
                more = sums.len().saturating_sub(MAX_BARS);
                sums.truncate(MAX_BARS);
            } else if sums.len() > MAX_BARS {
                more = sums.len() - MAX_BARS;
                sums.drain(..more);
            }
        }
        ChartKind::Line => {
            if sums.len() > MAX_POINTS {
                more = sums.len() - MAX_POINTS;
                sums.drain(..more);
            }
        }
    }
    let max = sums.iter().map(|s| s.1).fold(0.0_f64, f64::max);
    let values: Vec<(String, String)> = sums
        .iter()
        .map(|(l, v)| (l.clone(), number(t, *v)))
        .collect();
    let mut chart = Chart {
        kind: kind.as_str(),
        x: x.to_string(),
        y: y.to_string(),
        title,
        width: 0,
        height: 0,
        label_width: LABEL,
        bars: Vec::new(),
        points: Vec::new(),
        line: String::new(),
        baseline: 0,
        first: sums.first().map(|s| s.0.clone()).unwrap_or_default(),
        last: sums.last().map(|s| s.0.clone()).unwrap_or_default(),
        top: number(t, max),
        values,
        more,
        more_note: if more > 0 {
            t.tn(
                "data-public-chart-more",
                "count",
                i64::try_from(more).unwrap_or(i64::MAX),
            )
        } else {
            String::new()
        },
        partial_note: String::new(),
    };
    match kind {
        ChartKind::Bars => {
            chart.bars = sums
                .iter()
                .zip(0_i64..)
                .map(|((l, v), n)| {
                    let mut short: String = l.chars().take(30).collect();
                    if l.chars().count() > 30 {
                        short.push('…');
                    }
                    Bar {
                        y: n * ROW + 4,
                        text_y: n * ROW + 16,
                        label: short,
                        width: scale(*v, BAR_AREA, max),
                        title: format!("{l}: {}", number(t, *v)),
                    }
                })
                .collect();
            chart.width = LABEL + BAR_AREA + 8;
            chart.height = i64::try_from(chart.bars.len()).unwrap_or(0) * ROW + 8;
        }
        ChartKind::Line => {
            let n = i64::try_from(sums.len()).unwrap_or(1).max(2) - 1;
            chart.points = sums
                .iter()
                .zip(0_i64..)
                .map(|((l, v), i)| Point {
                    x: 8 + i * (LINE_WIDTH - 16) / n,
                    y: LINE_HEIGHT - scale(*v, LINE_HEIGHT - TOP, max),
                    title: format!("{l}: {}", number(t, *v)),
                })
                .collect();
            chart.line = chart
                .points
                .iter()
                .map(|p| format!("{},{}", p.x, p.y))
                .collect::<Vec<_>>()
                .join(" ");
            chart.width = LINE_WIDTH;
            chart.height = LINE_HEIGHT + 20;
            chart.baseline = LINE_HEIGHT;
        }
    }
    chart
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn values_are_summed_per_category_in_first_seen_order() {
        let records = vec![
            vec![json!("Dander"), json!(10)],
            vec![json!("Kalitidu"), json!(2.5)],
            vec![json!("Dander"), json!(5)],
            vec![json!(null), json!(null)],
        ];
        assert_eq!(
            sums(&records),
            vec![
                ("Dander".to_string(), 15.0),
                ("Kalitidu".to_string(), 2.5),
                (String::new(), 0.0)
            ]
        );
    }

    #[test]
    fn sums_follow_the_x_order() {
        let mut years = vec![
            ("2010".to_string(), 1.0),
            ("".to_string(), 9.0),
            ("9".to_string(), 2.0),
        ];
        order(&mut years, ColumnType::Integer);
        assert_eq!(
            years.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
            vec!["9", "2010", ""]
        );
        let mut days = vec![
            ("2026-02-01".to_string(), 1.0),
            ("2025-12-31".to_string(), 1.0),
        ];
        order(&mut days, ColumnType::Date);
        assert_eq!(days[0].0, "2025-12-31");
    }

    #[test]
    fn the_category_is_the_column_with_fewest_distinct_values() {
        let rows: Vec<Vec<Value>> = (0..10)
            .map(|i| {
                vec![
                    json!(format!("35.22.{i:02}")),
                    json!(if i < 5 { "Dander" } else { "Kalitidu" }),
                    json!("Jawa Timur"),
                    json!(i),
                ]
            })
            .collect();
        assert_eq!(best_category(&rows, 3), 1);
        assert_eq!(best_category(&rows[..1], 3), 0);
    }

    #[test]
    fn scaling_is_safe() {
        assert_eq!(scale(50.0, 360, 100.0), 180);
        assert_eq!(scale(-1.0, 360, 100.0), 0);
        assert_eq!(scale(f64::NAN, 360, 100.0), 0);
        assert_eq!(scale(1.0, 360, 0.0), 0);
    }
}
