//! The storage half of the workflow kernel (`camlo_domain::workflow`): one history-of-events
//! helper, one revision-checked update and one daily code sequence, used by dossiers, feedback,
//! articles and legal documents.
//!
//! History stays in one table per entity (`dossier_events`, `feedback_events`,
//! `article_events`), each named by a [`History`] constant: the rows keep their foreign key to
//! their own entity, no data moves, and the schema both backends run is the one the parity test
//! already checks. The common columns (`at, actor_id, actor, action, from_state, to_state, note`)
//! are written and read here; an entity's own extra columns (a dossier's `due_at`, a feedback
//! item's units) are nullable integers named in its `History`.
//!
//! Table and column names reach SQL only from `&'static str` constants in this crate, never from
//! input.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::{Result, Store, StoreError, Tx};

/// An entity's history table.
#[derive(Debug, Clone, Copy)]
pub struct History {
    /// Table name, e.g. `dossier_events`.
    pub table: &'static str,
    /// The column holding the entity's id, e.g. `dossier_id`.
    pub key: &'static str,
    /// Extra nullable `BIGINT` columns of this table, in the order values are given.
    pub extra: &'static [&'static str],
}

/// The columns every history table has, as written.
#[derive(Debug, Clone, Copy)]
pub struct EventRef<'a> {
    /// When.
    pub at: i64,
    /// Who (account).
    pub actor_id: Option<i64>,
    /// Who (name shown).
    pub actor: &'a str,
    /// Action name.
    pub action: &'a str,
    /// State before.
    pub from_state: &'a str,
    /// State after.
    pub to_state: &'a str,
    /// Note or reason.
    pub note: Option<&'a str>,
}

/// The columns every history table has, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When.
    pub at: i64,
    /// Who (account).
    pub actor_id: Option<i64>,
    /// Who (name shown).
    pub actor: String,
    /// Action name.
    pub action: String,
    /// State before.
    pub from_state: String,
    /// State after.
    pub to_state: String,
    /// Note or reason.
    pub note: Option<String>,
}

/// The common columns of any event struct with the common fields (`dossiers::Event`,
/// `feedback::Event`, [`Event`]), borrowed as an [`EventRef`].
macro_rules! event_ref {
    ($e:expr) => {
        $crate::workflow::EventRef {
            at: $e.at,
            actor_id: $e.actor_id,
            actor: &$e.actor,
            action: &$e.action,
            from_state: &$e.from_state,
            to_state: &$e.to_state,
            note: $e.note.as_deref(),
        }
    };
}

impl Event {
    /// The same step, borrowed for writing.
    pub fn as_ref(&self) -> EventRef<'_> {
        event_ref!(self)
    }
}

fn placeholders(from: usize, n: usize) -> String {
    (from..from + n)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Appends a step to an entity's history; `extra` gives `h.extra`'s values in order.
pub async fn add_event(
    tx: &mut Tx,
    h: &History,
    id: i64,
    e: &EventRef<'_>,
    extra: &[Option<i64>],
) -> Result<()> {
    if extra.len() != h.extra.len() {
        return Err(StoreError::Corrupt(format!("{}: extra columns", h.table)));
    }
    let mut columns = vec![
        h.key,
        "at",
        "actor_id",
        "actor",
        "action",
        "from_state",
        "to_state",
        "note",
    ];
    columns.extend_from_slice(h.extra);
    let q = sql!(
        "INSERT INTO {} ({}) VALUES ({})",
        h.table,
        columns.join(", "),
        placeholders(1, columns.len())
    );
    let mut q = sqlx::query(q)
        .bind(id)
        .bind(e.at)
        .bind(e.actor_id)
        .bind(e.actor.to_owned())
        .bind(e.action.to_owned())
        .bind(e.from_state.to_owned())
        .bind(e.to_state.to_owned())
        .bind(e.note.map(str::to_owned));
    for v in extra {
        q = q.bind(*v);
    }
    q.execute(&mut **tx).await?;
    Ok(())
}

/// An entity's history, oldest first; `map` gets the common columns and the row (to read the
/// extra columns by name).
pub async fn events<T>(
    store: &Store,
    h: &History,
    id: i64,
    map: impl Fn(Event, &AnyRow) -> Result<T>,
) -> Result<Vec<T>> {
    let extra: String = h.extra.iter().map(|c| format!(", {c}")).collect();
    sqlx::query(sql!(
        "SELECT at, actor_id, actor, action, from_state, to_state, note{extra} FROM {} WHERE {} = $1 ORDER BY id",
        h.table,
        h.key
    ))
    .bind(id)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(|r| {
        let e = Event {
            at: r.try_get("at")?,
            actor_id: r.try_get("actor_id")?,
            actor: r.try_get("actor")?,
            action: r.try_get("action")?,
            from_state: r.try_get("from_state")?,
            to_state: r.try_get("to_state")?,
            note: r.try_get("note")?,
        };
        map(e, r)
    })
    .collect()
}

/// A value to write: a nullable integer or a nullable text (the column types we use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Val {
    /// `BIGINT`.
    Int(Option<i64>),
    /// `TEXT`.
    Text(Option<String>),
}

impl Val {
    /// Binds the value to a query.
    pub fn bind_to<'q>(
        self,
        q: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments>,
    ) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments> {
        match self {
            Self::Int(i) => q.bind(i),
            Self::Text(t) => q.bind(t),
        }
    }
}

impl From<i64> for Val {
    fn from(v: i64) -> Self {
        Self::Int(Some(v))
    }
}
impl From<Option<i64>> for Val {
    fn from(v: Option<i64>) -> Self {
        Self::Int(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Self {
        Self::Text(Some(v.to_owned()))
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Self {
        Self::Text(Some(v.clone()))
    }
}
impl From<&Option<String>> for Val {
    fn from(v: &Option<String>) -> Self {
        Self::Text(v.clone())
    }
}

/// The revision-checked update: `UPDATE table SET … , revision = revision + 1 WHERE id = $id
/// AND revision = $revision`. Writes only if the row still has the revision the caller read
/// (optimistic concurrency: of twenty concurrent approvals exactly one wins); `Conflict
/// ("revision")` otherwise (also for a missing row).
pub async fn update_checked(
    tx: &mut Tx,
    table: &'static str,
    id: i64,
    revision: i64,
    sets: &[(&'static str, Val)],
) -> Result<()> {
    let assignments: String = sets
        .iter()
        .enumerate()
        .map(|(i, (c, _))| format!("{c} = ${}, ", i + 1))
        .collect();
    let n = sets.len();
    let mut q = sqlx::query(sql!(
        "UPDATE {table} SET {assignments}revision = revision + 1 WHERE id = ${} AND revision = ${}",
        n + 1,
        n + 2
    ));
    for (_, v) in sets {
        q = match v {
            Val::Int(i) => q.bind(*i),
            Val::Text(t) => q.bind(t.clone()),
        };
    }
    let done = q.bind(id).bind(revision).execute(&mut **tx).await?;
    if done.rows_affected() == 1 {
        Ok(())
    } else {
        Err(StoreError::Conflict("revision"))
    }
}

/// The daily code sequence: the next number (1, 2, …) in the series of `table` keyed by `keys`
/// (e.g. agency and day), in one `INSERT … ON CONFLICT DO UPDATE … RETURNING` that both backends
/// run; never reused, gaps tolerated. The table has the key columns (its primary key) and
/// `last BIGINT`.
pub async fn next_in_series(
    tx: &mut Tx,
    table: &'static str,
    keys: &[(&'static str, &str)],
) -> Result<i64> {
    let columns: Vec<&str> = keys.iter().map(|(c, _)| *c).collect();
    let columns = columns.join(", ");
    let mut q = sqlx::query(sql!(
        "INSERT INTO {table} ({columns}, last) VALUES ({}, 1) \
         ON CONFLICT ({columns}) DO UPDATE SET last = {table}.last + 1 RETURNING last",
        placeholders(1, keys.len())
    ));
    for (_, v) in keys {
        q = q.bind((*v).to_owned());
    }
    Ok(q.fetch_one(&mut **tx).await?.try_get(0)?)
}
