//! Citizen feedback and questions, their history and the daily code sequence (the per-client
//! submission limit is a [`crate::throttle`] bucket). A change writes only if the row still has the revision the caller read.

use camlo_domain::accounts::AccountId;
use camlo_domain::feedback::{FeedbackId, FeedbackState, Kind};
use camlo_domain::units::UnitId;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::workflow::{self, History};
use crate::{Result, Store, StoreError, Tx};

/// A feedback row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Feedback {
    /// Id.
    pub id: FeedbackId,
    /// `PAKN-YYMMDD-XXXX`.
    pub code: String,
    /// Feedback or question.
    pub kind: Kind,
    /// The unit it is routed to now.
    pub unit_id: UnitId,
    /// The unit the asker chose.
    pub submitted_unit_id: UnitId,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Asker's name.
    pub asker_name: String,
    /// Phone (national form).
    pub contact_phone: Option<String>,
    /// E-mail.
    pub contact_email: Option<String>,
    /// When the asker agreed to publication (None: no consent).
    pub consent_at: Option<i64>,
    /// State.
    pub state: FeedbackState,
    /// Revision, bumped by every write.
    pub revision: i64,
    /// The answer.
    pub answer: Option<String>,
    /// Official who answered.
    pub answered_by: Option<AccountId>,
    /// Answered.
    pub answered_at: Option<i64>,
    /// Published.
    pub published_at: Option<i64>,
    /// Rejected.
    pub rejected_at: Option<i64>,
    /// Reason for the rejection.
    pub reject_reason: Option<String>,
    /// Client-chosen idempotency key.
    pub idempotency_key: Option<String>,
    /// Submitted.
    pub created_at: i64,
}

const COLUMNS: &str = "id, code, kind, unit_id, submitted_unit_id, title, body, asker_name, contact_phone, contact_email, consent_at, state, revision, answer, answered_by, answered_at, published_at, rejected_at, reject_reason, idempotency_key, created_at";

fn row_to_feedback(r: &AnyRow) -> Result<Feedback> {
    let state: String = r.try_get("state")?;
    let kind: String = r.try_get("kind")?;
    Ok(Feedback {
        id: FeedbackId(r.try_get("id")?),
        code: r.try_get("code")?,
        kind: Kind::parse(&kind).map_err(|_| StoreError::Corrupt(format!("kind {kind}")))?,
        unit_id: UnitId(r.try_get("unit_id")?),
        submitted_unit_id: UnitId(r.try_get("submitted_unit_id")?),
        title: r.try_get("title")?,
        body: r.try_get("body")?,
        asker_name: r.try_get("asker_name")?,
        contact_phone: r.try_get("contact_phone")?,
        contact_email: r.try_get("contact_email")?,
        consent_at: r.try_get("consent_at")?,
        state: FeedbackState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("state {state}")))?,
        revision: r.try_get("revision")?,
        answer: r.try_get("answer")?,
        answered_by: r.try_get::<Option<i64>, _>("answered_by")?.map(AccountId),
        answered_at: r.try_get("answered_at")?,
        published_at: r.try_get("published_at")?,
        rejected_at: r.try_get("rejected_at")?,
        reject_reason: r.try_get("reject_reason")?,
        idempotency_key: r.try_get("idempotency_key")?,
        created_at: r.try_get("created_at")?,
    })
}

/// Inserts an item (id, revision and answer fields as given are ignored).
pub async fn insert(tx: &mut Tx, f: &Feedback, now: i64) -> Result<FeedbackId> {
    let row = sqlx::query(
        "INSERT INTO feedback (code, kind, unit_id, submitted_unit_id, title, body, asker_name, contact_phone, contact_email, consent_at, state, revision, idempotency_key, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 1, $12, $13, $13) RETURNING id",
    )
    .bind(&f.code)
    .bind(f.kind.as_str())
    .bind(f.unit_id.0)
    .bind(f.submitted_unit_id.0)
    .bind(&f.title)
    .bind(&f.body)
    .bind(&f.asker_name)
    .bind(&f.contact_phone)
    .bind(&f.contact_email)
    .bind(f.consent_at)
    .bind(f.state.as_str())
    .bind(&f.idempotency_key)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| StoreError::unique(e, "idempotency"))?;
    Ok(FeedbackId(row.try_get(0)?))
}

/// Writes a changed item if its revision is still `f.revision`; `Conflict` otherwise.
pub async fn update(tx: &mut Tx, f: &Feedback, now: i64) -> Result<()> {
    let sets = [
        ("unit_id", f.unit_id.0.into()),
        ("state", f.state.as_str().into()),
        ("answer", (&f.answer).into()),
        ("answered_by", f.answered_by.map(|a| a.0).into()),
        ("answered_at", f.answered_at.into()),
        ("published_at", f.published_at.into()),
        ("rejected_at", f.rejected_at.into()),
        ("reject_reason", (&f.reject_reason).into()),
        ("updated_at", now.into()),
    ];
    workflow::update_checked(tx, "feedback", f.id.0, f.revision, &sets).await
}

/// The next number in the day's series (1, 2, …); never reused, gaps tolerated.
pub async fn next_sequence(tx: &mut Tx, day: &str) -> Result<i64> {
    workflow::next_in_series(tx, "feedback_code_seq", &[("day", day)]).await
}

/// One history entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When.
    pub at: i64,
    /// Who (username, or "anonymous" for the asker).
    pub actor: String,
    /// Their account.
    pub actor_id: Option<i64>,
    /// `submit`, `route`, `answer`, `publish`, `reject`.
    pub action: String,
    /// State before.
    pub from_state: String,
    /// State after.
    pub to_state: String,
    /// Unit before.
    pub from_unit_id: Option<i64>,
    /// Unit after.
    pub to_unit_id: Option<i64>,
    /// Answer, reason or routing note.
    pub note: Option<String>,
}

/// An item's history table.
const HISTORY: History = History {
    table: "feedback_events",
    key: "feedback_id",
    extra: &["from_unit_id", "to_unit_id"],
};

/// Appends a history entry.
pub async fn add_event(tx: &mut Tx, id: FeedbackId, e: &Event) -> Result<()> {
    let common = event_ref!(e);
    let units = [e.from_unit_id, e.to_unit_id];
    workflow::add_event(tx, &HISTORY, id.0, &common, &units).await
}

/// An item's history, oldest first.
pub async fn events(store: &Store, id: FeedbackId) -> Result<Vec<Event>> {
    workflow::events(store, &HISTORY, id.0, |c, r| {
        Ok(Event {
            at: c.at,
            actor_id: c.actor_id,
            actor: c.actor,
            action: c.action,
            from_state: c.from_state,
            to_state: c.to_state,
            from_unit_id: r.try_get("from_unit_id")?,
            to_unit_id: r.try_get("to_unit_id")?,
            note: c.note,
        })
    })
    .await
}

/// An item by id.
pub async fn get(store: &Store, id: FeedbackId) -> Result<Feedback> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM feedback WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_feedback(&r)
}

/// An item by code.
pub async fn by_code(store: &Store, code: &str) -> Result<Feedback> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM feedback WHERE code = $1"))
        .bind(code)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_feedback(&r)
}

/// The item submitted with an idempotency key, if any.
pub async fn by_idempotency(store: &Store, key: &str) -> Result<Option<Feedback>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM feedback WHERE idempotency_key = $1"
    ))
    .bind(key)
    .fetch_optional(store.reader())
    .await?
    .as_ref()
    .map(row_to_feedback)
    .transpose()
}

/// Items routed to any of `units` (every unit when `None`), open ones first, oldest first
/// among the open, newest first among the closed.
pub async fn in_units(
    store: &Store,
    units: Option<&[UnitId]>,
    limit: i64,
) -> Result<Vec<Feedback>> {
    let mut sql = format!("SELECT {COLUMNS} FROM feedback");
    let mut n = 0;
    if let Some(units) = units {
        if units.is_empty() {
            return Ok(Vec::new());
        }
        sql.push_str(" WHERE unit_id IN (");
        for i in 0..units.len() {
            n += 1;
            sql.push_str(&format!("{}${n}", if i > 0 { ", " } else { "" }));
        }
        sql.push(')');
    }
    n += 1;
    sql.push_str(&format!(
        " ORDER BY CASE WHEN state IN ('new', 'routed', 'answered') THEN 0 ELSE 1 END, \
         CASE WHEN state IN ('new', 'routed', 'answered') THEN created_at ELSE -created_at END, id LIMIT ${n}"
    ));
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for u in units.unwrap_or_default() {
        q = q.bind(u.0);
    }
    q.bind(limit)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(row_to_feedback)
        .collect()
}

/// Published items, newest first, optionally of one unit.
pub async fn published(
    store: &Store,
    unit: Option<UnitId>,
    limit: i64,
    offset: i64,
) -> Result<Vec<Feedback>> {
    let rows = match unit {
        Some(u) => {
            sqlx::query(sql!(
                "SELECT {COLUMNS} FROM feedback WHERE state = 'published' AND unit_id = $1 ORDER BY published_at DESC, id DESC LIMIT $2 OFFSET $3"
            ))
            .bind(u.0)
            .bind(limit)
            .bind(offset)
            .fetch_all(store.reader())
            .await?
        }
        None => {
            sqlx::query(sql!(
                "SELECT {COLUMNS} FROM feedback WHERE state = 'published' ORDER BY published_at DESC, id DESC LIMIT $1 OFFSET $2"
            ))
            .bind(limit)
            .bind(offset)
            .fetch_all(store.reader())
            .await?
        }
    };
    rows.iter().map(row_to_feedback).collect()
}

/// How many items exist.
pub async fn count(store: &Store) -> Result<i64> {
    let r = sqlx::query("SELECT COUNT(*) FROM feedback")
        .fetch_one(store.reader())
        .await?;
    Ok(r.try_get(0)?)
}
