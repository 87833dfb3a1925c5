//! Office hours per unit, stored as JSON (camlo-calendar's `OfficeHours`).

use camlo_domain::units::UnitId;
use sqlx::Row;

use crate::{Result, Store, Tx};

/// Every unit with its own office hours: (unit, JSON).
pub async fn list(store: &Store) -> Result<Vec<(UnitId, String)>> {
    sqlx::query("SELECT unit_id, hours_json FROM office_hours ORDER BY unit_id")
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| Ok((UnitId(r.try_get(0)?), r.try_get(1)?)))
        .collect()
}

/// Sets (replaces) a unit's office hours.
pub async fn put(
    tx: &mut Tx,
    unit: UnitId,
    hours_json: &str,
    by: Option<i64>,
    now: i64,
) -> Result<()> {
    sqlx::query("DELETE FROM office_hours WHERE unit_id = $1")
        .bind(unit.0)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO office_hours (unit_id, hours_json, updated_at, updated_by) VALUES ($1, $2, $3, $4)")
        .bind(unit.0)
        .bind(hours_json)
        .bind(now)
        .bind(by)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Removes a unit's own hours (it inherits again).
pub async fn clear(tx: &mut Tx, unit: UnitId) -> Result<()> {
    sqlx::query("DELETE FROM office_hours WHERE unit_id = $1")
        .bind(unit.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
