//! Units and their successor links. Every listing takes the date it is read for.

use camlo_domain::units::{LinkKind, NewUnit, Unit, UnitId, UnitKind};
use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, Tx};

const COLUMNS: &str =
    "id, code, name, kind, parent_id, slug, valid_from, valid_to, function, phone";

fn date(s: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| StoreError::Corrupt(format!("bad date {s}")))
}

fn row_to_unit(r: &AnyRow) -> Result<Unit> {
    let kind: String = r.try_get("kind")?;
    let valid_to: Option<String> = r.try_get("valid_to")?;
    Ok(Unit {
        id: UnitId(r.try_get("id")?),
        code: r.try_get("code")?,
        name: r.try_get("name")?,
        kind: UnitKind::parse(&kind).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        parent_id: r.try_get::<Option<i64>, _>("parent_id")?.map(UnitId),
        slug: r.try_get("slug")?,
        valid_from: date(&r.try_get::<String, _>("valid_from")?)?,
        valid_to: valid_to.as_deref().map(date).transpose()?,
        function: r.try_get("function")?,
        phone: r.try_get("phone")?,
    })
}

/// Sets what a unit does (its function tag) and its telephone.
pub async fn set_profile(
    tx: &mut Tx,
    id: UnitId,
    function: Option<&str>,
    phone: Option<&str>,
) -> Result<()> {
    let done = sqlx::query("UPDATE units SET function = $1, phone = $2 WHERE id = $3")
        .bind(function)
        .bind(phone)
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Inserts a unit; the slug must be unique (a clash gets the code appended).
pub async fn insert(tx: &mut Tx, u: &NewUnit, now: i64) -> Result<UnitId> {
    let taken: i64 = sqlx::query("SELECT COUNT(*) FROM units WHERE slug = $1")
        .bind(&u.slug)
        .fetch_one(&mut **tx)
        .await?
        .try_get(0)?;
    let slug = if taken > 0 {
        format!("{}-{}", u.slug, u.code.replace('.', "-").to_lowercase())
    } else {
        u.slug.clone()
    };
    let row = sqlx::query(
        "INSERT INTO units (code, name, kind, parent_id, slug, valid_from, valid_to, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(&u.code)
    .bind(&u.name)
    .bind(u.kind.as_str())
    .bind(u.parent_id.map(|p| p.0))
    .bind(&slug)
    .bind(u.valid_from.to_string())
    .bind(u.valid_to.map(|d| d.to_string()))
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| StoreError::unique(e, "slug"))?;
    Ok(UnitId(row.try_get(0)?))
}

/// Inserts a unit with an explicit slug (seed data).
pub async fn insert_with_slug(tx: &mut Tx, u: &NewUnit, slug: &str, now: i64) -> Result<UnitId> {
    let mut u = u.clone();
    u.slug = slug.to_owned();
    insert(tx, &u, now).await
}

/// Updates name, code, parent and validity of a unit.
pub async fn update(tx: &mut Tx, id: UnitId, u: &NewUnit) -> Result<()> {
    let done = sqlx::query(
        "UPDATE units SET code = $1, name = $2, kind = $3, parent_id = $4, valid_from = $5, valid_to = $6 WHERE id = $7",
    )
    .bind(&u.code)
    .bind(&u.name)
    .bind(u.kind.as_str())
    .bind(u.parent_id.map(|p| p.0))
    .bind(u.valid_from.to_string())
    .bind(u.valid_to.map(|d| d.to_string()))
    .bind(id.0)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// Records that `from` became (part of) `to` on a date.
pub async fn insert_link(
    tx: &mut Tx,
    from: UnitId,
    to: UnitId,
    kind: LinkKind,
    on: NaiveDate,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO unit_links (from_id, to_id, kind, effective_on) VALUES ($1, $2, $3, $4)",
    )
    .bind(from.0)
    .bind(to.0)
    .bind(kind.as_str())
    .bind(on.to_string())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A successor or predecessor link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    /// Earlier unit.
    pub from: UnitId,
    /// Later unit.
    pub to: UnitId,
    /// Relation.
    pub kind: LinkKind,
    /// Date the change took effect.
    pub on: NaiveDate,
}

/// Links touching a unit, either way.
pub async fn links_of(store: &Store, id: UnitId) -> Result<Vec<Link>> {
    sqlx::query("SELECT from_id, to_id, kind, effective_on FROM unit_links WHERE from_id = $1 OR to_id = $1 ORDER BY effective_on, id")
        .bind(id.0)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(Link {
                from: UnitId(r.try_get(0)?),
                to: UnitId(r.try_get(1)?),
                kind: LinkKind::parse(&r.try_get::<String, _>(2)?).map_err(|e| StoreError::Corrupt(e.to_string()))?,
                on: date(&r.try_get::<String, _>(3)?)?,
            })
        })
        .collect()
}

/// A unit by id, whatever its validity.
pub async fn get(store: &Store, id: UnitId) -> Result<Unit> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM units WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_unit(&r)
}

/// A unit by slug.
pub async fn by_slug(store: &Store, slug: &str) -> Result<Unit> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM units WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_unit(&r)
}

/// Every unit valid on `date` (all units when `date` is `None`), ordered by code.
pub async fn list(store: &Store, on: Option<NaiveDate>) -> Result<Vec<Unit>> {
    let rows = match on {
        Some(d) => {
            let d = d.to_string();
            sqlx::query(sql!(
                "SELECT {COLUMNS} FROM units WHERE valid_from <= $1 AND (valid_to IS NULL OR valid_to >= $1) ORDER BY id"
            ))
            .bind(d)
            .fetch_all(store.reader())
            .await?
        }
        None => {
            sqlx::query(sql!("SELECT {COLUMNS} FROM units ORDER BY id"))
                .fetch_all(store.reader())
                .await?
        }
    };
    rows.iter().map(row_to_unit).collect()
}

/// The chain of parents of a unit, nearest first.
pub async fn ancestors(store: &Store, id: UnitId) -> Result<Vec<UnitId>> {
    let mut out = Vec::new();
    let mut current = get(store, id).await?.parent_id;
    while let Some(p) = current {
        if out.contains(&p) || out.len() > 32 {
            return Err(StoreError::Corrupt(format!(
                "unit hierarchy loops at {}",
                p.0
            )));
        }
        out.push(p);
        current = get(store, p).await?.parent_id;
    }
    Ok(out)
}

/// Number of units (for readiness and tests).
pub async fn count(store: &Store) -> Result<i64> {
    Ok(sqlx::query("SELECT COUNT(*) FROM units")
        .fetch_one(store.reader())
        .await?
        .try_get(0)?)
}
