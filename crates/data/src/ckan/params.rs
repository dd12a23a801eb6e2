//! The parameters of an action call as CKAN receives them: a query string (every value a
//! string, lists and objects JSON-encoded), a JSON object body, or a form body. Typed reads
//! that accept both spellings and refuse anything else with a Validation Error naming the
//! parameter, and the parsers of `package_search`'s `fq` and `sort`.

use std::collections::BTreeMap;

use serde_json::Value;

use super::CkanError;
use crate::catalog::search::{FACETS, Search, Sort};

/// An action's parameters by name.
#[derive(Clone, Debug, Default)]
pub struct Params(pub BTreeMap<String, Value>);

impl Params {
    pub fn from_pairs(pairs: Vec<(String, String)>) -> Params {
        Params(
            pairs
                .into_iter()
                .map(|(k, v)| (k, Value::String(v)))
                .collect(),
        )
    }

    fn raw(&self, key: &str) -> Option<&Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    /// A text parameter (numbers and booleans are taken as their text).
    pub fn text(&self, key: &str) -> Result<Option<String>, CkanError> {
        match self.raw(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(Value::Number(n)) => Ok(Some(n.to_string())),
            Some(Value::Bool(b)) => Ok(Some(b.to_string())),
            Some(_) => Err(CkanError::invalid(key, "data-api-error-not-text")),
        }
    }

    /// A required text parameter, not empty.
    pub fn required(&self, key: &str) -> Result<String, CkanError> {
        match self.text(key)? {
            Some(s) if !s.trim().is_empty() => Ok(s.trim().to_string()),
            _ => Err(CkanError::invalid(key, "data-api-error-missing")),
        }
    }

    /// A whole number within `min..=max`, `default` when absent or empty.
    pub fn int(&self, key: &str, default: i64, min: i64, max: i64) -> Result<i64, CkanError> {
        let n = match self.raw(key) {
            None => return Ok(default),
            Some(Value::Number(n)) => n.as_i64(),
            Some(Value::String(s)) if s.trim().is_empty() => return Ok(default),
            Some(Value::String(s)) => s.trim().parse::<i64>().ok(),
            Some(_) => None,
        };
        match n {
            Some(n) if (min..=max).contains(&n) => Ok(n),
            Some(_) => Err(CkanError::invalid_args(
                key,
                "data-api-error-out-of-range",
                vec![("min", min.to_string()), ("max", max.to_string())],
            )),
            None => Err(CkanError::invalid(key, "data-api-error-not-integer")),
        }
    }

    /// A true/false parameter (`true`, `false`, `1`, `0`, any case).
    pub fn flag(&self, key: &str, default: bool) -> Result<bool, CkanError> {
        match self.raw(key) {
            None => Ok(default),
            Some(Value::Bool(b)) => Ok(*b),
            Some(Value::Number(n)) if n.as_i64() == Some(1) => Ok(true),
            Some(Value::Number(n)) if n.as_i64() == Some(0) => Ok(false),
            Some(Value::String(s)) => match s.trim().to_ascii_lowercase().as_str() {
                "true" | "1" | "yes" | "on" => Ok(true),
                "false" | "0" | "no" | "off" => Ok(false),
                "" => Ok(default),
                _ => Err(CkanError::invalid(key, "data-api-error-not-boolean")),
            },
            Some(_) => Err(CkanError::invalid(key, "data-api-error-not-boolean")),
        }
    }

    /// A list of texts: a JSON list (or its JSON text), or a comma-separated text when
    /// `commas` (datastore's `fields`).
    pub fn list(&self, key: &str, commas: bool) -> Result<Option<Vec<String>>, CkanError> {
        let value = match self.raw(key) {
            None => return Ok(None),
            Some(Value::String(s)) if s.trim_start().starts_with('[') => {
                serde_json::from_str::<Value>(s)
                    .map_err(|_| CkanError::invalid(key, "data-api-error-not-list"))?
            }
            Some(Value::String(s)) if commas => {
                return Ok(Some(
                    s.split(',')
                        .map(|p| p.trim().to_string())
                        .filter(|p| !p.is_empty())
                        .collect(),
                ));
            }
            Some(v) => v.clone(),
        };
        let Value::Array(items) = value else {
            return Err(CkanError::invalid(key, "data-api-error-not-list"));
        };
        items
            .into_iter()
            .map(|v| match v {
                Value::String(s) => Ok(s),
                _ => Err(CkanError::invalid(key, "data-api-error-not-list")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// A JSON object (or its JSON text).
    pub fn object(&self, key: &str) -> Result<Option<serde_json::Map<String, Value>>, CkanError> {
        let value = match self.raw(key) {
            None => return Ok(None),
            Some(Value::String(s)) if s.trim().is_empty() => return Ok(None),
            Some(Value::String(s)) => serde_json::from_str::<Value>(s)
                .map_err(|_| CkanError::invalid(key, "data-api-error-not-object"))?,
            Some(v) => v.clone(),
        };
        match value {
            Value::Object(map) => Ok(Some(map)),
            _ => Err(CkanError::invalid(key, "data-api-error-not-object")),
        }
    }
}

/// Apply a Solr-style filter query (`fq`) as CKAN clients send it to `search`. Understood:
/// clauses `field:value` or `field:"quoted value"`, optionally prefixed with `+`, joined by
/// spaces or `AND`, on the facet fields (organization, groups, tags, res_format, license_id,
/// regions); `dataset_type:dataset` and `capacity:public` (always true here) are accepted
/// and change nothing. Anything else (OR, negation, ranges, wildcards, other fields) is
/// refused rather than silently ignored.
pub fn apply_fq(fq: &str, search: &mut Search) -> Result<(), CkanError> {
    let refuse = |clause: &str| {
        CkanError::invalid_args(
            "fq",
            "data-api-error-fq",
            vec![("clause", clause.chars().take(80).collect())],
        )
    };
    let mut rest = fq.trim();
    while !rest.is_empty() {
        // One clause: optional '+', a field name, ':', a value (quoted or up to whitespace).
        let clause_start = rest;
        let body = rest.strip_prefix('+').unwrap_or(rest);
        if let Some(after) = body.strip_prefix("AND")
            && (after.is_empty() || after.starts_with(char::is_whitespace))
        {
            rest = after.trim_start();
            continue;
        }
        let Some((field, after_colon)) = body.split_once(':') else {
            return Err(refuse(clause_start));
        };
        if field.is_empty() || !field.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(refuse(clause_start));
        }
        let (value, remainder) = if let Some(quoted) = after_colon.strip_prefix('"') {
            let mut value = String::new();
            let mut chars = quoted.char_indices();
            let mut end = None;
            while let Some((i, c)) = chars.next() {
                match c {
                    '\\' => match chars.next() {
                        Some((_, escaped)) => value.push(escaped),
                        None => return Err(refuse(clause_start)),
                    },
                    '"' => {
                        end = Some(i + 1);
                        break;
                    }
                    c => value.push(c),
                }
            }
            let Some(end) = end else {
                return Err(refuse(clause_start));
            };
            (value, &quoted[end..])
        } else {
            let end = after_colon
                .find(char::is_whitespace)
                .unwrap_or(after_colon.len());
            let raw = &after_colon[..end];
            // Unquoted Solr syntax we do not implement: ranges, wildcards, grouping.
            if raw.is_empty()
                || raw.chars().any(|c| {
                    matches!(
                        c,
                        '[' | ']' | '{' | '}' | '(' | ')' | '*' | '?' | '"' | '\\' | ':'
                    )
                })
            {
                return Err(refuse(clause_start));
            }
            (raw.to_string(), &after_colon[end..])
        };
        if let Some(r) = remainder.chars().next()
            && !r.is_whitespace()
        {
            return Err(refuse(clause_start));
        }
        match (field, value.as_str()) {
            ("dataset_type", "dataset") | ("capacity", "public") => {}
            (field, _) if FACETS.contains(&field) => {
                if let Some(values) = search.filter_mut(field)
                    && !values.contains(&value)
                {
                    values.push(value);
                }
            }
            _ => return Err(refuse(clause_start)),
        }
        rest = remainder.trim_start();
    }
    Ok(())
}

/// CKAN's `sort` values this portal answers: the first clause decides; the orders CKAN's
/// own pages offer are understood, others refused.
pub fn parse_sort(sort: &str) -> Result<Sort, CkanError> {
    let normalised: Vec<String> = sort
        .split(',')
        .map(|c| {
            c.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        })
        .filter(|c| !c.is_empty())
        .collect();
    let Some(first) = normalised.first() else {
        return Ok(Sort::Relevance);
    };
    match first.as_str() {
        "score desc" | "score" => Ok(Sort::Relevance),
        "metadata_modified desc" => Ok(Sort::Modified),
        "metadata_created desc" => Ok(Sort::Newest),
        "title_string asc" | "title_string" | "title asc" => Ok(Sort::Title),
        "name asc" | "name" => Ok(Sort::Name),
        _ => Err(CkanError::invalid_args(
            "sort",
            "data-api-error-sort",
            vec![("sort", sort.chars().take(80).collect())],
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fq(s: &str) -> Result<Search, CkanError> {
        let mut search = Search::default();
        apply_fq(s, &mut search).map(|()| search)
    }

    #[test]
    fn filter_queries_as_clients_send_them() {
        let s = fq(r#"organization:disdik +tags:"air bersih" AND res_format:CSV"#).unwrap();
        assert_eq!(s.organisations, vec!["disdik"]);
        assert_eq!(s.tags, vec!["air bersih"]);
        assert_eq!(s.formats, vec!["CSV"]);
        let s = fq(
            "+dataset_type:dataset +capacity:public license_id:cc-by groups:ekonomi regions:35.22",
        )
        .unwrap();
        assert_eq!(
            (s.licences.len(), s.groups.len(), s.regions.len()),
            (1, 1, 1)
        );
        let s = fq(r#"tags:"say \"hi\"" tags:a tags:a"#).unwrap();
        assert_eq!(s.tags, vec![r#"say "hi""#, "a"]);
        assert!(fq("").unwrap().tags.is_empty());
    }

    #[test]
    fn unsupported_solr_syntax_is_refused() {
        for bad in [
            "tags:a OR tags:b",
            "-organization:disdik",
            "metadata_modified:[2020-01-01T00:00:00Z TO *]",
            "name:foo",
            "tags:sek*",
            "tags:\"open",
            "tags:",
            "justaword",
            "(tags:a)",
            "tags:\"a\"b",
            "'; DROP TABLE data_search; --",
        ] {
            assert!(fq(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sorts() {
        assert_eq!(
            parse_sort("score desc, metadata_modified desc").unwrap(),
            Sort::Relevance
        );
        assert_eq!(
            parse_sort("metadata_modified desc").unwrap(),
            Sort::Modified
        );
        assert_eq!(parse_sort("title_string  asc").unwrap(), Sort::Title);
        assert_eq!(parse_sort("name asc").unwrap(), Sort::Name);
        assert_eq!(parse_sort("").unwrap(), Sort::Relevance);
        assert!(parse_sort("title_string desc").is_err());
        assert!(parse_sort("id; DROP").is_err());
    }

    #[test]
    fn typed_params_accept_both_spellings() {
        let p = Params(
            [
                ("rows".to_string(), Value::String("25".into())),
                ("start".to_string(), serde_json::json!(5)),
                (
                    "ff".to_string(),
                    Value::String(r#"["tags","groups"]"#.into()),
                ),
                ("fl".to_string(), serde_json::json!(["a"])),
                ("bad".to_string(), Value::String("x".into())),
            ]
            .into_iter()
            .collect(),
        );
        assert_eq!(p.int("rows", 10, 0, 1000).unwrap(), 25);
        assert_eq!(p.int("start", 0, 0, i64::MAX).unwrap(), 5);
        assert_eq!(p.int("absent", 10, 0, 1000).unwrap(), 10);
        assert!(p.int("bad", 10, 0, 1000).is_err());
        assert!(p.int("rows", 10, 0, 20).is_err());
        assert_eq!(
            p.list("ff", false).unwrap().unwrap(),
            vec!["tags", "groups"]
        );
        assert_eq!(p.list("fl", false).unwrap().unwrap(), vec!["a"]);
        assert!(p.list("bad", false).is_err());
        assert_eq!(p.list("bad", true).unwrap().unwrap(), vec!["x"]);
    }
}
