//! Accounts and their role grants.

use camlo_domain::accounts::{AccountId, Audience, Role};
use camlo_domain::units::UnitId;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, Tx};

/// An account as stored (the password hash is kept apart in [`Credentials`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Account {
    /// Id.
    pub id: AccountId,
    /// Login name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Citizen or official.
    pub audience: Audience,
    /// E-mail.
    pub email: Option<String>,
    /// Mobile phone (national form).
    pub phone: Option<String>,
    /// Citizen ID (full; never log it, show it masked).
    pub cccd: Option<String>,
    /// Position (chức vụ) for officials.
    pub position: Option<String>,
    /// UI language, `vi` or `en`.
    pub language: String,
    /// Whether a TOTP second factor is active.
    pub totp_enabled: bool,
    /// When disabled, if so.
    pub disabled_at: Option<i64>,
    /// Creation time.
    pub created_at: i64,
}

/// What login needs.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The account.
    pub account: Account,
    /// PHC string of the Argon2id hash.
    pub password_hash: String,
    /// Base32 TOTP secret, when set up.
    pub totp_secret: Option<String>,
    /// Last accepted TOTP time step (replay protection).
    pub totp_last_step: Option<i64>,
}

/// A role within a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    /// Grant row id.
    pub id: i64,
    /// Role.
    pub role: Role,
    /// Unit scope (`None` for citizens and for system administrators granted everywhere).
    pub unit_id: Option<UnitId>,
}

/// Input for a new account.
#[derive(Debug, Clone)]
pub struct NewAccount {
    /// Login name (already validated).
    pub username: String,
    /// Display name (NFC).
    pub display_name: String,
    /// Audience.
    pub audience: Audience,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// E-mail.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// CCCD.
    pub cccd: Option<String>,
    /// Position.
    pub position: Option<String>,
    /// Language.
    pub language: String,
}

const COLUMNS: &str = "id, username, display_name, audience, email, phone, cccd, position, language, totp_enabled_at, disabled_at, created_at, password_hash, totp_secret, totp_last_step";

fn row_to_credentials(r: &AnyRow) -> Result<Credentials> {
    let audience: String = r.try_get("audience")?;
    let account = Account {
        id: AccountId(r.try_get("id")?),
        username: r.try_get("username")?,
        display_name: r.try_get("display_name")?,
        audience: Audience::parse(&audience).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        email: r.try_get("email")?,
        phone: r.try_get("phone")?,
        cccd: r.try_get("cccd")?,
        position: r.try_get("position")?,
        language: r.try_get("language")?,
        totp_enabled: r.try_get::<Option<i64>, _>("totp_enabled_at")?.is_some(),
        disabled_at: r.try_get("disabled_at")?,
        created_at: r.try_get("created_at")?,
    };
    Ok(Credentials {
        account,
        password_hash: r.try_get("password_hash")?,
        totp_secret: r.try_get("totp_secret")?,
        totp_last_step: r.try_get("totp_last_step")?,
    })
}

/// Creates an account; a taken username is a conflict.
pub async fn insert(tx: &mut Tx, a: &NewAccount, now: i64) -> Result<AccountId> {
    let row = sqlx::query(
        "INSERT INTO accounts (username, display_name, audience, password_hash, email, phone, cccd, position, language, created_at, password_changed_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(&a.username)
    .bind(&a.display_name)
    .bind(a.audience.as_str())
    .bind(&a.password_hash)
    .bind(&a.email)
    .bind(&a.phone)
    .bind(&a.cccd)
    .bind(&a.position)
    .bind(&a.language)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| StoreError::unique(e, "username"))?;
    Ok(AccountId(row.try_get(0)?))
}

/// Login data by username.
pub async fn credentials(store: &Store, username: &str) -> Result<Option<Credentials>> {
    sqlx::query(sql!("SELECT {COLUMNS} FROM accounts WHERE username = $1"))
        .bind(username)
        .fetch_optional(store.reader())
        .await?
        .as_ref()
        .map(row_to_credentials)
        .transpose()
}

/// Login data by id, inside a transaction.
pub async fn credentials_by_id(tx: &mut Tx, id: AccountId) -> Result<Credentials> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM accounts WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_credentials(&r)
}

/// An account by id.
pub async fn get(store: &Store, id: AccountId) -> Result<Account> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM accounts WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(row_to_credentials(&r)?.account)
}

/// All accounts, by username.
pub async fn list(store: &Store) -> Result<Vec<Account>> {
    sqlx::query(sql!("SELECT {COLUMNS} FROM accounts ORDER BY username"))
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| Ok(row_to_credentials(r)?.account))
        .collect()
}

/// Replaces the password hash.
pub async fn set_password(tx: &mut Tx, id: AccountId, hash: &str, now: i64) -> Result<()> {
    sqlx::query("UPDATE accounts SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
        .bind(hash)
        .bind(now)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Disables (`Some(now)`) or re-enables (`None`) an account.
pub async fn set_disabled(tx: &mut Tx, id: AccountId, at: Option<i64>) -> Result<()> {
    let done = sqlx::query("UPDATE accounts SET disabled_at = $1 WHERE id = $2")
        .bind(at)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Sets the preferred language.
pub async fn set_language(tx: &mut Tx, id: AccountId, lang: &str) -> Result<()> {
    sqlx::query("UPDATE accounts SET language = $1 WHERE id = $2")
        .bind(lang)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Stores a TOTP secret; `enabled_at` is set once the user proved a code.
pub async fn set_totp(
    tx: &mut Tx,
    id: AccountId,
    secret: Option<&str>,
    enabled_at: Option<i64>,
) -> Result<()> {
    sqlx::query("UPDATE accounts SET totp_secret = $1, totp_enabled_at = $2, totp_last_step = NULL WHERE id = $3")
        .bind(secret)
        .bind(enabled_at)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records the last TOTP step used, so a code cannot be replayed.
pub async fn set_totp_step(tx: &mut Tx, id: AccountId, step: i64) -> Result<()> {
    sqlx::query("UPDATE accounts SET totp_last_step = $1 WHERE id = $2")
        .bind(step)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Grants a role within a unit.
pub async fn grant(
    tx: &mut Tx,
    account: AccountId,
    role: Role,
    unit: Option<UnitId>,
    by: Option<AccountId>,
    now: i64,
) -> Result<i64> {
    let row = sqlx::query("INSERT INTO grants (account_id, role, unit_id, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(account.0)
        .bind(role.as_str())
        .bind(unit.map(|u| u.0))
        .bind(now)
        .bind(by.map(|b| b.0))
        .fetch_one(&mut **tx)
        .await
        .map_err(|e| StoreError::unique(e, "grant"))?;
    Ok(row.try_get(0)?)
}

/// Revokes one grant of an account.
pub async fn revoke_grant(tx: &mut Tx, account: AccountId, grant_id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM grants WHERE id = $1 AND account_id = $2")
        .bind(grant_id)
        .bind(account.0)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// The grants of an account.
pub async fn grants(store: &Store, account: AccountId) -> Result<Vec<Grant>> {
    sqlx::query("SELECT id, role, unit_id FROM grants WHERE account_id = $1 ORDER BY id")
        .bind(account.0)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(Grant {
                id: r.try_get(0)?,
                role: Role::parse(&r.try_get::<String, _>(1)?)
                    .map_err(|e| StoreError::Corrupt(e.to_string()))?,
                unit_id: r.try_get::<Option<i64>, _>(2)?.map(UnitId),
            })
        })
        .collect()
}

/// Number of accounts holding a role (used to know whether a first admin exists).
pub async fn count_with_role(store: &Store, role: Role) -> Result<i64> {
    Ok(sqlx::query("SELECT COUNT(*) FROM grants WHERE role = $1")
        .bind(role.as_str())
        .fetch_one(store.reader())
        .await?
        .try_get(0)?)
}

/// One holder of a role: an enabled account with a grant of that role on a unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// The account.
    pub account: AccountId,
    /// Its display name.
    pub display_name: String,
    /// The unit of the grant.
    pub unit: UnitId,
}

/// Enabled accounts holding `role` on one of `units` (explicit grants only: a system
/// administrator's reach over everything is not a handling role).
pub async fn holders(store: &Store, role: Role, units: &[UnitId]) -> Result<Vec<Holder>> {
    if units.is_empty() {
        return Ok(Vec::new());
    }
    let list = units
        .iter()
        .map(|u| u.0.to_string())
        .collect::<Vec<_>>()
        .join(",");
    // The list holds integers only.
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT a.id, a.display_name, g.unit_id FROM grants g JOIN accounts a ON a.id = g.account_id \
         WHERE g.role = $1 AND a.disabled_at IS NULL AND g.unit_id IN ({list}) ORDER BY a.display_name, a.id"
    )))
    .bind(role.as_str())
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(|r| {
        Ok(Holder {
            account: AccountId(r.try_get(0)?),
            display_name: r.try_get(1)?,
            unit: UnitId(r.try_get::<i64, _>(2)?),
        })
    })
    .collect()
}
