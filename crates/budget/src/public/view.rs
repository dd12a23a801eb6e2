//! One drill-down level: which lines it covers (filters), what its items are (the next
//! level's codes), the plan, realisation and previous year's plan of each item from three
//! grouped queries, the names from one more, and the page, CSV, XLSX or JSON of it.
//!
//! By organisation: organisation › program › kegiatan › sub kegiatan › accounts.
//! By function: urusan › bidang › program › kegiatan › sub kegiatan › accounts.
//! By account: akun › kelompok › jenis › account › organisations.
//! The organisation and function views show spending (akun 5): revenue and financing have
//! no function and are read by account.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use axum::response::Response;
use platform::error::{AppError, AppResult};
use platform::i18n::Tr;
use platform::web::PageCtx;
use platform::web::routes::urlencode;
use serde::Serialize;

use super::chart::{self, BarChart};
use super::download::{self, Format, Table};
use super::sql::{self, Col, Lines};
use super::{Year, load_year, percent, permille};
use crate::codes::{AccountCode, AccountLevel, FunctionCode, FunctionLevel, OrganisationCode};

/// What a view covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Every organisation's spending.
    Organisations,
    /// One organisation, optionally narrowed to a program, kegiatan or sub kegiatan.
    Organisation(String, Option<FunctionCode>),
    /// The function tree, from the urusan down.
    Function(Option<FunctionCode>),
    /// The account tree, from the akun down.
    Account(Option<AccountCode>),
    /// One account row of an organisation's sub kegiatan (a line that takes comments).
    Line(String, FunctionCode, AccountCode),
}

impl Scope {
    /// An organisation path: the code must be an organisation code and the function (when
    /// given) a program, kegiatan or sub kegiatan; anything else is not a page (404).
    pub fn organisation(code: &str, function: Option<&str>) -> AppResult<Scope> {
        let org = OrganisationCode::parse(code).map_err(|_| AppError::NotFound)?;
        let function = match function {
            None => None,
            Some(f) => {
                let f = FunctionCode::parse(f).map_err(|_| AppError::NotFound)?;
                if f.level() < FunctionLevel::Program {
                    return Err(AppError::NotFound);
                }
                Some(f)
            }
        };
        Ok(Scope::Organisation(org.as_str().to_string(), function))
    }

    /// An account row: organisation, sub kegiatan and account codes, else 404.
    pub fn line(org: &str, sub: &str, account: &str) -> AppResult<Scope> {
        let org = OrganisationCode::parse(org).map_err(|_| AppError::NotFound)?;
        let sub = FunctionCode::parse(sub).map_err(|_| AppError::NotFound)?;
        let account = AccountCode::parse(account).map_err(|_| AppError::NotFound)?;
        if sub.level() != FunctionLevel::SubKegiatan {
            return Err(AppError::NotFound);
        }
        Ok(Scope::Line(org.as_str().to_string(), sub, account))
    }

    pub fn function(code: &str) -> AppResult<Scope> {
        let f = FunctionCode::parse(code).map_err(|_| AppError::NotFound)?;
        Ok(Scope::Function(Some(f)))
    }

    pub fn account(code: &str) -> AppResult<Scope> {
        let a = AccountCode::parse(code).map_err(|_| AppError::NotFound)?;
        Ok(Scope::Account(Some(a)))
    }

    /// The lines the view covers.
    fn filters(&self) -> Vec<(Col, String)> {
        let spending = (Col::Akun, "5".to_string());
        match self {
            Scope::Organisations | Scope::Function(None) => vec![spending],
            Scope::Organisation(org, f) => {
                let mut v = vec![(Col::Organisation, org.clone()), spending];
                if let Some(f) = f {
                    v.push((function_col(f.level()), f.as_str().to_string()));
                }
                v
            }
            Scope::Function(Some(f)) => vec![(function_col(f.level()), f.as_str().to_string())],
            Scope::Account(None) => Vec::new(),
            Scope::Account(Some(a)) => vec![(account_col(a.level()), a.as_str().to_string())],
            Scope::Line(org, sub, a) => vec![
                (Col::Organisation, org.clone()),
                (Col::SubKegiatan, sub.as_str().to_string()),
                (Col::Account, a.as_str().to_string()),
            ],
        }
    }

    /// The column whose values are the items.
    fn group(&self) -> Col {
        match self {
            Scope::Organisations => Col::Organisation,
            Scope::Organisation(_, None) => Col::Program,
            Scope::Organisation(_, Some(f)) | Scope::Function(Some(f)) => match f.level() {
                FunctionLevel::Urusan => Col::Bidang,
                FunctionLevel::Bidang => Col::Program,
                FunctionLevel::Program => Col::Kegiatan,
                FunctionLevel::Kegiatan => Col::SubKegiatan,
                FunctionLevel::SubKegiatan => Col::Account,
            },
            Scope::Function(None) => Col::Urusan,
            Scope::Account(None) => Col::Akun,
            Scope::Account(Some(a)) => match a.level() {
                AccountLevel::Akun => Col::Kelompok,
                AccountLevel::Kelompok => Col::Jenis,
                AccountLevel::Jenis => Col::Account,
                _ => Col::Organisation,
            },
            Scope::Line(..) => Col::Account,
        }
    }

    /// The Fluent key of the items' level.
    fn item_key(&self) -> &'static str {
        match self.group() {
            Col::Organisation => "budget-pages-organisation",
            Col::Urusan => FunctionLevel::Urusan.key(),
            Col::Bidang => FunctionLevel::Bidang.key(),
            Col::Program => FunctionLevel::Program.key(),
            Col::Kegiatan => FunctionLevel::Kegiatan.key(),
            Col::SubKegiatan => FunctionLevel::SubKegiatan.key(),
            Col::Akun => AccountLevel::Akun.key(),
            Col::Kelompok => AccountLevel::Kelompok.key(),
            Col::Jenis => AccountLevel::Jenis.key(),
            Col::Account => "budget-pages-account",
        }
    }

    /// The address of an item of this view (`None`: the item has no page, e.g. spending
    /// without a sub kegiatan).
    fn item_href(&self, year: i32, code: &str, suffix: &str) -> Option<String> {
        if code.is_empty() {
            return None;
        }
        let c = urlencode(code);
        Some(match self {
            Scope::Line(..) => return None,
            Scope::Organisation(org, Some(sub)) if self.group() == Col::Account => format!(
                "/anggaran/{year}/organisasi/{}/{sub}/{c}{suffix}",
                urlencode(org)
            ),
            Scope::Organisations => format!("/anggaran/{year}/organisasi/{c}{suffix}"),
            Scope::Organisation(org, _) if self.group() != Col::Account => {
                format!("/anggaran/{year}/organisasi/{}/{c}{suffix}", urlencode(org))
            }
            Scope::Function(_) if self.group() != Col::Account => {
                format!("/anggaran/{year}/fungsi/{c}{suffix}")
            }
            Scope::Account(Some(a)) if a.level() > AccountLevel::Jenis => {
                format!("/anggaran/{year}/organisasi/{c}{suffix}")
            }
            _ => format!("/anggaran/{year}/akun/{c}{suffix}"),
        })
    }

    /// The address of this view (without the year's suffix).
    fn path(&self, year: i32) -> String {
        match self {
            Scope::Organisations => format!("/anggaran/{year}/organisasi"),
            Scope::Organisation(org, None) => format!("/anggaran/{year}/organisasi/{org}"),
            Scope::Organisation(org, Some(f)) => format!("/anggaran/{year}/organisasi/{org}/{f}"),
            Scope::Function(None) => format!("/anggaran/{year}/fungsi"),
            Scope::Function(Some(f)) => format!("/anggaran/{year}/fungsi/{f}"),
            Scope::Account(None) => format!("/anggaran/{year}/akun"),
            Scope::Account(Some(a)) => format!("/anggaran/{year}/akun/{a}"),
            Scope::Line(org, sub, a) => format!("/anggaran/{year}/organisasi/{org}/{sub}/{a}"),
        }
    }

    /// A short name for download files: `organisasi-1.01.0.00.0.00.01.0000`.
    fn slug(&self) -> String {
        match self {
            Scope::Organisations => "organisasi".into(),
            Scope::Organisation(org, None) => format!("organisasi-{org}"),
            Scope::Organisation(org, Some(f)) => format!("organisasi-{org}-{f}"),
            Scope::Function(None) => "fungsi".into(),
            Scope::Function(Some(f)) => format!("fungsi-{f}"),
            Scope::Account(None) => "akun".into(),
            Scope::Account(Some(a)) => format!("akun-{a}"),
            Scope::Line(org, sub, a) => format!("organisasi-{org}-{sub}-{a}"),
        }
    }

    /// The discussion of this view (`platform::comments`): an organisation's sub kegiatan
    /// and its account rows take public comments.
    fn comment_item(&self, year: i32) -> Option<(&'static str, String)> {
        match self {
            Scope::Organisation(org, Some(f)) if f.level() == FunctionLevel::SubKegiatan => Some((
                super::comments::SUB_KEGIATAN.item_type,
                super::comments::sub_kegiatan_id(year, org, f.as_str()),
            )),
            Scope::Line(org, sub, a) => Some((
                super::comments::ACCOUNT_ROW.item_type,
                super::comments::account_row_id(year, org, sub.as_str(), a.as_str()),
            )),
            _ => None,
        }
    }
}

fn function_col(level: FunctionLevel) -> Col {
    match level {
        FunctionLevel::Urusan => Col::Urusan,
        FunctionLevel::Bidang => Col::Bidang,
        FunctionLevel::Program => Col::Program,
        FunctionLevel::Kegiatan => Col::Kegiatan,
        FunctionLevel::SubKegiatan => Col::SubKegiatan,
    }
}

fn account_col(level: AccountLevel) -> Col {
    match level {
        AccountLevel::Akun => Col::Akun,
        AccountLevel::Kelompok => Col::Kelompok,
        AccountLevel::Jenis => Col::Jenis,
        _ => Col::Account,
    }
}

/// One item of a view: exact rupiah.
#[derive(Clone, Debug, Serialize)]
pub struct Item {
    pub code: String,
    pub name: String,
    #[serde(skip)]
    pub href: Option<String>,
    pub plan: i64,
    pub realisation: i64,
    /// The previous year's plan of the same code (`None` without a previous year).
    pub previous_year: Option<i64>,
}

/// A level of a drill-down, ready for any format.
#[derive(Clone, Debug, Serialize)]
pub struct View {
    pub year: i32,
    pub stage: String,
    pub version: i32,
    /// The latest month of the realisation (`None` without realisation).
    pub realisation_month: Option<i32>,
    pub title: String,
    pub level: String,
    #[serde(skip)]
    pub crumbs: Vec<(String, String)>,
    pub items: Vec<Item>,
    pub total_plan: i64,
    pub total_realisation: i64,
    pub total_previous_year: Option<i64>,
}

/// A name for a code the file did not name: urusan, akun and kelompok have translated
/// names (Fluent); bidang and jenis the regulation's (`data/budget/kode-*.csv`).
pub fn fixed_name(t: &Tr, col: Col, code: &str) -> Option<String> {
    let key = match col {
        Col::Urusan => format!("budget-pages-urusan-{code}"),
        Col::Akun | Col::Kelompok => format!("budget-pages-account-{}", code.replace('.', "-")),
        Col::Bidang => return crate::api::names::function_in(code, t.lang).map(str::to_string),
        Col::Jenis => return crate::api::names::account_in(code, t.lang).map(str::to_string),
        _ => return None,
    };
    let text = t.t(&key);
    (text != key).then_some(text)
}

/// The names of `codes` of column `col` in the plan version (fixed names first).
pub async fn names_of(
    ctx: &PageCtx,
    y: &Year,
    col: Col,
    codes: &[String],
) -> AppResult<HashMap<String, String>> {
    let mut out: HashMap<String, String> = HashMap::new();
    let mut unnamed = Vec::new();
    for c in codes {
        match fixed_name(&ctx.t, col, c) {
            Some(n) => {
                out.insert(c.clone(), n);
            }
            None => unnamed.push(c.clone()),
        }
    }
    if let Some(kind) = col.name_kind()
        && !unnamed.is_empty()
    {
        out.extend(sql::names(&ctx.state.db, y.plan.id, kind, &unnamed).await?);
    }
    Ok(out)
}

/// The label of a code: "1.01 · Name", the code alone without a name, and "(none)" for
/// lines without the level (spending without a sub kegiatan).
fn label(t: &Tr, names: &HashMap<String, String>, code: &str) -> String {
    if code.is_empty() {
        return t.t("budget-pages-no-code");
    }
    match names.get(code) {
        Some(n) => n.clone(),
        None => code.to_string(),
    }
}

/// Build the view of `scope` in year `y`; 404 when it covers no line of the plan.
pub async fn build(ctx: &PageCtx, y: &Year, scope: &Scope) -> AppResult<View> {
    let db = &ctx.state.db;
    let t = &ctx.t;
    let filters = scope.filters();
    let group = scope.group();
    let plan = sql::sums(db, Lines::Plan, y.plan.id, group, &filters).await?;
    if plan.is_empty() && scope_is_deep(scope) {
        return Err(AppError::NotFound);
    }
    let real: HashMap<String, i64> = match &y.realisation {
        Some(r) => sql::sums(db, Lines::Realisation, r.id, group, &filters)
            .await?
            .into_iter()
            .collect(),
        None => HashMap::new(),
    };
    let previous: Option<HashMap<String, i64>> = match &y.previous {
        Some(p) => Some(
            sql::sums(db, Lines::Plan, p.id, group, &filters)
                .await?
                .into_iter()
                .collect(),
        ),
        None => None,
    };
    // Realisation of a code the plan does not hold still shows (with a plan of 0).
    let mut codes: BTreeMap<String, i64> = plan.into_iter().collect();
    for code in real.keys() {
        codes.entry(code.clone()).or_insert(0);
    }
    let code_list: Vec<String> = codes.keys().cloned().collect();
    let names = names_of(ctx, y, group, &code_list).await?;
    let mut items: Vec<Item> = codes
        .into_iter()
        .map(|(code, plan)| Item {
            name: label(t, &names, &code),
            href: scope.item_href(y.year, &code, &y.suffix),
            realisation: real.get(&code).copied().unwrap_or(0),
            previous_year: previous
                .as_ref()
                .map(|p| p.get(&code).copied().unwrap_or(0)),
            plan,
            code,
        })
        .collect();
    // Biggest first: what the money is mostly for comes first.
    items.sort_by(|a, b| b.plan.cmp(&a.plan).then_with(|| a.code.cmp(&b.code)));
    let crumbs = crumbs(ctx, y, scope).await?;
    let title = crumbs
        .last()
        .map(|(label, _)| label.clone())
        .unwrap_or_default();
    Ok(View {
        year: y.year,
        stage: y.plan.stage.clone(),
        version: y.plan.version,
        realisation_month: y.realisation.as_ref().and_then(|r| r.last_month),
        title,
        level: t.t(scope.item_key()),
        total_plan: items.iter().map(|i| i.plan).sum(),
        total_realisation: items.iter().map(|i| i.realisation).sum(),
        total_previous_year: previous
            .as_ref()
            .map(|_| items.iter().map(|i| i.previous_year.unwrap_or(0)).sum()),
        items,
        crumbs,
    })
}

/// Whether a view below the roots: an empty one is an unknown code.
fn scope_is_deep(scope: &Scope) -> bool {
    !matches!(
        scope,
        Scope::Organisations | Scope::Function(None) | Scope::Account(None)
    )
}

/// Breadcrumbs: Anggaran › year › tree › each level down to this one, as (label, href).
async fn crumbs(ctx: &PageCtx, y: &Year, scope: &Scope) -> AppResult<Vec<(String, String)>> {
    let t = &ctx.t;
    let year = y.year;
    let sfx = &y.suffix;
    let mut out = vec![
        (t.t("budget-pages-title"), "/anggaran".to_string()),
        (
            t.t1("budget-pages-year-title", "year", &year.to_string()),
            format!("/anggaran/{year}{sfx}"),
        ),
    ];
    // The levels below the tree's root: (column, code, address).
    let mut steps: Vec<(Col, String, String)> = Vec::new();
    let root = match scope {
        Scope::Organisations | Scope::Organisation(..) | Scope::Line(..) => {
            let (org, f, account) = match scope {
                Scope::Organisation(org, f) => (Some(org), f.clone(), None),
                Scope::Line(org, sub, a) => (Some(org), Some(sub.clone()), Some(a)),
                _ => (None, None, None),
            };
            if let Some(org) = org {
                steps.push((
                    Col::Organisation,
                    org.clone(),
                    format!("/anggaran/{year}/organisasi/{org}{sfx}"),
                ));
                for level in [
                    FunctionLevel::Program,
                    FunctionLevel::Kegiatan,
                    FunctionLevel::SubKegiatan,
                ] {
                    if let Some(a) = f.as_ref().and_then(|f| f.ancestor(level)) {
                        steps.push((
                            function_col(level),
                            a.as_str().to_string(),
                            format!("/anggaran/{year}/organisasi/{org}/{a}{sfx}"),
                        ));
                    }
                }
                if let (Some(a), Some(sub)) = (account, &f) {
                    steps.push((
                        Col::Account,
                        a.as_str().to_string(),
                        format!("/anggaran/{year}/organisasi/{org}/{sub}/{a}{sfx}"),
                    ));
                }
            }
            (
                t.t("budget-pages-by-organisation"),
                format!("/anggaran/{year}/organisasi{sfx}"),
            )
        }
        Scope::Function(f) => {
            for level in [
                FunctionLevel::Urusan,
                FunctionLevel::Bidang,
                FunctionLevel::Program,
                FunctionLevel::Kegiatan,
                FunctionLevel::SubKegiatan,
            ] {
                if let Some(a) = f.as_ref().and_then(|f| f.ancestor(level)) {
                    steps.push((
                        function_col(level),
                        a.as_str().to_string(),
                        format!("/anggaran/{year}/fungsi/{a}{sfx}"),
                    ));
                }
            }
            (
                t.t("budget-pages-by-function"),
                format!("/anggaran/{year}/fungsi{sfx}"),
            )
        }
        Scope::Account(a) => {
            if let Some(a) = a {
                for level in [
                    AccountLevel::Akun,
                    AccountLevel::Kelompok,
                    AccountLevel::Jenis,
                ] {
                    if let Some(up) = a.ancestor(level)
                        && up.level() < a.level()
                    {
                        steps.push((
                            account_col(level),
                            up.as_str().to_string(),
                            format!("/anggaran/{year}/akun/{up}{sfx}"),
                        ));
                    }
                }
                steps.push((
                    account_col(a.level()),
                    a.as_str().to_string(),
                    format!("/anggaran/{year}/akun/{a}{sfx}"),
                ));
            }
            (
                t.t("budget-pages-by-account"),
                format!("/anggaran/{year}/akun{sfx}"),
            )
        }
    };
    out.push(root);
    for (col, code, href) in steps {
        let names = names_of(ctx, y, col, std::slice::from_ref(&code)).await?;
        out.push((named(&names, &code), href));
    }
    Ok(out)
}

/// "code name", or the code alone.
fn named(names: &HashMap<String, String>, code: &str) -> String {
    match names.get(code) {
        Some(n) => format!("{code} {n}"),
        None => code.to_string(),
    }
}

/// One row of the table of a view, formatted.
pub struct RowView {
    pub code: String,
    pub name: String,
    pub href: Option<String>,
    pub plan: String,
    pub realisation: String,
    pub absorption: String,
    pub share: String,
    pub previous_year: Option<String>,
    pub change: Option<String>,
}

#[derive(Template)]
#[template(path = "public/view.html")]
struct ViewPage<'a> {
    t: &'a Tr,
    view: &'a View,
    crumbs: &'a [(String, String)],
    heading: String,
    stage_note: String,
    rows: Vec<RowView>,
    total: Option<RowView>,
    level: String,
    chart_title: String,
    has_previous: bool,
    previous_year: i32,
    chart: BarChart,
    downloads: Vec<(String, String)>,
    /// The public comments and their form, on lines that take comments.
    comments: Option<platform::comments::CommentsSection>,
    /// A sub kegiatan of several organisations (function tree): each one's discussion.
    discussions: Vec<(String, String)>,
}

/// The sub kegiatan of a function-tree page and the organisations holding it, as
/// (code, name); `None` for any other page.
async fn holders(
    ctx: &PageCtx,
    y: &Year,
    scope: &Scope,
) -> AppResult<Option<(FunctionCode, Vec<(String, String)>)>> {
    let Scope::Function(Some(sub)) = scope else {
        return Ok(None);
    };
    if sub.level() != FunctionLevel::SubKegiatan {
        return Ok(None);
    }
    let filters = [(Col::SubKegiatan, sub.as_str().to_string())];
    let codes: Vec<String> = sql::sums(
        &ctx.state.db,
        Lines::Plan,
        y.plan.id,
        Col::Organisation,
        &filters,
    )
    .await?
    .into_iter()
    .map(|(code, _)| code)
    .collect();
    let names = names_of(ctx, y, Col::Organisation, &codes).await?;
    let organisations = codes
        .into_iter()
        .map(|code| {
            let name = names.get(&code).cloned().unwrap_or_else(|| code.clone());
            (code, name)
        })
        .collect();
    Ok(Some((sub.clone(), organisations)))
}

/// The formatted rows of a view (shared with the summary's tables).
pub fn rows(t: &Tr, items: &[Item], total_plan: i64) -> Vec<RowView> {
    items.iter().map(|i| row(t, i, total_plan)).collect()
}

fn row(t: &Tr, i: &Item, total_plan: i64) -> RowView {
    RowView {
        code: i.code.clone(),
        name: i.name.clone(),
        href: i.href.clone(),
        plan: t.rupiah(&i.plan),
        realisation: t.rupiah(&i.realisation),
        absorption: percent(t.lang, permille(i.realisation, i.plan)),
        share: percent(t.lang, permille(i.plan, total_plan)),
        previous_year: i.previous_year.map(|p| t.rupiah(&p)),
        change: i
            .previous_year
            .map(|p| percent(t.lang, permille(i.plan - p, p))),
    }
}

/// The download links of an address: CSV, XLSX, JSON.
pub fn downloads(path: &str, suffix: &str) -> Vec<(String, String)> {
    let join = if suffix.is_empty() { '?' } else { '&' };
    ["csv", "xlsx", "json"]
        .iter()
        .map(|f| (f.to_uppercase(), format!("{path}{suffix}{join}format={f}")))
        .collect()
}

/// The stage line under a heading: "APBD perubahan (versi 2) · realisasi s.d. Juni".
pub fn stage_note(t: &Tr, y: &Year) -> String {
    let mut note = format!(
        "{} · {}",
        t.t(crate::import::Stage::parse(&y.plan.stage)
            .unwrap_or(crate::import::Stage::Murni)
            .key()),
        t.t1(
            "budget-pages-version",
            "version",
            &y.plan.version.to_string()
        )
    );
    match y.realisation.as_ref().and_then(|r| r.last_month) {
        Some(m) => {
            let month = platform::i18n::month_name(t.lang, u32::try_from(m).unwrap_or(1));
            note.push_str(" · ");
            note.push_str(&t.t1("budget-pages-realisation-until", "month", month));
        }
        None => {
            note.push_str(" · ");
            note.push_str(&t.t("budget-pages-no-realisation"));
        }
    }
    if y.plan.status == "superseded" {
        note.push_str(" · ");
        note.push_str(&t.t("budget-pages-superseded"));
    }
    note
}

/// The table of a view for CSV and XLSX.
pub fn table(t: &Tr, view: &View) -> Table {
    let mut header = vec![
        t.t("budget-pages-col-code"),
        view.level.clone(),
        t.t("budget-pages-col-plan"),
        t.t("budget-pages-col-realisation"),
        t.t("budget-pages-col-absorption"),
        t.t("budget-pages-col-share"),
    ];
    if view.total_previous_year.is_some() {
        header.push(t.t1(
            "budget-pages-col-previous",
            "year",
            &(view.year - 1).to_string(),
        ));
    }
    let mut rows = Vec::new();
    for i in &view.items {
        let mut r = vec![
            download::Cell::Text(i.code.clone()),
            download::Cell::Text(i.name.clone()),
            download::Cell::Int(i.plan),
            download::Cell::Int(i.realisation),
            download::Cell::Percent(permille(i.realisation, i.plan)),
            download::Cell::Percent(permille(i.plan, view.total_plan)),
        ];
        if view.total_previous_year.is_some() {
            r.push(download::Cell::Int(i.previous_year.unwrap_or(0)));
        }
        rows.push(r);
    }
    let mut total = vec![
        download::Cell::Text(String::new()),
        download::Cell::Text(t.t("budget-pages-total")),
        download::Cell::Int(view.total_plan),
        download::Cell::Int(view.total_realisation),
        download::Cell::Percent(permille(view.total_realisation, view.total_plan)),
        download::Cell::Percent(permille(view.total_plan, view.total_plan)),
    ];
    if let Some(p) = view.total_previous_year {
        total.push(download::Cell::Int(p));
    }
    rows.push(total);
    Table {
        sheet: format!("APBD {}", view.year),
        header,
        rows,
    }
}

/// Answer a view in the format asked for (`?format=`; the page by default).
pub async fn respond(
    ctx: PageCtx,
    tahun: &str,
    scope: Scope,
    pairs: &[(String, String)],
) -> AppResult<Response> {
    let format = Format::parse(super::param(pairs, "format"))?;
    let y = load_year(&ctx, tahun, pairs).await?;
    let mut view = build(&ctx, &y, &scope).await?;
    let holders = holders(&ctx, &y, &scope).await?;
    if let Some((sub, [(org, _)])) = holders.as_ref().map(|(s, o)| (s, o.as_slice())) {
        // One organisation: its account rows are that organisation's lines.
        for item in &mut view.items {
            if let Ok(account) = AccountCode::parse(&item.code) {
                let line = Scope::Line(org.clone(), sub.clone(), account);
                item.href = Some(format!("{}{}", line.path(y.year), y.suffix));
            }
        }
    }
    let t = &ctx.t;
    let name = format!("apbd-{}-{}", y.year, scope.slug());
    match format {
        Format::Csv => Ok(download::csv(&name, &table(t, &view))),
        Format::Xlsx => download::xlsx(&name, &table(t, &view)),
        Format::Json => Ok(download::json(&name, &view)),
        Format::Html => {
            let chart = chart::bars(t, &view.items);
            let total = Item {
                code: String::new(),
                name: t.t("budget-pages-total"),
                href: None,
                plan: view.total_plan,
                realisation: view.total_realisation,
                previous_year: view.total_previous_year,
            };
            let heading = format!("{} — {}", view.title, y.year);
            // Comments of an earlier version's page are the same discussion: shown on the
            // current page only, so that one item has one place.
            // A sub kegiatan reached through the function tree is the same discussion as
            // through its organisation (same item id); held by several organisations, the
            // page links to each one's discussion.
            let comment_item = match &holders {
                Some((sub, orgs)) if orgs.len() == 1 => orgs.first().and_then(|(org, _)| {
                    Scope::Organisation(org.clone(), Some(sub.clone())).comment_item(y.year)
                }),
                _ => scope.comment_item(y.year),
            };
            let comments = match comment_item {
                Some((item_type, id)) if y.suffix.is_empty() => {
                    Some(platform::comments::section(&ctx, item_type, &id).await?)
                }
                _ => None,
            };
            let discussions: Vec<(String, String)> = match &holders {
                Some((sub, orgs)) if orgs.len() > 1 => orgs
                    .iter()
                    .map(|(org, name)| {
                        let path = Scope::Organisation(org.clone(), Some(sub.clone())).path(y.year);
                        (
                            format!("{org} {name}"),
                            format!("{path}{}#komentar", y.suffix),
                        )
                    })
                    .collect(),
                _ => Vec::new(),
            };
            let page = ViewPage {
                t,
                view: &view,
                crumbs: &view.crumbs,
                heading: heading.clone(),
                stage_note: stage_note(t, &y),
                rows: rows(t, &view.items, view.total_plan),
                total: Some(row(t, &total, view.total_plan)),
                level: view.level.clone(),
                chart_title: view.level.clone(),
                has_previous: view.total_previous_year.is_some(),
                previous_year: y.year - 1,
                chart,
                downloads: downloads(&scope.path(y.year), &y.suffix),
                comments,
                discussions,
            };
            ctx.page(&heading, &page)
        }
    }
}
