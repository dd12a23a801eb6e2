//! `/data`: the catalogue's listing page — a search box, facet lists with counts (each a
//! link that adds or removes that filter in the query string), a sort choice, pages of
//! results with organisation, formats, freshness and date. No JavaScript: every state is a
//! URL. It calls [`crate::catalog::search`], the same search as CKAN's `package_search`.
//!
//! Query string (CKAN's field names, so links from other pages read naturally):
//! `q`, `organization`, `groups`, `tags`, `res_format`, `license_id`, `regions` (each may
//! repeat; all filters must hold), `sort` (`relevance`, `newest`, `modified`, `title`,
//! `name`), `page` (from 1). An unknown sort or a page that is not a number is a 400.

use askama::Template;
use axum::extract::Query;
use axum::response::Response;
use platform::authz::Access;
use platform::error::{AppError, AppResult};
use platform::i18n::Tr;
use platform::web::routes::urlencode;
use platform::web::{PageCtx, Routes};

use crate::catalog::search::{self, FACETS, Search, Sort};
use crate::ckan::queries as ckan_queries;
use crate::freshness::Freshness;
use crate::licences;

/// Results per page.
pub const PER_PAGE: u64 = 20;
/// Values shown per facet.
const FACET_LIMIT: u64 = 15;
/// Longest query accepted (characters); longer ones are cut.
const MAX_Q: usize = 200;

pub fn routes() -> Routes {
    Routes::new().get("/data", Access::Public, page)
}

/// The listing's state, as parsed from (and written back to) the query string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct State {
    q: String,
    /// (facet field, value) in the order given.
    filters: Vec<(String, String)>,
    sort: Option<Sort>,
    page: u64,
}

impl State {
    fn parse(pairs: &[(String, String)]) -> AppResult<State> {
        let mut s = State {
            page: 1,
            ..State::default()
        };
        for (k, v) in pairs {
            let v = v.trim();
            match k.as_str() {
                "q" => s.q = v.chars().take(MAX_Q).collect(),
                "sort" if v.is_empty() => {}
                "sort" => {
                    s.sort =
                        Some(Sort::parse(v).ok_or(AppError::BadRequest("data-listing-bad-query"))?)
                }
                "page" if v.is_empty() => {}
                "page" => {
                    s.page = v
                        .parse::<u64>()
                        .ok()
                        .filter(|p| (1..=100_000).contains(p))
                        .ok_or(AppError::BadRequest("data-listing-bad-query"))?
                }
                f if FACETS.contains(&f) && !v.is_empty() => {
                    let pair = (f.to_string(), v.chars().take(MAX_Q).collect());
                    if !s.filters.contains(&pair) {
                        s.filters.push(pair);
                    }
                }
                // Unknown parameters (tracking tags, old links) change nothing.
                _ => {}
            }
        }
        Ok(s)
    }

    fn search(&self) -> Search {
        let mut s = Search {
            q: self.q.clone(),
            sort: self.sort.unwrap_or_default(),
            rows: PER_PAGE,
            start: (self.page - 1) * PER_PAGE,
            facet_limit: FACET_LIMIT,
            ..Search::default()
        };
        for (field, value) in &self.filters {
            if let Some(values) = s.filter_mut(field) {
                values.push(value.clone());
            }
        }
        s
    }

    fn has(&self, field: &str, value: &str) -> bool {
        self.filters.iter().any(|(f, v)| f == field && v == value)
    }

    /// `/data?…` for this state (page 1 unless given).
    fn href(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        if !self.q.is_empty() {
            parts.push(format!("q={}", urlencode(&self.q)));
        }
        for (f, v) in &self.filters {
            parts.push(format!("{f}={}", urlencode(v)));
        }
        if let Some(sort) = self.sort {
            parts.push(format!("sort={}", sort.as_str()));
        }
        if self.page > 1 {
            parts.push(format!("page={}", self.page));
        }
        if parts.is_empty() {
            "/data".into()
        } else {
            format!("/data?{}", parts.join("&"))
        }
    }

    /// This state with filter (field, value) added or, when present, removed; page 1.
    fn toggled(&self, field: &str, value: &str) -> State {
        let mut s = self.clone();
        s.page = 1;
        if s.has(field, value) {
            s.filters.retain(|(f, v)| !(f == field && v == value));
        } else {
            s.filters.push((field.to_string(), value.to_string()));
        }
        s
    }

    fn at_page(&self, page: u64) -> State {
        State {
            page,
            ..self.clone()
        }
    }
}

struct FacetView {
    field: &'static str,
    title: String,
    items: Vec<FacetLink>,
}

struct FacetLink {
    label: String,
    count: u64,
    href: String,
    active: bool,
}

struct ActiveFilter {
    label: String,
    remove_href: String,
}

struct ResultView {
    name: String,
    title: String,
    organisation_id: String,
    organisation_name: String,
    summary: String,
    formats: Vec<String>,
    freshness_state: &'static str,
    freshness_label: String,
    freshness_class: &'static str,
    updated: String,
}

struct SortOption {
    value: &'static str,
    label: String,
    selected: bool,
}

struct Hidden {
    name: String,
    value: String,
}

#[derive(Template)]
#[template(path = "listing/index.html")]
struct ListingPage<'a> {
    t: &'a Tr,
    q: String,
    count_text: String,
    results: Vec<ResultView>,
    facets: Vec<FacetView>,
    active: Vec<ActiveFilter>,
    sorts: Vec<SortOption>,
    hidden: Vec<Hidden>,
    prev: Option<String>,
    next: Option<String>,
    page_text: String,
    clear_href: Option<String>,
}

fn facet_title_key(field: &str) -> &'static str {
    match field {
        "organization" => "data-listing-facet-organization",
        "groups" => "data-listing-facet-groups",
        "tags" => "data-listing-facet-tags",
        "res_format" => "data-listing-facet-res_format",
        "license_id" => "data-listing-facet-license_id",
        _ => "data-listing-facet-regions",
    }
}

/// The first sentence-ish of a description: at most 200 characters, cut at a word.
fn summary(notes: &str) -> String {
    let flat = notes.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 200 {
        return flat;
    }
    let cut: String = flat.chars().take(200).collect();
    match cut.rfind(' ') {
        Some(i) => format!("{}…", &cut[..i]),
        None => format!("{cut}…"),
    }
}

async fn page(ctx: PageCtx, Query(pairs): Query<Vec<(String, String)>>) -> AppResult<Response> {
    let state = State::parse(&pairs)?;
    let result = search::search(&ctx.state.db, &state.search()).await?;
    let t = &ctx.t;
    let now = ctx.state.clock.now();
    let groups = ckan_queries::groups(&ctx.state.db).await?;
    let label = |field: &str, name: &str, display: &str| -> String {
        match field {
            "groups" => groups
                .iter()
                .find(|g| g.id == name)
                .map(|g| ctx.pick(&g.title_id, &g.title_en).to_string())
                .unwrap_or_else(|| display.to_string()),
            "license_id" => licences::find(name)
                .map(|l| l.title.to_string())
                .unwrap_or_else(|| display.to_string()),
            _ => display.to_string(),
        }
    };

    let mut facets = Vec::new();
    for field in FACETS {
        let items: Vec<FacetLink> = result
            .facets
            .get(field)
            .iter()
            .map(|i| FacetLink {
                label: label(field, &i.name, &i.display_name),
                count: i.count,
                href: state.toggled(field, &i.name).href(),
                active: state.has(field, &i.name),
            })
            .collect();
        if !items.is_empty() {
            facets.push(FacetView {
                field,
                title: t.t(facet_title_key(field)),
                items,
            });
        }
    }
    let active: Vec<ActiveFilter> = state
        .filters
        .iter()
        .map(|(f, v)| {
            // Facet labels come from the results; a filter matching nothing shows its value.
            let display = result
                .facets
                .get(f)
                .iter()
                .find(|i| &i.name == v)
                .map(|i| i.display_name.clone())
                .unwrap_or_else(|| v.clone());
            ActiveFilter {
                label: format!("{}: {}", t.t(facet_title_key(f)), label(f, v, &display)),
                remove_href: state.toggled(f, v).href(),
            }
        })
        .collect();

    let results = result
        .datasets
        .iter()
        .map(|d| {
            let (fresh, _) = d.freshness(now);
            let mut formats: Vec<String> = d
                .version
                .resources
                .iter()
                .map(|r| r.format.to_uppercase())
                .filter(|f| !f.is_empty())
                .collect();
            formats.sort();
            formats.dedup();
            let updated = d
                .data_updated_at
                .or(d.version.verified_at)
                .map(|at| t.date(&at.date_naive()))
                .unwrap_or_default();
            ResultView {
                name: d.name.clone(),
                title: d.version.title.clone(),
                organisation_id: d.organisation_id.clone(),
                organisation_name: d.organisation_name.clone(),
                summary: summary(&d.version.notes),
                formats,
                freshness_state: fresh.as_str(),
                freshness_label: t.t(&fresh.key()),
                freshness_class: if fresh == Freshness::Fresh {
                    "ok"
                } else {
                    "warn"
                },
                updated,
            }
        })
        .collect();

    let pages = result.count.div_ceil(PER_PAGE).max(1);
    let sorts = Sort::ALL
        .iter()
        .map(|s| SortOption {
            value: s.as_str(),
            label: t.t(&format!("data-listing-sort-{}", s.as_str())),
            selected: state.sort.unwrap_or_default() == *s,
        })
        .collect();
    let hidden = state
        .filters
        .iter()
        .map(|(f, v)| Hidden {
            name: f.clone(),
            value: v.clone(),
        })
        .collect();
    let body = ListingPage {
        t,
        q: state.q.clone(),
        count_text: t.tn(
            "data-listing-count",
            "count",
            i64::try_from(result.count).unwrap_or(i64::MAX),
        ),
        results,
        facets,
        active,
        sorts,
        hidden,
        prev: (state.page > 1).then(|| state.at_page(state.page - 1).href()),
        next: (state.page < pages).then(|| state.at_page(state.page + 1).href()),
        page_text: t.ta(
            "data-listing-page",
            &[
                ("page", platform::i18n::Arg::Num(state.page as f64)),
                ("pages", platform::i18n::Arg::Num(pages as f64)),
            ],
        ),
        clear_href: (!state.filters.is_empty() || !state.q.is_empty()).then(|| "/data".to_string()),
    };
    ctx.page(&t.t("data-listing-title"), &body)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn the_query_string_round_trips_and_filters_toggle() {
        let s = State::parse(&pairs(&[
            ("q", " padi sawah "),
            ("tags", "air bersih"),
            ("organization", "distan"),
            ("tags", "air bersih"),
            ("sort", "title"),
            ("page", "2"),
            ("utm_source", "x"),
        ]))
        .unwrap();
        assert_eq!(s.filters.len(), 2);
        assert_eq!(
            s.href(),
            "/data?q=padi%20sawah&tags=air%20bersih&organization=distan&sort=title&page=2"
        );
        let without = s.toggled("tags", "air bersih");
        assert_eq!(
            without.href(),
            "/data?q=padi%20sawah&organization=distan&sort=title"
        );
        assert!(without.toggled("tags", "padi").has("tags", "padi"));
        assert!(State::parse(&pairs(&[("sort", "price")])).is_err());
        assert!(State::parse(&pairs(&[("page", "0")])).is_err());
        assert!(State::parse(&pairs(&[("page", "x")])).is_err());
        assert_eq!(State::parse(&[]).unwrap().href(), "/data");
    }

    #[test]
    fn summaries_cut_at_a_word() {
        let long = "kata ".repeat(100);
        let s = summary(&long);
        assert!(s.ends_with('…') && s.chars().count() <= 201);
        assert_eq!(summary("a\n\nb"), "a b");
    }
}
