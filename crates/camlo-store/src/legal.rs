//! Leadership and legal documents published on the portal (văn bản chỉ đạo điều hành), their PDF
//! files and the public comments on drafts.

use camlo_domain::documents::{self, DocumentState};
use chrono::NaiveDate;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::workflow;
use crate::{Result, Store, StoreError, Tx};

const COLUMNS: &str = "id, unit_id, number_symbol, family, doc_type, issuer, signer, issued_on, effective_on, expires_on, summary, replaces_id, state, comment_until, created_at, published_at";

/// A document as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegalDocument {
    /// Row id (0 before insertion).
    pub id: i64,
    /// Unit whose site lists it (the issuing unit).
    pub unit_id: i64,
    /// Number and symbol without "Số", as printed: `15/QĐ-UBND`, `26-CV/HU`.
    pub number_symbol: String,
    /// `state` or `party`.
    pub family: String,
    /// Type name, e.g. `Quyết định`.
    pub doc_type: String,
    /// Issuing body, e.g. `UBND huyện Cam Lộ`.
    pub issuer: String,
    /// Signer.
    pub signer: String,
    /// Date of issue.
    pub issued_on: NaiveDate,
    /// In force from.
    pub effective_on: Option<NaiveDate>,
    /// In force until.
    pub expires_on: Option<NaiveDate>,
    /// Trích yếu.
    pub summary: String,
    /// The document this one replaces.
    pub replaces_id: Option<i64>,
    /// `draft`, `published` or `withdrawn`.
    pub state: String,
    /// A draft open for public comment until this instant.
    pub comment_until: Option<i64>,
    /// Created.
    pub created_at: i64,
    /// Published.
    pub published_at: Option<i64>,
}

fn date(s: Option<String>) -> Result<Option<NaiveDate>> {
    s.map(|s| {
        NaiveDate::parse_from_str(&s, "%Y-%m-%d").map_err(|e| StoreError::Corrupt(e.to_string()))
    })
    .transpose()
}

fn row(r: &AnyRow) -> Result<LegalDocument> {
    Ok(LegalDocument {
        id: r.try_get("id")?,
        unit_id: r.try_get("unit_id")?,
        number_symbol: r.try_get("number_symbol")?,
        family: r.try_get("family")?,
        doc_type: r.try_get("doc_type")?,
        issuer: r.try_get("issuer")?,
        signer: r.try_get("signer")?,
        issued_on: date(Some(r.try_get("issued_on")?))?.unwrap_or_default(),
        effective_on: date(r.try_get("effective_on")?)?,
        expires_on: date(r.try_get("expires_on")?)?,
        summary: r.try_get("summary")?,
        replaces_id: r.try_get("replaces_id")?,
        state: r.try_get("state")?,
        comment_until: r.try_get("comment_until")?,
        created_at: r.try_get("created_at")?,
        published_at: r.try_get("published_at")?,
    })
}

/// Stores a new document; a number already used by the same unit on the same day is a conflict.
pub async fn insert(tx: &mut Tx, d: &LegalDocument, created_by: Option<i64>) -> Result<i64> {
    let folded = camlo_domain::text::fold(&format!(
        "{} {} {} {} {}",
        d.number_symbol, d.doc_type, d.issuer, d.signer, d.summary
    ));
    let r = sqlx::query(
        "INSERT INTO legal_documents (unit_id, number_symbol, family, doc_type, issuer, signer, issued_on, effective_on, expires_on, summary, search_folded, replaces_id, state, comment_until, created_by, created_at, published_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
    )
    .bind(d.unit_id)
    .bind(&d.number_symbol)
    .bind(&d.family)
    .bind(&d.doc_type)
    .bind(&d.issuer)
    .bind(&d.signer)
    .bind(d.issued_on.to_string())
    .bind(d.effective_on.map(|x| x.to_string()))
    .bind(d.expires_on.map(|x| x.to_string()))
    .bind(&d.summary)
    .bind(folded)
    .bind(d.replaces_id)
    .bind(&d.state)
    .bind(d.comment_until)
    .bind(created_by)
    .bind(d.created_at)
    .bind(d.published_at)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| StoreError::unique(e, "number_symbol"))?;
    Ok(r.try_get(0)?)
}

/// Changes the state (publishing sets `published_at` once) and the comment period, if the
/// documents' transition table allows it from the stored state (`Conflict("state")` otherwise:
/// a withdrawn document is never published again). The change is revision-checked, so the state
/// it was checked against is the state it replaces.
pub async fn set_state(
    tx: &mut Tx,
    id: i64,
    state: &str,
    comment_until: Option<i64>,
    now: i64,
) -> Result<()> {
    let r = sqlx::query("SELECT state, revision, published_at FROM legal_documents WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut **tx)
        .await?
        .ok_or(StoreError::NotFound)?;
    let stored: String = r.try_get("state")?;
    let from = DocumentState::parse(&stored)
        .ok_or_else(|| StoreError::Corrupt(format!("state {stored}")))?;
    let to = DocumentState::parse(state).ok_or(StoreError::Conflict("state"))?;
    documents::check_change(from, to).map_err(|_| StoreError::Conflict("state"))?;
    let published_at: Option<i64> = r.try_get("published_at")?;
    let published_at = match to {
        DocumentState::Published => published_at.or(Some(now)),
        _ => published_at,
    };
    let sets = [
        ("state", to.as_str().into()),
        ("comment_until", comment_until.into()),
        ("published_at", published_at.into()),
    ];
    workflow::update_checked(tx, "legal_documents", id, r.try_get("revision")?, &sets).await
}

/// One document.
pub async fn get(store: &Store, id: i64) -> Result<LegalDocument> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM legal_documents WHERE id = $1"))
        .bind(id)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row(&r)
}

/// The documents that name `id` as the one they replace.
pub async fn replaced_by(store: &Store, id: i64) -> Result<Vec<LegalDocument>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM legal_documents WHERE replaces_id = $1 AND state = 'published' ORDER BY issued_on"
    ))
    .bind(id)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row)
    .collect()
}

/// Filters for lists.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Only published documents (the public).
    pub published_only: bool,
    /// Type name.
    pub doc_type: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Year of issue.
    pub year: Option<i32>,
    /// Units whose documents to list (None: all).
    pub units: Option<Vec<i64>>,
    /// Words (with or without diacritics) in the number, type, issuer, signer or summary.
    pub text: Option<String>,
}

/// Documents matching the filter, newest issue date first, at most `limit` from `offset`.
pub async fn list(
    store: &Store,
    f: &Filter,
    limit: i64,
    offset: i64,
) -> Result<Vec<LegalDocument>> {
    let mut sql = format!("SELECT {COLUMNS} FROM legal_documents WHERE 1 = 1");
    let mut binds: Vec<String> = Vec::new();
    let mut bind = |v: String, sql: &mut String, clause: &str| {
        binds.push(v);
        sql.push_str(&clause.replace('?', &format!("${}", binds.len())));
    };
    if f.published_only {
        // Drafts open for public comment are public too.
        sql.push_str(" AND state IN ('published', 'consultation')");
    }
    if let Some(t) = &f.doc_type {
        bind(t.clone(), &mut sql, " AND doc_type = ?");
    }
    if let Some(i) = &f.issuer {
        bind(i.clone(), &mut sql, " AND issuer = ?");
    }
    if let Some(y) = f.year {
        bind(format!("{y:04}-%"), &mut sql, " AND issued_on LIKE ?");
    }
    if let Some(text) = &f.text {
        for word in camlo_domain::text::fold(text).split_whitespace().take(8) {
            bind(
                format!("%{}%", crate::like_literal(word)),
                &mut sql,
                " AND search_folded LIKE ? ESCAPE '\\'",
            );
        }
    }
    if let Some(units) = &f.units {
        if units.is_empty() {
            return Ok(Vec::new());
        }
        // Unit ids are numbers from the database, never user text.
        let ids: Vec<String> = units.iter().map(i64::to_string).collect();
        sql.push_str(&format!(" AND unit_id IN ({})", ids.join(", ")));
    }
    sql.push_str(&format!(
        " ORDER BY issued_on DESC, id DESC LIMIT {} OFFSET {}",
        limit.clamp(1, 500),
        offset.max(0)
    ));
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for b in binds {
        q = q.bind(b);
    }
    q.fetch_all(store.reader()).await?.iter().map(row).collect()
}

/// Distinct types and issuers among published documents (for the filters).
pub async fn facets(store: &Store) -> Result<(Vec<String>, Vec<String>, Vec<i32>)> {
    let strings = |sql: &'static str| async move {
        sqlx::query(sql)
            .fetch_all(store.reader())
            .await?
            .iter()
            .map(|r| Ok(r.try_get::<String, _>(0)?))
            .collect::<Result<Vec<String>>>()
    };
    let types = strings(
        "SELECT DISTINCT doc_type FROM legal_documents WHERE state = 'published' ORDER BY doc_type",
    )
    .await?;
    let issuers = strings(
        "SELECT DISTINCT issuer FROM legal_documents WHERE state = 'published' ORDER BY issuer",
    )
    .await?;
    let mut years: Vec<i32> = strings(
        "SELECT DISTINCT SUBSTR(issued_on, 1, 4) FROM legal_documents WHERE state = 'published'",
    )
    .await?
    .iter()
    .filter_map(|y| y.parse().ok())
    .collect();
    years.sort_unstable_by(|a, b| b.cmp(a));
    Ok((types, issuers, years))
}

/// A stored PDF of a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentFile {
    /// Row id.
    pub id: i64,
    /// Sanitised name.
    pub file_name: String,
    /// Content address.
    pub sha256: String,
    /// Bytes.
    pub size: i64,
}

/// Attaches a stored file.
pub async fn add_file(tx: &mut Tx, document: i64, f: &DocumentFile, now: i64) -> Result<i64> {
    let r = sqlx::query(
        "INSERT INTO legal_document_files (document_id, file_name, sha256, size, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(document)
    .bind(&f.file_name)
    .bind(&f.sha256)
    .bind(f.size)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(r.try_get(0)?)
}

/// A document's files.
pub async fn files(store: &Store, document: i64) -> Result<Vec<DocumentFile>> {
    sqlx::query(
        "SELECT id, file_name, sha256, size FROM legal_document_files WHERE document_id = $1 ORDER BY id",
    )
    .bind(document)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(|r| {
        Ok(DocumentFile {
            id: r.try_get(0)?,
            file_name: r.try_get(1)?,
            sha256: r.try_get(2)?,
            size: r.try_get(3)?,
        })
    })
    .collect()
}

/// A public comment on a draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Row id.
    pub id: i64,
    /// The document.
    pub document_id: i64,
    /// Name the commenter gave.
    pub author_name: String,
    /// Text.
    pub body: String,
    /// `pending`, `approved` or `rejected`.
    pub state: String,
    /// Sent.
    pub created_at: i64,
}

/// Stores a comment awaiting moderation.
pub async fn add_comment(tx: &mut Tx, c: &Comment) -> Result<i64> {
    let r = sqlx::query(
        "INSERT INTO document_comments (document_id, author_name, body, state, created_at) VALUES ($1, $2, $3, 'pending', $4) RETURNING id",
    )
    .bind(c.document_id)
    .bind(&c.author_name)
    .bind(&c.body)
    .bind(c.created_at)
    .fetch_one(&mut **tx)
    .await?;
    Ok(r.try_get(0)?)
}

/// Approves or rejects a pending comment of a document.
pub async fn moderate(
    tx: &mut Tx,
    document: i64,
    comment: i64,
    state: &str,
    by: i64,
    now: i64,
) -> Result<()> {
    let n = sqlx::query(
        "UPDATE document_comments SET state = $1, moderated_by = $2, moderated_at = $3 WHERE id = $4 AND document_id = $5",
    )
    .bind(state)
    .bind(by)
    .bind(now)
    .bind(comment)
    .bind(document)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    if n == 0 {
        return Err(StoreError::NotFound);
    }
    Ok(())
}

/// A document's comments, oldest first; only approved ones unless `all`.
pub async fn comments(store: &Store, document: i64, all: bool) -> Result<Vec<Comment>> {
    let sql = if all {
        "SELECT id, document_id, author_name, body, state, created_at FROM document_comments WHERE document_id = $1 ORDER BY id"
    } else {
        "SELECT id, document_id, author_name, body, state, created_at FROM document_comments WHERE document_id = $1 AND state = 'approved' ORDER BY id"
    };
    sqlx::query(sql)
        .bind(document)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(Comment {
                id: r.try_get(0)?,
                document_id: r.try_get(1)?,
                author_name: r.try_get(2)?,
                body: r.try_get(3)?,
                state: r.try_get(4)?,
                created_at: r.try_get(5)?,
            })
        })
        .collect()
}
