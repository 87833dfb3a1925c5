//! Configuration: defaults, then a TOML file (`--config`), then `CAMLO_*` environment variables
//! (nested keys with `__`, e.g. `CAMLO_SESSIONS__OFFICIAL_IDLE_SECS`), then command-line flags.
//! Unknown keys are an error; secrets print as `***`.

use std::path::PathBuf;
use std::time::Duration;

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// Session limits, in seconds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Sessions {
    /// Citizens' idle limit (default 30 min).
    pub citizen_idle_secs: u64,
    /// Citizens' absolute limit (default 12 h).
    pub citizen_absolute_secs: u64,
    /// Officials' idle limit (default 15 min).
    pub official_idle_secs: u64,
    /// Officials' absolute limit (default 10 h).
    pub official_absolute_secs: u64,
}

impl Default for Sessions {
    fn default() -> Self {
        Self {
            citizen_idle_secs: 1800,
            citizen_absolute_secs: 12 * 3600,
            official_idle_secs: 900,
            official_absolute_secs: 10 * 3600,
        }
    }
}

/// Request and connection limits.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest request body, bytes.
    pub body_bytes: usize,
    /// Most open connections.
    pub max_connections: usize,
    /// Deadline for a request's headers (and a silent connection's first byte), seconds.
    pub header_timeout_secs: u64,
    /// Deadline for a whole request, seconds.
    pub request_timeout_secs: u64,
    /// Public dossier lookups per client address per minute.
    pub lookups_per_minute: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            body_bytes: 2 * 1024 * 1024,
            max_connections: 512,
            header_timeout_secs: 10,
            request_timeout_secs: 30,
            lookups_per_minute: 30,
        }
    }
}

/// Sign-in and client-address settings.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Security {
    /// Proxies whose `X-Forwarded-For` is believed, as addresses or blocks (`10.0.0.0/8`):
    /// behind them the client is the rightmost hop that is not one of them. Empty (the default):
    /// the TCP peer is the client.
    pub trusted_proxies: Vec<String>,
    /// Roles that must sign in with a second factor (TOTP). Default: those that grant roles or
    /// decide dossiers (`system_admin`, `unit_admin`, `unit_leader`).
    pub totp_roles: Vec<String>,
    /// File holding the secret that client addresses are hashed with for rate limits (created
    /// when missing; instances sharing a database must share it). Default `<data>/client-key`.
    pub client_key_file: Option<PathBuf>,
}

impl Default for Security {
    fn default() -> Self {
        Self {
            trusted_proxies: Vec::new(),
            totp_roles: camlo_domain::accounts::SECOND_FACTOR_ROLES
                .iter()
                .map(|r| r.as_str().to_owned())
                .collect(),
            client_key_file: None,
        }
    }
}

/// Every setting.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// `sqlite://path` or `postgres://user:password@host/db`.
    pub database: Option<String>,
    /// Address to listen on.
    pub listen: String,
    /// Data folder (SQLite file in demo mode, stored files, backups).
    pub data: PathBuf,
    /// Portal name.
    pub site_name: String,
    /// Slug of the unit the home page presents.
    pub home_unit: Option<String>,
    /// Secure cookies (turn off only behind nothing but plain-HTTP localhost).
    pub secure_cookies: bool,
    /// Theme folder overriding templates and static files.
    pub theme_dir: Option<PathBuf>,
    /// Public base URL, e.g. `https://dichvucong.example.vn`: every absolute link (sitemap,
    /// feeds, canonical and Open Graph links, receipts' QR codes) is built from it, and requests
    /// naming another host are refused. Required by `serve`; `demo` uses its listen address.
    pub public_url: Option<String>,
    /// Token `/metrics` asks for (`Authorization: Bearer …`); without one, `/metrics` is 404.
    pub metrics_token: Option<String>,
    /// Ed25519 key signing audit checkpoints (default `<data>/audit-signing.key`; created by
    /// `migrate` and `demo`). Keep it outside the database and its backups.
    pub audit_key: Option<PathBuf>,
    /// Folder the signed audit checkpoints are written to and read from (default
    /// `<data>/audit-checkpoints`); point it at storage the database administrators cannot change.
    pub audit_checkpoints: Option<PathBuf>,
    /// A checkpoint after this many new audit records…
    pub audit_checkpoint_records: u64,
    /// …or this many seconds after the last one when any record was added.
    pub audit_checkpoint_secs: u64,
    /// Log filter, e.g. `info` or `camlo_web=debug`.
    pub log: String,
    /// Session limits.
    pub sessions: Sessions,
    /// Request limits.
    pub limits: Limits,
    /// Sign-in and client-address settings.
    pub security: Security,
    /// SQLite only: `full` (default; every acknowledged write survives power loss) or `normal`
    /// (survives a crash of camlo, not of the machine; for benchmarks).
    pub sqlite_synchronous: camlo_store::Synchronous,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            database: None,
            listen: "127.0.0.1:8080".into(),
            data: PathBuf::from("./camlo-data"),
            site_name: "Cổng thông tin điện tử".into(),
            home_unit: None,
            secure_cookies: true,
            theme_dir: None,
            public_url: None,
            metrics_token: None,
            audit_key: None,
            audit_checkpoints: None,
            audit_checkpoint_records: 1000,
            audit_checkpoint_secs: 600,
            log: "info".into(),
            sessions: Sessions::default(),
            limits: Limits::default(),
            security: Security::default(),
            sqlite_synchronous: camlo_store::Synchronous::Full,
        }
    }
}

/// Values given as flags (highest precedence).
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--database`.
    pub database: Option<String>,
    /// `--listen`.
    pub listen: Option<String>,
    /// `--data`.
    pub data: Option<PathBuf>,
}

impl Config {
    /// Loads defaults ← file ← environment ← flags.
    pub fn load(
        file: Option<&std::path::Path>,
        base: Config,
        flags: &Overrides,
    ) -> anyhow::Result<Self> {
        let mut fig = Figment::from(Serialized::defaults(base));
        if let Some(path) = file {
            if !path.exists() {
                anyhow::bail!("config file {} does not exist", path.display());
            }
            fig = fig.merge(Toml::file(path));
        }
        // CAMLO_TEST_* belongs to the test harness, not to the server.
        fig = fig.merge(
            Env::prefixed("CAMLO_")
                .split("__")
                .filter(|k| !k.as_str().to_ascii_lowercase().starts_with("test_")),
        );
        let mut cfg: Config = fig
            .extract()
            .map_err(|e| anyhow::anyhow!("configuration: {e}"))?;
        if let Some(d) = &flags.database {
            cfg.database = Some(d.clone());
        }
        if let Some(l) = &flags.listen {
            cfg.listen.clone_from(l);
        }
        if let Some(d) = &flags.data {
            cfg.data.clone_from(d);
        }
        Ok(cfg)
    }

    /// The configuration as TOML with secrets masked.
    pub fn to_display(&self) -> String {
        let mut shown = self.clone();
        shown.database = self.database.as_deref().map(mask_url);
        shown.metrics_token = self.metrics_token.as_ref().map(|_| "***".to_owned());
        toml_string(&shown)
    }

    /// The trusted proxies and second-factor roles, parsed (`check-config` reports mistakes).
    pub fn security(
        &self,
    ) -> anyhow::Result<(
        Vec<camlo_web::client::Cidr>,
        Vec<camlo_domain::accounts::Role>,
    )> {
        let proxies = self
            .security
            .trusted_proxies
            .iter()
            .map(|p| {
                p.parse()
                    .map_err(|e| anyhow::anyhow!("security.trusted_proxies: {e}"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        let roles = self
            .security
            .totp_roles
            .iter()
            .map(|r| {
                camlo_domain::accounts::Role::parse(r)
                    .map_err(|_| anyhow::anyhow!("security.totp_roles: unknown role {r}"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok((proxies, roles))
    }

    /// Where the client-address key lives.
    pub fn client_key_path(&self) -> PathBuf {
        self.security
            .client_key_file
            .clone()
            .unwrap_or_else(|| self.data.join("client-key"))
    }

    /// The client-address key, created (random, 256 bits, readable by the owner only) when the
    /// file does not exist yet.
    pub fn client_key(&self) -> anyhow::Result<camlo_web::client::ClientKey> {
        let path = self.client_key_path();
        if let Ok(text) = std::fs::read_to_string(&path) {
            let bytes = hex::decode(text.trim())
                .map_err(|_| anyhow::anyhow!("{}: not a hex key", path.display()))?;
            if bytes.len() < 16 {
                anyhow::bail!("{}: the key is shorter than 128 bits", path.display());
            }
            return Ok(camlo_web::client::ClientKey::new(&bytes));
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)?;
        }
        let key = camlo_store::random_hex(32)?;
        let mut file = std::fs::OpenOptions::new();
        file.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut file, 0o600);
        std::io::Write::write_all(&mut file.open(&path)?, key.as_bytes())?;
        tracing::info!(path = %path.display(), "created the client-address key");
        self.client_key()
    }

    /// Settings for the web layer.
    pub fn web(&self) -> anyhow::Result<camlo_web::WebConfig> {
        let (trusted_proxies, totp_roles) = self.security()?;
        Ok(camlo_web::WebConfig {
            site_name: self.site_name.clone(),
            home_unit: self.home_unit.clone(),
            secure_cookies: self.secure_cookies,
            citizen_idle: Duration::from_secs(self.sessions.citizen_idle_secs),
            citizen_absolute: Duration::from_secs(self.sessions.citizen_absolute_secs),
            official_idle: Duration::from_secs(self.sessions.official_idle_secs),
            official_absolute: Duration::from_secs(self.sessions.official_absolute_secs),
            body_limit: self.limits.body_bytes,
            request_timeout: Duration::from_secs(self.limits.request_timeout_secs),
            theme_dir: self.theme_dir.clone(),
            data_dir: self.data.clone(),
            public_url: self.public_url.clone(),
            metrics_token: self.metrics_token.clone(),
            extra_hosts: Vec::new(),
            lookups_per_minute: self.limits.lookups_per_minute,
            search_dir: Some(self.data.join("search")),
            trusted_proxies,
            client_key: self.client_key()?,
            totp_roles,
        })
    }

    /// Connection limits for the listener.
    pub fn server_limits(&self) -> camlo_web::server::Limits {
        camlo_web::server::Limits {
            max_connections: self.limits.max_connections,
            header_timeout: Duration::from_secs(self.limits.header_timeout_secs),
        }
    }
}

fn toml_string(cfg: &Config) -> String {
    // A small hand-rolled writer keeps the `toml` serializer out of the build.
    let q = |s: &str| format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""));
    let mut out = String::new();
    if let Some(d) = &cfg.database {
        out.push_str(&format!("database = {}\n", q(d)));
    }
    out.push_str(&format!("listen = {}\n", q(&cfg.listen)));
    out.push_str(&format!("data = {}\n", q(&cfg.data.display().to_string())));
    out.push_str(&format!("site_name = {}\n", q(&cfg.site_name)));
    if let Some(h) = &cfg.home_unit {
        out.push_str(&format!("home_unit = {}\n", q(h)));
    }
    out.push_str(&format!("secure_cookies = {}\n", cfg.secure_cookies));
    if let Some(u) = &cfg.public_url {
        out.push_str(&format!("public_url = {}\n", q(u)));
    }
    if let Some(t) = &cfg.metrics_token {
        out.push_str(&format!("metrics_token = {}\n", q(t)));
    }
    if let Some(k) = &cfg.audit_key {
        out.push_str(&format!("audit_key = {}\n", q(&k.display().to_string())));
    }
    if let Some(d) = &cfg.audit_checkpoints {
        out.push_str(&format!(
            "audit_checkpoints = {}\n",
            q(&d.display().to_string())
        ));
    }
    out.push_str(&format!(
        "audit_checkpoint_records = {}\naudit_checkpoint_secs = {}\n",
        cfg.audit_checkpoint_records, cfg.audit_checkpoint_secs
    ));
    if let Some(t) = &cfg.theme_dir {
        out.push_str(&format!("theme_dir = {}\n", q(&t.display().to_string())));
    }
    out.push_str(&format!("log = {}\n", q(&cfg.log)));
    if cfg.sqlite_synchronous != camlo_store::Synchronous::Full {
        out.push_str("sqlite_synchronous = \"normal\"\n");
    }
    let s = &cfg.sessions;
    out.push_str(&format!(
        "\n[sessions]\ncitizen_idle_secs = {}\ncitizen_absolute_secs = {}\nofficial_idle_secs = {}\nofficial_absolute_secs = {}\n",
        s.citizen_idle_secs, s.citizen_absolute_secs, s.official_idle_secs, s.official_absolute_secs
    ));
    let l = &cfg.limits;
    out.push_str(&format!(
        "\n[limits]\nbody_bytes = {}\nmax_connections = {}\nheader_timeout_secs = {}\nrequest_timeout_secs = {}\nlookups_per_minute = {}\n",
        l.body_bytes, l.max_connections, l.header_timeout_secs, l.request_timeout_secs, l.lookups_per_minute
    ));
    let list = |v: &[String]| v.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ");
    let sec = &cfg.security;
    out.push_str(&format!(
        "\n[security]\ntrusted_proxies = [{}]\ntotp_roles = [{}]\n",
        list(&sec.trusted_proxies),
        list(&sec.totp_roles)
    ));
    if let Some(f) = &sec.client_key_file {
        out.push_str(&format!(
            "client_key_file = {}\n",
            q(&f.display().to_string())
        ));
    }
    out
}

/// Hides the password in a database URL: `postgres://camlo:***@db/camlo`.
pub fn mask_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let (auth, host) = match rest.rsplit_once('@') {
        Some((a, h)) => (a, h),
        None => return url.to_owned(),
    };
    match auth.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_passwords() {
        assert_eq!(
            mask_url("postgres://camlo:s3cret@db:5432/camlo"),
            "postgres://camlo:***@db:5432/camlo"
        );
        assert_eq!(
            mask_url("postgres://camlo@db/camlo"),
            "postgres://camlo@db/camlo"
        );
        assert_eq!(
            mask_url("sqlite://./camlo-data/camlo.db"),
            "sqlite://./camlo-data/camlo.db"
        );
    }
}
