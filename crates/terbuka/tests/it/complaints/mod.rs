//! Complaints (`/pengaduan`, `/api/v1/complaints`, `/open311/v2/`): submission, workflow,
//! public pages, staff pages, privacy.

pub(crate) mod staff;
mod submission;
