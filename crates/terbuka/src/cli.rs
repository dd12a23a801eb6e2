//! Command line: `serve` (the default), `migrate`, `demo`, `backup`, `user add`,
//! `verify-log`, `import budget` (and the hidden `bench-data` and `import dataset-csv`). Every setting comes from `TERBUKA_*` variables
//! or flags (see `.env.example`).

use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;
use clap::{Parser, Subcommand};
use platform::clock::{SharedClock, SystemClock};
use platform::config::Config;
use platform::db::Db;

#[derive(Parser, Debug)]
#[command(name = "terbuka", version, about = "Terbuka open-government portal")]
struct Cli {
    #[command(flatten)]
    config: Config,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Serve the portal and run background jobs (the default).
    Serve,
    /// Create or upgrade the database schema, then exit.
    Migrate,
    /// Load the Bojonegoro demo data into an empty database.
    Demo,
    /// Manage user accounts (e.g. create the first administrator).
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// Recompute the publication log's hash chain; exits non-zero naming the first broken entry.
    VerifyLog,
    /// Write a consistent copy of the database to PATH while the portal serves (SQLite:
    /// `VACUUM INTO`; PostgreSQL: `pg_dump --format=custom`). See `backup.rs` for restoring.
    Backup {
        /// The file to write; it must not exist yet.
        path: std::path::PathBuf,
    },
    /// Import a file into a module (the same checks as the upload pages; all or nothing).
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Generate bulk data for benchmarks (`bench/complaints.sh`); loads the base demo data
    /// (regions, organisations, people, categories) first when the database is empty.
    #[command(hide = true)]
    BenchData {
        #[command(subcommand)]
        what: BenchData,
    },
}

#[derive(Subcommand, Debug)]
enum ImportCommand {
    /// A budget (APBD) or its realisation from a CSV or XLSX file in the documented template
    /// (docs/BUDGET_IMPORT.md). Writes a draft version; `--publish` also publishes it.
    Budget {
        /// The CSV or XLSX file.
        file: std::path::PathBuf,
        /// The fiscal year, e.g. 2026.
        #[arg(long)]
        year: i32,
        /// `murni` (original), `perubahan` (revised) or `realisasi` (monthly realisation).
        #[arg(long)]
        stage: String,
        /// Publish the imported version at once (it replaces the published one).
        #[arg(long)]
        publish: bool,
    },
    /// Load a CSV or XLSX file into the data portal's tabular store as a table of its own
    /// (no dataset), printing the time taken: the ingest benchmark (`bench/data.sh`).
    #[command(hide = true)]
    DatasetCsv {
        file: std::path::PathBuf,
        /// A value meaning "missing" besides the empty string (repeatable).
        #[arg(long)]
        missing: Vec<String>,
        /// The largest file accepted, in megabytes.
        #[arg(long, default_value_t = 4096)]
        max_mb: usize,
    },
}

#[derive(Subcommand, Debug)]
enum BenchData {
    /// Write COUNT realistic complaints directly (batched INSERTs, not through the workflow).
    Complaints {
        #[arg(long, default_value_t = 1_000_000)]
        count: usize,
        /// Seed of the generator: the same seed on the same database gives the same rows.
        #[arg(long, default_value_t = 0x5EED_B0E0_2026_0002)]
        seed: u64,
    },
    /// Write a CSV of ROWS generated village figures (every column type) to OUT, for the
    /// tabular ingest benchmark (`bench/data.sh`).
    DatasetCsv {
        #[arg(long, default_value_t = 1_000_000)]
        rows: u64,
        #[arg(long)]
        out: std::path::PathBuf,
    },
    /// Publish COUNT generated datasets (and, with --table-rows, one dataset whose resource is
    /// a loaded table of that many rows) for the CKAN/DCAT benchmark (`bench/data_api.sh`).
    Datasets {
        #[arg(long, default_value_t = 10_000)]
        count: u64,
        #[arg(long, default_value_t = 0)]
        table_rows: u64,
    },
    /// Write a budget file of LINES lines in the import template (`.csv` or `.xlsx` by the
    /// name of OUT), for the import benchmark (`bench/budget.sh`).
    BudgetFile {
        #[arg(long, default_value_t = 50_000)]
        lines: usize,
        #[arg(long)]
        out: std::path::PathBuf,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(&cli.config.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(err) => {
            eprintln!("terbuka: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(err) => {
            tracing::error!(error = format!("{err:#}"), "terbuka stopped");
            eprintln!("terbuka: {err:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_tracing(format: &str) {
    let filter = tracing_subscriber::EnvFilter::try_from_env("TERBUKA_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if format == "json" {
        builder.json().flatten_event(true).init();
    } else {
        builder.init();
    }
}

async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let clock: SharedClock = Arc::new(SystemClock);
    let config = cli.config;
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => {
            let app = crate::Application::build(config.clone(), clock).await?;
            let addr = app.local_addr()?;
            tracing::info!(%addr, "Terbuka is serving on http://{addr}");
            app.run_until(shutdown_signal()).await?;
        }
        Command::Migrate => {
            let db = open(&config).await?;
            db.migrate().await.context("migrating")?;
            println!("database is up to date");
        }
        Command::Demo => {
            let db = open(&config).await?;
            db.migrate().await.context("migrating")?;
            crate::demo::load_if_empty(&db, clock.as_ref()).await?;
            let state = crate::state_for(config.clone(), clock, db).await?;
            crate::load_module_demos(&state).await?;
            println!("demo data loaded");
        }
        Command::User {
            action: UserCommand::Add(args),
        } => {
            let db = open(&config).await?;
            db.migrate().await.context("migrating")?;
            let id = user_add(&db, &args, clock.now()).await?;
            println!("user {} created ({id})", args.email.trim().to_lowercase());
        }
        Command::VerifyLog => {
            let db = open(&config).await?;
            let verification = platform::audit::publication::verify(&db)
                .await
                .context("reading the publication log")?;
            return Ok(match verification.broken {
                None => {
                    println!(
                        "publication log OK: {} entries, head hash {}",
                        verification.entries, verification.head_hash
                    );
                    ExitCode::SUCCESS
                }
                Some(broken) => {
                    eprintln!(
                        "publication log BROKEN at seq {}: {}",
                        broken.seq, broken.fault
                    );
                    ExitCode::from(2)
                }
            });
        }
        Command::Backup { path } => {
            let db = open(&config).await?;
            crate::backup::backup(&db, &config.database_url, &path).await?;
            println!("backup written to {}", path.display());
        }
        Command::Import {
            what:
                ImportCommand::Budget {
                    file,
                    year,
                    stage,
                    publish,
                },
        } => {
            let db = open(&config).await?;
            db.migrate().await.context("migrating")?;
            let state = crate::state_for(config.clone(), clock, db).await?;
            return import_budget(&state, &file, year, &stage, publish).await;
        }
        Command::Import {
            what:
                ImportCommand::DatasetCsv {
                    file,
                    missing,
                    max_mb,
                },
        } => {
            let db = open(&config).await?;
            db.migrate().await.context("migrating")?;
            let state = crate::state_for(config.clone(), clock, db).await?;
            return import_dataset(&state, &file, missing, max_mb).await;
        }
        Command::BenchData {
            what: BenchData::DatasetCsv { rows, out },
        } => {
            let file = std::fs::File::create(&out)
                .with_context(|| format!("creating {}", out.display()))?;
            let mut writer = std::io::BufWriter::with_capacity(1 << 20, file);
            data::tabular::bench::dataset_csv(rows, &mut writer)
                .and_then(|()| std::io::Write::flush(&mut writer))
                .with_context(|| format!("writing {}", out.display()))?;
            println!("{rows} rows: {}", out.display());
        }
        Command::BenchData {
            what: BenchData::BudgetFile { lines, out },
        } => {
            let rows = budget::demo::bench::lines(lines);
            let bytes = if out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"))
            {
                budget::demo::bench::to_xlsx(&rows).context("writing the workbook")?
            } else {
                budget::demo::bench::to_csv(&rows)
            };
            std::fs::write(&out, &bytes).with_context(|| format!("writing {}", out.display()))?;
            println!(
                "{} lines, {} bytes: {}",
                rows.len(),
                bytes.len(),
                out.display()
            );
        }
        Command::BenchData {
            what: BenchData::Datasets { count, table_rows },
        } => {
            let db = open(&config).await?;
            db.migrate().await.context("migrating")?;
            crate::demo::load_if_empty(&db, clock.as_ref()).await?;
            let done = data::ckan::bench::datasets(&db, count, table_rows, clock.now())
                .await
                .context("generating datasets")?;
            println!(
                "{} datasets in {:.1} s ({:.0} datasets/s); table resource: {}",
                done.datasets,
                done.elapsed.as_secs_f64(),
                done.datasets as f64 / done.elapsed.as_secs_f64().max(1e-9),
                done.table_resource
                    .map(|id| id.to_string())
                    .unwrap_or_else(|| "none".into())
            );
        }
        Command::BenchData {
            what: BenchData::Complaints { count, seed },
        } => {
            let db = open(&config).await?;
            db.migrate().await.context("migrating")?;
            crate::demo::load_if_empty(&db, clock.as_ref()).await?;
            let state = crate::state_for(config.clone(), clock, db).await?;
            let done = complaints::bulk::generate(&state, count, seed)
                .await
                .context("generating complaints")?;
            println!(
                "{} complaints, {} rows in {:.1} s ({:.0} rows/s, {:.0} complaints/s)",
                done.complaints,
                done.rows,
                done.elapsed.as_secs_f64(),
                done.rows_per_second(),
                done.complaints as f64 / done.elapsed.as_secs_f64().max(1e-9)
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `terbuka import budget`: the report of a refused file goes to stderr, one translated line
/// per problem (in Bahasa Indonesia), with exit code 2.
async fn import_budget(
    state: &platform::AppState,
    file: &std::path::Path,
    year: i32,
    stage: &str,
    publish: bool,
) -> anyhow::Result<ExitCode> {
    let Some(stage) = budget::Stage::parse(stage) else {
        anyhow::bail!("unknown stage {stage:?}: use murni, perubahan or realisasi");
    };
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let by = budget::Importer::command("terbuka import budget (command line)");
    let summary = match budget::import_file(state, &bytes, &name, year, stage, &by).await {
        Ok(summary) => summary,
        Err(budget::ImportError::Rejected(report)) => {
            let t = state.tr(platform::i18n::Lang::Id);
            eprintln!("{}: nothing was imported", file.display());
            for line in report.lines(&t) {
                eprintln!("  {line}");
            }
            return Ok(ExitCode::from(2));
        }
        Err(budget::ImportError::Failed(err)) => return Err(err),
    };
    println!(
        "{} {} version {}: {} lines imported as a draft ({} ms checking, {} ms writing)",
        summary.year,
        summary.stage.as_str(),
        summary.version,
        summary.lines,
        summary.check_ms,
        summary.write_ms
    );
    if publish {
        let published = budget::publish(state, summary.version_id, &by)
            .await
            .map_err(|e| anyhow::anyhow!("publishing: {e}"))?;
        println!(
            "published (publication log entry {}, content SHA-256 {})",
            published.log_seq, published.content_sha256
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `terbuka import dataset-csv`: load a file into the tabular store and print the time; a
/// refused file's problems go to stderr (in Bahasa Indonesia), with exit code 2.
async fn import_dataset(
    state: &platform::AppState,
    file: &std::path::Path,
    missing: Vec<String>,
    max_mb: usize,
) -> anyhow::Result<ExitCode> {
    let started = std::time::Instant::now();
    let bytes = std::fs::read(file).with_context(|| format!("reading {}", file.display()))?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let opts = data::tabular::LoadOptions {
        missing_values: missing,
        max_bytes: Some(max_mb.saturating_mul(1024 * 1024)),
        ..data::tabular::LoadOptions::default()
    };
    let at = state.clock.now();
    match data::tabular::load(&state.db, &bytes, &name, &opts, at).await {
        Ok(table) => {
            let secs = started.elapsed().as_secs_f64();
            println!(
                "{} rows x {} columns into {} in {secs:.2} s ({:.0} rows/s, {} bytes read)",
                table.row_count,
                table.columns.len(),
                table.table_name,
                table.row_count as f64 / secs.max(1e-9),
                bytes.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(data::tabular::LoadError::Rejected(report)) => {
            let t = state.tr(platform::i18n::Lang::Id);
            eprintln!("{}: nothing was loaded", file.display());
            for problem in &report.problems {
                eprintln!("  {}", problem.message(&t));
            }
            if report.more > 0 {
                eprintln!("  (+{} more)", report.more);
            }
            Ok(ExitCode::from(2))
        }
        Err(data::tabular::LoadError::Db(err)) => Err(err).context("loading"),
    }
}

async fn open(config: &Config) -> anyhow::Result<Db> {
    Db::connect(&config.database_url, None)
        .await
        .with_context(|| format!("opening {}", crate::redact(&config.database_url)))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut signal) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            signal.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create a user: `terbuka user add --email E --name N [--password P] [--role admin --org diskominfo]`.
    Add(UserAdd),
}

#[derive(clap::Args, Debug, Clone)]
pub struct UserAdd {
    /// E-mail address (sign-in name).
    #[arg(long)]
    pub email: String,
    /// Full name.
    #[arg(long)]
    pub name: String,
    /// Password (at least 10 characters). Prefer TERBUKA_NEW_PASSWORD: arguments show up in
    /// the process list and shell history.
    #[arg(long, env = "TERBUKA_NEW_PASSWORD", hide_env_values = true)]
    pub password: Option<String>,
    /// Role to grant: officer, verifier, supervisor or admin (needs --org).
    #[arg(long, requires = "org")]
    pub role: Option<String>,
    /// Organisation id the role is held in, e.g. `diskominfo`.
    #[arg(long, requires = "role")]
    pub org: Option<String>,
}

/// `terbuka user add`: create the user (and grant the role) in one transaction.
pub async fn user_add(
    db: &Db,
    args: &UserAdd,
    now: chrono::DateTime<chrono::Utc>,
) -> anyhow::Result<uuid::Uuid> {
    use platform::accounts::users;
    let password = args
        .password
        .clone()
        .filter(|p| !p.is_empty())
        .context("give the password with --password or the TERBUKA_NEW_PASSWORD variable")?;
    let role = match &args.role {
        Some(r) => Some(platform::authz::Role::parse(r).with_context(|| {
            format!("unknown role {r:?}: use officer, verifier, supervisor or admin")
        })?),
        None => None,
    };
    if let Some(org) = &args.org {
        let exists = platform::regions::organisation(db, org).await?.is_some();
        anyhow::ensure!(exists, "unknown organisation {org:?}");
    }
    let mut tx = db.begin().await?;
    let new = users::NewUser {
        email: args.email.clone(),
        name: args.name.clone(),
        password,
        ..Default::default()
    };
    let id = match users::create(&mut tx, new, now).await {
        Ok(id) => id,
        Err(users::CreateUserError::Invalid(errors)) => {
            let catalog = platform::i18n::Catalog::build(&[platform::i18n::FTL])?;
            let problems: Vec<String> = errors
                .iter()
                .map(|e| {
                    format!(
                        "{}: {}",
                        e.field,
                        catalog.message(platform::i18n::Lang::En, &e.key, None)
                    )
                })
                .collect();
            anyhow::bail!("invalid user: {}", problems.join(", "));
        }
        Err(err) => return Err(err.into()),
    };
    if let (Some(role), Some(org)) = (role, &args.org) {
        users::grant(&mut tx, id, org, role, now).await?;
    }
    let id_text = id.to_string();
    platform::audit::record_as(
        &mut tx,
        None,
        "terbuka user add (command line)",
        now,
        platform::audit::Change {
            action: "user.create",
            entity_type: "user",
            entity_id: &id_text,
            organisation_id: args.org.as_deref(),
            before: None,
            after: Some(serde_json::json!({
                "email": args.email.trim().to_lowercase(),
                "name": args.name,
                "role": args.role,
                "organisation_id": args.org,
            })),
        },
    )
    .await?;
    tx.commit().await?;
    tracing::info!(user_id = %id, "user created from the command line");
    Ok(id)
}
