//! All SQL of the budget module. Amount sums are cast to BIGINT: PostgreSQL's SUM over
//! BIGINT is NUMERIC, which does not decode as `i64`.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use platform::AppState;
use platform::audit::{self, Change};
use platform::db::{Db, RowsAffected, Tx};
use platform::files::StoredFile;
use platform::on_db;
use uuid::Uuid;

use crate::codes::{AccountCode, AccountLevel, FunctionCode, FunctionLevel};
use crate::import::validate::{Budget, Name, Realisation, Totals};
use crate::import::{Checked, Importer, Stage, template};

/// Bound values per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;

/// A version of a year's budget (or realisation) of one stage.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct Version {
    pub id: Uuid,
    pub fiscal_year: i32,
    pub stage: String,
    pub version: i32,
    /// `draft`, `published` or `superseded`.
    pub status: String,
    pub source_file_id: Option<Uuid>,
    pub source_name: String,
    pub source_sha256: String,
    pub line_count: i32,
    pub total_revenue: i64,
    pub total_spending: i64,
    pub total_financing_receipts: i64,
    pub total_financing_expenditure: i64,
    pub last_month: Option<i32>,
    pub imported_by: Option<Uuid>,
    pub imported_by_name: String,
    pub imported_at: DateTime<Utc>,
    pub published_by: Option<Uuid>,
    pub published_at: Option<DateTime<Utc>>,
    pub superseded_at: Option<DateTime<Utc>>,
}

impl Version {
    pub fn totals(&self) -> Totals {
        Totals {
            revenue: self.total_revenue,
            spending: self.total_spending,
            financing_receipts: self.total_financing_receipts,
            financing_expenditure: self.total_financing_expenditure,
        }
    }
}

const VERSION_COLUMNS: &str = "id, fiscal_year, stage, version, status, source_file_id, source_name, source_sha256, line_count, \
     total_revenue, total_spending, total_financing_receipts, total_financing_expenditure, last_month, \
     imported_by, imported_by_name, imported_at, published_by, published_at, superseded_at";

pub async fn version(db: &Db, id: Uuid) -> Result<Option<Version>, sqlx::Error> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM budget_versions WHERE id = $1");
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await)
}

/// Every version of a year's stage, newest first.
pub async fn versions(db: &Db, year: i32, stage: Stage) -> Result<Vec<Version>, sqlx::Error> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM budget_versions WHERE fiscal_year = $1 AND stage = $2 ORDER BY version DESC"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(year).bind(stage.as_str()).fetch_all(pool).await)
}

/// The published version of a year's stage, if any.
pub async fn published(db: &Db, year: i32, stage: Stage) -> Result<Option<Version>, sqlx::Error> {
    let sql = format!(
        "SELECT {VERSION_COLUMNS} FROM budget_versions WHERE fiscal_year = $1 AND stage = $2 AND status = 'published'"
    );
    on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(year).bind(stage.as_str()).fetch_optional(pool).await)
}

/// The totals of a version recomputed from its lines (budget or realisation), by the
/// account classes of [`Totals`].
pub async fn totals_from_lines(db: &Db, version: &Version) -> Result<Totals, sqlx::Error> {
    let table = if version.stage == Stage::Realisasi.as_str() {
        "budget_realisation"
    } else {
        "budget_lines"
    };
    let sql = format!(
        "SELECT kelompok, CAST(SUM(amount) AS BIGINT) FROM {table} WHERE version_id = $1 GROUP BY kelompok"
    );
    let rows: Vec<(String, i64)> = on_db!(db, pool => sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(version.id).fetch_all(pool).await)?;
    let mut totals = Totals::default();
    for (kelompok, sum) in rows {
        let slot = match kelompok.as_str() {
            "6.1" => &mut totals.financing_receipts,
            "6.2" => &mut totals.financing_expenditure,
            k if k.starts_with('4') => &mut totals.revenue,
            _ => &mut totals.spending,
        };
        *slot += sum;
    }
    Ok(totals)
}

/// A plan's lines by organisation › sub kegiatan ('' without) › account codes.
pub type PlanKeys = HashMap<String, HashMap<String, std::collections::HashSet<String>>>;

/// The (organisation, sub kegiatan, account) of every line of plan version `id`.
pub async fn plan_keys(db: &Db, id: Uuid) -> Result<PlanKeys, sqlx::Error> {
    let rows: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT DISTINCT organisation_code, sub_kegiatan, account_code FROM budget_lines WHERE version_id = $1")
        .bind(id).fetch_all(pool).await)?;
    let mut keys = PlanKeys::new();
    for (org, sub, account) in rows {
        keys.entry(org)
            .or_default()
            .entry(sub)
            .or_default()
            .insert(account);
    }
    Ok(keys)
}

/// The number of lines a version holds.
pub async fn line_count(db: &Db, version: &Version) -> Result<i64, sqlx::Error> {
    let table = if version.stage == Stage::Realisasi.as_str() {
        "budget_realisation"
    } else {
        "budget_lines"
    };
    let sql = format!("SELECT COUNT(*) FROM {table} WHERE version_id = $1");
    on_db!(db, pool => sqlx::query_scalar(sqlx::AssertSqlSafe(sql)).bind(version.id).fetch_one(pool).await)
}

/// Mark the published version of (year, stage) superseded; its id, if there was one.
pub async fn supersede(
    tx: &mut Tx,
    year: i32,
    stage: &str,
    now: DateTime<Utc>,
) -> Result<Option<Uuid>, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query_scalar(
        "UPDATE budget_versions SET status = 'superseded', superseded_at = $3 \
         WHERE fiscal_year = $1 AND stage = $2 AND status = 'published' RETURNING id")
        .bind(year).bind(stage).bind(now).fetch_optional(&mut **conn).await)
}

/// Mark draft `id` published; false when it is no longer a draft.
pub async fn mark_published(
    tx: &mut Tx,
    id: Uuid,
    by: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<bool, sqlx::Error> {
    let n = on_db!(tx, tx; conn => sqlx::query(
        "UPDATE budget_versions SET status = 'published', published_by = $2, published_at = $3 \
         WHERE id = $1 AND status = 'draft'")
        .bind(id).bind(by).bind(now).execute(&mut **conn).await.affected())?;
    Ok(n == 1)
}

/// The code → platform organisation mapping (`budget_organisation_codes`).
async fn organisation_codes(db: &Db) -> Result<HashMap<String, String>, sqlx::Error> {
    let rows: Vec<(String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT code, organisation_id FROM budget_organisation_codes").fetch_all(pool).await)?;
    Ok(rows.into_iter().collect())
}

/// Platform organisations by lower-cased name (names held by two are left out).
async fn organisations_by_name(db: &Db) -> Result<HashMap<String, String>, sqlx::Error> {
    let rows: Vec<(String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT id, name FROM organisations").fetch_all(pool).await)?;
    let mut by_name: HashMap<String, Option<String>> = HashMap::new();
    for (id, name) in rows {
        by_name
            .entry(name.trim().to_lowercase())
            .and_modify(|v| *v = None)
            .or_insert(Some(id));
    }
    Ok(by_name
        .into_iter()
        .filter_map(|(k, v)| Some((k, v?)))
        .collect())
}

/// Organisations matched in earlier versions of `year` (for realisation, which has no names).
async fn organisations_matched_in_year(
    db: &Db,
    year: i32,
) -> Result<HashMap<String, String>, sqlx::Error> {
    let rows: Vec<(String, String)> = on_db!(db, pool => sqlx::query_as(
        "SELECT n.code, n.organisation_id FROM budget_names n JOIN budget_versions v ON v.id = n.version_id \
         WHERE v.fiscal_year = $1 AND n.kind = 'organisation' AND n.organisation_id IS NOT NULL \
         ORDER BY v.imported_at")
        .bind(year).fetch_all(pool).await)?;
    Ok(rows.into_iter().collect())
}

/// Record (or change) which platform organisation budget organisation `code` is.
pub async fn map_organisation_code(
    tx: &mut Tx,
    code: &str,
    organisation_id: &str,
    now: DateTime<Utc>,
) -> Result<u64, sqlx::Error> {
    on_db!(tx, tx; conn => sqlx::query(
        "INSERT INTO budget_organisation_codes (code, organisation_id, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (code) DO UPDATE SET organisation_id = excluded.organisation_id, updated_at = excluded.updated_at")
        .bind(code).bind(organisation_id).bind(now).execute(&mut **conn).await.affected())
}

/// The function levels of a line (all '' without a sub kegiatan).
fn function_levels(sub: Option<&FunctionCode>) -> [String; 5] {
    let at = |level| {
        sub.and_then(|s| s.ancestor(level))
            .map(|c| c.to_string())
            .unwrap_or_default()
    };
    [
        at(FunctionLevel::Urusan),
        at(FunctionLevel::Bidang),
        at(FunctionLevel::Program),
        at(FunctionLevel::Kegiatan),
        at(FunctionLevel::SubKegiatan),
    ]
}

fn account_levels(account: &AccountCode) -> [String; 3] {
    let at = |level| {
        account
            .ancestor(level)
            .map(|c| c.to_string())
            .unwrap_or_default()
    };
    [
        at(AccountLevel::Akun),
        at(AccountLevel::Kelompok),
        at(AccountLevel::Jenis),
    ]
}

/// Write a checked file as a new draft version in one transaction with its audit entry;
/// returns the version's id and number.
pub async fn write_version(
    state: &AppState,
    file: &StoredFile,
    year: i32,
    stage: Stage,
    checked: &Checked,
    by: &Importer,
) -> Result<(Uuid, i32), sqlx::Error> {
    let db = &state.db;
    let mapped = organisation_codes(db).await?;
    let by_name = organisations_by_name(db).await?;
    let earlier = organisations_matched_in_year(db, year).await?;
    let names: &[Name] = match checked {
        Checked::Budget(b) => &b.names,
        Checked::Realisation(_) => &[],
    };
    let mut organisation_of: HashMap<String, String> = HashMap::new();
    for name in names.iter().filter(|n| n.kind == "organisation") {
        let found = mapped
            .get(&name.code)
            .or_else(|| by_name.get(&name.name.to_lowercase()))
            .or_else(|| earlier.get(&name.code));
        if let Some(id) = found {
            organisation_of.insert(name.code.clone(), id.clone());
        }
    }
    let organisation = |code: &str| -> Option<String> {
        organisation_of
            .get(code)
            .or_else(|| mapped.get(code))
            .or_else(|| earlier.get(code))
            .cloned()
    };
    let (totals, lines, last_month) = match checked {
        Checked::Budget(b) => (b.totals, b.lines.len(), None),
        Checked::Realisation(r) => (r.totals, r.lines.len(), Some(i32::from(r.last_month))),
    };
    let now = state.clock.now();
    let id = Uuid::now_v7();
    let mut tx = db.begin().await?;
    let number: i32 = on_db!(&mut tx, tx; conn => sqlx::query_scalar(
        "SELECT CAST(COALESCE(MAX(version), 0) + 1 AS INTEGER) FROM budget_versions WHERE fiscal_year = $1 AND stage = $2")
        .bind(year).bind(stage.as_str()).fetch_one(&mut **conn).await)?;
    on_db!(&mut tx, tx; conn => sqlx::query(
        "INSERT INTO budget_versions (id, fiscal_year, stage, version, status, source_file_id, source_name, source_sha256, \
         line_count, total_revenue, total_spending, total_financing_receipts, total_financing_expenditure, last_month, \
         imported_by, imported_by_name, imported_at) \
         VALUES ($1, $2, $3, $4, 'draft', $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)")
        .bind(id).bind(year).bind(stage.as_str()).bind(number).bind(file.id).bind(&file.original_name)
        .bind(&file.sha256).bind(i32::try_from(lines).unwrap_or(i32::MAX)).bind(totals.revenue)
        .bind(totals.spending).bind(totals.financing_receipts).bind(totals.financing_expenditure)
        .bind(last_month).bind(by.user_id).bind(&by.label).bind(now)
        .execute(&mut **conn).await.affected())?;
    match checked {
        Checked::Budget(b) => {
            insert_names(&mut tx, id, &b.names, &organisation).await?;
            insert_budget_lines(&mut tx, id, b, &organisation).await?;
        }
        Checked::Realisation(r) => insert_realisation(&mut tx, id, r, &organisation).await?,
    }
    let id_text = id.to_string();
    audit::record_as(
        &mut tx,
        by.user_id,
        &by.label,
        now,
        Change {
            action: "budget.import",
            entity_type: "budget_version",
            entity_id: &id_text,
            organisation_id: None,
            before: None,
            after: Some(serde_json::json!({
                "fiscal_year": year,
                "stage": stage.as_str(),
                "version": number,
                "status": "draft",
                "lines": lines,
                "totals": totals,
                "file_id": file.id,
                "file_name": file.original_name,
                "file_sha256": file.sha256,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok((id, number))
}

async fn insert_names(
    tx: &mut Tx,
    version_id: Uuid,
    names: &[Name],
    organisation: &impl Fn(&str) -> Option<String>,
) -> Result<(), sqlx::Error> {
    const COLUMNS: &[&str] = &["version_id", "kind", "code", "name", "organisation_id"];
    for chunk in names.chunks(MAX_BINDS / COLUMNS.len()) {
        let sql = platform::db::values_sql(tx.backend(), "budget_names", COLUMNS, chunk.len());
        on_db!(tx, tx; conn => {
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
            for n in chunk {
                let org = if n.kind == "organisation" { organisation(&n.code) } else { None };
                q = q.bind(version_id).bind(n.kind).bind(&n.code).bind(&n.name).bind(org);
            }
            q.execute(&mut **conn).await.affected()
        })?;
    }
    Ok(())
}

/// The stored columns of a version's lines, column by column: computed once, then written
/// as multi-row `VALUES` on SQLite and as one `UNNEST` of arrays per batch on PostgreSQL
/// (a statement with 15 array parameters instead of 15 × 2,000 scalars: less to parse,
/// plan and bind).
#[derive(Default)]
struct LineColumns {
    line_no: Vec<i32>,
    /// Realisation only.
    month: Vec<i32>,
    organisation_code: Vec<String>,
    organisation_id: Vec<Option<String>>,
    urusan: Vec<String>,
    bidang: Vec<String>,
    program: Vec<String>,
    kegiatan: Vec<String>,
    sub_kegiatan: Vec<String>,
    akun: Vec<String>,
    kelompok: Vec<String>,
    jenis: Vec<String>,
    account_code: Vec<String>,
    /// Budget only.
    source_of_funds: Vec<String>,
    amount: Vec<i64>,
}

impl LineColumns {
    fn with_capacity(n: usize) -> LineColumns {
        let strings = || Vec::with_capacity(n);
        LineColumns {
            line_no: Vec::with_capacity(n),
            month: Vec::new(),
            organisation_code: strings(),
            organisation_id: Vec::with_capacity(n),
            urusan: strings(),
            bidang: strings(),
            program: strings(),
            kegiatan: strings(),
            sub_kegiatan: strings(),
            akun: strings(),
            kelompok: strings(),
            jenis: strings(),
            account_code: strings(),
            source_of_funds: Vec::new(),
            amount: Vec::with_capacity(n),
        }
    }

    /// The columns every line has.
    fn push(
        &mut self,
        row: u32,
        organisation: &str,
        organisation_id: Option<String>,
        sub: Option<&FunctionCode>,
        account: &AccountCode,
        amount: i64,
    ) {
        let [urusan, bidang, program, kegiatan, sub] = function_levels(sub);
        let [akun, kelompok, jenis] = account_levels(account);
        self.line_no.push(i32::try_from(row).unwrap_or(i32::MAX));
        self.organisation_code.push(organisation.to_string());
        self.organisation_id.push(organisation_id);
        self.urusan.push(urusan);
        self.bidang.push(bidang);
        self.program.push(program);
        self.kegiatan.push(kegiatan);
        self.sub_kegiatan.push(sub);
        self.akun.push(akun);
        self.kelompok.push(kelompok);
        self.jenis.push(jenis);
        self.account_code.push(account.as_str().to_string());
        self.amount.push(amount);
    }

    fn len(&self) -> usize {
        self.line_no.len()
    }
}

/// Rows per statement on PostgreSQL (arrays: no bind limit, only memory).
const UNNEST_BATCH: usize = 20_000;

/// Write `cols` into `table` (`budget_lines` when `source_of_funds` is filled, else
/// `budget_realisation` with `month`).
async fn insert_lines(
    tx: &mut Tx,
    version_id: Uuid,
    table: &'static str,
    cols: &LineColumns,
) -> Result<(), sqlx::Error> {
    let budget = table == "budget_lines";
    let mut columns: Vec<&str> = vec!["version_id", "line_no"];
    if !budget {
        columns.push("month");
    }
    columns.extend([
        "organisation_code",
        "organisation_id",
        "urusan",
        "bidang",
        "program",
        "kegiatan",
        "sub_kegiatan",
        "akun",
        "kelompok",
        "jenis",
        "account_code",
    ]);
    if budget {
        columns.push("source_of_funds");
    }
    columns.push("amount");
    match tx {
        Tx::Sqlite(conn) => {
            let rows_per = MAX_BINDS / columns.len();
            let mut from = 0;
            while from < cols.len() {
                let to = (from + rows_per).min(cols.len());
                let sql = platform::db::values_sql(
                    platform::db::Backend::Sqlite,
                    table,
                    &columns,
                    to - from,
                );
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
                for i in from..to {
                    q = q.bind(version_id).bind(cols.line_no[i]);
                    if !budget {
                        q = q.bind(cols.month[i]);
                    }
                    q = q
                        .bind(&cols.organisation_code[i])
                        .bind(&cols.organisation_id[i])
                        .bind(&cols.urusan[i])
                        .bind(&cols.bidang[i])
                        .bind(&cols.program[i])
                        .bind(&cols.kegiatan[i])
                        .bind(&cols.sub_kegiatan[i])
                        .bind(&cols.akun[i])
                        .bind(&cols.kelompok[i])
                        .bind(&cols.jenis[i])
                        .bind(&cols.account_code[i]);
                    if budget {
                        q = q.bind(&cols.source_of_funds[i]);
                    }
                    q = q.bind(cols.amount[i]);
                }
                q.execute(&mut **conn).await?;
                from = to;
            }
        }
        Tx::Postgres(conn) => {
            // `$1` is the version; every other column is an array, unnested in step.
            let mut arrays = vec!["$2::INTEGER[]".to_string()];
            let mut n = 2;
            let mut types: Vec<&str> = Vec::new();
            if !budget {
                types.push("INTEGER");
            }
            types.extend(["TEXT"; 11]);
            if budget {
                types.push("TEXT");
            }
            types.push("BIGINT");
            for ty in types {
                n += 1;
                arrays.push(format!("${n}::{ty}[]"));
            }
            let sql = format!(
                "INSERT INTO {table} ({}) SELECT $1, * FROM UNNEST({})",
                columns.join(", "),
                arrays.join(", ")
            );
            let mut from = 0;
            while from < cols.len() {
                let to = (from + UNNEST_BATCH).min(cols.len());
                let r = from..to;
                let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()))
                    .bind(version_id)
                    .bind(&cols.line_no[r.clone()]);
                if !budget {
                    q = q.bind(&cols.month[r.clone()]);
                }
                q = q
                    .bind(&cols.organisation_code[r.clone()])
                    .bind(&cols.organisation_id[r.clone()])
                    .bind(&cols.urusan[r.clone()])
                    .bind(&cols.bidang[r.clone()])
                    .bind(&cols.program[r.clone()])
                    .bind(&cols.kegiatan[r.clone()])
                    .bind(&cols.sub_kegiatan[r.clone()])
                    .bind(&cols.akun[r.clone()])
                    .bind(&cols.kelompok[r.clone()])
                    .bind(&cols.jenis[r.clone()])
                    .bind(&cols.account_code[r.clone()]);
                if budget {
                    q = q.bind(&cols.source_of_funds[r.clone()]);
                }
                q.bind(&cols.amount[r]).execute(&mut **conn).await?;
                from = to;
            }
        }
    }
    Ok(())
}

async fn insert_budget_lines(
    tx: &mut Tx,
    version_id: Uuid,
    budget: &Budget,
    organisation: &impl Fn(&str) -> Option<String>,
) -> Result<(), sqlx::Error> {
    let mut cols = LineColumns::with_capacity(budget.lines.len());
    cols.source_of_funds.reserve(budget.lines.len());
    for l in &budget.lines {
        cols.push(
            l.row,
            &l.organisation,
            organisation(&l.organisation),
            l.sub_kegiatan.as_ref(),
            &l.account,
            l.amount,
        );
        cols.source_of_funds.push(l.source_of_funds.clone());
    }
    insert_lines(tx, version_id, "budget_lines", &cols).await
}

async fn insert_realisation(
    tx: &mut Tx,
    version_id: Uuid,
    realisation: &Realisation,
    organisation: &impl Fn(&str) -> Option<String>,
) -> Result<(), sqlx::Error> {
    let mut cols = LineColumns::with_capacity(realisation.lines.len());
    cols.month.reserve(realisation.lines.len());
    for l in &realisation.lines {
        cols.push(
            l.row,
            &l.organisation,
            organisation(&l.organisation),
            l.sub_kegiatan.as_ref(),
            &l.account,
            l.amount,
        );
        cols.month.push(i32::from(l.month));
    }
    insert_lines(tx, version_id, "budget_realisation", &cols).await
}

/// A version's lines as the canonical CSV: the import template's columns in its order
/// (so the file can be imported again), comma-separated, one line per row in source order,
/// amounts as plain integers, LF line ends. Publishing logs the SHA-256 of exactly these
/// bytes; the public CSV download of a version must serve them unchanged.
pub async fn canonical_csv(db: &Db, version: &Version) -> Result<String, sqlx::Error> {
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    if version.stage == Stage::Realisasi.as_str() {
        let rows: Vec<(i32, String, String, String, i64)> = on_db!(db, pool => sqlx::query_as(
            "SELECT month, organisation_code, sub_kegiatan, account_code, amount FROM budget_realisation \
             WHERE version_id = $1 ORDER BY line_no")
            .bind(version.id).fetch_all(pool).await)?;
        let _ = out.write_record(template::REALISATION.iter().map(|c| c.name));
        for (month, org, sub, account, amount) in rows {
            let _ = out.write_record([month.to_string(), org, sub, account, amount.to_string()]);
        }
    } else {
        let names: Vec<(String, String, String)> = on_db!(db, pool => sqlx::query_as(
            "SELECT kind, code, name FROM budget_names WHERE version_id = $1")
            .bind(version.id).fetch_all(pool).await)?;
        let names: HashMap<(String, String), String> = names
            .into_iter()
            .map(|(kind, code, name)| ((kind, code), name))
            .collect();
        let name = |kind: &str, code: &str| -> String {
            names
                .get(&(kind.to_string(), code.to_string()))
                .cloned()
                .unwrap_or_default()
        };
        let rows: Vec<(String, String, String, String, String, String, i64)> = on_db!(db, pool => sqlx::query_as(
            "SELECT organisation_code, program, kegiatan, sub_kegiatan, account_code, source_of_funds, amount \
             FROM budget_lines WHERE version_id = $1 ORDER BY line_no")
            .bind(version.id).fetch_all(pool).await)?;
        let _ = out.write_record(template::BUDGET.iter().map(|c| c.name));
        for (org, program, kegiatan, sub, account, funds, amount) in rows {
            let _ = out.write_record([
                org.clone(),
                name("organisation", &org),
                program.clone(),
                kegiatan.clone(),
                sub.clone(),
                name("program", &program),
                name("kegiatan", &kegiatan),
                name("sub_kegiatan", &sub),
                account.clone(),
                name("account", &account),
                funds,
                amount.to_string(),
            ]);
        }
    }
    let bytes = out.into_inner().unwrap_or_default();
    Ok(String::from_utf8(bytes).unwrap_or_default())
}

/// The embedded mapping of the Bojonegoro demo's organisation codes to its organisations
/// (`data/budget/kode-organisasi.csv`: `kode_organisasi,organisation_id`).
pub const DEMO_ORGANISATION_CODES: &str = include_str!("../../../data/budget/kode-organisasi.csv");

/// Load a `kode_organisasi,organisation_id` CSV into the mapping, skipping organisations
/// that do not exist; returns how many codes were mapped.
pub async fn load_organisation_codes(
    db: &Db,
    csv_text: &str,
    now: DateTime<Utc>,
) -> anyhow::Result<usize> {
    let existing: Vec<String> = on_db!(db, pool => sqlx::query_scalar("SELECT id FROM organisations")
        .fetch_all(pool).await)?;
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let mut tx = db.begin().await?;
    let mut n = 0;
    for record in reader.records() {
        let record = record?;
        let (Some(code), Some(org)) = (record.get(0), record.get(1)) else {
            continue;
        };
        crate::codes::OrganisationCode::parse(code)
            .map_err(|e| anyhow::anyhow!("organisation code {code:?}: {e}"))?;
        if existing.iter().any(|id| id == org) {
            map_organisation_code(&mut tx, code.trim(), org.trim(), now).await?;
            n += 1;
        }
    }
    tx.commit().await?;
    Ok(n)
}

/// A level column both line tables (`budget_lines`, `budget_realisation`) have: the
/// drill-down's `GROUP BY` keys. SQL names come only from here, never from a request.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Col {
    Organisation,
    Urusan,
    Bidang,
    Program,
    Kegiatan,
    SubKegiatan,
    Akun,
    Kelompok,
    Jenis,
    Account,
}

impl Col {
    pub fn name(self) -> &'static str {
        match self {
            Col::Organisation => "organisation_code",
            Col::Urusan => "urusan",
            Col::Bidang => "bidang",
            Col::Program => "program",
            Col::Kegiatan => "kegiatan",
            Col::SubKegiatan => "sub_kegiatan",
            Col::Akun => "akun",
            Col::Kelompok => "kelompok",
            Col::Jenis => "jenis",
            Col::Account => "account_code",
        }
    }

    /// The kind of `budget_names` that names this column's codes, if any.
    pub fn name_kind(self) -> Option<&'static str> {
        match self {
            Col::Organisation => Some("organisation"),
            Col::Program => Some("program"),
            Col::Kegiatan => Some("kegiatan"),
            Col::SubKegiatan => Some("sub_kegiatan"),
            Col::Account | Col::Jenis | Col::Kelompok | Col::Akun => Some("account"),
            Col::Urusan | Col::Bidang => None,
        }
    }
}

/// Which lines: the budget (plan: *murni* or *perubahan*) or the monthly realisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    Plan,
    Realisation,
}

impl Lines {
    /// The lines a version holds.
    pub fn of(version: &Version) -> Lines {
        if version.stage == "realisasi" {
            Lines::Realisation
        } else {
            Lines::Plan
        }
    }

    pub fn table(self) -> &'static str {
        match self {
            Lines::Plan => "budget_lines",
            Lines::Realisation => "budget_realisation",
        }
    }
}
