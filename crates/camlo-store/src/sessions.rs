//! Server-side sessions. The cookie carries a random token; only its SHA-256 is stored.

use camlo_domain::accounts::{AccountId, Audience};
use sha2::{Digest, Sha256};
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, Tx};

/// Where a session is in the login: password given, second factor pending; or complete.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Password accepted, TOTP code still required.
    TotpPending,
    /// Fully signed in.
    Full,
}

impl Stage {
    fn as_str(self) -> &'static str {
        match self {
            Self::TotpPending => "totp_pending",
            Self::Full => "full",
        }
    }
}

/// A stored session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Row id (shown to the user to revoke it; not a secret).
    pub id: i64,
    /// Owner.
    pub account_id: AccountId,
    /// Audience (decides timeouts).
    pub audience: Audience,
    /// Login stage.
    pub stage: Stage,
    /// Synchronizer token for state-changing requests.
    pub csrf_token: String,
    /// Created.
    pub created_at: i64,
    /// Last request that counted as activity.
    pub last_active_at: i64,
    /// Idle deadline.
    pub idle_expires_at: i64,
    /// Absolute deadline (never extended).
    pub absolute_expires_at: i64,
    /// Revoked when.
    pub revoked_at: Option<i64>,
    /// Browser description.
    pub user_agent: String,
    /// Client address at login.
    pub client_addr: String,
}

impl Session {
    /// Whether the session may be used at `now`.
    pub fn is_live(&self, now: i64) -> bool {
        self.revoked_at.is_none() && now < self.idle_expires_at && now < self.absolute_expires_at
    }

    /// When it expires if nothing else happens.
    pub fn expires_at(&self) -> i64 {
        self.idle_expires_at.min(self.absolute_expires_at)
    }
}

/// The stored form of a session token.
pub fn token_hash(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Input for a new session.
#[derive(Debug, Clone)]
pub struct NewSession<'a> {
    /// Raw token (only its hash is stored).
    pub token: &'a str,
    /// Owner.
    pub account_id: AccountId,
    /// Audience.
    pub audience: Audience,
    /// Stage.
    pub stage: Stage,
    /// CSRF token.
    pub csrf_token: &'a str,
    /// Now.
    pub now: i64,
    /// Idle limit in seconds.
    pub idle_secs: i64,
    /// Absolute limit in seconds.
    pub absolute_secs: i64,
    /// User agent (truncated by the caller).
    pub user_agent: &'a str,
    /// Client address.
    pub client_addr: &'a str,
}

const COLUMNS: &str = "id, account_id, audience, stage, csrf_token, created_at, last_active_at, idle_expires_at, absolute_expires_at, revoked_at, user_agent, client_addr";

fn row_to_session(r: &AnyRow) -> Result<Session> {
    let stage: String = r.try_get("stage")?;
    Ok(Session {
        id: r.try_get("id")?,
        account_id: AccountId(r.try_get("account_id")?),
        audience: Audience::parse(&r.try_get::<String, _>("audience")?)
            .map_err(|e| StoreError::Corrupt(e.to_string()))?,
        stage: if stage == "full" {
            Stage::Full
        } else {
            Stage::TotpPending
        },
        csrf_token: r.try_get("csrf_token")?,
        created_at: r.try_get("created_at")?,
        last_active_at: r.try_get("last_active_at")?,
        idle_expires_at: r.try_get("idle_expires_at")?,
        absolute_expires_at: r.try_get("absolute_expires_at")?,
        revoked_at: r.try_get("revoked_at")?,
        user_agent: r.try_get("user_agent")?,
        client_addr: r.try_get("client_addr")?,
    })
}

/// Creates a session.
pub async fn insert(tx: &mut Tx, s: &NewSession<'_>) -> Result<i64> {
    let absolute = s.now + s.absolute_secs;
    let idle = (s.now + s.idle_secs).min(absolute);
    let row = sqlx::query(
        "INSERT INTO sessions (token_hash, account_id, audience, stage, csrf_token, created_at, last_active_at, idle_expires_at, absolute_expires_at, user_agent, client_addr) \
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(token_hash(s.token))
    .bind(s.account_id.0)
    .bind(s.audience.as_str())
    .bind(s.stage.as_str())
    .bind(s.csrf_token)
    .bind(s.now)
    .bind(idle)
    .bind(absolute)
    .bind(s.user_agent)
    .bind(s.client_addr)
    .fetch_one(&mut **tx)
    .await?;
    Ok(row.try_get(0)?)
}

/// Looks a session up by its raw token.
pub async fn find(store: &Store, token: &str) -> Result<Option<Session>> {
    sqlx::query(sql!("SELECT {COLUMNS} FROM sessions WHERE token_hash = $1"))
        .bind(token_hash(token))
        .fetch_optional(store.reader())
        .await?
        .as_ref()
        .map(row_to_session)
        .transpose()
}

/// Looks a session up by id.
pub async fn find_by_id(store: &Store, id: i64) -> Result<Option<Session>> {
    sqlx::query(sql!("SELECT {COLUMNS} FROM sessions WHERE id = $1"))
        .bind(id)
        .fetch_optional(store.reader())
        .await?
        .as_ref()
        .map(row_to_session)
        .transpose()
}

/// Records activity: the idle deadline moves to `now + idle_secs`, never past the absolute one.
pub async fn touch(store: &Store, id: i64, now: i64, idle_secs: i64) -> Result<()> {
    sqlx::query(
        "UPDATE sessions SET last_active_at = $1, idle_expires_at = CASE WHEN $2 < absolute_expires_at THEN $2 ELSE absolute_expires_at END \
         WHERE id = $3 AND revoked_at IS NULL AND idle_expires_at > $1",
    )
    .bind(now)
    .bind(now + idle_secs)
    .bind(id)
    .execute(store.writer())
    .await?;
    Ok(())
}

/// Marks the second factor as passed.
pub async fn complete(tx: &mut Tx, id: i64) -> Result<()> {
    sqlx::query("UPDATE sessions SET stage = 'full' WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Revokes one session of an account.
pub async fn revoke(
    tx: &mut Tx,
    account: AccountId,
    id: i64,
    reason: &str,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query("UPDATE sessions SET revoked_at = $1, revoked_reason = $2 WHERE id = $3 AND account_id = $4 AND revoked_at IS NULL")
        .bind(now)
        .bind(reason)
        .bind(id)
        .bind(account.0)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Revokes every session of an account except `keep`.
pub async fn revoke_all(
    tx: &mut Tx,
    account: AccountId,
    keep: Option<i64>,
    reason: &str,
    now: i64,
) -> Result<u64> {
    let done = sqlx::query("UPDATE sessions SET revoked_at = $1, revoked_reason = $2 WHERE account_id = $3 AND revoked_at IS NULL AND id <> $4")
        .bind(now)
        .bind(reason)
        .bind(account.0)
        .bind(keep.unwrap_or(-1))
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected())
}

/// The live sessions of an account, newest first.
pub async fn list_live(store: &Store, account: AccountId, now: i64) -> Result<Vec<Session>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM sessions WHERE account_id = $1 AND revoked_at IS NULL AND idle_expires_at > $2 AND absolute_expires_at > $2 ORDER BY id DESC"
    ))
    .bind(account.0)
    .bind(now)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_session)
    .collect()
}
