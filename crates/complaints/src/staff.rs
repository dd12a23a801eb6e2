//! Staff pages of the complaints module (`/kelola/pengaduan…`): the verifiers' queue, each
//! organisation's inbox, and the staff case page with the forms for the steps the actor may
//! take now. Every write goes through the case engine (`platform::cases`), which checks the
//! state, the party and the version under a row lock and writes the audit entry; this module
//! decides who may *see* a case and mails the reporter when a public step happens.

use askama::Template;
use axum::extract::{Path, Query};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use platform::authz::{Access, Action, Actor, Role, may};
use platform::cases::{self, Act, Audience, By, Case, CaseError, Party, Privacy};
use platform::db::Db;
use platform::error::{AppError, AppResult, FieldError, OptionExt};
use platform::i18n::Tr;
use platform::on_db;
use platform::web::multipart::CsrfMultipart;
use platform::web::{CsrfForm, PageCtx, Routes};
use serde::Deserialize;
use uuid::Uuid;

use crate::COMPLAINT;

const PAGE_SIZE: i64 = 25;

pub fn routes() -> Routes {
    Routes::new()
        .get(
            "/kelola/pengaduan/verifikasi",
            Access::Role(Role::Verifier),
            queue_page,
        )
        .get("/kelola/pengaduan", Access::Staff, inbox_page)
        .get("/kelola/pengaduan/{kode}", Access::Staff, case_page)
        .post("/kelola/pengaduan/{kode}/tindakan", Access::Staff, act_post)
        .post("/kelola/pengaduan/{kode}/catatan", Access::Staff, note_post)
        .post(
            "/kelola/pengaduan/{kode}/privasi",
            Access::Staff,
            privacy_post,
        )
        .post(
            "/kelola/pengaduan/{kode}/lampiran/{id}/publikasi",
            Access::Staff,
            publish_attachment,
        )
        .get(
            "/kelola/pengaduan/{kode}/lampiran/{id}",
            Access::Staff,
            attachment,
        )
}

// ---------------------------------------------------------------------------------------
// Queries

#[derive(Clone, Debug, sqlx::FromRow)]
struct ListRow {
    tracking_code: String,
    state: String,
    due_on: Option<NaiveDate>,
    overdue: bool,
    opened_at: DateTime<Utc>,
    title: String,
    kind: String,
    category_id: String,
}

const LIST_COLUMNS: &str =
    "c.tracking_code, c.state, c.due_on, c.overdue, c.opened_at, k.title, k.kind, k.category_id";

async fn queue(db: &Db, limit: i64, offset: i64) -> Result<(Vec<ListRow>, i64), sqlx::Error> {
    const WHERE: &str = "FROM cases c JOIN complaints k ON k.case_id = c.id \
         WHERE c.case_type = 'complaint' AND c.state IN ('submitted', 'deferred')";
    const SQL: &str = const_format::concatcp!(
        "SELECT ",
        LIST_COLUMNS,
        " ",
        WHERE,
        " ORDER BY c.opened_at, c.id LIMIT $1 OFFSET $2"
    );
    const COUNT: &str = const_format::concatcp!("SELECT COUNT(*) ", WHERE);
    let rows =
        on_db!(db, pool => sqlx::query_as(SQL).bind(limit).bind(offset).fetch_all(pool).await)?;
    let total: i64 = on_db!(db, pool => sqlx::query_scalar(COUNT).fetch_one(pool).await)?;
    Ok((rows, total))
}

/// The inbox tabs: new (routed), due soon (routed, due within 2 working days), overdue
/// (routed, past its due date or flagged by the deadlines job), answered (followed up).
pub const TABS: [&str; 4] = ["baru", "segera", "terlambat", "dijawab"];

fn tab_condition(tab: &str) -> &'static str {
    match tab {
        "segera" => {
            "c.state = 'routed' AND c.overdue = FALSE AND c.due_on >= $2 AND c.due_on <= $3"
        }
        "terlambat" => "c.state = 'routed' AND (c.overdue = TRUE OR c.due_on < $2) AND $3 = $3",
        "dijawab" => "c.state = 'followed_up' AND $2 = $2 AND $3 = $3",
        _ => "c.state = 'routed' AND $2 = $2 AND $3 = $3",
    }
}

async fn inbox(
    db: &Db,
    organisation_id: &str,
    tab: &str,
    today: NaiveDate,
    soon: NaiveDate,
    limit: i64,
    offset: i64,
) -> Result<(Vec<ListRow>, i64), sqlx::Error> {
    let condition = tab_condition(tab);
    let from = format!(
        "FROM cases c JOIN complaints k ON k.case_id = c.id \
         WHERE c.case_type = 'complaint' AND c.organisation_id = $1 AND {condition}"
    );
    let sql = format!(
        "SELECT {LIST_COLUMNS} {from} ORDER BY c.due_on, c.opened_at, c.id LIMIT $4 OFFSET $5"
    );
    let count = format!("SELECT COUNT(*) {from}");
    let rows = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(organisation_id).bind(today).bind(soon).bind(limit).bind(offset).fetch_all(pool).await)?;
    let total: i64 = on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(count))
        .bind(organisation_id).bind(today).bind(soon).fetch_one(pool).await)?;
    Ok((rows, total))
}

#[derive(Clone, Debug, sqlx::FromRow)]
struct Details {
    kind: String,
    title: String,
    description: String,
    category_id: String,
    region_code: String,
    /// "Village, District" (or the district alone), for people rather than codes.
    region_name: String,
    location_text: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

async fn details(db: &Db, case_id: Uuid) -> Result<Option<Details>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT k.kind, k.title, k.description, k.category_id, k.region_code, \
         CASE WHEN k.region_code = k.district_code THEN d.name ELSE r.name || ', ' || d.name END AS region_name, \
         k.location_text, k.latitude, k.longitude \
         FROM complaints k JOIN regions r ON r.code = k.region_code JOIN regions d ON d.code = k.district_code \
         WHERE k.case_id = $1")
        .bind(case_id).fetch_optional(pool).await)
}

#[derive(Clone, Debug, Default, sqlx::FromRow)]
struct ReporterRow {
    name: String,
    email: String,
    phone: String,
    nik: String,
    address: String,
}

async fn reporter(db: &Db, case_id: Uuid) -> Result<Option<ReporterRow>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as(
        "SELECT name, email, phone, nik, address FROM complaint_reporters WHERE case_id = $1")
        .bind(case_id).fetch_optional(pool).await)
}

async fn organisation_names(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    on_db!(db, pool => sqlx::query_as("SELECT id, name FROM organisations ORDER BY name")
        .fetch_all(pool).await)
}

// ---------------------------------------------------------------------------------------
// Who may see and do what

/// The actor acts as a verifier (any verifier, or an admin) on every complaint.
fn is_verifier(actor: &Actor) -> bool {
    actor.has_role(Role::Verifier) || actor.is_admin()
}

/// The actor handles the case for the organisation it is assigned to.
fn is_handler(actor: &Actor, case: &Case) -> bool {
    case.organisation_id
        .as_deref()
        .is_some_and(|org| may(actor, Action::HandleCase, org))
}

/// The complaint with `code`, when the actor may see it on the staff side.
async fn visible_case(ctx: &PageCtx, code: &str) -> AppResult<Case> {
    let case = cases::by_tracking_code(&ctx.state.db, code)
        .await?
        .filter(|c| c.case_type == COMPLAINT.kind)
        .or_not_found()?;
    if is_verifier(&ctx.actor) || is_handler(&ctx.actor, &case) {
        Ok(case)
    } else {
        Err(AppError::Forbidden)
    }
}

/// The staff actions the actor may take on the case now.
fn allowed_actions(actor: &Actor, case: &Case) -> Vec<&'static str> {
    COMPLAINT
        .actions_from(&case.state)
        .into_iter()
        .filter(|action| {
            COMPLAINT.transition(&case.state, action).is_some_and(|t| {
                t.by.iter().any(|p| match p {
                    Party::Verifier => is_verifier(actor),
                    Party::AssignedOrganisation => is_handler(actor, case),
                    _ => false,
                })
            })
        })
        .collect()
}

fn today(ctx: &PageCtx) -> NaiveDate {
    ctx.state
        .clock
        .now()
        .with_timezone(&platform::clock::wib())
        .date_naive()
}

// ---------------------------------------------------------------------------------------
// Lists

/// One line of a list, ready to show.
struct Line {
    code: String,
    title: String,
    kind: String,
    category: String,
    state: String,
    opened: String,
    due: String,
    overdue: bool,
}

async fn lines(ctx: &PageCtx, rows: Vec<ListRow>) -> AppResult<Vec<Line>> {
    let categories = crate::queries::all_categories(&ctx.state.db).await?;
    let today = today(ctx);
    Ok(rows
        .into_iter()
        .map(|r| {
            let category = categories
                .iter()
                .find(|c| c.id == r.category_id)
                .map(|c| ctx.pick(&c.name_id, &c.name_en).to_string())
                .unwrap_or(r.category_id.clone());
            Line {
                overdue: r.overdue || r.due_on.is_some_and(|d| d < today),
                due: r.due_on.map(|d| ctx.t.date(&d)).unwrap_or_default(),
                opened: ctx.t.datetime(&r.opened_at),
                state: ctx.t.t(&format!("cstaff-state-{}", r.state)),
                kind: ctx.t.t(&format!("cstaff-kind-{}", r.kind)),
                code: r.tracking_code,
                title: r.title,
                category,
            }
        })
        .collect())
}

#[derive(Template)]
#[template(path = "staff/queue.html")]
struct QueuePage<'a> {
    t: &'a Tr,
    lines: Vec<Line>,
    total: i64,
    pager: platform::admin::Pager,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PageQuery {
    page: i64,
    org: String,
    tab: String,
}

async fn queue_page(ctx: PageCtx, Query(q): Query<PageQuery>) -> AppResult<Response> {
    let page = q.page.max(1);
    let (rows, total) = queue(&ctx.state.db, PAGE_SIZE, (page - 1) * PAGE_SIZE).await?;
    let body = QueuePage {
        t: &ctx.t,
        lines: lines(&ctx, rows).await?,
        total,
        pager: platform::admin::Pager::new(
            &ctx.t,
            "/kelola/pengaduan/verifikasi",
            page,
            PAGE_SIZE,
            total,
        ),
    };
    ctx.page(&ctx.t.t("cstaff-queue-title"), &body)
}

#[derive(Template)]
#[template(path = "staff/inbox.html")]
struct InboxPage<'a> {
    t: &'a Tr,
    /// (id, name, selected)
    orgs: Vec<(String, String, bool)>,
    /// (tab, label, href, selected)
    tabs: Vec<(String, String, String, bool)>,
    lines: Vec<Line>,
    total: i64,
    pager: platform::admin::Pager,
    is_verifier: bool,
}

async fn inbox_page(ctx: PageCtx, Query(q): Query<PageQuery>) -> AppResult<Response> {
    let names = organisation_names(&ctx.state.db).await?;
    let own: Vec<String> = ctx
        .actor
        .organisation_ids()
        .into_iter()
        .map(str::to_string)
        .collect();
    let choosable: Vec<(String, String)> = names
        .into_iter()
        .filter(|(id, _)| ctx.actor.is_admin() || own.contains(id))
        .collect();
    let requested = q.org.trim();
    let org = if requested.is_empty() {
        own.first().cloned().unwrap_or_default()
    } else if choosable.iter().any(|(id, _)| id == requested) {
        requested.to_string()
    } else {
        return Err(AppError::Forbidden);
    };
    let tab = if TABS.contains(&q.tab.as_str()) {
        q.tab.clone()
    } else {
        TABS[0].to_string()
    };
    let page = q.page.max(1);
    let today = today(&ctx);
    let calendar = ctx.state.calendar.get(&ctx.state.db).await?;
    let soon = calendar.add_working_days(today, 2);
    let (rows, total) = inbox(
        &ctx.state.db,
        &org,
        &tab,
        today,
        soon,
        PAGE_SIZE,
        (page - 1) * PAGE_SIZE,
    )
    .await?;
    let org_q = platform::web::routes::urlencode(&org);
    let tabs = TABS
        .iter()
        .map(|t| {
            (
                t.to_string(),
                ctx.t.t(&format!("cstaff-tab-{t}")),
                format!("/kelola/pengaduan?org={org_q}&tab={t}"),
                *t == tab,
            )
        })
        .collect();
    let base = format!("/kelola/pengaduan?org={org_q}&tab={tab}");
    let body = InboxPage {
        t: &ctx.t,
        orgs: choosable
            .into_iter()
            .map(|(id, name)| {
                let selected = id == org;
                (id, name, selected)
            })
            .collect(),
        tabs,
        lines: lines(&ctx, rows).await?,
        total,
        pager: platform::admin::Pager::new(&ctx.t, &base, page, PAGE_SIZE, total),
        is_verifier: is_verifier(&ctx.actor),
    };
    ctx.page(&ctx.t.t("cstaff-inbox-title"), &body)
}

// ---------------------------------------------------------------------------------------
// The case page

struct EntryView {
    at: String,
    label: String,
    role: String,
    organisation: String,
    body: String,
    internal: bool,
    files: Vec<AttachmentView>,
}

struct AttachmentView {
    id: String,
    name: String,
    public: bool,
    /// The actor may publish it or take it back (a verifier, on a public entry of a
    /// case that is not confidential).
    can_publish: bool,
}

struct ActionForm {
    action: &'static str,
    label: String,
    needs_body: bool,
    assigns: bool,
}

#[derive(Template)]
#[template(path = "staff/case.html")]
struct CasePage<'a> {
    t: &'a Tr,
    csrf: &'a str,
    code: String,
    version: i64,
    state: String,
    privacy: String,
    organisation: String,
    due: String,
    overdue: bool,
    kind: String,
    title: String,
    description: String,
    category: String,
    region: String,
    location: String,
    coordinates: String,
    /// Only for verifiers and admins: name, e-mail, phone, NIK, address.
    reporter: Option<ReporterRow>,
    reporter_account: bool,
    entries: Vec<EntryView>,
    actions: Vec<ActionForm>,
    /// (id, name, selected) for the routing select.
    route_choices: Vec<(String, String, bool)>,
    can_note: bool,
    can_set_privacy: bool,
    privacy_choices: Vec<(String, String, bool)>,
    done: bool,
    /// A refused form, shown again with its messages and what was typed.
    failed: Option<Failed>,
}

/// A refused step or note: which form (`action` or `note`), translated messages, the text.
struct Failed {
    form: String,
    errors: Vec<String>,
    body: String,
    route_to: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CaseQuery {
    ok: String,
}

async fn case_page(
    ctx: PageCtx,
    Path(code): Path<String>,
    Query(q): Query<CaseQuery>,
) -> AppResult<Response> {
    let case = visible_case(&ctx, &code).await?;
    render_case(&ctx, case, !q.ok.is_empty(), None).await
}

/// The staff case page; with `failed`, the refused form again (status 422).
async fn render_case(
    ctx: &PageCtx,
    case: Case,
    done: bool,
    failed: Option<Failed>,
) -> AppResult<Response> {
    let db = &ctx.state.db;
    let d = details(db, case.id).await?.or_not_found()?;
    let category = crate::queries::category(db, &d.category_id).await?;
    let names = organisation_names(db).await?;
    let org_name = |id: &str| {
        names
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, n)| n.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let verifier = is_verifier(&ctx.actor);
    let reporter = if verifier {
        Some(reporter(db, case.id).await?.unwrap_or_default())
    } else {
        None
    };
    let timeline = cases::timeline(db, case.id, Audience::Staff).await?;
    let mut file_names = Vec::new();
    for id in timeline.iter().flat_map(|e| e.files.iter()) {
        if let Some(f) = platform::files::find(db, *id).await? {
            file_names.push(f);
        }
    }
    let publishable = verifier && case.privacy != "confidential";
    let entries = timeline
        .into_iter()
        .map(|e| EntryView {
            at: ctx.t.datetime(&e.at),
            label: match &e.action {
                Some(a) => ctx.t.t(&format!("cstaff-action-{a}")),
                None => ctx.t.t(&format!("cstaff-entry-{}", e.kind)),
            },
            role: ctx.t.t(&format!("cstaff-role-{}", e.author_role)),
            organisation: e
                .organisation_id
                .as_deref()
                .map(org_name)
                .unwrap_or_default(),
            internal: !e.public,
            files: e
                .files
                .iter()
                .filter_map(|id| file_names.iter().find(|f| f.id == *id))
                .map(|f| AttachmentView {
                    id: f.id.to_string(),
                    name: f.original_name.clone(),
                    public: f.public,
                    can_publish: publishable && e.public,
                })
                .collect(),
            // System entries carry a translation key rather than prose.
            body: if e.kind == "system" && e.body.starts_with("case-") {
                ctx.t.t(&e.body)
            } else {
                e.body
            },
        })
        .collect();
    let actions: Vec<ActionForm> = allowed_actions(&ctx.actor, &case)
        .into_iter()
        .filter_map(|a| COMPLAINT.transition(&case.state, a))
        .map(|t| ActionForm {
            action: t.action,
            label: ctx.t.t(&format!("cstaff-action-{}", t.action)),
            needs_body: t.needs_body,
            assigns: t.assigns,
        })
        .collect();
    // Routing defaults to the category's organisation on verification, else the current one.
    let default_org = match (&case.organisation_id, &category) {
        (Some(org), _) if case.state != "submitted" && case.state != "deferred" => org.clone(),
        (_, Some(c)) => c.default_organisation_id.clone(),
        (Some(org), None) => org.clone(),
        (None, None) => String::new(),
    };
    let default_org = match &failed {
        Some(f) if !f.route_to.is_empty() => f.route_to.clone(),
        _ => default_org,
    };
    let route_choices = names
        .iter()
        .map(|(id, name)| (id.clone(), name.clone(), *id == default_org))
        .collect();
    let privacy_choices = ["public", "anonymous", "confidential"]
        .iter()
        .map(|p| {
            (
                p.to_string(),
                ctx.t.t(&format!("cstaff-privacy-{p}")),
                *p == case.privacy,
            )
        })
        .collect();
    let today = today(ctx);
    let body = CasePage {
        t: &ctx.t,
        csrf: &ctx.csrf,
        code: case.tracking_code.clone(),
        version: case.version,
        state: ctx.t.t(&format!("cstaff-state-{}", case.state)),
        privacy: ctx.t.t(&format!("cstaff-privacy-{}", case.privacy)),
        organisation: case
            .organisation_id
            .as_deref()
            .map(org_name)
            .unwrap_or_default(),
        due: case.due_on.map(|d| ctx.t.date(&d)).unwrap_or_default(),
        overdue: case.overdue || case.due_on.is_some_and(|d| d < today),
        kind: ctx.t.t(&format!("cstaff-kind-{}", d.kind)),
        title: d.title,
        description: d.description,
        category: category
            .map(|c| ctx.pick(&c.name_id, &c.name_en).to_string())
            .unwrap_or(d.category_id),
        region: format!("{} ({})", d.region_name, d.region_code),
        location: d.location_text,
        coordinates: match (d.latitude, d.longitude) {
            (Some(lat), Some(lon)) => format!("{lat}, {lon}"),
            _ => String::new(),
        },
        reporter,
        reporter_account: verifier && case.reporter_user_id.is_some(),
        entries,
        actions,
        route_choices,
        can_note: verifier || is_handler(&ctx.actor, &case),
        can_set_privacy: verifier && !COMPLAINT.state(&case.state).is_some_and(|s| s.terminal),
        privacy_choices,
        done,
        failed,
    };
    let title = format!("{} — {}", case.tracking_code, body.title);
    if body.failed.is_some() {
        ctx.page_with_status(StatusCode::UNPROCESSABLE_ENTITY, &title, &body)
    } else {
        ctx.page(&title, &body)
    }
}

// ---------------------------------------------------------------------------------------
// Writes

fn parse_version(text: Option<&str>) -> AppResult<i64> {
    text.and_then(|v| v.trim().parse::<i64>().ok())
        .ok_or(AppError::BadRequest("error-bad-form"))
}

/// Store every uploaded file of the form (field `files`).
async fn store_files(ctx: &PageCtx, form: &CsrfMultipart) -> AppResult<Vec<Uuid>> {
    let mut ids = Vec::new();
    for f in form
        .files
        .iter()
        .filter(|f| f.field == "files" && !(f.bytes.is_empty() && f.file_name.is_empty()))
    {
        match platform::files::store(&ctx.state, &f.bytes, &f.file_name, ctx.actor.user_id()).await
        {
            Ok(stored) => ids.push(stored.id),
            Err(err) => {
                platform::files::discard(&ctx.state, &ids).await?;
                return Err(err.into());
            }
        }
    }
    Ok(ids)
}

fn back(code: &str) -> Response {
    Redirect::to(&format!(
        "/kelola/pengaduan/{}?ok=1",
        platform::web::routes::urlencode(code)
    ))
    .into_response()
}

async fn act_post(
    ctx: PageCtx,
    Path(code): Path<String>,
    form: CsrfMultipart,
) -> AppResult<Response> {
    let case = visible_case(&ctx, &code).await?;
    let version = parse_version(form.text("version"))?;
    let action = form.text("action").unwrap_or_default().trim().to_string();
    // Check before storing any file: a stale form or a step not allowed now writes nothing.
    if case.version != version {
        return Err(AppError::Conflict("case-error-stale"));
    }
    let Some(transition) = COMPLAINT.transition(&case.state, &action) else {
        return Err(AppError::Conflict("case-error-not-allowed"));
    };
    if !allowed_actions(&ctx.actor, &case).contains(&transition.action) {
        return Err(AppError::Forbidden);
    }
    let body = form.text("body").unwrap_or_default().to_string();
    let route_to = form.text("route_to").unwrap_or_default().trim().to_string();
    let refuse = |errors: Vec<FieldError>| Failed {
        form: transition.action.to_string(),
        errors: errors.iter().map(|e| ctx.t.t(&e.key)).collect(),
        body: body.clone(),
        route_to: route_to.clone(),
    };
    // The usual mistakes are caught before any file is stored.
    let mut problems = Vec::new();
    if transition.needs_body && body.trim().is_empty() {
        problems.push(FieldError::new("body", "case-error-body-required"));
    }
    if transition.assigns && route_to.is_empty() {
        problems.push(FieldError::new("route_to", "case-error-route-required"));
    }
    if !problems.is_empty() {
        let failed = refuse(problems);
        return render_case(&ctx, case, false, Some(failed)).await;
    }
    let files = store_files(&ctx, &form).await?;
    // Everything after the files are stored: on any refusal or error they are discarded.
    let written: AppResult<Result<String, Vec<FieldError>>> = async {
        let now = ctx.state.clock.now();
        let calendar = ctx.state.calendar.get(&ctx.state.db).await?;
        let mut tx = ctx.state.db.begin().await?;
        let updated = cases::act(
            &mut tx,
            &COMPLAINT,
            case.id,
            version,
            Act {
                action: transition.action,
                by: By::Staff(&ctx.actor),
                body: body.clone(),
                public: true,
                route_to: Some(route_to.clone()),
                files: files.clone(),
            },
            now,
            &calendar,
        )
        .await;
        let updated = match updated {
            Ok(updated) => updated,
            Err(CaseError::Invalid(errors)) => return Ok(Err(errors)),
            Err(e) => return Err(e.into()),
        };
        crate::notify::step(&ctx.state, &mut tx, &updated, transition.action, now).await?;
        tx.commit().await?;
        Ok(Ok(updated.tracking_code))
    }
    .await;
    match written {
        Ok(Ok(code)) => Ok(back(&code)),
        Ok(Err(errors)) => {
            platform::files::discard(&ctx.state, &files).await?;
            let failed = refuse(errors);
            render_case(&ctx, case, false, Some(failed)).await
        }
        Err(err) => {
            platform::files::discard(&ctx.state, &files).await?;
            Err(err)
        }
    }
}

async fn note_post(
    ctx: PageCtx,
    Path(code): Path<String>,
    form: CsrfMultipart,
) -> AppResult<Response> {
    let case = visible_case(&ctx, &code).await?;
    let body = form.text("body").unwrap_or_default().to_string();
    if body.trim().is_empty() {
        let failed = Failed {
            form: "note".into(),
            errors: vec![ctx.t.t("case-error-body-required")],
            body,
            route_to: String::new(),
        };
        return render_case(&ctx, case, false, Some(failed)).await;
    }
    let public = form.text("public").is_some_and(|v| !v.is_empty());
    let files = store_files(&ctx, &form).await?;
    let written: AppResult<()> = async {
        let now = ctx.state.clock.now();
        let mut tx = ctx.state.db.begin().await?;
        cases::note(
            &mut tx,
            case.id,
            By::Staff(&ctx.actor),
            &body,
            public,
            &files,
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(())
    }
    .await;
    if let Err(err) = written {
        platform::files::discard(&ctx.state, &files).await?;
        return Err(err);
    }
    Ok(back(&case.tracking_code))
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PrivacyForm {
    version: String,
    privacy: String,
}

async fn privacy_post(
    ctx: PageCtx,
    Path(code): Path<String>,
    CsrfForm(form): CsrfForm<PrivacyForm>,
) -> AppResult<Response> {
    let case = visible_case(&ctx, &code).await?;
    if !is_verifier(&ctx.actor) {
        return Err(AppError::Forbidden);
    }
    let version = parse_version(Some(&form.version))?;
    let privacy =
        Privacy::parse(form.privacy.trim()).ok_or(AppError::BadRequest("error-bad-form"))?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    cases::set_privacy(&mut tx, case.id, version, &ctx.actor, privacy, now).await?;
    tx.commit().await?;
    Ok(back(&case.tracking_code))
}

/// An attachment of the case, for those who may see the case (files on cases are private
/// unless a verifier published them; the reporter's copies are served by the public side).
async fn attachment(ctx: PageCtx, Path((code, id)): Path<(String, String)>) -> AppResult<Response> {
    let case = visible_case(&ctx, &code).await?;
    let file = attached_file(&ctx, &case, &id, Audience::Staff).await?;
    platform::files::pages::file_response(&ctx.state, &file).await
}

/// The file `id` when it is attached to an entry of `case` that `audience` may see.
pub(crate) async fn attached_file(
    ctx: &PageCtx,
    case: &Case,
    id: &str,
    audience: Audience,
) -> AppResult<platform::files::StoredFile> {
    let id = Uuid::parse_str(id).map_err(|_| AppError::NotFound)?;
    let timeline = cases::timeline(&ctx.state.db, case.id, audience).await?;
    if !timeline.iter().any(|e| e.files.contains(&id)) {
        return Err(AppError::NotFound);
    }
    platform::files::find(&ctx.state.db, id)
        .await?
        .or_not_found()
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PublishForm {
    public: String,
}

/// A verifier publishes an attachment of a public entry (a photo of the pothole) so that it
/// shows on the public case page and in Open311 `media_url`, or takes it back. Files are
/// private by default because a photo or a letter may show people or personal data; the
/// verifier looks first. Never for confidential cases, nor for internal notes' files.
async fn publish_attachment(
    ctx: PageCtx,
    Path((code, id)): Path<(String, String)>,
    CsrfForm(form): CsrfForm<PublishForm>,
) -> AppResult<Response> {
    let case = visible_case(&ctx, &code).await?;
    if !is_verifier(&ctx.actor) {
        return Err(AppError::Forbidden);
    }
    let public = match form.public.trim() {
        "1" => true,
        "0" => false,
        _ => return Err(AppError::BadRequest("error-bad-form")),
    };
    if public && case.privacy == "confidential" {
        return Err(AppError::Conflict("cstaff-error-publish-confidential"));
    }
    // Only a file on an entry the public sees may become public.
    let file = attached_file(&ctx, &case, &id, Audience::Public)
        .await
        .map_err(|e| match e {
            AppError::NotFound if public => AppError::Conflict("cstaff-error-publish-internal"),
            other => other,
        })?;
    let now = ctx.state.clock.now();
    let mut tx = ctx.state.db.begin().await?;
    platform::files::set_public(&mut tx, file.id, public).await?;
    platform::audit::record(
        &mut tx,
        &ctx.actor,
        now,
        platform::audit::Change {
            action: if public {
                "complaint.attachment.publish"
            } else {
                "complaint.attachment.unpublish"
            },
            entity_type: "file",
            entity_id: &file.id.to_string(),
            organisation_id: case.organisation_id.as_deref(),
            before: Some(serde_json::json!({"public": file.public, "case": case.tracking_code})),
            after: Some(serde_json::json!({"public": public, "case": case.tracking_code})),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(back(&case.tracking_code))
}
