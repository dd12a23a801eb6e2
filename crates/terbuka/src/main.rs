//! `terbuka`: the portal's one binary. With no subcommand it serves. See `cli.rs`.

fn main() -> std::process::ExitCode {
    terbuka::cli::main()
}
