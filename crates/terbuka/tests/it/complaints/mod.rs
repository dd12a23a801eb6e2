//! Complaints (`/pengaduan`, `/api/v1/complaints`, `/open311/v2/`): submission, workflow,
//! public pages, staff pages, privacy.

mod api;
mod browser;
mod categories_admin;
mod demo;
mod guest;
mod open311;
pub(crate) mod public;
pub(crate) mod staff;
mod statistics;
mod submission;

/// A valid submission (for tests outside this folder).
pub fn submission_valid() -> complaints::submission::Submission {
    submission::valid()
}
