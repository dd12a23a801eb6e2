//! Public pages and JSON of regions and organisations: `/wilayah/{kode}`, `/organisasi`,
//! `/organisasi/{id}` and `/api/v1/regions/{code}`, `/api/v1/organisations[/{id}]`.
//!
//! The organisation page is the seed of the *report card* (DESIGN.md §4): it is built from a
//! list of [`ReportSection`]s, plain structured facts that a module computes for one
//! organisation (budget absorption, contracts, overdue cases, IKM, data freshness) and the
//! template renders escaped. Modules add their sections to [`report_sections`] as they come.

use askama::Template;
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::queries::{self as q, KINDS, Organisation, OrganisationFilter, Region};
use crate::error::{AppError, AppResult, OptionExt};
use crate::i18n::{Arg, Tr};
use crate::state::AppState;
use crate::web::{PageCtx, Routes};

pub fn routes() -> Routes {
    use crate::authz::Access::Public;
    Routes::new()
        .get("/wilayah/{kode}", Public, region_page)
        .get("/organisasi", Public, organisations_page)
        .get("/organisasi/{id}", Public, organisation_page)
        .get("/api/v1/regions/{code}", Public, region_json)
        .get("/api/v1/organisations", Public, organisations_json)
        .get("/api/v1/organisations/{id}", Public, organisation_json)
}

/// Villages per page on the organisation list (the other kinds are short lists).
pub const VILLAGES_PER_PAGE: i64 = 50;

/// A link to a region with its translated level.
pub struct RegionLink {
    pub code: String,
    pub name: String,
    pub level: String,
}

fn region_link(t: &Tr, r: &Region) -> RegionLink {
    RegionLink {
        code: r.code.clone(),
        name: display_region_name(r),
        level: t.t(q::level_key(&r.level, r.village_kind.as_deref())),
    }
}

/// `KAB. BOJONEGORO` reads better as `Kabupaten Bojonegoro`; other names are kept.
pub fn display_region_name(r: &Region) -> String {
    match r.name.strip_prefix("KAB. ") {
        Some(rest) => format!("Kabupaten {}", title_case(rest)),
        None if r.name.chars().all(|c| !c.is_lowercase()) => title_case(&r.name),
        None => r.name.clone(),
    }
}

fn title_case(s: &str) -> String {
    s.split_whitespace()
        .map(|w| {
            let lower = w.to_lowercase();
            let mut cs = lower.chars();
            cs.next()
                .map(|c| c.to_uppercase().collect::<String>() + cs.as_str())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub struct OrgLink {
    pub id: String,
    pub name: String,
    pub kind: String,
}

fn org_link(t: &Tr, o: &Organisation) -> OrgLink {
    OrgLink {
        id: o.id.clone(),
        name: o.name.clone(),
        kind: t.t(q::kind_key(&o.kind)),
    }
}

#[derive(Template)]
#[template(path = "regions/region.html")]
struct RegionPage<'a> {
    t: &'a Tr,
    region: RegionLink,
    breadcrumb: Vec<RegionLink>,
    children: Vec<RegionLink>,
    children_heading: String,
    organisations: Vec<OrgLink>,
}

async fn find_region(state: &AppState, code: &str) -> AppResult<Region> {
    // Malformed codes never reach the database.
    if !q::valid_code(code) {
        return Err(AppError::NotFound);
    }
    q::region(&state.db, code).await?.or_not_found()
}

pub async fn region_page(ctx: PageCtx, Path(code): Path<String>) -> AppResult<Response> {
    let region = find_region(&ctx.state, &code).await?;
    let t = &ctx.t;
    let breadcrumb = q::ancestors(&ctx.state.db, &code)
        .await?
        .iter()
        .map(|r| region_link(t, r))
        .collect();
    let children: Vec<RegionLink> = q::children(&ctx.state.db, &code)
        .await?
        .iter()
        .map(|r| region_link(t, r))
        .collect();
    let children_heading = t.tn(
        match region.level.as_str() {
            "district" => "region-villages",
            "regency" => "region-districts",
            _ => "region-children",
        },
        "count",
        children.len() as i64,
    );
    let organisations = q::organisations_in_region(&ctx.state.db, &code)
        .await?
        .iter()
        .map(|o| org_link(t, o))
        .collect();
    let region = region_link(t, &region);
    let title = region.name.clone();
    ctx.page(
        &title,
        &RegionPage {
            t,
            region,
            breadcrumb,
            children,
            children_heading,
            organisations,
        },
    )
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ListQuery {
    jenis: String,
    q: String,
    halaman: String,
}

pub struct Group {
    pub heading: String,
    pub items: Vec<OrgLink>,
    pub total: i64,
    /// Pager links for the paginated (village) group: previous, position, next.
    pub prev: Option<String>,
    pub next: Option<String>,
    pub position: String,
    /// A link to see all of this kind (shown when the group is cut short).
    pub more: Option<String>,
}

pub struct KindOption {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "regions/organisations.html")]
struct OrganisationsPage<'a> {
    t: &'a Tr,
    kinds: Vec<KindOption>,
    search: String,
    groups: Vec<Group>,
    total: i64,
}

fn page_number(s: &str) -> i64 {
    s.parse::<i64>()
        .ok()
        .filter(|n| (1..=100_000).contains(n))
        .unwrap_or(1)
}

fn list_href(kind: &str, search: &str, page: i64) -> String {
    let mut pairs = vec![("jenis", kind.to_string())];
    if !search.is_empty() {
        pairs.push(("q", search.to_string()));
    }
    pairs.push(("halaman", page.to_string()));
    format!(
        "/organisasi?{}",
        serde_urlencoded::to_string(pairs).unwrap_or_default()
    )
}

pub async fn organisations_page(
    ctx: PageCtx,
    Query(query): Query<ListQuery>,
) -> AppResult<Response> {
    let t = &ctx.t;
    let kind = if KINDS.contains(&query.jenis.as_str()) {
        query.jenis.clone()
    } else {
        String::new()
    };
    let search: String = query.q.trim().chars().take(100).collect();
    let page = page_number(&query.halaman);
    let mut groups = Vec::new();
    let mut total = 0;
    for k in KINDS.iter().filter(|k| kind.is_empty() || **k == kind) {
        let filter = OrganisationFilter {
            kind: (*k).to_string(),
            name: search.clone(),
        };
        let count = q::count_organisations_matching(&ctx.state.db, &filter).await?;
        total += count;
        if count == 0 {
            continue;
        }
        let paged = *k == "village";
        // Villages are paged when they are the chosen kind; in the overview only the first
        // page shows, with a link to the rest.
        let (limit, offset) = if paged {
            (
                VILLAGES_PER_PAGE,
                if kind.is_empty() {
                    0
                } else {
                    (page - 1) * VILLAGES_PER_PAGE
                },
            )
        } else {
            (1000, 0)
        };
        let items: Vec<OrgLink> = q::organisations_page(&ctx.state.db, &filter, limit, offset)
            .await?
            .iter()
            .map(|o| org_link(t, o))
            .collect();
        let pages = (count + VILLAGES_PER_PAGE - 1) / VILLAGES_PER_PAGE;
        let in_pager = paged && !kind.is_empty();
        if in_pager && page > pages {
            return Err(AppError::NotFound);
        }
        groups.push(Group {
            heading: t.t(q::kind_key(k)),
            items,
            total: count,
            prev: (in_pager && page > 1).then(|| list_href(k, &search, page - 1)),
            next: (in_pager && page < pages).then(|| list_href(k, &search, page + 1)),
            position: if in_pager && pages > 1 {
                t.ta(
                    "pager-position",
                    &[
                        ("page", Arg::Num(page as f64)),
                        ("pages", Arg::Num(pages as f64)),
                    ],
                )
            } else {
                String::new()
            },
            more: (paged && kind.is_empty() && count > VILLAGES_PER_PAGE)
                .then(|| list_href(k, &search, 2)),
        });
    }
    let kinds = std::iter::once(KindOption {
        value: "",
        label: t.t("org-kind-all"),
        selected: kind.is_empty(),
    })
    .chain(KINDS.iter().map(|k| KindOption {
        value: k,
        label: t.t(q::kind_key(k)),
        selected: *k == kind,
    }))
    .collect();
    ctx.page(
        &t.t("org-list-title"),
        &OrganisationsPage {
            t,
            kinds,
            search,
            groups,
            total,
        },
    )
}

/// One fact of a report card section: a label and its value, both plain text.
#[derive(Clone, Debug, Serialize)]
pub struct ReportFact {
    pub label: String,
    pub value: String,
}

/// A section of an organisation's report card, contributed by one module. Everything is
/// plain text (escaped when rendered), so no module can inject markup into the page.
#[derive(Clone, Debug, Serialize)]
pub struct ReportSection {
    /// Anchor on the page (`#rapor-anggaran`).
    pub id: String,
    pub title: String,
    pub summary: String,
    pub facts: Vec<ReportFact>,
    /// Where the module shows the details: (label, path).
    pub link: Option<(String, String)>,
}

/// How a module contributes to the report card: given the organisation, its section, or
/// `None` when it has nothing to say about this organisation. Modules set
/// `Module::report_card`; the binary collects them into `AppState::report_cards`.
pub type ReportCardFn =
    for<'a> fn(
        &'a AppState,
        &'a Tr,
        &'a Organisation,
    ) -> futures::future::BoxFuture<'a, AppResult<Option<ReportSection>>>;

/// The report card of `org`, one section per module that has something to say. While no
/// module contributes (budget, contracts, complaints, services and data are still to come),
/// one section says so.
pub async fn report_sections(
    state: &AppState,
    t: &Tr,
    org: &Organisation,
) -> AppResult<Vec<ReportSection>> {
    let mut sections = Vec::new();
    for contribute in &state.report_cards {
        if let Some(section) = contribute(state, t, org).await? {
            sections.push(section);
        }
    }
    if sections.is_empty() {
        sections.push(ReportSection {
            id: "rapor".into(),
            title: t.t("org-report-title"),
            summary: t.t("org-report-pending"),
            facts: Vec::new(),
            link: None,
        });
    }
    Ok(sections)
}

pub struct Contact {
    pub label: String,
    pub value: String,
    pub href: Option<String>,
}

#[derive(Template)]
#[template(path = "regions/organisation.html")]
struct OrganisationPage<'a> {
    t: &'a Tr,
    org: Organisation,
    kind: String,
    region: Option<RegionLink>,
    parent: Option<OrgLink>,
    children: Vec<OrgLink>,
    children_heading: String,
    contacts: Vec<Contact>,
    sections: Vec<ReportSection>,
}

async fn find_organisation(state: &AppState, id: &str) -> AppResult<Organisation> {
    if !q::valid_organisation_id(id) {
        return Err(AppError::NotFound);
    }
    q::organisation(&state.db, id).await?.or_not_found()
}

/// The public office contact of an organisation (office data, not personal data).
fn contacts(t: &Tr, o: &Organisation) -> Vec<Contact> {
    let website_ok = o.website.starts_with("https://") || o.website.starts_with("http://");
    [
        ("org-field-head", &o.head_name, None),
        ("org-field-address", &o.address, None),
        (
            "org-field-phone",
            &o.phone,
            Some(format!(
                "tel:{}",
                o.phone
                    .chars()
                    .filter(|c| c.is_ascii_digit() || *c == '+')
                    .collect::<String>()
            )),
        ),
        (
            "org-field-email",
            &o.email,
            Some(format!("mailto:{}", o.email)),
        ),
        (
            "org-field-website",
            &o.website,
            website_ok.then(|| o.website.clone()),
        ),
    ]
    .into_iter()
    .filter(|(_, v, _)| !v.trim().is_empty())
    .map(|(k, v, href)| Contact {
        label: t.t(k),
        value: v.clone(),
        href,
    })
    .collect()
}

pub async fn organisation_page(ctx: PageCtx, Path(id): Path<String>) -> AppResult<Response> {
    let org = find_organisation(&ctx.state, &id).await?;
    let t = &ctx.t;
    let db = &ctx.state.db;
    let region = q::region(db, &org.region_code)
        .await?
        .map(|r| region_link(t, &r));
    let parent = match &org.parent_id {
        Some(p) => q::organisation(db, p).await?.map(|p| org_link(t, &p)),
        None => None,
    };
    let children: Vec<OrgLink> = q::organisation_children(db, &org.id)
        .await?
        .iter()
        .map(|o| org_link(t, o))
        .collect();
    let children_heading = t.tn("org-children", "count", children.len() as i64);
    let sections = report_sections(&ctx.state, t, &org).await?;
    let page = OrganisationPage {
        t,
        kind: t.t(q::kind_key(&org.kind)),
        contacts: contacts(t, &org),
        region,
        parent,
        children,
        children_heading,
        sections,
        org,
    };
    ctx.page(&page.org.name.clone(), &page)
}

// ---- JSON -------------------------------------------------------------------------------

#[derive(Serialize)]
pub struct RegionSummary {
    pub code: String,
    pub name: String,
    pub level: String,
    pub village_kind: Option<String>,
    pub url: String,
}

impl From<&Region> for RegionSummary {
    fn from(r: &Region) -> RegionSummary {
        RegionSummary {
            code: r.code.clone(),
            name: display_region_name(r),
            level: r.level.clone(),
            village_kind: r.village_kind.clone(),
            url: format!("/wilayah/{}", r.code),
        }
    }
}

#[derive(Serialize)]
pub struct OrganisationSummary {
    pub id: String,
    pub name: String,
    pub short_name: String,
    pub kind: String,
    pub region_code: String,
    pub parent_id: Option<String>,
    pub url: String,
}

impl From<&Organisation> for OrganisationSummary {
    fn from(o: &Organisation) -> OrganisationSummary {
        OrganisationSummary {
            id: o.id.clone(),
            name: o.name.clone(),
            short_name: o.short_name.clone(),
            kind: o.kind.clone(),
            region_code: o.region_code.clone(),
            parent_id: o.parent_id.clone(),
            url: format!("/organisasi/{}", o.id),
        }
    }
}

#[derive(Serialize)]
pub struct RegionDetail {
    #[serde(flatten)]
    pub region: RegionSummary,
    pub parent_code: Option<String>,
    pub ancestors: Vec<RegionSummary>,
    pub children: Vec<RegionSummary>,
    pub organisations: Vec<OrganisationSummary>,
}

pub async fn region_json(
    State(state): State<AppState>,
    Path(code): Path<String>,
) -> AppResult<Json<RegionDetail>> {
    let region = find_region(&state, &code).await?;
    Ok(Json(RegionDetail {
        region: RegionSummary::from(&region),
        parent_code: region.parent_code.clone(),
        ancestors: q::ancestors(&state.db, &code)
            .await?
            .iter()
            .map(RegionSummary::from)
            .collect(),
        children: q::children(&state.db, &code)
            .await?
            .iter()
            .map(RegionSummary::from)
            .collect(),
        organisations: q::organisations_in_region(&state.db, &code)
            .await?
            .iter()
            .map(OrganisationSummary::from)
            .collect(),
    }))
}

#[derive(Deserialize, Default)]
#[serde(default)]
pub struct ApiListQuery {
    kind: String,
    q: String,
    page: Option<i64>,
    per_page: Option<i64>,
}

#[derive(Serialize)]
pub struct OrganisationList {
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
    pub items: Vec<OrganisationSummary>,
}

pub async fn organisations_json(
    State(state): State<AppState>,
    Query(query): Query<ApiListQuery>,
) -> AppResult<Json<OrganisationList>> {
    if !query.kind.is_empty() && !KINDS.contains(&query.kind.as_str()) {
        return Err(AppError::BadRequest("org-error-kind"));
    }
    let page = query.page.unwrap_or(1);
    let per_page = query.per_page.unwrap_or(100);
    if !(1..=100_000).contains(&page)
        || !(1..=500).contains(&per_page)
        || query.q.chars().count() > 100
    {
        return Err(AppError::BadRequest("error-bad-request"));
    }
    let filter = OrganisationFilter {
        kind: query.kind,
        name: query.q.trim().to_string(),
    };
    let total = q::count_organisations_matching(&state.db, &filter).await?;
    let items = q::organisations_page(&state.db, &filter, per_page, (page - 1) * per_page).await?;
    Ok(Json(OrganisationList {
        total,
        page,
        per_page,
        items: items.iter().map(OrganisationSummary::from).collect(),
    }))
}

#[derive(Serialize)]
pub struct OrganisationContact {
    pub address: String,
    pub phone: String,
    pub email: String,
    pub website: String,
    pub head_name: String,
}

#[derive(Serialize)]
pub struct OrganisationDetail {
    #[serde(flatten)]
    pub organisation: OrganisationSummary,
    pub description: String,
    pub region: Option<RegionSummary>,
    pub contact: OrganisationContact,
    pub children: Vec<OrganisationSummary>,
    pub report_card: Vec<ReportSection>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

pub async fn organisation_json(
    ctx: PageCtx,
    Path(id): Path<String>,
) -> AppResult<Json<OrganisationDetail>> {
    let org = find_organisation(&ctx.state, &id).await?;
    let db = &ctx.state.db;
    Ok(Json(OrganisationDetail {
        organisation: OrganisationSummary::from(&org),
        description: org.description.clone(),
        region: q::region(db, &org.region_code)
            .await?
            .as_ref()
            .map(RegionSummary::from),
        contact: OrganisationContact {
            address: org.address.clone(),
            phone: org.phone.clone(),
            email: org.email.clone(),
            website: org.website.clone(),
            head_name: org.head_name.clone(),
        },
        children: q::organisation_children(db, &org.id)
            .await?
            .iter()
            .map(OrganisationSummary::from)
            .collect(),
        report_card: report_sections(&ctx.state, &ctx.t, &org).await?,
        updated_at: org.updated_at,
    }))
}
