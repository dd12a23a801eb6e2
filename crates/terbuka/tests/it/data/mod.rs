//! The data portal (`/data`, `/api/3/action/`, DCAT, Frictionless): the catalogue's read
//! model, the producer → walidata workflow, the tabular store, the standard APIs and the
//! public pages.

pub(crate) mod browser;
pub(crate) mod catalog;
pub(crate) mod ckan;
pub(crate) mod datapackage;
pub(crate) mod dcat;
pub(crate) mod demo;
pub(crate) mod listing;
pub(crate) mod live;
pub(crate) mod pages;
pub(crate) mod search;
pub(crate) mod tabular;
pub(crate) mod workflow;
