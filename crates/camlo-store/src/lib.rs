//! camlo's storage: one schema on SQLite and PostgreSQL, reached through sqlx's `Any` driver.
//!
//! Architecture invariant: this is the only crate with SQL. Every write that belongs to a use
//! case runs in one transaction together with its audit record ([`audit::append`]).
//! SQL here is written once for both backends (`$n` placeholders, `BIGINT`, `TEXT`, `RETURNING`);
//! the few dialect differences live in [`migrations`] and [`backup`].

/// Builds SQL from constant fragments (column lists, table names from [`migrations::TABLES`]);
/// never from user input, which is always bound as a parameter.
macro_rules! sql {
    ($($t:tt)*) => { sqlx::AssertSqlSafe(format!($($t)*)) };
}

#[macro_use]
pub mod workflow;
pub mod accounts;
pub mod articles;
pub mod audit;
pub mod backup;
pub mod blobs;
pub mod demo;
pub mod dossiers;
pub mod feedback;
pub mod group;
pub mod holidays;
pub mod legal;
pub mod migrations;
pub mod office_hours;
pub mod portal;
pub mod procedures;
pub mod sessions;
pub mod throttle;
pub mod units;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor};

/// A transaction on the write side.
pub type Tx = sqlx::Transaction<'static, Any>;

/// Which database engine a URL names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// Embedded SQLite (one commune on one PC).
    Sqlite,
    /// PostgreSQL (a province).
    Postgres,
}

impl Backend {
    /// Picks the backend from the URL scheme; anything else is refused.
    pub fn from_url(url: &str) -> Result<Self, StoreError> {
        if url.starts_with("sqlite:") {
            Ok(Self::Sqlite)
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Ok(Self::Postgres)
        } else {
            Err(StoreError::BadUrl)
        }
    }
}

/// Errors from storage, with stable codes.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// STO-0001.
    #[error("database error: {0}")]
    Db(#[from] sqlx::Error),
    /// STO-0002.
    #[error("not found")]
    NotFound,
    /// STO-0003.
    #[error("conflict: {0}")]
    Conflict(&'static str),
    /// STO-0004.
    #[error("the database URL must start with sqlite:// or postgres://")]
    BadUrl,
    /// STO-0005.
    #[error("the SQLite database {0} does not exist (pass --create to create it)")]
    Missing(PathBuf),
    /// STO-0006.
    #[error("file error: {0}")]
    Io(#[from] std::io::Error),
    /// STO-0007.
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// STO-0008.
    #[error("the target is not empty: {0}")]
    NotEmpty(PathBuf),
    /// STO-0009.
    #[error("the shared write transaction failed: {0}")]
    Batch(String),
}

impl StoreError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Db(_) => "STO-0001",
            Self::NotFound => "STO-0002",
            Self::Conflict(_) => "STO-0003",
            Self::BadUrl => "STO-0004",
            Self::Missing(_) => "STO-0005",
            Self::Io(_) => "STO-0006",
            Self::Corrupt(_) => "STO-0007",
            Self::NotEmpty(_) => "STO-0008",
            Self::Batch(_) => "STO-0009",
        }
    }

    /// Maps a unique-constraint violation to a conflict with the given reason.
    pub(crate) fn unique(e: sqlx::Error, what: &'static str) -> Self {
        match &e {
            sqlx::Error::Database(d) if d.is_unique_violation() => Self::Conflict(what),
            _ => Self::Db(e),
        }
    }

    /// [`StoreError::unique`] applied to an error already converted.
    pub(crate) fn or_unique(self, what: &'static str) -> Self {
        match self {
            Self::Db(e) => Self::unique(e, what),
            other => other,
        }
    }
}

/// Result alias.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// How to open the database.
#[derive(Debug, Clone)]
pub struct OpenOptions {
    /// Create a missing SQLite file (refused otherwise, so a typo cannot start an empty system).
    pub create: bool,
    /// Most connections for reads (PostgreSQL: all connections).
    pub max_connections: u32,
    /// SQLite's `synchronous` setting (ignored on PostgreSQL).
    pub synchronous: Synchronous,
}

impl Default for OpenOptions {
    fn default() -> Self {
        Self {
            create: false,
            max_connections: 8,
            synchronous: Synchronous::Full,
        }
    }
}

/// SQLite's `synchronous` pragma in WAL mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Synchronous {
    /// Every commit waits for the disk: an acknowledged write survives power loss (the default;
    /// DESIGN.md §4).
    #[default]
    Full,
    /// Commits do not wait for the disk: survives a crash of the process, not of the machine.
    /// For benchmarks and throw-away demos only.
    Normal,
}

impl Synchronous {
    fn pragma(self) -> &'static str {
        match self {
            Self::Full => "PRAGMA synchronous=FULL",
            Self::Normal => "PRAGMA synchronous=NORMAL",
        }
    }
}

/// The database handle: a read pool and a write pool. On SQLite the write pool has one
/// connection, so writers queue in the application instead of failing with SQLITE_BUSY.
#[derive(Debug, Clone)]
pub struct Store {
    read: AnyPool,
    write: AnyPool,
    backend: Backend,
    url: String,
    group: std::sync::Arc<group::Group>,
}

/// The file path inside a `sqlite://` URL (query string removed).
pub fn sqlite_path(url: &str) -> Option<PathBuf> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or(rest);
    Some(PathBuf::from(path))
}

/// A `sqlite://` URL for a file path.
pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite://{}", path.display())
}

impl Store {
    /// Opens a database by URL and applies pending migrations.
    pub async fn open(url: &str, opts: &OpenOptions) -> Result<Self> {
        let store = Self::connect(url, opts).await?;
        migrations::run(&store).await?;
        Ok(store)
    }

    /// Opens a database by URL without migrating.
    pub async fn connect(url: &str, opts: &OpenOptions) -> Result<Self> {
        sqlx::any::install_default_drivers();
        let backend = Backend::from_url(url)?;
        match backend {
            Backend::Sqlite => {
                let path = sqlite_path(url).ok_or(StoreError::BadUrl)?;
                if !path.exists() && !opts.create {
                    return Err(StoreError::Missing(path));
                }
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)?;
                }
                let base = sqlite_url(&path);
                let write_url = format!("{base}?mode=rwc");
                let write = sqlite_pool(&write_url, 1, opts.synchronous).await?;
                // WAL is a property of the file; set it once through the writer.
                sqlx::query("PRAGMA journal_mode=WAL")
                    .fetch_all(&write)
                    .await?;
                let read = sqlite_pool(
                    &format!("{base}?mode=rw"),
                    opts.max_connections,
                    opts.synchronous,
                )
                .await?;
                Ok(Self {
                    read,
                    write,
                    backend,
                    url: base,
                    group: std::sync::Arc::default(),
                })
            }
            Backend::Postgres => {
                let options = AnyConnectOptions::from_str(url)?;
                let pool = AnyPoolOptions::new()
                    .max_connections(opts.max_connections.max(2))
                    .acquire_timeout(Duration::from_secs(10))
                    .connect_with(options)
                    .await?;
                Ok(Self {
                    read: pool.clone(),
                    write: pool,
                    backend,
                    url: url.to_owned(),
                    group: std::sync::Arc::default(),
                })
            }
        }
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The URL this store was opened with.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The pool for reads.
    pub fn reader(&self) -> &AnyPool {
        &self.read
    }

    /// The pool for single-statement writes outside a use-case transaction.
    pub(crate) fn writer(&self) -> &AnyPool {
        &self.write
    }

    /// Starts a write transaction.
    pub async fn begin(&self) -> Result<Tx> {
        Ok(self.write.begin().await?)
    }

    /// True when the database answers.
    pub async fn ping(&self) -> bool {
        sqlx::query("SELECT 1").fetch_one(&self.read).await.is_ok()
    }

    /// Closes both pools (checkpointing SQLite's WAL).
    pub async fn close(&self) {
        self.read.close().await;
        self.write.close().await;
    }
}

async fn sqlite_pool(url: &str, max: u32, synchronous: Synchronous) -> Result<AnyPool> {
    let options = AnyConnectOptions::from_str(url)?;
    Ok(AnyPoolOptions::new()
        .max_connections(max.max(1))
        .acquire_timeout(Duration::from_secs(30))
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                // Durability first: an acknowledged write survives a crash (DESIGN.md §4).
                conn.execute(synchronous.pragma()).await?;
                conn.execute("PRAGMA foreign_keys=ON").await?;
                conn.execute("PRAGMA busy_timeout=10000").await?;
                Ok(())
            })
        })
        .connect_with(options)
        .await?)
}

/// Commits a use case's transaction.
pub async fn commit(tx: Tx) -> Result<()> {
    tx.commit().await?;
    Ok(())
}

/// User text as a LIKE pattern that matches itself only: `\`, `%` and `_` escaped with `\`
/// (every LIKE using it says `ESCAPE '\'`, which both backends understand).
pub fn like_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(c, '\\' | '%' | '_') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Runs one administrative statement (e.g. `CREATE DATABASE` in the test harness); never with
/// user input.
pub async fn admin_execute(store: &Store, statement: &str) -> Result<()> {
    sqlx::query(sqlx::AssertSqlSafe(statement.to_owned()))
        .execute(&store.write)
        .await?;
    Ok(())
}

/// Seconds since the epoch, as stored.
pub fn ts(at: DateTime<Utc>) -> i64 {
    at.timestamp()
}

/// The instant for stored seconds.
pub fn from_ts(secs: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, 0).unwrap_or_default()
}

/// Random bytes as lower-case hex (tokens, ids, salts for names).
pub fn random_hex(bytes: usize) -> Result<String> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf).map_err(|e| StoreError::Corrupt(format!("no randomness: {e}")))?;
    Ok(hex::encode(buf))
}
