//! Importing a budget or its realisation from a finance office's CSV or XLSX file, all or
//! nothing, and publishing it.
//!
//! [`import_file`] reads the file ([`read`]), checks every row against the template
//! ([`template`], [`validate`]) and, only when no problem was found, stores the file and
//! writes a new *draft* version of the (year, stage) in one transaction with its audit entry.
//! A file with any problem writes nothing and returns an [`ImportReport`] listing every
//! problem (row, column, message key). [`publish`] makes a draft the published version of
//! its (year, stage), supersedes the one published before (it stays readable) and appends
//! the publication to the hash-chained publication log.

pub mod amount;
pub mod read;
pub mod template;
pub mod validate;

#[cfg(test)]
mod fuzz;

#[cfg(test)]
mod example;

use std::time::Instant;

use platform::AppState;
use platform::audit::{self, Change, publication};
use platform::authz::Actor;
use platform::i18n::{Arg, Tr};
use uuid::Uuid;

use crate::queries;
pub use validate::Totals;

/// A budget stage: the original budget, the revised budget, or the monthly realisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// *APBD murni*, the budget as first adopted.
    Murni,
    /// *APBD perubahan*, the revised budget.
    Perubahan,
    /// Realisation, month by month.
    Realisasi,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Murni, Stage::Perubahan, Stage::Realisasi];

    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Murni => "murni",
            Stage::Perubahan => "perubahan",
            Stage::Realisasi => "realisasi",
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL
            .into_iter()
            .find(|st| st.as_str().eq_ignore_ascii_case(s.trim()))
    }

    /// The Fluent key of the stage's name.
    pub fn key(self) -> &'static str {
        match self {
            Stage::Murni => "budget-stage-murni",
            Stage::Perubahan => "budget-stage-perubahan",
            Stage::Realisasi => "budget-stage-realisasi",
        }
    }
}

/// Who imports or publishes: a signed-in officer or the command line.
#[derive(Clone, Debug)]
pub struct Importer {
    pub user_id: Option<Uuid>,
    /// How the audit log names them.
    pub label: String,
}

impl Importer {
    /// The command line (`terbuka import budget`): `label` says so in the audit log.
    pub fn command(label: &str) -> Importer {
        Importer {
            user_id: None,
            label: label.to_string(),
        }
    }
}

impl From<&Actor> for Importer {
    fn from(actor: &Actor) -> Importer {
        Importer {
            user_id: actor.user_id(),
            label: actor.label(),
        }
    }
}

/// One thing wrong with a file: where (row as the spreadsheet numbers it, template column)
/// and what (a Fluent key with its arguments).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    /// `None` for a problem of the whole file.
    pub row: Option<u32>,
    pub column: Option<&'static str>,
    pub key: &'static str,
    pub args: Vec<(&'static str, String)>,
}

impl Problem {
    pub fn file(key: &'static str) -> Problem {
        Problem {
            row: None,
            column: None,
            key,
            args: Vec::new(),
        }
    }

    pub fn at(row: u32, column: &'static str, key: &'static str) -> Problem {
        Problem {
            row: Some(row),
            column: Some(column),
            key,
            args: Vec::new(),
        }
    }

    #[must_use]
    pub fn at_row(mut self, row: u32) -> Problem {
        self.row = Some(row);
        self
    }

    /// With an argument of the message.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: String) -> Problem {
        self.args.push((name, value));
        self
    }

    /// Add an argument of the message to a problem already in a list.
    pub fn push_arg(&mut self, name: &'static str, value: String) -> &mut Problem {
        self.args.push((name, value));
        self
    }

    /// The translated message.
    pub fn message(&self, t: &Tr) -> String {
        let args: Vec<(&str, Arg)> = self
            .args
            .iter()
            .map(|(k, v)| (*k, Arg::Str(v.clone())))
            .collect();
        t.ta(self.key, &args)
    }
}

/// Why a file was not imported: every problem found, in row order. Nothing was written.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImportReport {
    pub file_name: String,
    pub problems: Vec<Problem>,
}

impl ImportReport {
    fn new(file_name: &str, problems: Vec<Problem>) -> ImportReport {
        ImportReport {
            file_name: file_name.to_string(),
            problems,
        }
    }

    /// One translated line per problem (`Baris 12, kolom anggaran: …`), for the command
    /// line and logs.
    pub fn lines(&self, t: &Tr) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| {
                let place = match (p.row, p.column) {
                    (Some(row), Some(column)) => t.ta(
                        "budget-problem-at-cell",
                        &[
                            ("row", Arg::Num(f64::from(row))),
                            ("column", Arg::Str(column.into())),
                        ],
                    ),
                    (Some(row), None) => t.tn("budget-problem-at-row", "row", i64::from(row)),
                    _ => t.t("budget-problem-file"),
                };
                format!("{place}: {}", p.message(t))
            })
            .collect()
    }
}

/// Why an import did not happen.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The file has problems; nothing was written.
    #[error("the file has {} problem(s)", .0.problems.len())]
    Rejected(ImportReport),
    /// Storage failed; nothing was written.
    #[error(transparent)]
    Failed(#[from] anyhow::Error),
}

/// What an import wrote: a new draft version.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct ImportSummary {
    pub version_id: Uuid,
    pub year: i32,
    pub stage: Stage,
    pub version: i32,
    pub lines: usize,
    pub totals: Totals,
    /// Realisation: the latest month in the file.
    pub last_month: Option<u8>,
    pub file_id: Uuid,
    /// Reading and checking the file, and writing it, in milliseconds.
    pub check_ms: u128,
    pub write_ms: u128,
}

/// Fiscal years accepted.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The checked content of a file, ready to write.
pub enum Checked {
    Budget(validate::Budget),
    Realisation(validate::Realisation),
}

/// Read and check a file without writing anything (the import's first half; also what a
/// preview shows).
pub fn check(
    bytes: &[u8],
    file_name: &str,
    stage: Stage,
    max_bytes: usize,
) -> Result<Checked, Vec<Problem>> {
    if bytes.is_empty() {
        return Err(vec![Problem::file("budget-file-empty")]);
    }
    if bytes.len() > max_bytes {
        return Err(vec![
            Problem::file("budget-file-too-large")
                .arg("mb", (max_bytes / (1024 * 1024)).to_string()),
        ]);
    }
    let format = read::format_of(bytes, file_name).map_err(|p| vec![p])?;
    let sheet = match stage {
        Stage::Realisasi => template::REALISATION_SHEET,
        _ => template::BUDGET_SHEET,
    };
    let table = read::read(bytes, format, sheet)?;
    match stage {
        Stage::Realisasi => validate::realisation(&table).map(Checked::Realisation),
        _ => validate::budget(&table).map(Checked::Budget),
    }
}

/// Import `bytes` (a file named `file_name`) as a new draft version of `year`'s `stage`.
///
/// All or nothing: any problem in the file returns [`ImportError::Rejected`] with every
/// problem found and writes nothing — no version, no line, no stored file.
pub async fn import_file(
    state: &AppState,
    bytes: &[u8],
    file_name: &str,
    year: i32,
    stage: Stage,
    by: &Importer,
) -> Result<ImportSummary, ImportError> {
    let started = Instant::now();
    if !YEARS.contains(&year) {
        return Err(ImportError::Rejected(ImportReport::new(
            file_name,
            vec![Problem::file("budget-year-invalid").arg("year", year.to_string())],
        )));
    }
    let checked = check(bytes, file_name, stage, state.config.max_upload_bytes())
        .map_err(|problems| ImportError::Rejected(ImportReport::new(file_name, problems)))?;
    if let Checked::Realisation(r) = &checked {
        let problems = check_against_plan(state, year, r)
            .await
            .map_err(|e| ImportError::Failed(anyhow::Error::new(e).context("reading the plan")))?;
        if !problems.is_empty() {
            return Err(ImportError::Rejected(ImportReport::new(
                file_name, problems,
            )));
        }
    }
    let check_ms = started.elapsed().as_millis();
    let file = platform::files::store(state, bytes, file_name, by.user_id)
        .await
        .map_err(|err| match err {
            platform::files::UploadError::Internal(e) => ImportError::Failed(e),
            other => ImportError::Rejected(ImportReport::new(
                file_name,
                vec![Problem::file(other.key())],
            )),
        })?;
    let written = queries::write_version(state, &file, year, stage, &checked, by).await;
    match written {
        Ok((version_id, version)) => {
            let (lines, totals, last_month) = match &checked {
                Checked::Budget(b) => (b.lines.len(), b.totals, None),
                Checked::Realisation(r) => (r.lines.len(), r.totals, Some(r.last_month)),
            };
            let write_ms = started.elapsed().as_millis() - check_ms;
            tracing::info!(
                %version_id, year, stage = stage.as_str(), version, lines, check_ms, write_ms,
                "budget file imported as a draft"
            );
            Ok(ImportSummary {
                version_id,
                year,
                stage,
                version,
                lines,
                totals,
                last_month,
                file_id: file.id,
                check_ms,
                write_ms,
            })
        }
        Err(err) => {
            // Nothing refers to the stored file: remove it so nothing is left behind.
            if let Err(discard) = platform::files::discard(state, &[file.id]).await {
                tracing::warn!(error = %discard, file_id = %file.id, "could not discard the file of a failed budget import");
            }
            Err(ImportError::Failed(
                anyhow::Error::new(err).context("writing the budget version"),
            ))
        }
    }
}

/// Realisation is of the published budget: every line's organisation, sub kegiatan and
/// account must be a line of the year's latest published plan (*perubahan* when published,
/// else *murni*). One problem per line that is not, or one for the file when no plan is
/// published.
pub async fn check_against_plan(
    state: &AppState,
    year: i32,
    realisation: &validate::Realisation,
) -> Result<Vec<Problem>, sqlx::Error> {
    let db = &state.db;
    let plan = match queries::published(db, year, Stage::Perubahan).await? {
        Some(v) => v,
        None => match queries::published(db, year, Stage::Murni).await? {
            Some(v) => v,
            None => {
                return Ok(vec![
                    Problem::file("budget-realisation-no-plan").arg("year", year.to_string()),
                ]);
            }
        },
    };
    let keys = queries::plan_keys(db, plan.id).await?;
    let mut problems = Vec::new();
    for line in &realisation.lines {
        let sub = line.sub_kegiatan.as_ref().map_or("", |s| s.as_str());
        // Looked up without building a key per line: the plan's keys are nested maps.
        let known = keys
            .get(line.organisation.as_str())
            .and_then(|subs| subs.get(sub))
            .is_some_and(|accounts| accounts.contains(line.account.as_str()));
        if !known {
            problems.push(
                Problem::at(line.row, "kode_akun", "budget-realisation-not-in-plan")
                    .arg("organisation", line.organisation.clone())
                    .arg(
                        "sub",
                        if sub.is_empty() {
                            "–".into()
                        } else {
                            sub.to_string()
                        },
                    )
                    .arg("account", line.account.as_str().to_string())
                    .arg("stage", plan.stage.clone())
                    .arg("version", plan.version.to_string()),
            );
        }
    }
    Ok(problems)
}

/// Why a version could not be published.
#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error("no such budget version")]
    NotFound,
    #[error("only a draft can be published")]
    NotDraft,
    #[error(transparent)]
    Failed(#[from] sqlx::Error),
}

impl PublishError {
    pub fn key(&self) -> &'static str {
        match self {
            PublishError::NotFound => "budget-publish-not-found",
            PublishError::NotDraft => "budget-publish-not-draft",
            PublishError::Failed(_) => "error-internal",
        }
    }
}

/// What publishing did.
#[derive(Clone, Debug, serde::Serialize)]
pub struct Published {
    pub version_id: Uuid,
    /// The version published before, now superseded.
    pub superseded: Option<Uuid>,
    pub log_seq: i64,
    pub content_sha256: String,
}

/// The public address of a year's budget of a stage, at one version.
pub fn public_url(year: i32, stage: Stage, version: i32) -> String {
    format!("/anggaran/{year}?tahap={}&versi={version}", stage.as_str())
}

/// Publish draft `version_id`: it becomes the published version of its (year, stage), the
/// version published before is superseded (and stays readable), and the publication log
/// gets an entry with the SHA-256 of the version's canonical CSV ([`crate::queries::canonical_csv`]),
/// all in one transaction with the audit entries.
pub async fn publish(
    state: &AppState,
    version_id: Uuid,
    by: &Importer,
) -> Result<Published, PublishError> {
    publish_dated(state, version_id, by, None).await
}

/// [`publish`], with the date the publication stands for when it is not now (the demo's
/// past years): the version's `published_at` (what the publication schedule compares with
/// the statutory deadlines) and the superseded version's `superseded_at` take `dated`,
/// while the publication log records the moment the entry is really appended.
pub async fn publish_dated(
    state: &AppState,
    version_id: Uuid,
    by: &Importer,
    dated: Option<chrono::DateTime<chrono::Utc>>,
) -> Result<Published, PublishError> {
    let db = &state.db;
    let version = queries::version(db, version_id)
        .await?
        .ok_or(PublishError::NotFound)?;
    if version.status != "draft" {
        return Err(PublishError::NotDraft);
    }
    let stage = Stage::parse(&version.stage).ok_or(PublishError::NotFound)?;
    let content = queries::canonical_csv(db, &version).await?;
    let now = state.clock.now();
    let at = dated.unwrap_or(now);
    let mut tx = db.begin().await?;
    let superseded = queries::supersede(&mut tx, version.fiscal_year, &version.stage, at).await?;
    if !queries::mark_published(&mut tx, version_id, by.user_id, at).await? {
        // Published by someone else between the read and now.
        return Err(PublishError::NotDraft);
    }
    let record_type = match stage {
        Stage::Realisasi => "realisasi",
        _ => "apbd",
    };
    let title = format!(
        "APBD {} {} (versi {})",
        version.fiscal_year, version.stage, version.version
    );
    let url = public_url(version.fiscal_year, stage, version.version);
    let id = version_id.to_string();
    let entry = publication::append(
        &mut tx,
        now,
        publication::Publication {
            module: "budget",
            record_type,
            record_id: &id,
            title: &title,
            url: &url,
            organisation_id: None,
            content: content.as_bytes(),
        },
    )
    .await?;
    audit::record_as(
        &mut tx,
        by.user_id,
        &by.label,
        now,
        Change {
            action: "budget.publish",
            entity_type: "budget_version",
            entity_id: &id,
            organisation_id: None,
            before: Some(serde_json::json!({ "status": "draft" })),
            after: Some(serde_json::json!({
                "status": "published",
                "fiscal_year": version.fiscal_year,
                "stage": version.stage,
                "version": version.version,
                "published_at": at,
                "superseded": superseded.map(|s| s.to_string()),
                "publication_seq": entry.seq,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Published {
        version_id,
        superseded,
        log_seq: entry.seq,
        content_sha256: entry.content_sha256,
    })
}
