//! Regions and organisations: the Kemendagri code hierarchy (province `35` › regency
//! `35.22` › district `35.22.15` › village `35.22.15.2001`) and the organisations (the
//! regency, its OPDs, kecamatan offices, village governments) that belong to them. Every
//! module refers to these; none keeps its own list.

pub mod queries;
pub mod web;

pub use queries::*;
