//! Configuration: one typed struct read from `TERBUKA_*` environment variables (each also a
//! command-line flag). `.env.example` at the repository root is generated from these doc
//! comments by [`Config::example_file`]; a test fails when the two drift apart.

use std::net::SocketAddr;

use clap::Parser;

#[derive(Parser, Debug, Clone)]
#[command(about = "Terbuka open-government portal")]
pub struct Config {
    /// Database URL: `sqlite://terbuka.db` (embedded, the default) or `postgres://user@host/db`.
    #[arg(
        long,
        env = "TERBUKA_DATABASE_URL",
        default_value = "sqlite://terbuka.db"
    )]
    pub database_url: String,

    /// Address and port the web server listens on.
    #[arg(long, env = "TERBUKA_BIND", default_value = "127.0.0.1:8080")]
    pub bind: SocketAddr,

    /// The public address of the portal, used in links in e-mails and feeds. When it starts with
    /// `https://`, cookies are marked Secure and HSTS is sent.
    #[arg(
        long,
        env = "TERBUKA_PUBLIC_URL",
        default_value = "http://127.0.0.1:8080"
    )]
    pub public_url: String,

    /// Where uploaded files are kept: a local folder (`file:///var/lib/terbuka/files` or a plain
    /// path) or an S3-compatible bucket (`s3://bucket`, with the TERBUKA_S3_* settings).
    #[arg(long, env = "TERBUKA_STORAGE", default_value = "data/files")]
    pub storage: String,

    /// S3-compatible endpoint (e.g. MinIO or Ceph); empty for AWS itself.
    #[arg(long, env = "TERBUKA_S3_ENDPOINT", default_value = "")]
    pub s3_endpoint: String,

    /// S3 region.
    #[arg(long, env = "TERBUKA_S3_REGION", default_value = "us-east-1")]
    pub s3_region: String,

    /// S3 access key id.
    #[arg(long, env = "TERBUKA_S3_ACCESS_KEY_ID", default_value = "")]
    pub s3_access_key_id: String,

    /// S3 secret access key.
    #[arg(
        long,
        env = "TERBUKA_S3_SECRET_ACCESS_KEY",
        default_value = "",
        hide_env_values = true
    )]
    pub s3_secret_access_key: String,

    /// Largest accepted upload, in megabytes.
    #[arg(long, env = "TERBUKA_MAX_UPLOAD_MB", default_value_t = 20)]
    pub max_upload_mb: u64,

    /// Secret for CSRF tokens (at least 32 characters). When empty, one is generated once and
    /// kept in the database so that every app node shares it.
    #[arg(
        long,
        env = "TERBUKA_SECRET_KEY",
        default_value = "",
        hide_env_values = true
    )]
    pub secret_key: String,

    /// SMTP server for outgoing mail, e.g. `smtp://user:pass@mail.example.id:587` (STARTTLS),
    /// `smtps://…:465` or `smtp://127.0.0.1:2525` (plain, for a local relay). Empty: mail stays
    /// in the outbox, visible to admins.
    #[arg(long, env = "TERBUKA_SMTP_URL", default_value = "")]
    pub smtp_url: String,

    /// Sender address of outgoing mail.
    #[arg(
        long,
        env = "TERBUKA_MAIL_FROM",
        default_value = "Terbuka <noreply@bojonegorokab.go.id>"
    )]
    pub mail_from: String,

    /// Load the Bojonegoro demo data into an empty database at start-up.
    #[arg(long, env = "TERBUKA_DEMO", default_value_t = true, action = clap::ArgAction::Set)]
    pub demo: bool,

    /// Run the background job worker inside `serve` (turn off on nodes that only serve pages).
    #[arg(long, env = "TERBUKA_JOBS", default_value_t = true, action = clap::ArgAction::Set)]
    pub jobs: bool,

    /// Number of reverse proxies in front of the portal that append the client address to
    /// `X-Forwarded-For` (0: use the socket address). Login rate limits count per client address.
    #[arg(long, env = "TERBUKA_TRUSTED_PROXIES", default_value_t = 0)]
    pub trusted_proxies: usize,

    /// How many complaints one client address may submit per hour without signing in (web
    /// form, JSON API and Open311 clients without a key), against floods; 0: no limit.
    #[arg(long, env = "TERBUKA_GUEST_SUBMISSIONS_PER_HOUR", default_value_t = 10)]
    pub guest_submissions_per_hour: u32,

    /// How long anonymous visitors' public pages and API answers are kept in memory and
    /// served again, in milliseconds (0 turns the micro-cache off). Writes on this node empty it.
    #[arg(long, env = "TERBUKA_PAGE_CACHE_MS", default_value_t = 1000)]
    pub page_cache_ms: u64,

    /// Log format: `pretty` for people, `json` for log collectors.
    #[arg(long, env = "TERBUKA_LOG_FORMAT", default_value = "pretty")]
    pub log_format: String,
}

impl Config {
    /// The defaults, as if no variable were set (tests start from here).
    pub fn defaults() -> Config {
        Config::parse_from(["terbuka"])
    }

    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn max_upload_bytes(&self) -> usize {
        usize::try_from(self.max_upload_mb.saturating_mul(1024 * 1024)).unwrap_or(usize::MAX)
    }

    /// The documented example file (`.env.example`), generated from the doc comments above.
    pub fn example_file() -> String {
        use clap::CommandFactory;
        let mut out = String::from(
            "# Terbuka configuration. Every setting is an environment variable (or the matching\n\
             # --flag of `terbuka serve`). The values below are the defaults.\n\
             # Generated from crates/platform/src/config.rs; a test keeps the two in step.\n",
        );
        for arg in Config::command().get_arguments() {
            let Some(env) = arg.get_env() else { continue };
            let help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
            out.push('\n');
            for line in help.lines() {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
            let default = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join(",");
            out.push_str(&format!("{}={}\n", env.to_string_lossy(), default));
        }
        out
    }
}
