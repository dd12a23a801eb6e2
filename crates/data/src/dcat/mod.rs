//! DCAT 2 (DCAT-AP flavoured) descriptions of the catalogue and of each dataset, in JSON-LD
//! (`/catalog.jsonld`, `/dataset/{name}.jsonld`, `application/ld+json`) and Turtle
//! (`/catalog.ttl`, `/dataset/{name}.ttl`, `text/turtle`), both written from one
//! [`graph::Graph`].
//!
//! IRIs: the catalogue is `{base}/catalog`, a dataset `{base}/dataset/{name}` (which
//! redirects to its page), a distribution `{base}/data/{name}/sumber/{id}`, a publisher
//! `{base}/organisasi/{id}`, a theme `{base}/data?groups={id}`, a place `{base}/wilayah/{code}`.
//! Titles and descriptions carry the language tag `id` (the producers write in Indonesian).
//!
//! Large catalogues are paged as ckanext-dcat pages them: `?page=N` (from 1), [`PAGE_SIZE`]
//! datasets a page, with a `hydra:PagedCollection` node giving the total and the first,
//! previous, next and last pages; each page is built from the search index and the
//! catalogue, and the platform's micro-cache serves repeated requests.

pub mod graph;

use axum::extract::{Path, Query};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use platform::authz::Access;
use platform::error::{AppError, AppResult};
use platform::web::{PageCtx, Routes};
use serde::Deserialize;

use crate::catalog::{self, Dataset, search};
use crate::ckan::dicts;
use crate::licences;
use graph::{Graph, Term, iri};

/// Datasets per catalogue page (ckanext-dcat's default).
pub const PAGE_SIZE: u64 = 100;

pub fn routes() -> Routes {
    Routes::new()
        .get("/catalog.jsonld", Access::Public, catalog_jsonld)
        .get("/catalog.ttl", Access::Public, catalog_ttl)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    JsonLd,
    Turtle,
}

impl Format {
    fn content_type(self) -> &'static str {
        match self {
            Format::JsonLd => "application/ld+json",
            Format::Turtle => "text/turtle; charset=utf-8",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            Format::JsonLd => "jsonld",
            Format::Turtle => "ttl",
        }
    }
}

fn respond(g: &Graph, format: Format) -> AppResult<Response> {
    let body = match format {
        Format::JsonLd => serde_json::to_string(&g.to_jsonld())
            .map_err(|e| AppError::Internal(anyhow::Error::new(e)))?,
        Format::Turtle => g.to_turtle(),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.content_type()),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=300"),
    );
    Ok(response)
}

#[derive(Deserialize)]
pub struct PageQuery {
    page: Option<String>,
}

async fn catalog_jsonld(ctx: PageCtx, Query(q): Query<PageQuery>) -> AppResult<Response> {
    catalogue(ctx, q, Format::JsonLd).await
}

async fn catalog_ttl(ctx: PageCtx, Query(q): Query<PageQuery>) -> AppResult<Response> {
    catalogue(ctx, q, Format::Turtle).await
}

/// `/dataset/{name}.jsonld` and `/dataset/{name}.ttl`. The route `/dataset/{name}` is one
/// route (the router matches whole segments): its handler, CKAN's address of a dataset page
/// in [`crate::public`], hands names with these extensions to this function.
pub async fn dataset_file(ctx: PageCtx, Path(file): Path<String>) -> AppResult<Response> {
    let (name, format) = if let Some(name) = file.strip_suffix(".jsonld") {
        (name, Format::JsonLd)
    } else if let Some(name) = file.strip_suffix(".ttl") {
        (name, Format::Turtle)
    } else {
        return Err(AppError::NotFound);
    };
    if !crate::catalog::search::is_dataset_name(name) {
        return Err(AppError::NotFound);
    }
    let d = catalog::published(&ctx.state.db, name)
        .await?
        .ok_or(AppError::NotFound)?;
    let base = base_url(&ctx);
    let mut g = Graph::default();
    describe(&mut g, &base, &d);
    respond(&g, format)
}

fn base_url(ctx: &PageCtx) -> String {
    ctx.state
        .config
        .public_url
        .trim_end_matches('/')
        .to_string()
}

async fn catalogue(ctx: PageCtx, q: PageQuery, format: Format) -> AppResult<Response> {
    let page: u64 = match q.page.as_deref() {
        None | Some("") => 1,
        Some(p) => p
            .parse()
            .ok()
            .filter(|n| *n >= 1)
            .ok_or(AppError::BadRequest("data-api-error-page"))?,
    };
    let s = search::Search {
        sort: search::Sort::Name,
        rows: PAGE_SIZE,
        start: (page - 1).saturating_mul(PAGE_SIZE),
        facet_limit: 0,
        ..search::Search::default()
    };
    let result = search::search(&ctx.state.db, &s).await?;
    let last = result.count.div_ceil(PAGE_SIZE).max(1);
    if page > last {
        return Err(AppError::NotFound);
    }
    let base = base_url(&ctx);
    let mut g = Graph::default();
    let cat = Term::iri(format!("{base}/catalog"));
    g.add(&cat, "a", Term::iri(iri("dcat:Catalog")));
    g.add(
        &cat,
        "dct:title",
        Term::lang(ctx.t.t("data-api-site-title"), ctx.lang().code()),
    );
    g.add(
        &cat,
        "dct:description",
        Term::lang(ctx.t.t("data-api-site-description"), ctx.lang().code()),
    );
    g.add(&cat, "foaf:homepage", Term::iri(format!("{base}/data")));
    // The catalogue's publisher is the walidata, who verifies every dataset in it.
    let walidata = crate::roles::walidata_organisation(&ctx.state.db).await?;
    if let Some(o) = platform::regions::organisation(&ctx.state.db, &walidata).await? {
        let publisher = Term::iri(format!("{base}/organisasi/{}", o.id));
        g.add(&cat, "dct:publisher", publisher.clone());
        g.add(&publisher, "a", Term::iri(iri("foaf:Organization")));
        g.add(&publisher, "foaf:name", Term::text(&o.name));
    }
    for d in &result.datasets {
        g.add(&cat, "dcat:dataset", dataset_iri(&base, d));
    }
    if last > 1 {
        let ext = format.extension();
        let page_iri = |n: u64| Term::iri(format!("{base}/catalog.{ext}?page={n}"));
        let coll = page_iri(page);
        g.add(&coll, "a", Term::iri(iri("hydra:PagedCollection")));
        g.add(
            &coll,
            "hydra:totalItems",
            Term::typed(result.count.to_string(), "xsd:integer"),
        );
        g.add(
            &coll,
            "hydra:itemsPerPage",
            Term::typed(PAGE_SIZE.to_string(), "xsd:integer"),
        );
        g.add(
            &coll,
            "hydra:firstPage",
            Term::text(format!("{base}/catalog.{ext}?page=1")),
        );
        g.add(
            &coll,
            "hydra:lastPage",
            Term::text(format!("{base}/catalog.{ext}?page={last}")),
        );
        if page > 1 {
            g.add(
                &coll,
                "hydra:previousPage",
                Term::text(format!("{base}/catalog.{ext}?page={}", page - 1)),
            );
        }
        if page < last {
            g.add(
                &coll,
                "hydra:nextPage",
                Term::text(format!("{base}/catalog.{ext}?page={}", page + 1)),
            );
        }
    }
    for d in &result.datasets {
        describe(&mut g, &base, d);
    }
    respond(&g, format)
}

fn dataset_iri(base: &str, d: &Dataset) -> Term {
    Term::iri(format!("{base}/dataset/{}", d.name))
}

fn datetime(at: chrono::DateTime<chrono::Utc>) -> Term {
    Term::typed(
        at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "xsd:dateTime",
    )
}

/// The triples of one dataset, its publisher, contact point, periods, places and
/// distributions.
pub fn describe(g: &mut Graph, base: &str, d: &Dataset) {
    let v = &d.version;
    let ds = dataset_iri(base, d);
    g.add(&ds, "a", Term::iri(iri("dcat:Dataset")));
    g.add(&ds, "dct:identifier", Term::text(d.id.to_string()));
    g.add(&ds, "dct:title", Term::lang(&v.title, "id"));
    if !v.notes.is_empty() {
        g.add(&ds, "dct:description", Term::lang(&v.notes, "id"));
    }
    for tag in &v.tags {
        g.add(&ds, "dcat:keyword", Term::lang(tag, "id"));
    }
    for group in &v.groups {
        let theme = Term::iri(format!("{base}/data?groups={}", group.id));
        g.add(&ds, "dcat:theme", theme.clone());
        g.add(&theme, "a", Term::iri(iri("skos:Concept")));
        g.add(&theme, "skos:prefLabel", Term::lang(&group.title_id, "id"));
        g.add(&theme, "skos:prefLabel", Term::lang(&group.title_en, "en"));
    }
    let publisher = Term::iri(format!("{base}/organisasi/{}", d.organisation_id));
    g.add(&ds, "dct:publisher", publisher.clone());
    g.add(&publisher, "a", Term::iri(iri("foaf:Organization")));
    g.add(&publisher, "foaf:name", Term::text(&d.organisation_name));
    if !v.contact_name.is_empty() || !v.contact_email.is_empty() {
        let contact = g.blank();
        g.add(&ds, "dcat:contactPoint", contact.clone());
        g.add(&contact, "a", Term::iri(iri("vcard:Kind")));
        let name = if v.contact_name.is_empty() {
            &d.organisation_name
        } else {
            &v.contact_name
        };
        g.add(&contact, "vcard:fn", Term::text(name));
        if !v.contact_email.is_empty() {
            g.add(
                &contact,
                "vcard:hasEmail",
                Term::iri(format!("mailto:{}", v.contact_email)),
            );
        }
    }
    let licence = licences::find(&v.licence_id);
    if let Some(l) = licence {
        g.add(&ds, "dct:license", Term::iri(l.url));
        g.add(
            &Term::iri(l.url),
            "a",
            Term::iri(iri("dct:LicenseDocument")),
        );
        g.add(&Term::iri(l.url), "dct:title", Term::text(l.title));
    }
    g.add(
        &ds,
        "dct:accrualPeriodicity",
        Term::iri(d.frequency().dcat_uri()),
    );
    if v.temporal_start.is_some() || v.temporal_end.is_some() {
        let period = g.blank();
        g.add(&ds, "dct:temporal", period.clone());
        g.add(&period, "a", Term::iri(iri("dct:PeriodOfTime")));
        if let Some(start) = v.temporal_start {
            g.add(
                &period,
                "dcat:startDate",
                Term::typed(start.to_string(), "xsd:date"),
            );
        }
        if let Some(end) = v.temporal_end {
            g.add(
                &period,
                "dcat:endDate",
                Term::typed(end.to_string(), "xsd:date"),
            );
        }
    }
    for region in &v.regions {
        let place = Term::iri(format!("{base}/wilayah/{}", region.code));
        g.add(&ds, "dct:spatial", place.clone());
        g.add(&place, "a", Term::iri(iri("dct:Location")));
        g.add(&place, "skos:prefLabel", Term::text(&region.name));
        g.add(&place, "skos:notation", Term::text(&region.code));
    }
    g.add(&ds, "dct:issued", datetime(dicts::created(d)));
    g.add(&ds, "dct:modified", datetime(dicts::modified(d)));
    g.add(
        &ds,
        "dcat:landingPage",
        Term::iri(format!("{base}{}", d.path())),
    );
    for r in &v.resources {
        let dist = Term::iri(format!("{base}/data/{}/sumber/{}", d.name, r.id));
        g.add(&ds, "dcat:distribution", dist.clone());
        g.add(&dist, "a", Term::iri(iri("dcat:Distribution")));
        g.add(&dist, "dct:identifier", Term::text(r.id.to_string()));
        g.add(&dist, "dct:title", Term::lang(&r.name, "id"));
        if !r.description.is_empty() {
            g.add(&dist, "dct:description", Term::lang(&r.description, "id"));
        }
        g.add(
            &dist,
            "dcat:accessURL",
            Term::iri(format!("{base}/data/{}/sumber/{}", d.name, r.id)),
        );
        g.add(
            &dist,
            "dcat:downloadURL",
            Term::iri(dicts::resource_url(base, d, r)),
        );
        g.add(&dist, "dct:format", Term::text(&r.format));
        if let Some(media) = dicts::media_type(&r.format) {
            g.add(
                &dist,
                "dcat:mediaType",
                Term::iri(format!(
                    "http://www.iana.org/assignments/media-types/{media}"
                )),
            );
        }
        if let Some(size) = r.size_bytes {
            g.add(
                &dist,
                "dcat:byteSize",
                Term::typed(size.to_string(), "xsd:nonNegativeInteger"),
            );
        }
        if let Some(l) = licence {
            g.add(&dist, "dct:license", Term::iri(l.url));
        }
        g.add(&dist, "dct:issued", datetime(r.created_at));
        g.add(&dist, "dct:modified", datetime(r.updated_at));
    }
}
