//! Command line: `serve` (the default), `migrate`, `demo`, `backup`, `user add`,
//! `verify-log`. Every setting comes from `TERBUKA_*` variables or flags (see `.env.example`).

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
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(&cli.config.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
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
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr);
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
            println!("demo data loaded");
        }
    }
    Ok(ExitCode::SUCCESS)
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
        if let Ok(mut signal) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
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
