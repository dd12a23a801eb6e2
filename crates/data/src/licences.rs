//! The licences a dataset may carry. Ids are CKAN's licence ids (what CKAN clients and the
//! national portal's harvester expect in `license_id`), with the SPDX identifier beside them
//! for DCAT and the Frictionless Data Package.

use serde::Serialize;

#[derive(Clone, Copy, Debug, Serialize)]
pub struct Licence {
    /// CKAN's `license_id`.
    pub id: &'static str,
    pub title: &'static str,
    pub url: &'static str,
    /// SPDX identifier (Frictionless `licenses[].name`).
    pub spdx: &'static str,
    /// Whether the Open Definition counts it as open (CKAN `od_conformance` "approved").
    pub open: bool,
}

pub const ALL: &[Licence] = &[
    Licence {
        id: "cc-by",
        title: "Creative Commons Attribution 4.0",
        url: "https://creativecommons.org/licenses/by/4.0/",
        spdx: "CC-BY-4.0",
        open: true,
    },
    Licence {
        id: "cc-by-sa",
        title: "Creative Commons Attribution Share-Alike 4.0",
        url: "https://creativecommons.org/licenses/by-sa/4.0/",
        spdx: "CC-BY-SA-4.0",
        open: true,
    },
    Licence {
        id: "cc-zero",
        title: "Creative Commons CCZero",
        url: "https://creativecommons.org/publicdomain/zero/1.0/",
        spdx: "CC0-1.0",
        open: true,
    },
    Licence {
        id: "odc-odbl",
        title: "Open Data Commons Open Database License (ODbL)",
        url: "https://opendatacommons.org/licenses/odbl/1-0/",
        spdx: "ODbL-1.0",
        open: true,
    },
    Licence {
        id: "odc-by",
        title: "Open Data Commons Attribution License",
        url: "https://opendatacommons.org/licenses/by/1-0/",
        spdx: "ODC-By-1.0",
        open: true,
    },
    Licence {
        id: "odc-pddl",
        title: "Open Data Commons Public Domain Dedication and License (PDDL)",
        url: "https://opendatacommons.org/licenses/pddl/1-0/",
        spdx: "PDDL-1.0",
        open: true,
    },
    Licence {
        id: "other-closed",
        title: "Other (Not Open)",
        url: "",
        spdx: "",
        open: false,
    },
];

/// The licence with CKAN id `id`.
pub fn find(id: &str) -> Option<&'static Licence> {
    ALL.iter().find(|l| l.id == id)
}

/// The licence new datasets get unless the producer picks another.
pub const DEFAULT: &str = "cc-by";
