//! `GET /pengaduan/statistik` (totals, a bar chart of complaints per month with its table,
//! and the tables per organisation and per category, sorted by any column through links)
//! and `GET /pengaduan/statistik.csv` (both tables, for a spreadsheet). Query parameters:
//! `tahun` (a year, or `semua`; default this year), `jenis` (a kind) and, on the page,
//! `urut` (a column, `-column` for descending).

use std::cmp::Ordering;

use askama::Template;
use axum::extract::Query;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::Datelike;
use platform::error::{AppError, AppResult};
use platform::i18n::{Lang, Tr};
use platform::web::PageCtx;
use platform::web::routes::urlencode;

use super::{Figures, Line, Selection, Snapshot, maybe, percent, snapshot};
use crate::submission::KINDS;

/// The word for "every year" in `tahun`.
pub const ALL_YEARS: &str = "semua";

/// The sortable columns: (value of `urut`, Fluent key of the header, numeric).
const COLUMNS: [(&str, &str, bool); 9] = [
    ("nama", "", false),
    ("diterima", "complaint-stats-col-received", true),
    ("terbuka", "complaint-stats-col-open", true),
    ("selesai", "complaint-stats-col-completed", true),
    ("terlambat", "complaint-stats-col-overdue", true),
    ("median", "complaint-stats-col-median", true),
    ("tepat", "complaint-stats-col-on-time", true),
    ("nilai", "complaint-stats-col-rating", true),
    ("jumlah-nilai", "complaint-stats-col-ratings", true),
];

/// A sort order: a column of [`COLUMNS`] and its direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sort {
    pub column: &'static str,
    pub descending: bool,
}

impl Sort {
    /// Most complaints first.
    pub const DEFAULT: Sort = Sort {
        column: "diterima",
        descending: true,
    };

    pub fn parse(value: &str) -> Result<Sort, AppError> {
        let v = value.trim();
        if v.is_empty() {
            return Ok(Sort::DEFAULT);
        }
        let (descending, name) = match v.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, v),
        };
        COLUMNS
            .iter()
            .find(|(c, _, _)| *c == name)
            .map(|(column, _, _)| Sort { column, descending })
            .ok_or(AppError::BadRequest("complaint-error-filter"))
    }

    pub fn value(self) -> String {
        if self.descending {
            format!("-{}", self.column)
        } else {
            self.column.to_string()
        }
    }

    /// Compare two lines by this column; lines without a value (no median yet) go last
    /// either way, and ties fall back to the name.
    pub fn compare(self, a: &Line, b: &Line) -> Ordering {
        let key = |l: &Line| -> Option<f64> {
            let f = &l.figures;
            #[expect(clippy::cast_precision_loss, reason = "counts are far below 2^52")]
            match self.column {
                "diterima" => Some(f.received as f64),
                "terbuka" => Some(f.open_now as f64),
                "selesai" => Some(f.completed as f64),
                "terlambat" => Some(f.overdue_now as f64),
                "median" => f.median_days,
                "tepat" => f.on_time_share(),
                "nilai" => f.average_rating(),
                "jumlah-nilai" => Some(f.ratings as f64),
                _ => None,
            }
        };
        let by_name = a.name.to_lowercase().cmp(&b.name.to_lowercase());
        if self.column == "nama" {
            return if self.descending {
                by_name.reverse()
            } else {
                by_name
            };
        }
        let ordered = match (key(a), key(b)) {
            (Some(x), Some(y)) => {
                let o = x.partial_cmp(&y).unwrap_or(Ordering::Equal);
                if self.descending { o.reverse() } else { o }
            }
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => Ordering::Equal,
        };
        ordered.then(by_name)
    }
}

fn param<'a>(pairs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

fn selection(ctx: &PageCtx, pairs: &[(String, String)]) -> Result<Selection, AppError> {
    Selection::parse(
        param(pairs, "tahun"),
        param(pairs, "jenis"),
        ALL_YEARS,
        ctx.state.clock.today().year(),
    )
}

/// The query string of a selection (and a sort), for links.
fn query(s: &Selection, sort: Option<Sort>) -> String {
    let mut parts = vec![format!(
        "tahun={}",
        s.year
            .map_or_else(|| ALL_YEARS.to_string(), |y| y.to_string())
    )];
    if let Some(k) = &s.kind {
        parts.push(format!("jenis={}", urlencode(k)));
    }
    if let Some(sort) = sort {
        parts.push(format!("urut={}", urlencode(&sort.value())));
    }
    parts.join("&")
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct Header {
    pub label: String,
    pub href: String,
    /// `ascending`/`descending` on the sorted column (`aria-sort`), else empty.
    pub sorted: &'static str,
}

pub struct RowView {
    pub name: String,
    /// The public list filtered to this line (none for complaints not routed yet).
    pub list_href: Option<String>,
    /// The organisation's report card.
    pub card_href: Option<String>,
    pub cells: Vec<String>,
}

pub struct Fact {
    pub label: String,
    pub value: String,
}

pub struct Bar {
    pub x: i64,
    pub y: i64,
    pub height: i64,
    pub label: String,
    pub value: String,
}

pub struct Chart {
    pub width: i64,
    pub height: i64,
    pub bars: Vec<Bar>,
    pub bar_width: i64,
    pub baseline: i64,
}

#[derive(Template)]
#[template(path = "statistics/page.html")]
struct StatsPage<'a> {
    t: &'a Tr,
    heading: String,
    as_of: String,
    rules: String,
    years: Vec<Choice>,
    kinds: Vec<Choice>,
    totals: Vec<Fact>,
    chart: Chart,
    chart_title: String,
    periods: Vec<Fact>,
    headers: Vec<Header>,
    org_header: Header,
    cat_header: Header,
    organisations: Vec<RowView>,
    categories: Vec<RowView>,
    csv_href: String,
}

fn cells(lang: Lang, t: &Tr, f: &Figures) -> Vec<String> {
    vec![
        t.number(&f.received),
        t.number(&f.open_now),
        t.number(&f.completed),
        t.number(&f.overdue_now),
        maybe(lang, f.median_days),
        percent(lang, f.on_time_share()),
        maybe(lang, f.average_rating()),
        t.number(&f.ratings),
    ]
}

/// A bar chart of `periods` as plain SVG numbers (the template draws it).
fn chart(lang: Lang, periods: &[(String, i64)]) -> Chart {
    const HEIGHT: i64 = 160;
    const TOP: i64 = 16;
    const BAR: i64 = 28;
    const GAP: i64 = 8;
    let max = periods.iter().map(|(_, n)| *n).max().unwrap_or(0).max(1);
    let n = i64::try_from(periods.len()).unwrap_or(0);
    let bars = periods
        .iter()
        .zip(0_i64..)
        .map(|((period, count), i)| {
            let height = count * (HEIGHT - TOP) / max;
            Bar {
                x: GAP + i * (BAR + GAP),
                y: HEIGHT - height,
                height,
                label: period_label(lang, period),
                value: platform::i18n::format_number(*count),
            }
        })
        .collect();
    Chart {
        width: GAP + n * (BAR + GAP),
        height: HEIGHT + 20,
        bars,
        bar_width: BAR,
        baseline: HEIGHT,
    }
}

/// `2026-03` → `Mar` (short month name); `2026` stays.
fn period_label(lang: Lang, period: &str) -> String {
    match period.split_once('-') {
        Some((_, m)) => {
            let month = m.parse::<u32>().unwrap_or(0);
            platform::i18n::month_name(lang, month)
                .chars()
                .take(3)
                .collect()
        }
        None => period.to_string(),
    }
}

fn period_name(lang: Lang, period: &str) -> String {
    match period.split_once('-') {
        Some((y, m)) => format!(
            "{} {y}",
            platform::i18n::month_name(lang, m.parse::<u32>().unwrap_or(0))
        ),
        None => period.to_string(),
    }
}

pub async fn page(ctx: PageCtx, Query(pairs): Query<Vec<(String, String)>>) -> AppResult<Response> {
    let s = selection(&ctx, &pairs)?;
    let sort = Sort::parse(param(&pairs, "urut").unwrap_or(""))?;
    let t = &ctx.t;
    let lang = t.lang;
    let mut snap: Snapshot = snapshot(&ctx.state, &s, lang).await?;
    snap.organisations.sort_by(|a, b| sort.compare(a, b));
    snap.categories.sort_by(|a, b| sort.compare(a, b));

    let mut years: Vec<i32> = super::sql::years(&ctx.state.db).await?;
    let this_year = ctx.state.clock.today().year();
    for y in [this_year, s.year.unwrap_or(this_year)] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_unstable_by(|a, b| b.cmp(a));
    let mut year_choices: Vec<Choice> = years
        .iter()
        .map(|y| Choice {
            value: y.to_string(),
            label: y.to_string(),
            selected: s.year == Some(*y),
        })
        .collect();
    year_choices.push(Choice {
        value: ALL_YEARS.into(),
        label: t.t("complaint-stats-all-years"),
        selected: s.year.is_none(),
    });
    let kinds = KINDS
        .iter()
        .map(|k| Choice {
            value: (*k).into(),
            label: t.t(&format!("complaint-kind-{k}")),
            selected: s.kind.as_deref() == Some(*k),
        })
        .collect();

    let header = |column: &'static str, label: String| {
        let numeric = COLUMNS
            .iter()
            .find(|(c, _, _)| *c == column)
            .is_some_and(|c| c.2);
        let next = if sort.column == column {
            Sort {
                column,
                descending: !sort.descending,
            }
        } else {
            // Numbers biggest first, names from A.
            Sort {
                column,
                descending: numeric,
            }
        };
        Header {
            label,
            href: format!("/pengaduan/statistik?{}", query(&s, Some(next))),
            sorted: match (sort.column == column, sort.descending) {
                (false, _) => "",
                (true, false) => "ascending",
                (true, true) => "descending",
            },
        }
    };
    let headers = COLUMNS
        .iter()
        .filter(|(c, _, _)| *c != "nama")
        .map(|(c, key, _)| header(c, t.t(key)))
        .collect();
    let year_param = s.year.map(|y| format!("&year={y}")).unwrap_or_default();
    let kind_param = s
        .kind
        .as_ref()
        .map(|k| format!("&kind={}", urlencode(k)))
        .unwrap_or_default();
    let organisations = snap
        .organisations
        .iter()
        .map(|l| RowView {
            name: if l.id.is_empty() {
                t.t("complaint-stats-not-routed")
            } else {
                l.name.clone()
            },
            list_href: (!l.id.is_empty()).then(|| {
                format!(
                    "/pengaduan?organisation={}{year_param}{kind_param}",
                    urlencode(&l.id)
                )
            }),
            card_href: (!l.id.is_empty()).then(|| format!("/organisasi/{}", urlencode(&l.id))),
            cells: cells(lang, t, &l.figures),
        })
        .collect();
    let categories = snap
        .categories
        .iter()
        .map(|l| RowView {
            name: l.name.clone(),
            list_href: Some(format!(
                "/pengaduan?category={}{year_param}{kind_param}",
                urlencode(&l.id)
            )),
            card_href: None,
            cells: cells(lang, t, &l.figures),
        })
        .collect();
    let total = &snap.total;
    let fact = |key: &str, value: String| Fact {
        label: t.t(key),
        value,
    };
    let totals = vec![
        fact("complaint-stats-col-received", t.number(&total.received)),
        fact("complaint-stats-col-open", t.number(&total.open_now)),
        fact("complaint-stats-col-completed", t.number(&total.completed)),
        fact("complaint-stats-col-overdue", t.number(&total.overdue_now)),
        fact("complaint-stats-col-median", maybe(lang, total.median_days)),
        fact(
            "complaint-stats-col-on-time",
            percent(lang, total.on_time_share()),
        ),
        fact(
            "complaint-stats-col-rating",
            maybe(lang, total.average_rating()),
        ),
        fact("complaint-stats-col-ratings", t.number(&total.ratings)),
    ];
    let title = match s.year {
        Some(y) => t.t1("complaint-stats-title-year", "year", &y.to_string()),
        None => t.t("complaint-stats-title"),
    };
    let page = StatsPage {
        t,
        heading: title.clone(),
        as_of: t.t1("complaint-stats-as-of", "time", &t.datetime(&snap.as_of)),
        rules: t.tn("complaint-stats-rules", "days", i64::from(snap.deadline)),
        years: year_choices,
        kinds,
        totals,
        chart: chart(lang, &snap.periods),
        chart_title: t.t(if s.year.is_some() {
            "complaint-stats-per-month"
        } else {
            "complaint-stats-per-year"
        }),
        periods: snap
            .periods
            .iter()
            .map(|(p, n)| Fact {
                label: period_name(lang, p),
                value: t.number(n),
            })
            .collect(),
        headers,
        org_header: header("nama", t.t("complaint-stats-organisation")),
        cat_header: header("nama", t.t("complaint-stats-category")),
        organisations,
        categories,
        csv_href: format!("/pengaduan/statistik.csv?{}", query(&s, None)),
    };
    ctx.page(&title, &page)
}

/// A CSV field: quoted when needed, and text that a spreadsheet would run as a formula
/// (`=`, `+`, `-`, `@` first) made inert with a leading apostrophe.
fn field(value: &str) -> String {
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

fn number(x: Option<f64>, digits: usize) -> String {
    x.map(|v| format!("{v:.digits$}")).unwrap_or_default()
}

/// Both tables as CSV (UTF-8 with a byte-order mark, so that Excel reads the names right):
/// one line per organisation and per category, numbers with a decimal point.
pub async fn csv(ctx: PageCtx, Query(pairs): Query<Vec<(String, String)>>) -> AppResult<Response> {
    let s = selection(&ctx, &pairs)?;
    let t = &ctx.t;
    let snap = snapshot(&ctx.state, &s, t.lang).await?;
    let header = [
        "complaint-stats-csv-table",
        "complaint-stats-csv-id",
        "complaint-stats-csv-name",
        "complaint-stats-col-received",
        "complaint-stats-col-open",
        "complaint-stats-col-completed",
        "complaint-stats-col-overdue",
        "complaint-stats-csv-followed-up",
        "complaint-stats-col-median",
        "complaint-stats-csv-due",
        "complaint-stats-csv-on-time",
        "complaint-stats-csv-on-time-percent",
        "complaint-stats-col-ratings",
        "complaint-stats-col-rating",
    ];
    let mut out = String::from("\u{feff}");
    let line = |out: &mut String, cells: Vec<String>| {
        let fields: Vec<String> = cells.iter().map(|c| field(c)).collect();
        out.push_str(&fields.join(","));
        out.push_str("\r\n");
    };
    line(&mut out, header.iter().map(|k| t.t(k)).collect());
    let tables = [
        (t.t("complaint-stats-organisation"), &snap.organisations),
        (t.t("complaint-stats-category"), &snap.categories),
    ];
    for (table, lines) in tables {
        for l in lines {
            let f = &l.figures;
            let name = if l.id.is_empty() {
                t.t("complaint-stats-not-routed")
            } else {
                l.name.clone()
            };
            line(
                &mut out,
                vec![
                    table.clone(),
                    l.id.clone(),
                    name,
                    f.received.to_string(),
                    f.open_now.to_string(),
                    f.completed.to_string(),
                    f.overdue_now.to_string(),
                    f.followed_up.to_string(),
                    number(f.median_days, 1),
                    f.due.to_string(),
                    f.on_time.to_string(),
                    number(f.on_time_share().map(|x| x * 100.0), 1),
                    f.ratings.to_string(),
                    number(f.average_rating(), 2),
                ],
            );
        }
    }
    let filename = format!(
        "attachment; filename=\"statistik-pengaduan-{}{}.csv\"",
        s.year
            .map_or_else(|| ALL_YEARS.to_string(), |y| y.to_string()),
        s.kind.as_ref().map(|k| format!("-{k}")).unwrap_or_default()
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, filename),
        ],
        out,
    )
        .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(name: &str, received: i64, median: Option<f64>) -> Line {
        Line {
            id: name.to_lowercase(),
            name: name.into(),
            figures: Figures {
                received,
                median_days: median,
                ..Figures::default()
            },
        }
    }

    #[test]
    fn sorting_by_a_column_keeps_empty_values_last() {
        let mut lines = [
            line("B", 3, None),
            line("a", 5, Some(4.0)),
            line("C", 3, Some(1.0)),
        ];
        lines.sort_by(|x, y| Sort::DEFAULT.compare(x, y));
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["a", "B", "C"]);
        for descending in [false, true] {
            let sort = Sort {
                column: "median",
                descending,
            };
            lines.sort_by(|x, y| sort.compare(x, y));
            assert_eq!(lines.last().map(|l| l.name.as_str()), Some("B"));
        }
        let sort = Sort::parse("-nama").unwrap();
        lines.sort_by(|x, y| sort.compare(x, y));
        let names: Vec<&str> = lines.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["C", "B", "a"]);
        assert!(Sort::parse("id; DROP").is_err());
        assert_eq!(Sort::parse("").unwrap(), Sort::DEFAULT);
    }

    #[test]
    fn csv_fields_are_quoted_and_formulas_defused() {
        assert_eq!(field("Dinas PU"), "Dinas PU");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
    }
}
