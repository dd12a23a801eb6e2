//! The application state every handler receives: one cloneable handle on shared services.

use std::ops::Deref;
use std::sync::Arc;

use crate::clock::SharedClock;
use crate::config::Config;
use crate::db::Db;
use crate::files::FileStore;
use crate::i18n::{Catalog, Lang, Tr};
use crate::web::{Assets, Metrics, NavItem};

#[derive(Clone, Debug)]
pub struct AppState(Arc<App>);

#[derive(Debug)]
pub struct App {
    pub config: Config,
    pub db: Db,
    pub clock: SharedClock,
    pub catalog: Arc<Catalog>,
    pub files: FileStore,
    /// Key for CSRF tokens and other MACs (from TERBUKA_SECRET_KEY or the settings table).
    pub secret: Vec<u8>,
    /// The main menu, one entry per module that is built in.
    pub nav: Vec<NavItem>,
    pub assets: Assets,
    pub metrics: Metrics,
    /// Micro-cache of anonymous public responses (see `web::page_cache`).
    pub page_cache: crate::web::page_cache::PageCache,
    /// Every module's contribution to an organisation's report card, in menu order.
    pub report_cards: Vec<crate::regions::web::ReportCardFn>,
    /// The working-day calendar, cached (see [`crate::calendar::CalendarCache`]).
    pub calendar: crate::calendar::CalendarCache,
    /// The OpenAPI document of the JSON API, merged from every module's part at start-up.
    pub openapi: crate::api::Document,
    /// Every module's case types (validated at start-up), for the deadlines job.
    pub case_types: Vec<&'static crate::cases::CaseType>,
    /// Every module's commentable item types (see [`crate::comments`]).
    pub comment_items: Vec<&'static crate::comments::CommentItemType>,
}

impl AppState {
    pub fn new(app: App) -> AppState {
        AppState(Arc::new(app))
    }

    pub fn tr(&self, lang: Lang) -> Tr {
        Tr::new(self.catalog.clone(), lang)
    }
}

impl Deref for AppState {
    type Target = App;
    fn deref(&self) -> &App {
        &self.0
    }
}
