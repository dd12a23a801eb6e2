//! `sqlx::migrate!` embeds the migration folders at compile time; tell Cargo to rebuild
//! when a migration is added or changed (sqlx's recommended build script).
fn main() {
    println!("cargo:rerun-if-changed=../../migrations");
}
