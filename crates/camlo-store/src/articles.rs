//! Portal articles: the current text and state, every saved revision, workflow events, tags and
//! pictures. A workflow step writes only if the row is still in the state the caller read, and a
//! save only if it still has the revision the editor started from (optimistic concurrency).

use camlo_domain::accounts::AccountId;
use camlo_domain::content::{ArticleId, ArticleState};
use camlo_domain::units::UnitId;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::workflow::{self, History};
use crate::{Result, Store, StoreError, Tx};

/// An article row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    /// Id.
    pub id: ArticleId,
    /// The unit (district or commune site) it belongs to.
    pub unit_id: UnitId,
    /// Readable URL slug (folded title), unique.
    pub slug: String,
    /// Workflow state.
    pub state: ArticleState,
    /// Title.
    pub title: String,
    /// Summary (sapo).
    pub summary: String,
    /// Sanitised HTML body.
    pub body_html: String,
    /// The body as plain text (search, feeds, diffs).
    pub body_text: String,
    /// Author as printed.
    pub author: String,
    /// Source as printed.
    pub source: String,
    /// Category slug.
    pub category: String,
    /// Cover picture.
    pub cover_image_id: Option<i64>,
    /// Text revision (1 for the first save).
    pub revision: i64,
    /// When it shows (set on publishing; may be in the future).
    pub publish_at: Option<i64>,
    /// When it stops showing.
    pub expire_at: Option<i64>,
    /// First publication (the slug is frozen from then on).
    pub first_published_at: Option<i64>,
    /// Who created it.
    pub created_by: Option<AccountId>,
    /// Created.
    pub created_at: i64,
    /// Last change.
    pub updated_at: i64,
}

const COLUMNS: &str = "id, unit_id, slug, state, title, summary, body_html, body_text, author, source, category, cover_image_id, revision, publish_at, expire_at, first_published_at, created_by, created_at, updated_at";

fn row_to_article(r: &AnyRow) -> Result<Article> {
    let state: String = r.try_get("state")?;
    Ok(Article {
        id: ArticleId(r.try_get("id")?),
        unit_id: UnitId(r.try_get("unit_id")?),
        slug: r.try_get("slug")?,
        state: ArticleState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("article state {state}")))?,
        title: r.try_get("title")?,
        summary: r.try_get("summary")?,
        body_html: r.try_get("body_html")?,
        body_text: r.try_get("body_text")?,
        author: r.try_get("author")?,
        source: r.try_get("source")?,
        category: r.try_get("category")?,
        cover_image_id: r.try_get("cover_image_id")?,
        revision: r.try_get("revision")?,
        publish_at: r.try_get("publish_at")?,
        expire_at: r.try_get("expire_at")?,
        first_published_at: r.try_get("first_published_at")?,
        created_by: r.try_get::<Option<i64>, _>("created_by")?.map(AccountId),
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// The text of one save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// Sanitised HTML.
    pub body_html: String,
    /// Plain text of the body.
    pub body_text: String,
    /// Author.
    pub author: String,
    /// Source.
    pub source: String,
    /// Category slug.
    pub category: String,
    /// Tags (as typed, slug).
    pub tags: Vec<(String, String)>,
}

/// Who saved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct By {
    /// Account id.
    pub id: Option<AccountId>,
    /// Login name.
    pub name: String,
}

async fn free_slug(tx: &mut Tx, wanted: &str, except: i64) -> Result<String> {
    let base = if wanted.is_empty() {
        "bai-viet"
    } else {
        wanted
    };
    let mut candidate = base.to_owned();
    for n in 2..1000 {
        let taken: i64 = sqlx::query("SELECT COUNT(*) FROM articles WHERE slug = $1 AND id <> $2")
            .bind(&candidate)
            .bind(except)
            .fetch_one(&mut **tx)
            .await?
            .try_get(0)?;
        if taken == 0 {
            return Ok(candidate);
        }
        candidate = format!("{base}-{n}");
    }
    Err(StoreError::Conflict("slug"))
}

async fn write_tags(tx: &mut Tx, id: ArticleId, tags: &[(String, String)]) -> Result<()> {
    sqlx::query("DELETE FROM article_tags WHERE article_id = $1")
        .bind(id.0)
        .execute(&mut **tx)
        .await?;
    for (tag, slug) in tags {
        sqlx::query("INSERT INTO article_tags (article_id, slug, tag) VALUES ($1, $2, $3)")
            .bind(id.0)
            .bind(slug)
            .bind(tag)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

async fn write_revision(
    tx: &mut Tx,
    id: ArticleId,
    revision: i64,
    t: &Text,
    by: &By,
    now: i64,
) -> Result<()> {
    let tags = t
        .tags
        .iter()
        .map(|(tag, _)| tag.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    sqlx::query(
        "INSERT INTO article_revisions (article_id, revision, title, summary, body_html, author, source, category, tags, created_by, created_by_name, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
    )
    .bind(id.0)
    .bind(revision)
    .bind(&t.title)
    .bind(&t.summary)
    .bind(&t.body_html)
    .bind(&t.author)
    .bind(&t.source)
    .bind(&t.category)
    .bind(tags)
    .bind(by.id.map(|a| a.0))
    .bind(&by.name)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Creates a draft with its first revision; the slug gets a number when taken.
pub async fn insert(
    tx: &mut Tx,
    unit: UnitId,
    slug: &str,
    t: &Text,
    by: &By,
    now: i64,
) -> Result<(ArticleId, String)> {
    let slug = free_slug(tx, slug, 0).await?;
    let row = sqlx::query(
        "INSERT INTO articles (unit_id, slug, state, title, summary, body_html, body_text, author, source, category, revision, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $12, $12) RETURNING id",
    )
    .bind(unit.0)
    .bind(&slug)
    .bind(ArticleState::Draft.as_str())
    .bind(&t.title)
    .bind(&t.summary)
    .bind(&t.body_html)
    .bind(&t.body_text)
    .bind(&t.author)
    .bind(&t.source)
    .bind(&t.category)
    .bind(by.id.map(|a| a.0))
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| StoreError::unique(e, "slug"))?;
    let id = ArticleId(row.try_get(0)?);
    write_tags(tx, id, &t.tags).await?;
    write_revision(tx, id, 1, t, by, now).await?;
    Ok((id, slug))
}

/// Saves a new revision if the article still has `expected` as its revision; a new slug is
/// taken only while the article has never been published. Returns the new revision number.
#[allow(clippy::too_many_arguments)]
pub async fn save(
    tx: &mut Tx,
    id: ArticleId,
    expected: i64,
    unit: UnitId,
    slug: Option<&str>,
    t: &Text,
    by: &By,
    now: i64,
) -> Result<i64> {
    let slug = match slug {
        Some(s) => Some(free_slug(tx, s, id.0).await?),
        None => None,
    };
    let mut sets = vec![
        ("title", (&t.title).into()),
        ("summary", (&t.summary).into()),
        ("body_html", (&t.body_html).into()),
        ("body_text", (&t.body_text).into()),
        ("author", (&t.author).into()),
        ("source", (&t.source).into()),
        ("category", (&t.category).into()),
        ("unit_id", unit.0.into()),
        ("updated_at", now.into()),
    ];
    if let Some(slug) = &slug {
        sets.push(("slug", slug.into()));
    }
    workflow::update_checked(tx, "articles", id.0, expected, &sets).await?;
    write_tags(tx, id, &t.tags).await?;
    write_revision(tx, id, expected + 1, t, by, now).await?;
    Ok(expected + 1)
}

/// A workflow step's effect on the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StateChange {
    /// State read by the caller.
    pub from: ArticleState,
    /// New state.
    pub to: ArticleState,
    /// Publication time (kept when `None`).
    pub publish_at: Option<i64>,
    /// Expiry (replaced, `None` clears it) — only applied when `set_expiry`.
    pub expire_at: Option<i64>,
    /// Whether `expire_at` is applied.
    pub set_expiry: bool,
}

/// Moves an article to a new state if it is still in `change.from`.
pub async fn set_state(tx: &mut Tx, id: ArticleId, change: &StateChange, now: i64) -> Result<()> {
    let done = sqlx::query(
        "UPDATE articles SET state = $1, publish_at = COALESCE($2, publish_at), \
         expire_at = CASE WHEN $3 = 1 THEN $4 ELSE expire_at END, \
         first_published_at = CASE WHEN $1 = 'published' THEN COALESCE(first_published_at, $2, $5) ELSE first_published_at END, \
         updated_at = $5 WHERE id = $6 AND state = $7",
    )
    .bind(change.to.as_str())
    .bind(change.publish_at)
    .bind(i64::from(change.set_expiry))
    .bind(change.expire_at)
    .bind(now)
    .bind(id.0)
    .bind(change.from.as_str())
    .execute(&mut **tx)
    .await?;
    if done.rows_affected() == 0 {
        Err(StoreError::Conflict("state"))
    } else {
        Ok(())
    }
}

/// A workflow event (the columns every history table has).
pub type Event = workflow::Event;

/// An article's history table.
const HISTORY: History = History {
    table: "article_events",
    key: "article_id",
    extra: &[],
};

/// Records a workflow event.
pub async fn add_event(tx: &mut Tx, id: ArticleId, e: &Event) -> Result<()> {
    workflow::add_event(tx, &HISTORY, id.0, &e.as_ref(), &[]).await
}

/// The workflow events of an article, oldest first.
pub async fn events(store: &Store, id: ArticleId) -> Result<Vec<Event>> {
    workflow::events(store, &HISTORY, id.0, |e, _| Ok(e)).await
}

/// One article by id.
pub async fn get(store: &Store, id: ArticleId) -> Result<Article> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM articles WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_article(&r)
}

/// One article by slug.
pub async fn by_slug(store: &Store, slug: &str) -> Result<Article> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM articles WHERE slug = $1"))
        .bind(slug)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_article(&r)
}

/// The tags of an article: (as typed, slug).
pub async fn tags(store: &Store, id: ArticleId) -> Result<Vec<(String, String)>> {
    sqlx::query("SELECT tag, slug FROM article_tags WHERE article_id = $1 ORDER BY tag")
        .bind(id.0)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| Ok((r.try_get(0)?, r.try_get(1)?)))
        .collect()
}

/// What to list.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only articles visible at this instant (published, due, not expired).
    pub visible_at: Option<i64>,
    /// Only these states (any when empty; ignored with `visible_at`).
    pub states: Vec<ArticleState>,
    /// Only these units (any when empty).
    pub units: Vec<UnitId>,
    /// Only this category.
    pub category: Option<String>,
    /// Only this tag slug.
    pub tag: Option<String>,
    /// Rows to skip.
    pub offset: i64,
    /// Rows to return.
    pub limit: i64,
}

enum Bind {
    I(i64),
    S(String),
}

fn where_clause(f: &Filter) -> (String, Vec<Bind>) {
    let mut sql = String::from(" WHERE 1 = 1");
    let mut binds = Vec::new();
    let mut push = |sql: &mut String, fragment: &str, b: Bind| {
        binds.push(b);
        sql.push_str(&fragment.replace('?', &format!("${}", binds.len())));
    };
    if let Some(now) = f.visible_at {
        push(&mut sql, " AND state = ?", Bind::S("published".into()));
        push(&mut sql, " AND publish_at <= ?", Bind::I(now));
        push(
            &mut sql,
            " AND (expire_at IS NULL OR expire_at > ?)",
            Bind::I(now),
        );
    } else if !f.states.is_empty() {
        sql.push_str(" AND state IN (");
        for (i, s) in f.states.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            push(&mut sql, "?", Bind::S(s.as_str().into()));
        }
        sql.push(')');
    }
    if !f.units.is_empty() {
        sql.push_str(" AND unit_id IN (");
        for (i, u) in f.units.iter().enumerate() {
            if i > 0 {
                sql.push_str(", ");
            }
            push(&mut sql, "?", Bind::I(u.0));
        }
        sql.push(')');
    }
    if let Some(c) = &f.category {
        push(&mut sql, " AND category = ?", Bind::S(c.clone()));
    }
    if let Some(t) = &f.tag {
        push(
            &mut sql,
            " AND id IN (SELECT article_id FROM article_tags WHERE slug = ?)",
            Bind::S(t.clone()),
        );
    }
    (sql, binds)
}

/// Articles matching a filter, newest first (by publication, then by last change), with the
/// total count.
pub async fn list(store: &Store, f: &Filter) -> Result<(Vec<Article>, i64)> {
    let (clause, binds) = where_clause(f);
    let mut count = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM articles{clause}"
    )));
    let mut q = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM articles{clause} ORDER BY COALESCE(publish_at, updated_at) DESC, id DESC LIMIT {} OFFSET {}",
        f.limit.clamp(0, 1000),
        f.offset.max(0)
    )));
    for b in binds {
        match b {
            Bind::I(i) => {
                count = count.bind(i);
                q = q.bind(i);
            }
            Bind::S(s) => {
                count = count.bind(s.clone());
                q = q.bind(s);
            }
        }
    }
    let total: i64 = count.fetch_one(store.reader()).await?.try_get(0)?;
    let rows = q
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(row_to_article)
        .collect::<Result<_>>()?;
    Ok((rows, total))
}

/// Published articles whose publication or expiry falls in `(after, until]`: the schedule's
/// changes since the last look.
pub async fn schedule_changes(store: &Store, after: i64, until: i64) -> Result<Vec<Article>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM articles WHERE state = 'published' AND ((publish_at > $1 AND publish_at <= $2) OR (expire_at > $1 AND expire_at <= $2)) ORDER BY id"
    ))
    .bind(after)
    .bind(until)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_article)
    .collect()
}

/// The next publication or expiry of a published article after `after`, if any.
pub async fn next_schedule_change(store: &Store, after: i64) -> Result<Option<i64>> {
    let r = sqlx::query(
        "SELECT MIN(t) FROM (SELECT publish_at AS t FROM articles WHERE state = 'published' AND publish_at > $1 \
         UNION ALL SELECT expire_at AS t FROM articles WHERE state = 'published' AND expire_at > $1) s",
    )
    .bind(after)
    .fetch_one(store.reader())
    .await?;
    Ok(r.try_get::<Option<i64>, _>(0)?)
}

/// A saved revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    /// Number.
    pub revision: i64,
    /// Title.
    pub title: String,
    /// Summary.
    pub summary: String,
    /// HTML.
    pub body_html: String,
    /// Author.
    pub author: String,
    /// Source.
    pub source: String,
    /// Category slug.
    pub category: String,
    /// Tags as typed, comma-separated.
    pub tags: String,
    /// Who saved it.
    pub created_by_name: String,
    /// When.
    pub created_at: i64,
}

/// Every revision of an article, newest first.
pub async fn revisions(store: &Store, id: ArticleId) -> Result<Vec<Revision>> {
    sqlx::query("SELECT revision, title, summary, body_html, author, source, category, tags, created_by_name, created_at FROM article_revisions WHERE article_id = $1 ORDER BY revision DESC")
        .bind(id.0)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(Revision {
                revision: r.try_get(0)?,
                title: r.try_get(1)?,
                summary: r.try_get(2)?,
                body_html: r.try_get(3)?,
                author: r.try_get(4)?,
                source: r.try_get(5)?,
                category: r.try_get(6)?,
                tags: r.try_get(7)?,
                created_by_name: r.try_get(8)?,
                created_at: r.try_get(9)?,
            })
        })
        .collect()
}

/// A picture of an article, in the sizes the theme uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// Id.
    pub id: i64,
    /// Article.
    pub article_id: ArticleId,
    /// Caption (chú thích ảnh).
    pub caption: String,
    /// Width of the original.
    pub width: i64,
    /// Height of the original.
    pub height: i64,
    /// Blob of the upload as received.
    pub original_sha: String,
    /// Blob: at most 1200 px wide.
    pub large_sha: String,
    /// Blob: at most 640 px wide.
    pub medium_sha: String,
    /// Blob: at most 320 px wide.
    pub thumb_sha: String,
}

const IMAGE_COLUMNS: &str =
    "id, article_id, caption, width, height, original_sha, large_sha, medium_sha, thumb_sha";

fn row_to_image(r: &AnyRow) -> Result<Image> {
    Ok(Image {
        id: r.try_get(0)?,
        article_id: ArticleId(r.try_get(1)?),
        caption: r.try_get(2)?,
        width: r.try_get(3)?,
        height: r.try_get(4)?,
        original_sha: r.try_get(5)?,
        large_sha: r.try_get(6)?,
        medium_sha: r.try_get(7)?,
        thumb_sha: r.try_get(8)?,
    })
}

/// Adds a picture; with `cover`, it becomes the article's cover.
pub async fn add_image(tx: &mut Tx, img: &Image, cover: bool, now: i64) -> Result<i64> {
    let row = sqlx::query(
        "INSERT INTO article_images (article_id, caption, width, height, original_sha, large_sha, medium_sha, thumb_sha, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(img.article_id.0)
    .bind(&img.caption)
    .bind(img.width)
    .bind(img.height)
    .bind(&img.original_sha)
    .bind(&img.large_sha)
    .bind(&img.medium_sha)
    .bind(&img.thumb_sha)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    let id: i64 = row.try_get(0)?;
    if cover {
        sqlx::query("UPDATE articles SET cover_image_id = $1, updated_at = $2 WHERE id = $3")
            .bind(id)
            .bind(now)
            .bind(img.article_id.0)
            .execute(&mut **tx)
            .await?;
    }
    Ok(id)
}

/// The pictures of an article, in upload order.
pub async fn images(store: &Store, id: ArticleId) -> Result<Vec<Image>> {
    sqlx::query(sql!(
        "SELECT {IMAGE_COLUMNS} FROM article_images WHERE article_id = $1 ORDER BY id"
    ))
    .bind(id.0)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_image)
    .collect()
}

/// One picture by id.
pub async fn image(store: &Store, id: i64) -> Result<Image> {
    let r = sqlx::query(sql!(
        "SELECT {IMAGE_COLUMNS} FROM article_images WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(store.reader())
    .await?
    .ok_or(StoreError::NotFound)?;
    row_to_image(&r)
}

/// Every picture whose stored sizes include blob `sha` (a blob is shared when the same
/// picture is uploaded to several articles).
pub async fn images_by_blob(store: &Store, sha: &str) -> Result<Vec<Image>> {
    sqlx::query(sql!(
        "SELECT {IMAGE_COLUMNS} FROM article_images WHERE large_sha = $1 OR medium_sha = $1 OR thumb_sha = $1"
    ))
    .bind(sha)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_image)
    .collect()
}

/// Number of articles (demo seeding runs once).
pub async fn count(store: &Store) -> Result<i64> {
    Ok(sqlx::query("SELECT COUNT(*) FROM articles")
        .fetch_one(store.reader())
        .await?
        .try_get(0)?)
}
