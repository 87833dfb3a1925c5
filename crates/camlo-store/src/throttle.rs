//! Login throttling: after repeated failures a key (username and client) is soft-locked for a while.

use sqlx::Row;

use crate::{Result, Store, Tx};

/// Failures allowed inside the window before the lock.
pub const MAX_FAILURES: i64 = 5;
/// Window in which failures count, seconds.
pub const WINDOW_SECS: i64 = 15 * 60;
/// Lock length, seconds.
pub const LOCK_SECS: i64 = 15 * 60;

/// When the key is locked at `now`, the time it may retry.
pub async fn locked_until(store: &Store, key: &str, now: i64) -> Result<Option<i64>> {
    let row = sqlx::query("SELECT locked_until FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .fetch_optional(store.reader())
        .await?;
    Ok(row
        .map(|r| r.try_get::<Option<i64>, _>(0))
        .transpose()?
        .flatten()
        .filter(|&t| t > now))
}

/// Counts a failure; returns the lock end when this failure triggered a lock.
pub async fn record_failure(tx: &mut Tx, key: &str, now: i64) -> Result<Option<i64>> {
    let row = sqlx::query(
        "SELECT failures, first_failure_at FROM login_throttle WHERE throttle_key = $1",
    )
    .bind(key)
    .fetch_optional(&mut **tx)
    .await?;
    let (failures, first) = match row {
        Some(r) => {
            let (f, first): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
            if now - first > WINDOW_SECS {
                (1, now)
            } else {
                (f + 1, first)
            }
        }
        None => (1, now),
    };
    let lock = (failures >= MAX_FAILURES).then_some(now + LOCK_SECS);
    sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO login_throttle (throttle_key, failures, first_failure_at, locked_until) VALUES ($1, $2, $3, $4)")
        .bind(key)
        .bind(if lock.is_some() { 0 } else { failures })
        .bind(if lock.is_some() { now } else { first })
        .bind(lock)
        .execute(&mut **tx)
        .await?;
    Ok(lock)
}

/// Forgets failures after a successful login.
pub async fn clear(tx: &mut Tx, key: &str) -> Result<()> {
    sqlx::query("DELETE FROM login_throttle WHERE throttle_key = $1")
        .bind(key)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
