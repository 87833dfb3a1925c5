//! camlo's full-text index over articles, legal documents and procedures, with a Vietnamese
//! analyzer (see `analyzer`). The index is derived data: it can be deleted at any time and
//! rebuilt from the store by upserting every searchable row. No SQL, no HTTP.
//!
//! One `SearchIndex` per process and folder: it holds tantivy's writer lock. Writes are
//! serialised inside; searches run concurrently and see a write as soon as `upsert` returns.

mod analyzer;
mod query;
mod schema;
mod snippet;

use std::path::Path;
use std::sync::Mutex;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use tantivy::collector::{Count, TopDocs};
use tantivy::directory::MmapDirectory;
use tantivy::schema::{OwnedValue, Value};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

use schema::Fields;

/// Memory for the writer's in-RAM segment before it flushes; tantivy's minimum is 15 MB.
const WRITER_MEMORY: usize = 32_000_000;
/// The most hits one search returns, whatever the caller asks.
pub const MAX_LIMIT: usize = 1000;

/// A searchable item: one article, legal document or procedure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Doc {
    /// Unique across kinds, e.g. `article:12`, `document:7`, `procedure:1.001234`.
    pub key: String,
    /// `article`, `document` or `procedure`: a filter, not interpreted here.
    pub kind: String,
    /// Title, searched with twice the weight of the body.
    pub title: String,
    /// Plain text (no HTML); the snippet is cut from it.
    pub body: String,
    /// Where the hit links to.
    pub url: String,
    /// Slug of the unit it belongs to, for filtering.
    pub unit: Option<String>,
    /// Publication or issue date, for filtering.
    pub date: Option<NaiveDate>,
}

/// What to look for. Every word of `text` must match; filters narrow further.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Query {
    /// The words as typed, with or without diacritics.
    pub text: String,
    /// Only this kind.
    pub kind: Option<String>,
    /// Only this unit slug.
    pub unit: Option<String>,
    /// Only items dated on or after this day (undated items are then excluded).
    pub from: Option<NaiveDate>,
    /// Only items dated on or before this day.
    pub to: Option<NaiveDate>,
    /// Hits to skip, for paging.
    pub offset: usize,
    /// Hits to return (at most `MAX_LIMIT`).
    pub limit: usize,
}

impl Query {
    /// A query for `text` with no filters and the first 20 hits.
    pub fn text(text: &str) -> Self {
        Self {
            text: text.to_owned(),
            kind: None,
            unit: None,
            from: None,
            to: None,
            offset: 0,
            limit: 20,
        }
    }
}

/// One result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Hit {
    /// The item's `Doc::key`.
    pub key: String,
    /// The item's kind.
    pub kind: String,
    /// The title as indexed (NFC), plain text: escape it when rendering.
    pub title: String,
    /// The item's link.
    pub url: String,
    /// The item's unit slug.
    pub unit: Option<String>,
    /// The item's date.
    pub date: Option<NaiveDate>,
    /// HTML: an extract of the body with `<mark>…</mark>` around matched words, the original
    /// diacritics kept, everything else escaped.
    pub snippet: String,
    /// Relevance (BM25 with boosts); comparable only within one search.
    pub score: f32,
}

/// A page of results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Results {
    /// How many items match in all (for "N kết quả" and paging).
    pub total: usize,
    /// The hits from `offset`, best first.
    pub hits: Vec<Hit>,
}

/// Errors of the index, with stable codes.
#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    /// SRCH-0001.
    #[error("search index error: {0}")]
    Index(#[from] tantivy::TantivyError),
    /// SRCH-0002.
    #[error("cannot open the search index folder: {0}")]
    Folder(String),
    /// SRCH-0003.
    #[error("the search index was built by another version; delete its folder and reindex")]
    SchemaChanged,
    /// SRCH-0004.
    #[error("a previous write to the search index failed midway; restart and reindex")]
    Poisoned,
}

impl SearchError {
    /// Stable code, also the i18n key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Index(_) => "SRCH-0001",
            Self::Folder(_) => "SRCH-0002",
            Self::SchemaChanged => "SRCH-0003",
            Self::Poisoned => "SRCH-0004",
        }
    }
}

/// Results of this crate.
pub type Result<T, E = SearchError> = std::result::Result<T, E>;

/// The full-text index.
pub struct SearchIndex {
    fields: Fields,
    writer: Mutex<IndexWriter>,
    reader: IndexReader,
}

impl SearchIndex {
    /// Opens the index in `dir`, creating the folder and an empty index if needed. Fails with
    /// `SchemaChanged` if the folder holds an index of another layout, and with a lock error if
    /// another process has it open.
    pub fn open(dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(dir).map_err(|e| SearchError::Folder(e.to_string()))?;
        let directory = MmapDirectory::open(dir).map_err(|e| SearchError::Folder(e.to_string()))?;
        let (schema, fields) = schema::schema();
        let index = if Index::exists(&directory).map_err(tantivy::TantivyError::from)? {
            let mut index = Index::open(directory)?;
            if index.schema() != schema {
                return Err(SearchError::SchemaChanged);
            }
            index.set_tokenizers(analyzer::manager());
            index
        } else {
            Index::builder()
                .schema(schema)
                .tokenizers(analyzer::manager())
                .open_or_create(directory)?
        };
        Self::with_index(index, fields)
    }

    /// An index that lives in memory only, for tests and tools.
    pub fn in_memory() -> Result<Self> {
        let (schema, fields) = schema::schema();
        let index = Index::builder()
            .schema(schema)
            .tokenizers(analyzer::manager())
            .create_in_ram()?;
        Self::with_index(index, fields)
    }

    fn with_index(index: Index, fields: Fields) -> Result<Self> {
        // One indexing thread: a commune's old PC has few cores and the web server needs them.
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY)?;
        let reader = index
            .reader_builder()
            .reload_policy(ReloadPolicy::Manual)
            .try_into()?;
        Ok(Self {
            fields,
            writer: Mutex::new(writer),
            reader,
        })
    }

    /// Adds or replaces items (matched by `key`), commits, and makes them searchable at once.
    pub fn upsert(&self, docs: &[Doc]) -> Result<()> {
        let f = &self.fields;
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        for d in docs {
            writer.delete_term(Term::from_field_text(f.key, &d.key));
            let title = analyzer::nfc(&d.title);
            let body = analyzer::nfc(&d.body);
            let mut doc = TantivyDocument::default();
            doc.add_text(f.key, &d.key);
            doc.add_text(f.kind, &d.kind);
            doc.add_text(f.url, &d.url);
            if let Some(unit) = &d.unit {
                doc.add_text(f.unit, unit);
            }
            if let Some(date) = d.date {
                doc.add_i64(f.date, query::day_number(date));
            }
            doc.add_text(f.title, &title);
            doc.add_text(f.title_folded, &title);
            doc.add_text(f.body, &body);
            doc.add_text(f.body_folded, &body);
            writer.add_document(doc)?;
        }
        Self::commit(&mut writer, &self.reader)
    }

    /// Removes one item; unknown keys are ignored.
    pub fn delete(&self, key: &str) -> Result<()> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_term(Term::from_field_text(self.fields.key, key));
        Self::commit(&mut writer, &self.reader)
    }

    /// Removes everything, before a full rebuild.
    pub fn clear(&self) -> Result<()> {
        let mut writer = self.writer.lock().map_err(|_| SearchError::Poisoned)?;
        writer.delete_all_documents()?;
        Self::commit(&mut writer, &self.reader)
    }

    fn commit(writer: &mut IndexWriter, reader: &IndexReader) -> Result<()> {
        if let Err(e) = writer.commit() {
            // Drop the half-written batch so the next write starts clean.
            let _ = writer.rollback();
            return Err(e.into());
        }
        reader.reload()?;
        Ok(())
    }

    /// Number of items in the index (0 right after creation: time to rebuild).
    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// True when the index holds nothing.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Searches. Text without any word returns no hits.
    pub fn search(&self, q: &Query) -> Result<Results> {
        let empty = Results {
            total: 0,
            hits: Vec::new(),
        };
        let Some(tq) = query::build(&self.fields, q) else {
            return Ok(empty);
        };
        let searcher = self.reader.searcher();
        let limit = q.limit.min(MAX_LIMIT);
        if limit == 0 {
            let total = searcher.search(&tq, &Count)?;
            return Ok(Results { total, ..empty });
        }
        let collector = TopDocs::with_limit(limit)
            .and_offset(q.offset)
            .order_by_score();
        let (total, top) = searcher.search(&tq, &(Count, collector))?;
        let snippets =
            snippet::Snippets::new(&searcher, &*tq, &self.fields, &analyzer::nfc(&q.text))?;
        let f = &self.fields;
        let mut hits = Vec::with_capacity(top.len());
        for (score, address) in top {
            let doc: TantivyDocument = searcher.doc(address)?;
            let text = |field| {
                doc.get_first(field)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_owned()
            };
            let date = match doc.get_first(f.date).map(OwnedValue::from) {
                Some(OwnedValue::I64(n)) => query::from_day_number(n),
                _ => None,
            };
            let unit = doc
                .get_first(f.unit)
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            hits.push(Hit {
                key: text(f.key),
                kind: text(f.kind),
                title: text(f.title),
                url: text(f.url),
                unit,
                date,
                snippet: snippets.html(&text(f.body)),
                score,
            });
        }
        Ok(Results { total, hits })
    }
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("docs", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests;
