//! Procedure versions. A new version of a code gets the next version number; dossiers point at
//! the version they were received under.

use camlo_domain::procedures::{LegalTime, Level, OnlineLevel, Procedure, ProcedureId};
use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, Tx};

const COLUMNS: &str = "id, code, version, name, sector, levels, agency, legal_time_unit, legal_time_value, fees, documents_json, result, legal_basis, online, steps_json, valid_from, valid_to, competent_json";

fn corrupt(e: impl std::fmt::Display) -> StoreError {
    StoreError::Corrupt(e.to_string())
}

fn level(s: &str) -> Result<Level> {
    match s {
        "commune" => Ok(Level::Commune),
        "district" => Ok(Level::District),
        "province" => Ok(Level::Province),
        other => Err(corrupt(format!("level {other}"))),
    }
}

fn row_to_procedure(r: &AnyRow) -> Result<Procedure> {
    let unit: String = r.try_get("legal_time_unit")?;
    let value = u32::try_from(r.try_get::<i64, _>("legal_time_value")?).map_err(corrupt)?;
    let legal_time = match unit.as_str() {
        "working_days" => LegalTime::WorkingDays(value),
        "working_hours" => LegalTime::WorkingHours(value),
        _ => LegalTime::SameDay,
    };
    let online = match r.try_get::<String, _>("online")?.as_str() {
        "full" => OnlineLevel::Full,
        "partial" => OnlineLevel::Partial,
        _ => OnlineLevel::None,
    };
    let levels: String = r.try_get("levels")?;
    let date = |s: String| NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(corrupt);
    Ok(Procedure {
        id: ProcedureId(r.try_get("id")?),
        code: r.try_get("code")?,
        version: u32::try_from(r.try_get::<i64, _>("version")?).map_err(corrupt)?,
        name: r.try_get("name")?,
        sector: r.try_get("sector")?,
        levels: levels
            .split(',')
            .filter(|s| !s.is_empty())
            .map(level)
            .collect::<Result<_>>()?,
        agency: r.try_get("agency")?,
        competent: serde_json::from_str(&r.try_get::<String, _>("competent_json")?)
            .map_err(corrupt)?,
        legal_time,
        fees: r.try_get("fees")?,
        documents: serde_json::from_str(&r.try_get::<String, _>("documents_json")?)
            .map_err(corrupt)?,
        result: r.try_get("result")?,
        legal_basis: r.try_get("legal_basis")?,
        online,
        steps: serde_json::from_str(&r.try_get::<String, _>("steps_json")?).map_err(corrupt)?,
        valid_from: date(r.try_get("valid_from")?)?,
        valid_to: r
            .try_get::<Option<String>, _>("valid_to")?
            .map(date)
            .transpose()?,
    })
}

/// Stores a new version of a procedure (the `id` and `version` of the input are ignored).
/// The previous open version of the same code ends the day before the new one starts.
pub async fn insert_version(tx: &mut Tx, p: &Procedure, now: i64) -> Result<ProcedureId> {
    let last: i64 = sqlx::query("SELECT COALESCE(MAX(version), 0) FROM procedures WHERE code = $1")
        .bind(&p.code)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
    if let Some(prev_end) = p.valid_from.pred_opt() {
        sqlx::query("UPDATE procedures SET valid_to = $1 WHERE code = $2 AND valid_to IS NULL")
            .bind(prev_end.to_string())
            .bind(&p.code)
            .execute(&mut **tx)
            .await?;
    }
    let (unit, value) = match p.legal_time {
        LegalTime::WorkingDays(n) => ("working_days", n),
        LegalTime::WorkingHours(n) => ("working_hours", n),
        LegalTime::SameDay => ("same_day", 0),
    };
    let levels = p
        .levels
        .iter()
        .map(|l| l.as_str())
        .collect::<Vec<_>>()
        .join(",");
    let row = sqlx::query(
        "INSERT INTO procedures (code, version, name, name_folded, sector, levels, agency, legal_time_unit, legal_time_value, fees, documents_json, result, legal_basis, online, steps_json, valid_from, valid_to, created_at, competent_json) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id",
    )
    .bind(&p.code)
    .bind(last + 1)
    .bind(&p.name)
    .bind(camlo_domain::text::fold(&format!("{} {}", p.name, p.code)))
    .bind(&p.sector)
    .bind(levels)
    .bind(&p.agency)
    .bind(unit)
    .bind(i64::from(value))
    .bind(&p.fees)
    .bind(serde_json::to_string(&p.documents).map_err(corrupt)?)
    .bind(&p.result)
    .bind(&p.legal_basis)
    .bind(p.online.as_str())
    .bind(serde_json::to_string(&p.steps).map_err(corrupt)?)
    .bind(p.valid_from.to_string())
    .bind(p.valid_to.map(|d| d.to_string()))
    .bind(now)
    .bind(serde_json::to_string(&p.competent).map_err(corrupt)?)
    .fetch_one(&mut **tx)
    .await?;
    Ok(ProcedureId(row.try_get(0)?))
}

/// One version by id.
pub async fn get(store: &Store, id: ProcedureId) -> Result<Procedure> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM procedures WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_procedure(&r)
}

/// The version of a code in force on a date.
pub async fn current(store: &Store, code: &str, on: NaiveDate) -> Result<Procedure> {
    let d = on.to_string();
    let r = sqlx::query(sql!(
        "SELECT {COLUMNS} FROM procedures WHERE code = $1 AND valid_from <= $2 AND (valid_to IS NULL OR valid_to >= $2) ORDER BY version DESC LIMIT 1"
    ))
    .bind(code)
    .bind(d)
    .fetch_optional(store.reader())
    .await?
    .ok_or(StoreError::NotFound)?;
    row_to_procedure(&r)
}

/// Filters for the catalogue.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Words that must all appear in the name or code, with or without diacritics.
    pub text: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// Level.
    pub level: Option<Level>,
}

/// Procedures in force on a date matching the filter, by name.
pub async fn list(store: &Store, on: NaiveDate, filter: &Filter) -> Result<Vec<Procedure>> {
    let mut sql = format!(
        "SELECT {COLUMNS} FROM procedures WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1)"
    );
    let mut binds: Vec<String> = vec![on.to_string()];
    if let Some(text) = filter.text.as_deref() {
        for word in camlo_domain::text::fold(text).split_whitespace().take(8) {
            binds.push(format!("%{}%", crate::like_literal(word)));
            sql.push_str(&format!(
                " AND name_folded LIKE ${} ESCAPE '\\'",
                binds.len()
            ));
        }
    }
    if let Some(sector) = &filter.sector {
        binds.push(sector.clone());
        sql.push_str(&format!(" AND sector = ${}", binds.len()));
    }
    if let Some(level) = filter.level {
        binds.push(format!("%{}%", level.as_str()));
        sql.push_str(&format!(" AND levels LIKE ${}", binds.len()));
    }
    sql.push_str(" ORDER BY sector, code");
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for b in binds {
        q = q.bind(b);
    }
    q.fetch_all(store.reader())
        .await?
        .iter()
        .map(row_to_procedure)
        .collect()
}

/// Sectors with a procedure in force.
pub async fn sectors(store: &Store) -> Result<Vec<String>> {
    sqlx::query("SELECT DISTINCT sector FROM procedures WHERE valid_to IS NULL ORDER BY sector")
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| Ok(r.try_get(0)?))
        .collect()
}

/// Number of procedure versions.
pub async fn count(store: &Store) -> Result<i64> {
    Ok(sqlx::query("SELECT COUNT(*) FROM procedures")
        .fetch_one(store.reader())
        .await?
        .try_get(0)?)
}

/// Every version of a code, newest first.
pub async fn versions(store: &Store, code: &str) -> Result<Vec<Procedure>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM procedures WHERE code = $1 ORDER BY version DESC"
    ))
    .bind(code)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_procedure)
    .collect()
}

/// The newest version of every code (in force or not), by sector and code.
pub async fn latest(store: &Store) -> Result<Vec<Procedure>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM procedures p WHERE version = (SELECT MAX(version) FROM procedures q WHERE q.code = p.code) ORDER BY sector, code"
    ))
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_procedure)
    .collect()
}
