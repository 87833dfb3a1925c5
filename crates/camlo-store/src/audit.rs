//! The hash-chained audit log. [`append`] runs inside the caller's transaction, so the record
//! commits with the change it describes or not at all.

use camlo_domain::audit::{
    AuditEntry, CURRENT_VERSION, ChainBreak, ChainedEntry, Checkpoint, Outcome, Verifier,
};
use chrono::DateTime;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, Tx};

/// Appends an entry to the chain; returns its sequence number.
///
/// The head row is updated first, which takes the row lock on PostgreSQL (and the write lock on
/// SQLite), so concurrent appenders queue instead of forking the chain.
pub async fn append(tx: &mut Tx, e: &AuditEntry) -> Result<i64> {
    let head = sqlx::query("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
        .fetch_one(&mut **tx)
        .await?;
    let seq: i64 = head.try_get(0)?;
    let prev: String = head.try_get(1)?;
    let hash = e.chain_hash(seq, &prev);
    sqlx::query(
        "INSERT INTO audit_log (seq, at_us, actor_id, actor, role, unit_id, action, object, outcome, request_id, client_addr, detail, prev_hash, hash, version) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)",
    )
    .bind(seq)
    .bind(e.at.timestamp_micros())
    .bind(e.actor_id)
    .bind(&e.actor)
    .bind(&e.role)
    .bind(e.unit_id)
    .bind(&e.action)
    .bind(&e.object)
    .bind(e.outcome.as_str())
    .bind(&e.request_id)
    .bind(&e.client_addr)
    .bind(&e.detail)
    .bind(&prev)
    .bind(&hash)
    .bind(CURRENT_VERSION)
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut **tx)
        .await?;
    Ok(seq)
}

/// Appends an entry in a transaction of its own (for events with no other change: a failed
/// login, a denial).
pub async fn append_alone(store: &Store, e: &AuditEntry) -> Result<i64> {
    let mut tx = store.begin().await?;
    let seq = append(&mut tx, e).await?;
    tx.commit().await?;
    Ok(seq)
}

fn parse_outcome(s: &str) -> Outcome {
    match s {
        "success" => Outcome::Success,
        "denied" => Outcome::Denied,
        _ => Outcome::Failure,
    }
}

fn row_to_entry(r: &AnyRow) -> Result<ChainedEntry> {
    let at_us: i64 = r.try_get("at_us")?;
    let outcome: String = r.try_get("outcome")?;
    Ok(ChainedEntry {
        seq: r.try_get("seq")?,
        version: r.try_get("version")?,
        entry: AuditEntry {
            at: DateTime::from_timestamp_micros(at_us)
                .ok_or_else(|| StoreError::Corrupt("bad audit time".into()))?,
            actor_id: r.try_get("actor_id")?,
            actor: r.try_get("actor")?,
            role: r.try_get("role")?,
            unit_id: r.try_get("unit_id")?,
            action: r.try_get("action")?,
            object: r.try_get("object")?,
            // An unknown outcome string cannot hash the same as the written one, so the
            // verifier reports the edit.
            outcome: parse_outcome(&outcome),
            request_id: r.try_get("request_id")?,
            client_addr: r.try_get("client_addr")?,
            detail: r.try_get("detail")?,
        },
        prev_hash: r.try_get("prev_hash")?,
        hash: r.try_get("hash")?,
    })
}

const COLUMNS: &str = "seq, at_us, actor_id, actor, role, unit_id, action, object, outcome, request_id, client_addr, detail, prev_hash, hash, version";

/// The chain's head: the last record's number and hash.
pub async fn head(store: &Store) -> Result<(i64, String)> {
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(store.reader())
        .await?;
    Ok((head.try_get(0)?, head.try_get(1)?))
}

/// Verifies the chain as it stood when verification began, holding it to the signed
/// `checkpoints` (already checked against the audit key); returns the number of records, or the
/// first break.
///
/// Everything is read in one read transaction (a snapshot: REPEATABLE READ on PostgreSQL, a
/// WAL read transaction on SQLite), so records appended meanwhile are not seen, neither as rows
/// nor in the head: a busy server is never mistaken for a cut tail.
pub async fn verify(
    store: &Store,
    checkpoints: &[Checkpoint],
    mut progress: impl FnMut(i64, i64),
) -> Result<Result<i64, ChainBreak>> {
    let mut tx = store.reader().begin().await?;
    if store.backend() == crate::Backend::Postgres {
        sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            .execute(&mut *tx)
            .await?;
    }
    let head = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
        .fetch_one(&mut *tx)
        .await?;
    let (head_seq, head_hash): (i64, String) = (head.try_get(0)?, head.try_get(1)?);
    let mut verifier = Verifier::with_checkpoints(checkpoints);
    let mut after = i64::MIN;
    loop {
        let rows = sqlx::query(sql!(
            "SELECT {COLUMNS} FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 1000"
        ))
        .bind(after)
        .fetch_all(&mut *tx)
        .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get("seq")?;
        for r in &rows {
            if let Err(b) = verifier.push(&row_to_entry(r)?) {
                return Ok(Err(b));
            }
        }
        progress(after, head_seq);
    }
    tx.rollback().await?;
    Ok(verifier.finish(head_seq, &head_hash))
}

/// The latest entries, newest first.
pub async fn recent(store: &Store, limit: i64) -> Result<Vec<ChainedEntry>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM audit_log ORDER BY seq DESC LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_entry)
    .collect()
}

/// Entries with a given action, oldest first (tests and reports).
pub async fn by_action(store: &Store, action: &str) -> Result<Vec<ChainedEntry>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM audit_log WHERE action = $1 ORDER BY seq"
    ))
    .bind(action)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_entry)
    .collect()
}
