//! The producer → walidata workflow (`/kelola/data…`): producers draft datasets, upload
//! resources and describe their columns, and submit; the walidata verifies (the version
//! becomes public and goes to the publication log) or returns it with a note.

pub mod tokens;

use platform::web::Routes;

pub fn routes() -> Routes {
    Routes::new()
}
