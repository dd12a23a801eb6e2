//! Complaints (`/pengaduan`, `/api/v1/complaints`, `/open311/v2/`): submission, workflow,
//! public pages, staff pages, privacy.

mod categories_admin;
mod guest;
pub(crate) mod public;
pub(crate) mod staff;
mod submission;
