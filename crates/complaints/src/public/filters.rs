//! The public list's filters, read from GET query parameters (shared by `/pengaduan` and
//! `GET /api/v1/complaints`). Empty values mean "any"; a value that cannot be right is a
//! 400, never a silently empty list.

use chrono::{NaiveDate, TimeZone, Utc};
use platform::error::AppError;

use super::sql::Bind;
use crate::submission::KINDS;

pub const PER_PAGE: i64 = 20;
const BAD: AppError = AppError::BadRequest("complaint-error-filter");

#[derive(Clone, Debug, Default)]
pub struct Filters {
    pub kind: String,
    pub category: String,
    pub organisation: String,
    pub district: String,
    pub village: String,
    pub status: String,
    pub overdue: bool,
    pub year: Option<i32>,
    pub q: String,
    pub page: i64,
}

/// Category and organisation ids: lowercase letters, digits, `-`, `_` and `.`
/// (`kec-35.22.15`).
fn slug_like(s: &str) -> bool {
    s.len() <= 80
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "-_.".contains(c))
}

/// `35.22.01` (parts = 3) or `35.22.01.2001` (parts = 4) inside the regency.
fn region_code(s: &str, parts: usize) -> bool {
    let split: Vec<&str> = s.split('.').collect();
    s.starts_with("35.22.")
        && split.len() == parts
        && split
            .iter()
            .all(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
}

impl Filters {
    pub fn parse(pairs: &[(String, String)]) -> Result<Filters, AppError> {
        let mut f = Filters {
            page: 1,
            ..Filters::default()
        };
        for (key, value) in pairs {
            let v = value.trim();
            if v.is_empty() {
                continue;
            }
            match key.as_str() {
                "kind" if KINDS.contains(&v) => f.kind = v.into(),
                "category" if slug_like(v) => f.category = v.into(),
                "organisation" if slug_like(v) => f.organisation = v.into(),
                "district" if region_code(v, 3) => f.district = v.into(),
                "village" if region_code(v, 4) => f.village = v.into(),
                "status" if crate::COMPLAINT.state(v).is_some() => f.status = v.into(),
                "overdue" if matches!(v, "1" | "true") => f.overdue = true,
                "overdue" if matches!(v, "0" | "false") => f.overdue = false,
                "year" => match v.parse::<i32>() {
                    Ok(y) if (2000..=2100).contains(&y) => f.year = Some(y),
                    _ => return Err(BAD),
                },
                "q" if v.chars().count() <= 100 => f.q = v.into(),
                "page" => match v.parse::<i64>() {
                    Ok(p) if (1..=10_000).contains(&p) => f.page = p,
                    _ => return Err(BAD),
                },
                "kind" | "category" | "organisation" | "district" | "village" | "status"
                | "overdue" | "q" => return Err(BAD),
                // Other parameters (a language switch, a cache buster) are not filters.
                _ => {}
            }
        }
        Ok(f)
    }

    /// SQL conditions and their values (placeholders numbered from `$1`).
    pub fn sql(&self) -> (Vec<String>, Vec<Bind>) {
        let mut conditions = Vec::new();
        let mut binds = Vec::new();
        let mut text = |column: &str, value: &str, conditions: &mut Vec<String>| {
            if !value.is_empty() {
                binds.push(Bind::Text(value.to_string()));
                conditions.push(format!("{column} = ${}", binds.len()));
            }
        };
        text("k.kind", &self.kind, &mut conditions);
        text("k.category_id", &self.category, &mut conditions);
        text("c.organisation_id", &self.organisation, &mut conditions);
        text("k.district_code", &self.district, &mut conditions);
        text("k.region_code", &self.village, &mut conditions);
        text("c.state", &self.status, &mut conditions);
        if self.overdue {
            binds.push(Bind::Bool(true));
            conditions.push(format!("c.overdue = ${}", binds.len()));
        }
        if let Some(year) = self.year {
            let start = |y: i32| {
                NaiveDate::from_ymd_opt(y, 1, 1)
                    .and_then(|d| d.and_hms_opt(0, 0, 0))
                    .map(|d| Utc.from_utc_datetime(&d))
            };
            if let (Some(from), Some(to)) = (start(year), start(year + 1)) {
                binds.push(Bind::Time(from));
                binds.push(Bind::Time(to));
                conditions.push(format!(
                    "c.opened_at >= ${} AND c.opened_at < ${}",
                    binds.len() - 1,
                    binds.len()
                ));
            }
        }
        if !self.q.is_empty() {
            let escaped = self
                .q
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            binds.push(Bind::Text(format!("%{escaped}%")));
            let n = binds.len();
            conditions.push(format!(
                "(LOWER(k.title) LIKE LOWER(${n}) ESCAPE '\\' OR LOWER(k.description) LIKE LOWER(${n}) ESCAPE '\\')"
            ));
        }
        (conditions, binds)
    }

    /// The query string of these filters for `page` (pager links).
    pub fn query_for(&self, page: i64) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut add = |k: &str, v: &str| {
            if !v.is_empty() {
                parts.push(format!("{k}={}", platform::web::routes::urlencode(v)));
            }
        };
        add("kind", &self.kind);
        add("category", &self.category);
        add("organisation", &self.organisation);
        add("district", &self.district);
        add("village", &self.village);
        add("status", &self.status);
        add("overdue", if self.overdue { "1" } else { "" });
        add(
            "year",
            &self.year.map(|y| y.to_string()).unwrap_or_default(),
        );
        add("q", &self.q);
        add("page", &page.to_string());
        parts.join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn good_filters_bind_every_value_and_bad_ones_are_refused() {
        let f = Filters::parse(&pairs(&[
            ("kind", "aspirasi"),
            ("district", "35.22.01"),
            ("year", "2026"),
            ("q", "50%_jalan"),
            ("lang", "en"),
            ("organisation", "kec-35.22.15"),
        ]))
        .unwrap();
        let (conditions, binds) = f.sql();
        assert_eq!(binds.len(), 6);
        assert!(conditions.iter().all(|c| !c.contains("jalan")));
        for bad in [
            ("kind", "gosip"),
            ("district", "35.23.01"),
            ("village", "35.22.01"),
            ("status", "'; DROP"),
            ("year", "abc"),
            ("page", "0"),
            ("overdue", "mungkin"),
            ("organisation", "Dinas Kominfo"),
        ] {
            assert!(Filters::parse(&pairs(&[bad])).is_err(), "{bad:?}");
        }
    }
}
