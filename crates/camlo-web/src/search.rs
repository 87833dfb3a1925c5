//! The one search index over every kind of public content. A feature indexes an item through
//! [`put`] with a [`Searchable`] (kind, id, title, body, url, unit, date) after its own commit and
//! removes it with [`remove`]; [`rebuild`] recreates the whole index from every feature's
//! search source ([`crate::feature::Feature::search`]).
//!
//! The index is derived data: a failed index write is logged, never fails the committed use case,
//! and `camlo reindex` repairs it.

use camlo_search::Doc;
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

/// Rebuilds the whole index from the database: every feature's public items. Returns the number
/// of items indexed.
pub async fn rebuild(state: &AppState) -> AppResult<usize> {
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || index.clear())
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(search_error)?;
    let mut items = Vec::new();
    for f in state.features() {
        if let Some(source) = f.search {
            items.extend(source(state).await?);
        }
    }
    let n = items.len();
    for chunk in items.chunks(500) {
        put(state, chunk.to_vec()).await?;
    }
    Ok(n)
}
