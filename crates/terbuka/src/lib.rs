//! # terbuka
//!
//! The binary's library half: configuration is read in `main.rs`; everything else lives
//! here so that tests start the very same application. [`Application::build`] opens the
//! database, migrates it, optionally loads the demo data, composes every module's routes
//! and binds the listener (port 0 in tests).

pub mod backup;
pub mod cli;
pub mod demo;

use std::net::SocketAddr;
use std::sync::Arc;

use anyhow::Context;
use platform::clock::SharedClock;
use platform::config::Config;
use platform::db::Db;
use platform::i18n::Catalog;
use platform::web::{Assets, Metrics, Routes};
use platform::{App, AppState, Module};
use tokio::net::TcpListener;

/// Every module built into this binary, in menu order. A module not built yet is simply
/// absent from this list, and so from the menu.
pub fn modules() -> Vec<Module> {
    // `pages` first: its Beranda (home) opens the menu; the platform's Wilayah and Organisasi
    // come after it.
    vec![
        pages::module(),
        complaints::module(),
        budget::module(),
        data::module(),
        platform::module(),
    ]
}

/// Every kind of background job this binary runs, and the periodic ones.
pub fn jobs() -> platform::jobs::Registry {
    platform::jobs::Registry::platform().every(
        complaints::statistics::RECOMPUTE_EVERY,
        complaints::statistics::Recompute,
    )
}

/// All routes of all modules (the authorisation matrix test walks this table).
pub fn routes() -> Routes {
    modules()
        .iter()
        .fold(Routes::new(), |all, module| all.merge((module.routes)()))
}

pub struct Application {
    pub state: AppState,
    listener: TcpListener,
}

impl Application {
    /// Open and migrate the database, load demo data when asked and the database is empty,
    /// and bind the listener.
    pub async fn build(config: Config, clock: SharedClock) -> anyhow::Result<Application> {
        Self::build_with_db(config, clock, None).await
    }

    /// As [`Application::build`], on an already opened database (tests pass a fresh schema).
    pub async fn build_with_db(
        config: Config,
        clock: SharedClock,
        db: Option<Db>,
    ) -> anyhow::Result<Application> {
        let db = match db {
            Some(db) => db,
            None => Db::connect(&config.database_url, None)
                .await
                .with_context(|| {
                    format!("opening the database {}", redact(&config.database_url))
                })?,
        };
        db.migrate().await.context("migrating the database")?;
        platform::calendar::load_defaults_if_empty(&db, clock.now())
            .await
            .context("loading the holidays")?;
        // Reference data, in every mode: the data portal's topic groups.
        data::demo::load_groups(&db, clock.now())
            .await
            .context("loading the data portal's topic groups")?;
        if config.demo {
            demo::load_if_empty(&db, clock.as_ref())
                .await
                .context("loading the demo data")?;
        }
        demo::warn_if_demo_accounts(&db)
            .await
            .context("looking for demo accounts")?;
        let state = state_for(config.clone(), clock, db).await?;
        if config.demo {
            load_module_demos(&state).await?;
        }
        let listener = TcpListener::bind(config.bind)
            .await
            .with_context(|| format!("listening on {}", config.bind))?;
        Ok(Application { state, listener })
    }

    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// Serve until `shutdown` resolves.
    /// Serve until `shutdown` resolves; with `config.jobs`, the background job worker runs
    /// alongside and stops with the server.
    pub async fn run_until(
        self,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let router = router(self.state.clone());
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let worker = self
            .state
            .config
            .jobs
            .then(|| tokio::spawn(platform::jobs::worker(self.state.clone(), jobs(), stopped)));
        let served = axum::serve(
            self.listener,
            router.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(async move {
            shutdown.await;
            let _ = stop.send(true);
        })
        .await
        .context("serving HTTP");
        if let Some(worker) = worker {
            // Serving ends after the shutdown signal (which stopped the worker) or on an
            // error (which did not).
            if served.is_err() {
                worker.abort();
            }
            let _ = worker.await;
        }
        served
    }
}

/// The modules' own demo data (complaints, the budget…), which goes through their workflows and so
/// needs the whole application state; each part loads only into an empty module.
pub async fn load_module_demos(state: &AppState) -> anyhow::Result<()> {
    complaints::demo::load_demo_complaints_if_empty(
        state,
        demo::DEMO_PEOPLE,
        complaints::demo::DEMO_COMPLAINTS,
    )
    .await
    .context("loading the demo complaints")?;
    // Logs what it loaded and how long it took.
    budget::demo::load_demo_budget_if_empty(state)
        .await
        .context("loading the demo budget")?;
    // Logs what it loaded and how long it took.
    data::demo::load_demo_data_if_empty(state)
        .await
        .context("loading the demo datasets")?;
    Ok(())
}

/// The application state for an opened, migrated database.
pub async fn state_for(config: Config, clock: SharedClock, db: Db) -> anyhow::Result<AppState> {
    let modules = modules();
    let ftl: Vec<&[platform::i18n::Ftl]> = modules.iter().map(|m| m.ftl).collect();
    let catalog: Arc<Catalog> = Catalog::build(&ftl)?;
    let secret = platform::settings::secret_key(&db, &config.secret_key).await?;
    let files = platform::files::FileStore::from_config(&config)?;
    let report_cards = modules.iter().filter_map(|m| m.report_card).collect();
    let nav = modules.iter().flat_map(|m| m.nav.iter().cloned()).collect();
    let openapi = platform::api::Document::build(&modules)
        .context("assembling the OpenAPI document from the modules' parts")?;
    let case_types: Vec<&'static platform::cases::CaseType> = modules
        .iter()
        .flat_map(|m| m.case_types.iter().copied())
        .collect();
    let comment_items = modules
        .iter()
        .flat_map(|m| m.comment_items.iter())
        .collect();
    for case_type in &case_types {
        case_type
            .validate()
            .map_err(|e| anyhow::anyhow!("case type declaration: {e}"))?;
    }
    Ok(AppState::new(App {
        config,
        db,
        clock,
        catalog,
        files,
        secret,
        nav,
        assets: Assets::default(),
        metrics: Metrics::default(),
        page_cache: Default::default(),
        report_cards,
        calendar: Default::default(),
        openapi,
        case_types,
        comment_items,
    }))
}

/// The composed router with the platform's layers around it.
pub fn router(state: AppState) -> axum::Router {
    platform::web::middleware::apply(routes().into_router(), state)
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let creds = &url[scheme_end + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}://{user}:***{}", &url[..scheme_end], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}
