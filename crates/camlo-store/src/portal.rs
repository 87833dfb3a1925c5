//! The rest of the portal's data: pages (giới thiệu and the like), each unit's contact profile,
//! the leaders named on the organisation chart, and aggregated view counters. The counters hold
//! a number per day and article and nothing about who looked.

use camlo_domain::units::UnitId;
use sqlx::Row;

use crate::{Result, Store, StoreError, Tx};

/// A page of a unit's site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Unit.
    pub unit_id: UnitId,
    /// Slug, e.g. `gioi-thieu`.
    pub slug: String,
    /// Title.
    pub title: String,
    /// Sanitised HTML.
    pub body_html: String,
    /// Who changed it last (login).
    pub updated_by: String,
    /// When.
    pub updated_at: i64,
}

/// One page.
pub async fn page(store: &Store, unit: UnitId, slug: &str) -> Result<Page> {
    let r = sqlx::query("SELECT unit_id, slug, title, body_html, updated_by, updated_at FROM portal_pages WHERE unit_id = $1 AND slug = $2")
        .bind(unit.0)
        .bind(slug)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    Ok(Page {
        unit_id: UnitId(r.try_get(0)?),
        slug: r.try_get(1)?,
        title: r.try_get(2)?,
        body_html: r.try_get(3)?,
        updated_by: r.try_get(4)?,
        updated_at: r.try_get(5)?,
    })
}

/// Creates or replaces a page.
pub async fn put_page(tx: &mut Tx, p: &Page) -> Result<()> {
    let done = sqlx::query(
        "UPDATE portal_pages SET title = $1, body_html = $2, updated_by = $3, updated_at = $4 WHERE unit_id = $5 AND slug = $6",
    )
    .bind(&p.title)
    .bind(&p.body_html)
    .bind(&p.updated_by)
    .bind(p.updated_at)
    .bind(p.unit_id.0)
    .bind(&p.slug)
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        sqlx::query("INSERT INTO portal_pages (unit_id, slug, title, body_html, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(p.unit_id.0)
            .bind(&p.slug)
            .bind(&p.title)
            .bind(&p.body_html)
            .bind(&p.updated_by)
            .bind(p.updated_at)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A unit's public contact details and its named contact officer (NĐ 42/2022).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Profile {
    /// Address.
    pub address: String,
    /// Switchboard.
    pub phone: String,
    /// Official e-mail.
    pub email: String,
    /// Website.
    pub website: String,
    /// Functions and duties, plain text.
    pub duties: String,
    /// Contact officer's name.
    pub contact_name: String,
    /// Contact officer's title.
    pub contact_title: String,
    /// Contact officer's phone.
    pub contact_phone: String,
    /// Contact officer's e-mail.
    pub contact_email: String,
}

const PROFILE_COLUMNS: &str = "address, phone, email, website, duties, contact_name, contact_title, contact_phone, contact_email";

fn row_to_profile(r: &sqlx::any::AnyRow, at: usize) -> Result<Profile> {
    Ok(Profile {
        address: r.try_get(at)?,
        phone: r.try_get(at + 1)?,
        email: r.try_get(at + 2)?,
        website: r.try_get(at + 3)?,
        duties: r.try_get(at + 4)?,
        contact_name: r.try_get(at + 5)?,
        contact_title: r.try_get(at + 6)?,
        contact_phone: r.try_get(at + 7)?,
        contact_email: r.try_get(at + 8)?,
    })
}

/// Every unit's profile.
pub async fn profiles(store: &Store) -> Result<Vec<(UnitId, Profile)>> {
    sqlx::query(sql!(
        "SELECT unit_id, {PROFILE_COLUMNS} FROM unit_profiles ORDER BY unit_id"
    ))
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(|r| Ok((UnitId(r.try_get(0)?), row_to_profile(r, 1)?)))
    .collect()
}

/// One unit's profile, if it has one.
pub async fn profile(store: &Store, unit: UnitId) -> Result<Option<Profile>> {
    sqlx::query(sql!(
        "SELECT unit_id, {PROFILE_COLUMNS} FROM unit_profiles WHERE unit_id = $1"
    ))
    .bind(unit.0)
    .fetch_optional(store.reader())
    .await?
    .map(|r| row_to_profile(&r, 1))
    .transpose()
}

/// Creates or replaces a unit's profile.
pub async fn put_profile(tx: &mut Tx, unit: UnitId, p: &Profile, now: i64) -> Result<()> {
    sqlx::query("DELETE FROM unit_profiles WHERE unit_id = $1")
        .bind(unit.0)
        .execute(&mut **tx)
        .await?;
    sqlx::query(sql!(
        "INSERT INTO unit_profiles (unit_id, {PROFILE_COLUMNS}, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
    ))
    .bind(unit.0)
    .bind(&p.address)
    .bind(&p.phone)
    .bind(&p.email)
    .bind(&p.website)
    .bind(&p.duties)
    .bind(&p.contact_name)
    .bind(&p.contact_title)
    .bind(&p.contact_phone)
    .bind(&p.contact_email)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A person holding a role in a unit, as the organisation chart names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    /// Unit.
    pub unit_id: UnitId,
    /// Name.
    pub display_name: String,
    /// Position (chức vụ).
    pub position: Option<String>,
    /// Official e-mail.
    pub email: Option<String>,
}

/// Active accounts holding `role` in some unit.
pub async fn holders(store: &Store, role: camlo_domain::accounts::Role) -> Result<Vec<Holder>> {
    sqlx::query(
        "SELECT g.unit_id, a.display_name, a.position, a.email FROM grants g JOIN accounts a ON a.id = g.account_id \
         WHERE g.role = $1 AND g.unit_id IS NOT NULL AND a.disabled_at IS NULL ORDER BY g.unit_id, a.id",
    )
    .bind(role.as_str())
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(|r| {
        Ok(Holder {
            unit_id: UnitId(r.try_get(0)?),
            display_name: r.try_get(1)?,
            position: r.try_get(2)?,
            email: r.try_get(3)?,
        })
    })
    .collect()
}

/// Adds counted views: (day `YYYY-MM-DD`, article id or 0 for other pages, views).
pub async fn add_views(store: &Store, counts: &[(String, i64, i64)]) -> Result<()> {
    if counts.is_empty() {
        return Ok(());
    }
    let mut tx = store.begin().await?;
    for (day, article, n) in counts {
        sqlx::query(
            "INSERT INTO view_counts (day, article_id, views) VALUES ($1, $2, $3) \
             ON CONFLICT (day, article_id) DO UPDATE SET views = view_counts.views + excluded.views",
        )
        .bind(day)
        .bind(*article)
        .bind(*n)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Views per day since `from` (inclusive), newest first.
pub async fn views_per_day(store: &Store, from: &str) -> Result<Vec<(String, i64)>> {
    sqlx::query("SELECT day, CAST(SUM(views) AS BIGINT) FROM view_counts WHERE day >= $1 GROUP BY day ORDER BY day DESC")
        .bind(from)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// The most viewed articles since `from`: (id, title, slug, views).
pub async fn top_articles(
    store: &Store,
    from: &str,
    limit: i64,
) -> Result<Vec<(i64, String, String, i64)>> {
    sqlx::query(sql!(
        "SELECT a.id, a.title, a.slug, CAST(SUM(v.views) AS BIGINT) AS n FROM view_counts v JOIN articles a ON a.id = v.article_id \
         WHERE v.day >= $1 GROUP BY a.id, a.title, a.slug ORDER BY n DESC, a.id LIMIT {}",
        limit.clamp(1, 100)
    ))
    .bind(from)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(|r| Ok((r.try_get(0)?, r.try_get(1)?, r.try_get(2)?, r.try_get(3)?)))
    .collect()
}

/// Total views of one article.
pub async fn article_views(store: &Store, article: i64) -> Result<i64> {
    let r = sqlx::query(
        "SELECT CAST(COALESCE(SUM(views), 0) AS BIGINT) FROM view_counts WHERE article_id = $1",
    )
    .bind(article)
    .fetch_one(store.reader())
    .await?;
    Ok(r.try_get(0)?)
}
