//! The public pages of the data portal (issue 5): what a citizen, a journalist or another
//! office reads without signing in.
//!
//! - `/data/{name}`: the dataset page — metadata (Satu Data: concept, definition, unit,
//!   classification, measure), licence, frequency and freshness, coverage, tags and topics,
//!   resources, version history, the machine-readable addresses, comments
//!   ([`dataset`]); `/data/{name}/versi/{n}` an earlier public version; `/dataset/{name}`
//!   CKAN's address, moved permanently to ours;
//! - `/data/{name}/sumber/{id}`: a resource — its data dictionary and, for tabular
//!   resources, the preview with server-side filters, sort and pages, a chart and downloads
//!   of the full table or the filtered view ([`resource`], [`preview`], [`chart`]);
//! - `/data/kesegaran`: the freshness board, and the portal's section of an organisation's
//!   report card ([`freshness`]);
//! - [`comments`]: datasets take public comments, answered by their producer.
//!
//! Only verified (current) and superseded (earlier) versions are ever shown; an unknown
//! name, a draft or a returned version is a 404 like a dataset that does not exist.

pub mod chart;
pub mod comments;
pub mod dataset;
pub mod freshness;
pub mod preview;
pub mod queries;
pub mod resource;

use platform::authz::Access;
use platform::web::Routes;

pub fn routes() -> Routes {
    Routes::new()
        .get("/data/kesegaran", Access::Public, freshness::board)
        .get("/data/{name}", Access::Public, dataset::page)
        .get(
            "/data/{name}/versi/{number}",
            Access::Public,
            dataset::version_page,
        )
        .get("/dataset/{name}", Access::Public, dataset::ckan_address)
        .get(
            "/data/{name}/sumber/{resource_id}",
            Access::Public,
            resource::page,
        )
        .get(
            "/data/{name}/sumber/{resource_id}/unduh.csv",
            Access::Public,
            resource::download_csv,
        )
        .get(
            "/data/{name}/sumber/{resource_id}/unduh.json",
            Access::Public,
            resource::download_json,
        )
        .get(
            "/data/{name}/sumber/{resource_id}/unduh.xlsx",
            Access::Public,
            resource::download_xlsx,
        )
        .get(
            "/data/{name}/sumber/{resource_id}/berkas",
            Access::Public,
            resource::original_file,
        )
}

/// CKAN's rule for dataset names: 2–100 of `a-z`, `0-9`, `-` and `_`. Anything else is not a
/// dataset (404 before any query).
pub fn valid_name(name: &str) -> bool {
    (2..=100).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// A size in bytes as people read it: `850 B`, `12,4 KB`, `3,1 MB` (decimal comma in
/// Indonesian, point in English).
pub fn human_size(lang: platform::i18n::Lang, bytes: i64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut tenths = bytes * 10 / 1000;
    let mut unit = 0;
    while tenths >= 10_000 && unit + 1 < UNITS.len() {
        tenths /= 1000;
        unit += 1;
    }
    let sep = match lang {
        platform::i18n::Lang::Id => ',',
        platform::i18n::Lang::En => '.',
    };
    format!("{}{sep}{} {}", tenths / 10, tenths % 10, UNITS[unit])
}

#[cfg(test)]
mod tests {
    use super::*;
    use platform::i18n::Lang;

    #[test]
    fn names_follow_ckan() {
        assert!(valid_name("jumlah-penduduk_2025"));
        assert!(!valid_name("a"));
        assert!(!valid_name("Jumlah"));
        assert!(!valid_name("x.jsonld"));
        assert!(!valid_name(&"a".repeat(101)));
    }

    #[test]
    fn sizes_read_like_people_write_them() {
        assert_eq!(human_size(Lang::Id, 850), "850 B");
        assert_eq!(human_size(Lang::Id, 12_400), "12,4 KB");
        assert_eq!(human_size(Lang::En, 3_150_000), "3.1 MB");
        assert_eq!(human_size(Lang::En, 999_999), "999.9 KB");
    }
}
