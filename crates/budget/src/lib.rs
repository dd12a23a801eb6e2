//! # budget
//!
//! Budget transparency (*Transparansi Anggaran*, APBD). This first part is the foundation
//! the public pages stand on:
//!
//! - [`codes`]: the Permendagri 90/2019 classification codes (function, account,
//!   organisation), parsed and checked by pure functions;
//! - the data model (migration `0013_budget`): versions per fiscal year and stage
//!   (*murni*, *perubahan*, *realisasi*), budget lines and monthly realisation with the
//!   levels of both hierarchies as columns for drill-down sums, the names of codes, and the
//!   mapping of organisation codes to platform organisations;
//! - [`import`]: reading a finance office's CSV or XLSX file, checking every row, writing it
//!   all or nothing as a draft version, and publishing it to the publication log;
//! - [`queries`]: all SQL of the module;
//! - [`memo`]: the process-wide memo of sums over a version's (never changing) lines.
//!
//! - [`public`]: the public pages (`/anggaran`: summary, drill-downs by organisation,
//!   function and account, comparison, CSV/XLSX/JSON downloads, comments on budget lines,
//!   the report card section);
//! - [`staff`]: the finance office's upload and publication page (`/kelola/anggaran`).

pub mod api;
pub mod codes;
pub mod demo;
pub mod import;
pub mod memo;
pub mod public;
pub mod queries;
pub mod schedule;
pub mod staff;

use platform::Module;
use platform::web::Routes;

pub use import::{
    ImportError, ImportReport, ImportSummary, Importer, Problem, Published, Stage, import_file,
    publish,
};

/// The budget module: translations only for now (pages come with the next part).
pub fn module() -> Module {
    Module {
        name: "budget",
        ftl: &[
            platform::ftl!("budget"),
            platform::ftl!("budget_pages"),
            platform::ftl!("budget_data"),
        ],
        nav: vec![platform::web::NavItem {
            key: "nav-budget",
            href: "/anggaran",
        }],
        routes,
        report_card: Some(public::report::report_card),
        openapi: Some(include_str!("openapi.json")),
        case_types: &[],
        comment_items: &[
            public::comments::SUB_KEGIATAN,
            public::comments::ACCOUNT_ROW,
        ],
    }
}

fn routes() -> Routes {
    Routes::new()
        .merge(public::routes())
        .merge(staff::routes())
        .merge(api::routes())
        .merge(schedule::routes())
}
