//! Rate limits and lockouts, one mechanism for all of them: a fixed-window counter per
//! (bucket, subject) in the `rate_limits` table, shared by every instance on the database.
//!
//! A [`Limit`] names a bucket, the most events its window allows and the window's length.
//! Failures (sign-in, second factor, probes) lock the subject from the event that reaches
//! `max` until the window ends; requests (lookups, registrations, feedback) are refused once
//! the window holds more than `max`. Subjects built from client addresses are keyed hashes made
//! by the caller; this module never sees an address.

use sqlx::Row;

use crate::{Result, Store, Tx};

/// The longest window any limit may have, seconds; rows older than this are swept.
pub const MAX_WINDOW_SECS: i64 = 24 * 3600;

/// One limit: at most `max` events of `bucket` per subject in a window of `window` seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    /// Bucket name, e.g. `login.pair`.
    pub bucket: &'static str,
    /// Events allowed in a window.
    pub max: i64,
    /// Window length, seconds (at most [`MAX_WINDOW_SECS`]).
    pub window: i64,
}

/// A subject's count in its current window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Count {
    /// Events counted in the window (0 when no window is open).
    pub hits: i64,
    /// When the window ends.
    pub until: i64,
}

impl Count {
    /// Locked: the subject reached the limit (for failures).
    pub fn locked(&self, limit: &Limit) -> Option<i64> {
        (self.hits >= limit.max).then_some(self.until)
    }
    /// Over: the window holds more than the limit (for requests, counted before they run).
    pub fn over(&self, limit: &Limit) -> Option<i64> {
        (self.hits > limit.max).then_some(self.until)
    }
}

/// The subject's count at `now`, without counting anything (a read).
pub async fn count(store: &Store, limit: &Limit, subject: &str, now: i64) -> Result<Count> {
    let row = sqlx::query(
        "SELECT window_start, hits FROM rate_limits WHERE bucket = $1 AND subject = $2",
    )
    .bind(limit.bucket)
    .bind(subject)
    .fetch_optional(store.reader())
    .await?;
    Ok(match row {
        Some(r) => {
            let (start, hits): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
            if now - start >= limit.window {
                Count::default()
            } else {
                Count {
                    hits,
                    until: start + limit.window,
                }
            }
        }
        None => Count::default(),
    })
}

/// Counts one event and returns the count including it (one upsert; the first event after a
/// window ends opens a new one). Rows past every window are swept on the way.
pub async fn hit(tx: &mut Tx, limit: &Limit, subject: &str, now: i64) -> Result<Count> {
    sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
        .bind(now - MAX_WINDOW_SECS)
        .execute(&mut **tx)
        .await?;
    let r = sqlx::query(
        "INSERT INTO rate_limits (bucket, subject, window_start, hits) VALUES ($1, $2, $3, 1) \
         ON CONFLICT (bucket, subject) DO UPDATE SET \
           hits = CASE WHEN rate_limits.window_start <= $4 THEN 1 ELSE rate_limits.hits + 1 END, \
           window_start = CASE WHEN rate_limits.window_start <= $4 THEN $3 ELSE rate_limits.window_start END \
         RETURNING window_start, hits",
    )
    .bind(limit.bucket)
    .bind(subject)
    .bind(now)
    .bind(now - limit.window)
    .fetch_one(&mut **tx)
    .await?;
    let (start, hits): (i64, i64) = (r.try_get(0)?, r.try_get(1)?);
    Ok(Count {
        hits,
        until: start + limit.window,
    })
}

/// Forgets a subject's count (a success ends a run of failures).
pub async fn clear(tx: &mut Tx, limit: &Limit, subject: &str) -> Result<()> {
    sqlx::query("DELETE FROM rate_limits WHERE bucket = $1 AND subject = $2")
        .bind(limit.bucket)
        .bind(subject)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
