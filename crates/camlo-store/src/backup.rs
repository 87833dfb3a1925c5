//! Online backup and restore in a portable form: one consistent read transaction dumps every
//! table to JSON lines, so a copy taken from SQLite restores into PostgreSQL and back.
//!
//! Layout of a backup folder: `manifest.json`, `tables/<table>.jsonl` (one JSON array per row,
//! columns as listed in the manifest) and `files/` (a copy of the stored files).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::Row;

use crate::migrations::{ColumnType, TABLES, introspect};
use crate::{Backend, OpenOptions, Result, Store, StoreError};

/// Format tag written in every manifest.
pub const FORMAT: &str = "camlo-backup/1";

/// What a backup holds.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Manifest {
    /// Always [`FORMAT`].
    pub format: String,
    /// Highest schema migration applied in the source.
    pub schema_version: i64,
    /// Per table: column names in order.
    pub columns: BTreeMap<String, Vec<String>>,
    /// Per table: row count.
    pub rows: BTreeMap<String, u64>,
    /// Number of stored files copied.
    pub files: u64,
}

/// Progress callback: (what, done, total).
pub type Progress<'a> = &'a mut dyn FnMut(&str, u64, u64);

async fn schema_version(conn: &mut sqlx::AnyConnection) -> Result<i64> {
    let r = sqlx::query("SELECT COALESCE(MAX(version), 0) FROM schema_migrations")
        .fetch_one(conn)
        .await?;
    Ok(r.try_get(0)?)
}

/// Writes a consistent copy of the database (and `files_dir`, if given) into `dest`, which must
/// not exist or be empty. Runs beside a live server.
pub async fn backup(
    store: &Store,
    files_dir: Option<&Path>,
    dest: &Path,
    progress: Progress<'_>,
) -> Result<Manifest> {
    ensure_empty(dest)?;
    std::fs::create_dir_all(dest.join("tables"))?;
    let schema = introspect(store).await?;
    let types: BTreeMap<&str, &Vec<crate::migrations::Column>> =
        schema.tables.iter().map(|(t, c)| (t.as_str(), c)).collect();
    let mut tx = store.reader().begin().await?;
    if store.backend() == Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let version = schema_version(&mut tx).await?;
    let mut manifest = Manifest {
        format: FORMAT.into(),
        schema_version: version,
        columns: BTreeMap::new(),
        rows: BTreeMap::new(),
        files: 0,
    };
    let total = TABLES.len() as u64;
    for (i, table) in TABLES.iter().enumerate() {
        progress(table, i as u64, total);
        let cols = types
            .get(table)
            .ok_or_else(|| StoreError::Corrupt(format!("table {table} missing")))?;
        let names: Vec<String> = cols.iter().map(|c| c.name.clone()).collect();
        let rows = sqlx::query(sql!("SELECT {} FROM {table} ORDER BY 1", names.join(", ")))
            .fetch_all(&mut *tx)
            .await?;
        let mut out = String::new();
        for r in &rows {
            let mut values = Vec::with_capacity(cols.len());
            for (j, c) in cols.iter().enumerate() {
                values.push(match c.ty {
                    ColumnType::Integer => r
                        .try_get::<Option<i64>, _>(j)?
                        .map_or(Value::Null, Value::from),
                    ColumnType::Text => r
                        .try_get::<Option<String>, _>(j)?
                        .map_or(Value::Null, Value::from),
                    ColumnType::Blob => r
                        .try_get::<Option<Vec<u8>>, _>(j)?
                        .map_or(Value::Null, |b| Value::from(hex::encode(b))),
                });
            }
            out.push_str(&Value::Array(values).to_string());
            out.push('\n');
        }
        write_durably(
            &dest.join("tables").join(format!("{table}.jsonl")),
            out.as_bytes(),
        )?;
        manifest.columns.insert((*table).to_owned(), names);
        manifest.rows.insert((*table).to_owned(), rows.len() as u64);
    }
    tx.commit().await?;
    if let Some(files) = files_dir.filter(|f| f.exists()) {
        manifest.files = copy_tree(files, &dest.join("files"))?;
    }
    progress("manifest", total, total);
    let json =
        serde_json::to_vec_pretty(&manifest).map_err(|e| StoreError::Corrupt(e.to_string()))?;
    write_durably(&dest.join("manifest.json"), &json)?;
    Ok(manifest)
}

/// Restores a backup into the (new, empty) database at `target_url` and copies its files into
/// `files_dest`.
pub async fn restore(
    src: &Path,
    target_url: &str,
    files_dest: &Path,
    progress: Progress<'_>,
) -> Result<Manifest> {
    let manifest: Manifest = serde_json::from_slice(&std::fs::read(src.join("manifest.json"))?)
        .map_err(|e| StoreError::Corrupt(format!("manifest: {e}")))?;
    if manifest.format != FORMAT {
        return Err(StoreError::Corrupt(format!(
            "unknown backup format {}",
            manifest.format
        )));
    }
    let store = Store::open(
        target_url,
        &OpenOptions {
            create: true,
            ..OpenOptions::default()
        },
    )
    .await?;
    let result = restore_into(&store, src, &manifest, progress).await;
    store.close().await;
    result?;
    if src.join("files").exists() {
        copy_tree(&src.join("files"), files_dest)?;
    }
    Ok(manifest)
}

async fn restore_into(
    store: &Store,
    src: &Path,
    manifest: &Manifest,
    progress: Progress<'_>,
) -> Result<()> {
    let schema = introspect(store).await?;
    let mut tx = store.begin().await?;
    if schema_version(&mut tx).await? != manifest.schema_version {
        return Err(StoreError::Corrupt(
            "the backup was taken with another schema version".into(),
        ));
    }
    let used: i64 = sqlx::query("SELECT (SELECT COUNT(*) FROM units) + (SELECT COUNT(*) FROM accounts) + (SELECT COUNT(*) FROM audit_log)")
        .fetch_one(&mut *tx)
        .await?
        .try_get(0)?;
    if used > 0 {
        return Err(StoreError::Conflict(
            "the target database already holds data",
        ));
    }
    for table in TABLES.iter().rev() {
        sqlx::query(sql!("DELETE FROM {table}"))
            .execute(&mut *tx)
            .await?;
    }
    let total = TABLES.len() as u64;
    for (i, table) in TABLES.iter().enumerate() {
        progress(table, i as u64, total);
        let names = manifest
            .columns
            .get(*table)
            .ok_or_else(|| StoreError::Corrupt(format!("{table} missing")))?;
        let cols = schema
            .tables
            .iter()
            .find(|(t, _)| t == table)
            .map(|(_, c)| c)
            .ok_or_else(|| StoreError::Corrupt(format!("{table} missing in target")))?;
        let text = std::fs::read_to_string(src.join("tables").join(format!("{table}.jsonl")))?;
        let placeholders: Vec<String> = (1..=names.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "INSERT INTO {table} ({}) VALUES ({})",
            names.join(", "),
            placeholders.join(", ")
        );
        for line in text.lines().filter(|l| !l.is_empty()) {
            let values: Vec<Value> = serde_json::from_str(line)
                .map_err(|e| StoreError::Corrupt(format!("{table}: {e}")))?;
            let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.clone()));
            for (name, v) in names.iter().zip(values) {
                let ty = cols
                    .iter()
                    .find(|c| &c.name == name)
                    .map(|c| c.ty)
                    .ok_or_else(|| StoreError::Corrupt(format!("{table}.{name} unknown")))?;
                q = match ty {
                    ColumnType::Integer => q.bind(v.as_i64()),
                    ColumnType::Text => q.bind(v.as_str().map(str::to_owned)),
                    ColumnType::Blob => q.bind(
                        v.as_str()
                            .map(hex::decode)
                            .transpose()
                            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                    ),
                };
            }
            q.execute(&mut *tx).await?;
        }
        if store.backend() == Backend::Postgres && names.iter().any(|n| n == "id") {
            sqlx::query(sql!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            ))
            .fetch_all(&mut *tx)
            .await?;
        }
    }
    tx.commit().await?;
    progress("done", total, total);
    Ok(())
}

fn ensure_empty(dest: &Path) -> Result<()> {
    if dest.exists() && std::fs::read_dir(dest)?.next().is_some() {
        return Err(StoreError::NotEmpty(dest.to_owned()));
    }
    Ok(())
}

fn write_durably(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut f = std::fs::File::create(path)?;
    f.write_all(bytes)?;
    f.sync_all()?;
    Ok(())
}

fn copy_tree(from: &Path, to: &Path) -> Result<u64> {
    std::fs::create_dir_all(to)?;
    let mut n = 0;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            n += copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            n += 1;
        }
    }
    Ok(n)
}
