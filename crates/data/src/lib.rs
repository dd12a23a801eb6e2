//! # data
//!
//! The data portal (*Portal Data*, Satu Data Indonesia's *Revolusi Data*): datasets of the
//! producing organisations (*produsen data*), checked by the *walidata* before the public
//! sees them, with versions that stay readable, resources (uploaded files or links),
//! tabular resources loaded into queryable tables, live writes by API and a change feed,
//! and freshness against each dataset's declared update frequency. It speaks the standards
//! other portals and harvesters speak: the CKAN Action API v3, DCAT and the Frictionless
//! Data Package.
//!
//! - [`catalog`]: datasets, versions and resources as everyone reads them (schema in
//!   migration `0016_data_portal`);
//! - [`freshness`]: update frequencies and the overdue rule;
//! - [`licences`]: the licence list (CKAN ids, SPDX).

pub mod catalog;
pub mod ckan;
pub mod datapackage;
pub mod dcat;
pub mod demo;
pub mod freshness;
pub mod licences;
pub mod listing;
pub mod live;
pub mod public;
pub mod roles;
pub mod tabular;
pub mod workflow;

use platform::Module;
use platform::web::Routes;

pub fn module() -> Module {
    Module {
        name: "data",
        ftl: &[
            platform::ftl!("data"),
            platform::ftl!("data_listing"),
            platform::ftl!("data_api"),
            platform::ftl!("data_live"),
            platform::ftl!("data_public"),
            platform::ftl!("data_tabular"),
            platform::ftl!("data_workflow"),
        ],
        nav: vec![platform::web::NavItem {
            key: "nav-data",
            href: "/data",
        }],
        routes,
        report_card: Some(public::freshness::report_card),
        openapi: Some(include_str!("openapi.json")),
        case_types: &[],
        comment_items: &[public::comments::DATASET],
    }
}

fn routes() -> Routes {
    Routes::new()
        .merge(workflow::routes())
        .merge(public::routes())
        .merge(live::routes())
        .merge(ckan::routes())
        .merge(dcat::routes())
        .merge(datapackage::routes())
        .merge(listing::routes())
}
