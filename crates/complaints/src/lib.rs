//! # complaints — Pengaduan & Aspirasi
//!
//! A LAPOR!-style channel (SP4N-LAPOR!, `shared/domain.md` §2): citizens and guests submit a
//! complaint (*pengaduan*), an aspiration (*aspirasi*) or a request for information
//! (*permintaan informasi*); a verifier checks it within 3 working days and routes it to
//! the responsible organisation, which follows up within 5; the reporter may answer, which
//! reopens the loop, or confirm completion and rate the handling; without a reply the case
//! completes itself 10 working days after the follow-up.
//!
//! The workflow is the platform's case engine ([`platform::cases`]) with the case type
//! [`COMPLAINT`]; this crate adds what is particular to complaints: kind, category (an
//! admin-managed list, each mapped to a default organisation), location, the reporter's
//! contact (personal data, never public) and the rating.
//!
//! Where things are: `case_type.rs` (states, deadlines, transitions), `queries.rs` (all SQL
//! of this module), `demo.rs` (categories and demo complaints).

pub mod bulk;
pub mod case_type;
pub mod categories_admin;
pub mod demo;
pub mod notify;
pub mod open311;
pub mod public;
pub mod queries;
pub mod staff;
pub mod statistics;
pub mod submission;

pub use case_type::COMPLAINT;

use platform::Module;
use platform::web::Routes;

pub fn module() -> Module {
    Module {
        name: "complaints",
        ftl: &[
            platform::ftl!("complaints"),
            platform::ftl!("complaints_staff"),
            platform::ftl!("complaints_open311"),
            platform::ftl!("complaints_statistics"),
        ],
        nav: vec![platform::web::NavItem {
            key: "nav-complaints",
            href: "/pengaduan",
        }],
        routes,
        report_card: Some(statistics::report_card),
        openapi: Some(include_str!("openapi.json")),
        case_types: &[&COMPLAINT],
        comment_items: &[],
    }
}

fn routes() -> Routes {
    Routes::new()
        .merge(public::routes())
        .merge(staff::routes())
        .merge(categories_admin::routes())
        .merge(open311::routes())
        .merge(statistics::routes())
}
