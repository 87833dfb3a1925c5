//! Per-year holiday decisions confirmed or overridden by an administrator (stored as JSON
//! produced by camlo-calendar's `YearRules`).

use sqlx::Row;

use crate::{Result, Store, Tx};

/// A confirmed year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredYear {
    /// Year.
    pub year: i32,
    /// The rules as JSON.
    pub rules_json: String,
    /// Decision number (e.g. "Thông báo 9441/TB-BNV").
    pub decision: Option<String>,
    /// When confirmed.
    pub confirmed_at: i64,
}

/// All confirmed years.
pub async fn list(store: &Store) -> Result<Vec<StoredYear>> {
    sqlx::query("SELECT year, rules_json, decision, confirmed_at FROM holiday_years ORDER BY year")
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(StoredYear {
                year: i32::try_from(r.try_get::<i64, _>(0)?).unwrap_or_default(),
                rules_json: r.try_get(1)?,
                decision: r.try_get(2)?,
                confirmed_at: r.try_get(3)?,
            })
        })
        .collect()
}

/// Saves (replaces) a year's rules.
pub async fn put(
    tx: &mut Tx,
    year: i32,
    rules_json: &str,
    decision: Option<&str>,
    by: Option<i64>,
    now: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM holiday_years WHERE year = $1")
        .bind(i64::from(year))
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO holiday_years (year, rules_json, decision, confirmed_at, confirmed_by) VALUES ($1, $2, $3, $4, $5)")
        .bind(i64::from(year))
        .bind(rules_json)
        .bind(decision)
        .bind(now)
        .bind(by)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
