//! The portal's search: one index over every kind of public content. Any kind is indexed
//! through [`put`] with a [`Searchable`] (kind, id, title, body, url, unit, date) and removed
//! with [`remove`]; [`rebuild`] recreates the whole index from the database. Articles and
//! procedures are indexed here; other kinds (legal documents) add their rows to `rebuild` and
//! call `put`/`remove` after their own commits.
//!
//! The index is derived data: a failed index write is logged, never fails the committed use case,
//! and `camlo reindex` repairs it.

use camlo_domain::clock::to_local;
use camlo_domain::content::is_visible;
use camlo_search::Doc;
use camlo_store::articles::{self, Article};
use camlo_store::{procedures, units};
use chrono::NaiveDate;

use crate::AppState;
use crate::error::{AppError, AppResult};

/// One item as a kind of content describes itself to the index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Searchable {
    /// `article`, `procedure`, `document`, …: the filter a visitor picks.
    pub kind: &'static str,
    /// Unique within its kind.
    pub id: String,
    /// Title (weighted twice the body).
    pub title: String,
    /// Plain text.
    pub body: String,
    /// Link of the hit.
    pub url: String,
    /// Slug of the unit it belongs to.
    pub unit: Option<String>,
    /// Publication or issue date.
    pub date: Option<NaiveDate>,
}

impl Searchable {
    fn doc(self) -> Doc {
        Doc {
            key: format!("{}:{}", self.kind, self.id),
            kind: self.kind.to_owned(),
            title: self.title,
            body: self.body,
            url: self.url,
            unit: self.unit,
            date: self.date,
        }
    }
}

fn search_error(e: camlo_search::SearchError) -> AppError {
    AppError::internal(format!("{}: {e}", e.code()))
}

/// Adds or replaces items in the index; they are searchable when this returns.
pub async fn put(state: &AppState, items: Vec<Searchable>) -> AppResult<()> {
    let docs: Vec<Doc> = items.into_iter().map(Searchable::doc).collect();
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || index.upsert(&docs))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(search_error)
}

/// Removes an item from the index.
pub async fn remove(state: &AppState, kind: &str, id: &str) -> AppResult<()> {
    let key = format!("{kind}:{id}");
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || index.delete(&key))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(search_error)
}

async fn article_item(state: &AppState, a: &Article) -> AppResult<Searchable> {
    let unit = units::get(&state.store, a.unit_id).await?;
    Ok(Searchable {
        kind: "article",
        id: a.id.0.to_string(),
        title: a.title.clone(),
        body: format!("{}\n{}", a.summary, a.body_text),
        url: format!("/tin-tuc/{}", a.slug),
        unit: Some(unit.slug),
        date: a
            .publish_at
            .map(|t| to_local(camlo_store::from_ts(t)).date()),
    })
}

/// Puts an article in the index if it is visible now, removes it otherwise. Errors are logged:
/// the article's own change has already committed.
pub async fn article(state: &AppState, a: &Article) {
    let result = if is_visible(a.state, a.publish_at, a.expire_at, state.now_ts()) {
        match article_item(state, a).await {
            Ok(item) => put(state, vec![item]).await,
            Err(e) => Err(e),
        }
    } else {
        remove(state, "article", &a.id.0.to_string()).await
    };
    if let Err(e) = result {
        tracing::warn!(
            article = a.id.0,
            detail = e.detail.as_deref().unwrap_or(""),
            "search index not updated; run `camlo reindex`"
        );
    }
}

/// The procedures in force today as searchable items.
async fn procedure_items(state: &AppState) -> AppResult<Vec<Searchable>> {
    let today = to_local(state.clock.now()).date();
    Ok(
        procedures::list(&state.store, today, &procedures::Filter::default())
            .await?
            .into_iter()
            .map(|p| {
                let documents = p
                    .documents
                    .iter()
                    .map(|d| d.name.clone())
                    .collect::<Vec<_>>()
                    .join("\n");
                Searchable {
                    kind: "procedure",
                    id: p.code.clone(),
                    title: p.name.clone(),
                    body: format!(
                        "{}\n{}\n{}\n{}\n{}",
                        p.sector, p.agency, p.result, documents, p.legal_basis
                    ),
                    url: format!("/thu-tuc/{}", p.code),
                    unit: None,
                    date: Some(p.valid_from),
                }
            })
            .collect(),
    )
}

/// Rebuilds the whole index from the database: every visible article and every procedure in
/// force. Returns the number of items indexed.
pub async fn rebuild(state: &AppState) -> AppResult<usize> {
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || index.clear())
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(search_error)?;
    let mut items = procedure_items(state).await?;
    items.extend(crate::documents::searchable_all(state).await?);
    let now = state.now_ts();
    let mut offset = 0;
    loop {
        let (page, _) = articles::list(
            &state.store,
            &articles::Filter {
                visible_at: Some(now),
                offset,
                limit: 500,
                ..articles::Filter::default()
            },
        )
        .await?;
        if page.is_empty() {
            break;
        }
        offset += i64::try_from(page.len()).unwrap_or(500);
        for a in &page {
            items.push(article_item(state, a).await?);
        }
    }
    let n = items.len();
    for chunk in items.chunks(500) {
        put(state, chunk.to_vec()).await?;
    }
    Ok(n)
}
