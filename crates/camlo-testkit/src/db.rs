//! A fresh database for each test.

use camlo_store::{OpenOptions, Store};

/// The environment variable naming a PostgreSQL server for the suite.
pub const PG_ENV: &str = "CAMLO_TEST_DATABASE_URL";

/// A database that exists for one test: a temporary SQLite file, or a new PostgreSQL database
/// named `camlo_t_<random>` on the server in `CAMLO_TEST_DATABASE_URL`.
pub struct TestDb {
    /// URL to open it with.
    pub url: String,
    /// Keeps the temporary folder alive.
    pub dir: tempfile::TempDir,
}

impl TestDb {
    /// Creates an empty database on the backend chosen by the environment.
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let url = match std::env::var(PG_ENV).ok().filter(|v| !v.is_empty()) {
            Some(base) => create_pg_database(&base).await,
            None => camlo_store::sqlite_url(&dir.path().join("camlo.db")),
        };
        Self { url, dir }
    }

    /// A second SQLite database in the same folder (for restore targets).
    pub fn sqlite_sibling(&self, name: &str) -> String {
        camlo_store::sqlite_url(&self.dir.path().join(name))
    }

    /// True when this run targets PostgreSQL.
    pub fn is_postgres(&self) -> bool {
        self.url.starts_with("postgres")
    }

    /// Opens and migrates the database.
    pub async fn open(&self) -> Store {
        Store::open(
            &self.url,
            &OpenOptions {
                create: true,
                max_connections: 4,
                ..OpenOptions::default()
            },
        )
        .await
        .unwrap()
    }
}

/// Creates a new PostgreSQL database and returns its URL.
pub async fn create_pg_database(base: &str) -> String {
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).unwrap();
    let name = format!("camlo_t_{}", hex::encode(bytes));
    let admin = Store::connect(
        base,
        &OpenOptions {
            create: false,
            max_connections: 1,
            ..OpenOptions::default()
        },
    )
    .await
    .unwrap();
    camlo_store::admin_execute(&admin, &format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    admin.close().await;
    replace_db_name(base, &name)
}

/// `postgres://u@h:p/db?x` with the database part replaced.
pub fn replace_db_name(base: &str, name: &str) -> String {
    let (head, query) = match base.split_once('?') {
        Some((h, q)) => (h, Some(q)),
        None => (base, None),
    };
    let scheme_end = head.find("://").map_or(0, |i| i + 3);
    let path_start = head[scheme_end..]
        .find('/')
        .map_or(head.len(), |i| scheme_end + i);
    let mut url = format!("{}/{name}", &head[..path_start]);
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

/// Prints why a PostgreSQL-only comparison was skipped.
pub fn skip_without_pg(test: &str) -> bool {
    if std::env::var(PG_ENV)
        .ok()
        .filter(|v| !v.is_empty())
        .is_none()
    {
        eprintln!("{test}: skipped the PostgreSQL side: {PG_ENV} is not set (.ci/run sets it)");
        return true;
    }
    false
}
