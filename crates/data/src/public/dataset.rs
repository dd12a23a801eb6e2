//! `/data/{name}` (the dataset as the public sees it now), `/data/{name}/versi/{n}` (an
//! earlier verified version, with a banner saying so) and `/dataset/{name}` (CKAN's address
//! for the same page, moved permanently).

use askama::Template;
use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use platform::error::{AppError, AppResult, OptionExt};
use platform::i18n::Tr;
use platform::web::PageCtx;
use platform::web::routes::urlencode;

use super::{human_size, valid_name};
use crate::catalog::{self, Dataset, Resource};
use crate::freshness::Freshness;
use crate::licences;

/// A label and its value (metadata rows, coverage).
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// The freshness badge: state, label, due date.
pub struct FreshnessView {
    /// `fresh`, `due_soon`, `overdue` or `unpublished` (the badge's id for tests and styles).
    pub state: &'static str,
    pub label: String,
    /// `ok` or `warn`.
    pub class: &'static str,
    pub overdue: bool,
    /// "Next update due 3 December 2026" (none for irregular data).
    pub due: Option<String>,
    pub updated: Option<String>,
}

impl FreshnessView {
    pub fn of(t: &Tr, d: &Dataset, now: chrono::DateTime<chrono::Utc>) -> FreshnessView {
        let (state, due) = d.freshness(now);
        FreshnessView {
            state: state.as_str(),
            label: t.t(&state.key()),
            class: if state == Freshness::Fresh {
                "ok"
            } else {
                "warn"
            },
            overdue: state == Freshness::Overdue,
            due: due.map(|at| t.t1("data-public-due", "date", &t.datetime(&at))),
            updated: d.data_updated_at.map(|at| t.datetime(&at)),
        }
    }
}

pub struct ResourceRow {
    pub name: String,
    pub description: String,
    pub format: String,
    pub size: String,
    pub href: String,
    /// The data itself: the table as CSV, the uploaded file, or the link.
    pub data_href: String,
    pub data_label: String,
    pub tabular: bool,
}

impl ResourceRow {
    pub fn of(t: &Tr, dataset_name: &str, r: &Resource) -> ResourceRow {
        let href = format!("/data/{dataset_name}/sumber/{}", r.id);
        let (data_href, data_label) = if r.table_id.is_some() {
            (format!("{href}/unduh.csv"), t.t("data-public-download-csv"))
        } else if r.file_id.is_some() {
            (format!("{href}/berkas"), t.t("data-public-download-file"))
        } else {
            (r.url.clone(), t.t("data-public-open-link"))
        };
        ResourceRow {
            name: r.name.clone(),
            description: r.description.clone(),
            format: r.format.clone(),
            size: r
                .size_bytes
                .map(|b| human_size(t.lang, b))
                .unwrap_or_default(),
            href,
            data_href,
            data_label,
            tabular: r.table_id.is_some(),
        }
    }
}

pub struct HistoryRow {
    /// "Version 2".
    pub label: String,
    pub status: String,
    pub date: String,
    pub href: String,
    pub this: bool,
}

pub struct Link {
    pub label: String,
    pub href: String,
}

#[derive(Template)]
#[template(path = "public/dataset.html")]
struct DatasetPage<'a> {
    t: &'a Tr,
    title: String,
    organisation_id: String,
    organisation_name: String,
    paragraphs: Vec<Vec<String>>,
    /// Shown on an earlier version: its number and the address of the current one.
    banner: Option<String>,
    current_href: String,
    freshness: Option<FreshnessView>,
    frequency: String,
    licence: Link,
    metadata: Vec<Fact>,
    temporal: String,
    regions: Vec<Link>,
    tags: Vec<Link>,
    groups: Vec<Link>,
    contact: Option<Fact>,
    resources: Vec<ResourceRow>,
    history: Vec<HistoryRow>,
    machine: Vec<Link>,
    version_number: i64,
    verified: Option<String>,
    comments: Option<platform::comments::CommentsSection>,
}

/// Paragraphs (blank-line separated) of lines, for text shown with its line breaks.
pub fn paragraphs(text: &str) -> Vec<Vec<String>> {
    text.replace("\r\n", "\n")
        .split("\n\n")
        .map(|p| {
            p.lines()
                .map(|l| l.trim_end().to_string())
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// `GET /data/{name}`.
pub async fn page(ctx: PageCtx, Path(name): Path<String>) -> AppResult<Response> {
    if !valid_name(&name) {
        return Err(AppError::NotFound);
    }
    let dataset = catalog::published(&ctx.state.db, &name)
        .await?
        .filter(Dataset::is_public)
        .or_not_found()?;
    render(&ctx, dataset).await
}

/// `GET /data/{name}/versi/{number}`: an earlier public version; the current one is the
/// dataset page.
pub async fn version_page(
    ctx: PageCtx,
    Path((name, number)): Path<(String, String)>,
) -> AppResult<Response> {
    let number: i64 = number.parse().map_err(|_| AppError::NotFound)?;
    if !valid_name(&name) || number < 1 {
        return Err(AppError::NotFound);
    }
    let dataset = catalog::version(&ctx.state.db, &name, number)
        .await?
        .filter(Dataset::is_public)
        .or_not_found()?;
    if dataset.is_current() {
        return Ok(Redirect::to(&format!("/data/{name}")).into_response());
    }
    render(&ctx, dataset).await
}

/// `GET /dataset/{name}`: CKAN's address of a dataset page (what links from other portals
/// and CKAN clients' `url` fields follow), moved permanently to `/data/{name}`. The router
/// matches whole segments, so the DCAT files `/dataset/{name}.jsonld|.ttl` arrive here too
/// and go to [`crate::dcat::dataset_file`].
pub async fn ckan_address(ctx: PageCtx, Path(name): Path<String>) -> AppResult<Response> {
    if name.ends_with(".jsonld") || name.ends_with(".ttl") {
        return crate::dcat::dataset_file(ctx, Path(name)).await;
    }
    if !valid_name(&name) {
        return Err(AppError::NotFound);
    }
    // 301, as CKAN's moved pages and every harvester understand (axum's `permanent` is 308).
    let location = HeaderValue::from_str(&format!("/data/{name}"))
        .map_err(|e| AppError::Internal(e.into()))?;
    Ok((
        StatusCode::MOVED_PERMANENTLY,
        [(header::LOCATION, location)],
    )
        .into_response())
}

async fn render(ctx: &PageCtx, d: Dataset) -> AppResult<Response> {
    let t = &ctx.t;
    let now = ctx.state.clock.now();
    let v = &d.version;
    let current = d.is_current();
    let history = catalog::history(&ctx.state.db, d.id)
        .await?
        .into_iter()
        .filter(|h| matches!(h.status.as_str(), "verified" | "superseded"))
        .map(|h| HistoryRow {
            label: t.tn("data-public-version-n", "number", h.number),
            status: t.t(&format!("data-public-status-{}", h.status)),
            date: h.verified_at.map(|at| t.datetime(&at)).unwrap_or_default(),
            href: if h.status == "verified" {
                format!("/data/{}", d.name)
            } else {
                format!("/data/{}/versi/{}", d.name, h.number)
            },
            this: h.id == v.id,
        })
        .collect();
    let licence = match licences::find(&v.licence_id) {
        Some(l) => Link {
            label: l.title.to_string(),
            href: l.url.to_string(),
        },
        None => Link {
            label: v.licence_id.clone(),
            href: String::new(),
        },
    };
    let metadata = [
        ("data-public-concept", &v.concept),
        ("data-public-definition", &v.definition),
        ("data-public-unit", &v.unit),
        ("data-public-classification", &v.classification),
        ("data-public-measure", &v.measure),
    ]
    .into_iter()
    .filter(|(_, value)| !value.trim().is_empty())
    .map(|(key, value)| Fact {
        label: t.t(key),
        value: value.clone(),
    })
    .collect();
    let temporal = match (v.temporal_start, v.temporal_end) {
        (Some(a), Some(b)) => format!("{} – {}", t.date(&a), t.date(&b)),
        (Some(a), None) => t.t1("data-public-temporal-from", "date", &t.date(&a)),
        (None, Some(b)) => t.t1("data-public-temporal-until", "date", &t.date(&b)),
        (None, None) => String::new(),
    };
    let contact = (!v.contact_name.is_empty() || !v.contact_email.is_empty()).then(|| Fact {
        label: v.contact_name.clone(),
        value: v.contact_email.clone(),
    });
    let machine = vec![
        Link {
            label: "Data Package (datapackage.json)".into(),
            href: format!("/data/{}/datapackage.json", d.name),
        },
        Link {
            label: "DCAT JSON-LD".into(),
            href: format!("/dataset/{}.jsonld", d.name),
        },
        Link {
            label: "DCAT Turtle".into(),
            href: format!("/dataset/{}.ttl", d.name),
        },
        Link {
            label: "CKAN API (package_show)".into(),
            href: format!("/api/3/action/package_show?id={}", d.name),
        },
    ];
    let comments = if current {
        Some(
            platform::comments::section(ctx, super::comments::DATASET.item_type, &d.id.to_string())
                .await?,
        )
    } else {
        None
    };
    let page = DatasetPage {
        t,
        title: v.title.clone(),
        organisation_id: d.organisation_id.clone(),
        organisation_name: d.organisation_name.clone(),
        paragraphs: paragraphs(&v.notes),
        banner: (!current).then(|| t.tn("data-public-old-version", "number", v.number)),
        current_href: format!("/data/{}", d.name),
        freshness: current.then(|| FreshnessView::of(t, &d, now)),
        frequency: t.t(&d.frequency().key()),
        licence,
        metadata,
        temporal,
        regions: v
            .regions
            .iter()
            .map(|r| Link {
                // `KAB. BOJONEGORO` as the region pages write it: `Kabupaten Bojonegoro`.
                label: platform::regions::web::display_region_name(
                    &platform::regions::queries::Region {
                        code: r.code.clone(),
                        name: r.name.clone(),
                        level: String::new(),
                        village_kind: None,
                        parent_code: None,
                    },
                ),
                href: format!("/wilayah/{}", r.code),
            })
            .collect(),
        tags: v
            .tags
            .iter()
            .map(|tag| Link {
                label: tag.clone(),
                href: format!("/data?tags={}", urlencode(tag)),
            })
            .collect(),
        groups: v
            .groups
            .iter()
            .map(|g| Link {
                label: ctx.pick(&g.title_id, &g.title_en).to_string(),
                href: format!("/data?groups={}", urlencode(&g.id)),
            })
            .collect(),
        contact,
        resources: v
            .resources
            .iter()
            .map(|r| ResourceRow::of(t, &d.name, r))
            .collect(),
        history,
        machine,
        version_number: v.number,
        verified: v.verified_at.map(|at| t.datetime(&at)),
        comments,
    };
    ctx.page(&v.title, &page)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_split_into_paragraphs_of_lines() {
        assert_eq!(
            paragraphs("Satu\r\ndua\n\n\nTiga  \n"),
            vec![vec!["Satu".to_string(), "dua".into()], vec!["Tiga".into()]]
        );
        assert!(paragraphs("  \n").is_empty());
    }
}
