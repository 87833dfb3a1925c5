//! Dossiers, their events and files. A transition writes the new state only if the row still has
//! the revision the caller read (optimistic concurrency): of twenty concurrent approvals exactly
//! one succeeds.

use camlo_domain::accounts::AccountId;
use camlo_domain::dossiers::{DossierId, DossierState};
use camlo_domain::procedures::ProcedureId;
use camlo_domain::units::UnitId;
use sqlx::Row;
use sqlx::any::AnyRow;

use crate::workflow::{self, History};
use crate::{Result, Store, StoreError, Tx};

/// A dossier row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dossier {
    /// Id.
    pub id: DossierId,
    /// Code, once accepted.
    pub code: Option<String>,
    /// The procedure version it was filed under.
    pub procedure_id: ProcedureId,
    /// The office that received it (and returns the result).
    pub receiving_unit_id: UnitId,
    /// The unit holding it now.
    pub current_unit_id: UnitId,
    /// The applicant's account (online filings).
    pub applicant_account_id: Option<AccountId>,
    /// Applicant's name.
    pub applicant_name: String,
    /// Applicant's address.
    pub applicant_address: String,
    /// Phone.
    pub applicant_phone: Option<String>,
    /// E-mail.
    pub applicant_email: Option<String>,
    /// CCCD (full; show masked).
    pub applicant_cccd: Option<String>,
    /// `online` or `counter`.
    pub channel: String,
    /// State.
    pub state: DossierState,
    /// Revision, bumped by every write.
    pub revision: i64,
    /// Specialist in charge.
    pub assignee_id: Option<AccountId>,
    /// Created.
    pub created_at: i64,
    /// Filed.
    pub submitted_at: Option<i64>,
    /// Received valid (the clock's start; moved by a supplement restart).
    pub received_at: Option<i64>,
    /// Due.
    pub due_at: Option<i64>,
    /// Fingerprint of the calendar that computed `due_at`.
    pub calendar_fingerprint: Option<String>,
    /// Decision made (resolved or rejected).
    pub finished_at: Option<i64>,
    /// Result handed back.
    pub returned_at: Option<i64>,
    /// The lookup secret printed on the receipt (lets a non-account holder see the history).
    pub lookup_secret: Option<String>,
    /// Result or decision note.
    pub result_note: Option<String>,
    /// Rule profile in force at reception.
    pub rule_profile: String,
    /// Client-chosen idempotency key.
    pub idempotency_key: Option<String>,
    /// When the clock restarted after a complete supplement (`received_at` keeps the original
    /// reception).
    pub restarted_at: Option<i64>,
    /// Who proposed the decision (the approver must be someone else).
    pub proposer_id: Option<AccountId>,
    /// When the one-stop officer asked for completion at intake (at most once).
    pub completion_requested_at: Option<i64>,
    /// When a supplement was asked for during appraisal (at most once).
    pub supplement_requested_at: Option<i64>,
    /// Last written (read only: every write sets it); how long a dossier has waited where it is.
    pub updated_at: i64,
}

const COLUMNS: &str = "id, code, procedure_id, receiving_unit_id, current_unit_id, applicant_account_id, applicant_name, applicant_address, applicant_phone, applicant_email, applicant_cccd, channel, state, revision, assignee_id, created_at, submitted_at, received_at, due_at, calendar_fingerprint, finished_at, returned_at, lookup_secret, result_note, rule_profile, idempotency_key, restarted_at, proposer_id, completion_requested_at, supplement_requested_at, updated_at";

fn row_to_dossier(r: &AnyRow) -> Result<Dossier> {
    let state: String = r.try_get("state")?;
    Ok(Dossier {
        id: DossierId(r.try_get("id")?),
        code: r.try_get("code")?,
        procedure_id: ProcedureId(r.try_get("procedure_id")?),
        receiving_unit_id: UnitId(r.try_get("receiving_unit_id")?),
        current_unit_id: UnitId(r.try_get("current_unit_id")?),
        applicant_account_id: r
            .try_get::<Option<i64>, _>("applicant_account_id")?
            .map(AccountId),
        applicant_name: r.try_get("applicant_name")?,
        applicant_address: r.try_get("applicant_address")?,
        applicant_phone: r.try_get("applicant_phone")?,
        applicant_email: r.try_get("applicant_email")?,
        applicant_cccd: r.try_get("applicant_cccd")?,
        channel: r.try_get("channel")?,
        state: DossierState::parse(&state)
            .ok_or_else(|| StoreError::Corrupt(format!("state {state}")))?,
        revision: r.try_get("revision")?,
        assignee_id: r.try_get::<Option<i64>, _>("assignee_id")?.map(AccountId),
        created_at: r.try_get("created_at")?,
        submitted_at: r.try_get("submitted_at")?,
        received_at: r.try_get("received_at")?,
        due_at: r.try_get("due_at")?,
        calendar_fingerprint: r.try_get("calendar_fingerprint")?,
        finished_at: r.try_get("finished_at")?,
        returned_at: r.try_get("returned_at")?,
        lookup_secret: r.try_get("lookup_secret")?,
        result_note: r.try_get("result_note")?,
        rule_profile: r.try_get("rule_profile")?,
        idempotency_key: r.try_get("idempotency_key")?,
        restarted_at: r.try_get("restarted_at")?,
        proposer_id: r.try_get::<Option<i64>, _>("proposer_id")?.map(AccountId),
        completion_requested_at: r.try_get("completion_requested_at")?,
        supplement_requested_at: r.try_get("supplement_requested_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

/// Inserts a dossier (its id, revision and timestamps as given are ignored).
pub async fn insert(tx: &mut Tx, d: &Dossier, now: i64) -> Result<DossierId> {
    let row = sqlx::query(
        "INSERT INTO dossiers (code, procedure_id, receiving_unit_id, current_unit_id, applicant_account_id, applicant_name, applicant_address, applicant_phone, applicant_email, applicant_cccd, channel, state, revision, created_at, submitted_at, rule_profile, idempotency_key, updated_at, applicant_folded) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $14, $15, $16, $13, $17) RETURNING id",
    )
    .bind(&d.code)
    .bind(d.procedure_id.0)
    .bind(d.receiving_unit_id.0)
    .bind(d.current_unit_id.0)
    .bind(d.applicant_account_id.map(|a| a.0))
    .bind(&d.applicant_name)
    .bind(&d.applicant_address)
    .bind(&d.applicant_phone)
    .bind(&d.applicant_email)
    .bind(&d.applicant_cccd)
    .bind(&d.channel)
    .bind(d.state.as_str())
    .bind(now)
    .bind(d.submitted_at)
    .bind(&d.rule_profile)
    .bind(&d.idempotency_key)
    .bind(camlo_domain::text::fold(&d.applicant_name))
    .fetch_one(&mut **tx)
    .await
    .map_err(|e| StoreError::unique(e, "idempotency"))?;
    Ok(DossierId(row.try_get(0)?))
}

/// Writes a changed dossier if its revision is still `d.revision`; `Conflict` otherwise.
pub async fn update(tx: &mut Tx, d: &Dossier, now: i64) -> Result<()> {
    let sets = [
        ("code", (&d.code).into()),
        ("current_unit_id", d.current_unit_id.0.into()),
        ("state", d.state.as_str().into()),
        ("assignee_id", d.assignee_id.map(|a| a.0).into()),
        ("submitted_at", d.submitted_at.into()),
        ("received_at", d.received_at.into()),
        ("due_at", d.due_at.into()),
        ("calendar_fingerprint", (&d.calendar_fingerprint).into()),
        ("finished_at", d.finished_at.into()),
        ("returned_at", d.returned_at.into()),
        ("lookup_secret", (&d.lookup_secret).into()),
        ("result_note", (&d.result_note).into()),
        ("applicant_name", (&d.applicant_name).into()),
        (
            "applicant_folded",
            camlo_domain::text::fold(&d.applicant_name).as_str().into(),
        ),
        ("applicant_address", (&d.applicant_address).into()),
        ("applicant_phone", (&d.applicant_phone).into()),
        ("applicant_email", (&d.applicant_email).into()),
        ("applicant_cccd", (&d.applicant_cccd).into()),
        ("procedure_id", d.procedure_id.0.into()),
        ("rule_profile", (&d.rule_profile).into()),
        ("restarted_at", d.restarted_at.into()),
        ("proposer_id", d.proposer_id.map(|a| a.0).into()),
        ("completion_requested_at", d.completion_requested_at.into()),
        ("supplement_requested_at", d.supplement_requested_at.into()),
        ("updated_at", now.into()),
    ];
    workflow::update_checked(tx, "dossiers", d.id.0, d.revision, &sets)
        .await
        .map_err(|e| e.or_unique("code"))
}

/// The next number in an agency's daily series (1, 2, …); never reused, gaps tolerated.
pub async fn next_sequence(tx: &mut Tx, agency: &str, day: &str) -> Result<i64> {
    workflow::next_in_series(tx, "dossier_code_seq", &[("agency", agency), ("day", day)]).await
}

/// A dossier by id.
pub async fn get(store: &Store, id: DossierId) -> Result<Dossier> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM dossiers WHERE id = $1"))
        .bind(id.0)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_dossier(&r)
}

/// A dossier by code.
pub async fn by_code(store: &Store, code: &str) -> Result<Dossier> {
    let r = sqlx::query(sql!("SELECT {COLUMNS} FROM dossiers WHERE code = $1"))
        .bind(code)
        .fetch_optional(store.reader())
        .await?
        .ok_or(StoreError::NotFound)?;
    row_to_dossier(&r)
}

/// The dossier an account created with an idempotency key, if any.
pub async fn by_idempotency(
    store: &Store,
    account: AccountId,
    key: &str,
) -> Result<Option<Dossier>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM dossiers WHERE applicant_account_id = $1 AND idempotency_key = $2"
    ))
    .bind(account.0)
    .bind(key)
    .fetch_optional(store.reader())
    .await?
    .as_ref()
    .map(row_to_dossier)
    .transpose()
}

/// Dossiers held by any of `units` in any of `states`, soonest due first.
pub async fn in_units(
    store: &Store,
    units: &[UnitId],
    states: &[DossierState],
    limit: i64,
) -> Result<Vec<Dossier>> {
    if units.is_empty() || states.is_empty() {
        return Ok(Vec::new());
    }
    let mut sql = format!("SELECT {COLUMNS} FROM dossiers WHERE current_unit_id IN (");
    let mut n = 0;
    for i in 0..units.len() {
        n += 1;
        sql.push_str(&format!("{}${n}", if i > 0 { ", " } else { "" }));
    }
    sql.push_str(") AND state IN (");
    for i in 0..states.len() {
        n += 1;
        sql.push_str(&format!("{}${n}", if i > 0 { ", " } else { "" }));
    }
    n += 1;
    sql.push_str(&format!(
        ") ORDER BY CASE WHEN due_at IS NULL THEN 1 ELSE 0 END, due_at, id LIMIT ${n}"
    ));
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql));
    for u in units {
        q = q.bind(u.0);
    }
    for s in states {
        q = q.bind(s.as_str());
    }
    q.bind(limit)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(row_to_dossier)
        .collect()
}

/// One lane of a desk: the dossiers in `units` in one of `states`, and, when `assignee` is set,
/// only those unassigned or assigned to that account.
#[derive(Debug, Clone)]
pub struct Lane {
    /// Units (the current unit of the dossier).
    pub units: Vec<UnitId>,
    /// States.
    pub states: Vec<DossierState>,
    /// Only dossiers unassigned or assigned to this account.
    pub assignee: Option<AccountId>,
}

/// What a desk query asks: the union of its lanes, narrowed by the filters.
#[derive(Debug, Clone, Default)]
pub struct DeskQuery {
    /// Lanes (OR-ed).
    pub lanes: Vec<Lane>,
    /// Only these states (a tab); empty = all the lanes' states.
    pub states: Vec<DossierState>,
    /// A dossier code, a phone number, a CCCD or (folded) words of the applicant's name.
    pub text: Option<String>,
    /// Only this procedure code.
    pub procedure: Option<String>,
    /// Filed or received from this time (UTC seconds) …
    pub from: Option<i64>,
    /// … until this time.
    pub to: Option<i64>,
}

/// Escapes `%`, `_` and `\` for a LIKE pattern with `ESCAPE '\'`.
fn like_escape(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// Builds the WHERE clause of a desk query, numbering parameters from `$1`.
fn desk_where(q: &DeskQuery) -> Option<(String, Vec<crate::workflow::Val>)> {
    use crate::workflow::Val;
    let mut sql = String::from("(");
    let mut args: Vec<Val> = Vec::new();
    let push = |args: &mut Vec<Val>, v: Val| {
        args.push(v);
        format!("${}", args.len())
    };
    let mut lanes = 0;
    for lane in &q.lanes {
        let states: Vec<&DossierState> = lane
            .states
            .iter()
            .filter(|s| q.states.is_empty() || q.states.contains(s))
            .collect();
        if lane.units.is_empty() || states.is_empty() {
            continue;
        }
        if lanes > 0 {
            sql.push_str(" OR ");
        }
        lanes += 1;
        let units: Vec<String> = lane
            .units
            .iter()
            .map(|u| push(&mut args, u.0.into()))
            .collect();
        let states: Vec<String> = states
            .iter()
            .map(|s| push(&mut args, s.as_str().into()))
            .collect();
        sql.push_str(&format!(
            "(current_unit_id IN ({}) AND state IN ({})",
            units.join(", "),
            states.join(", ")
        ));
        if let Some(a) = lane.assignee {
            let p = push(&mut args, a.0.into());
            sql.push_str(&format!(" AND (assignee_id IS NULL OR assignee_id = {p})"));
        }
        sql.push(')');
    }
    if lanes == 0 {
        return None;
    }
    sql.push(')');
    if let Some(text) = q.text.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        let compact: String = text
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-' | '+'))
            .collect();
        if camlo_domain::dossiers::DossierCode::parse(text).is_ok() {
            let p = push(&mut args, text.to_ascii_uppercase().as_str().into());
            sql.push_str(&format!(" AND code = {p}"));
        } else if compact.len() >= 9 && compact.chars().all(|c| c.is_ascii_digit()) {
            // Only digits: a phone number (0912…, +84 912…) or a CCCD.
            let phone = camlo_domain::accounts::PhoneNumber::parse(text)
                .map(|p| p.as_str().to_owned())
                .unwrap_or_else(|_| compact.clone());
            let a = push(&mut args, phone.as_str().into());
            let b = push(&mut args, compact.as_str().into());
            sql.push_str(&format!(
                " AND (applicant_phone = {a} OR applicant_cccd = {b})"
            ));
        } else {
            let pattern = format!("%{}%", like_escape(&camlo_domain::text::fold(text)));
            let p = push(&mut args, pattern.as_str().into());
            sql.push_str(&format!(" AND applicant_folded LIKE {p} ESCAPE '\\'"));
        }
    }
    if let Some(code) = &q.procedure {
        let p = push(&mut args, code.as_str().into());
        sql.push_str(&format!(
            " AND procedure_id IN (SELECT id FROM procedures WHERE code = {p})"
        ));
    }
    if let Some(from) = q.from {
        let p = push(&mut args, from.into());
        sql.push_str(&format!(" AND COALESCE(received_at, submitted_at) >= {p}"));
    }
    if let Some(to) = q.to {
        let p = push(&mut args, to.into());
        sql.push_str(&format!(" AND COALESCE(received_at, submitted_at) < {p}"));
    }
    Some((sql, args))
}

/// The dossiers of a desk query: those whose legal clock runs first, overdue first, by due
/// time; then those waiting (for the citizen, for the result to be handed back), oldest first.
pub async fn desk(store: &Store, q: &DeskQuery, limit: i64) -> Result<Vec<Dossier>> {
    let Some((cond, args)) = desk_where(q) else {
        return Ok(Vec::new());
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM dossiers WHERE {cond} ORDER BY CASE WHEN due_at IS NOT NULL AND state IN ({running}) THEN 0 ELSE 1 END, due_at, COALESCE(received_at, submitted_at, created_at), id LIMIT {limit}",
        running = camlo_domain::dossiers::ALL_STATES
            .iter()
            .filter(|s| s.clock_runs())
            .map(|s| format!("'{}'", s.as_str()))
            .collect::<Vec<_>>()
            .join(", "),
        limit = limit.clamp(1, 1000)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for a in args {
        query = a.bind_to(query);
    }
    query
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(row_to_dossier)
        .collect()
}

/// How many dossiers of a desk query are in each state.
pub async fn desk_counts(store: &Store, q: &DeskQuery) -> Result<Vec<(DossierState, i64)>> {
    let Some((cond, args)) = desk_where(q) else {
        return Ok(Vec::new());
    };
    let sql = format!("SELECT state, COUNT(*) FROM dossiers WHERE {cond} GROUP BY state");
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for a in args {
        query = a.bind_to(query);
    }
    query
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| {
            let s: String = r.try_get(0)?;
            Ok((
                DossierState::parse(&s).ok_or_else(|| StoreError::Corrupt(format!("state {s}")))?,
                r.try_get(1)?,
            ))
        })
        .collect()
}

/// An applicant's dossiers, newest first.
pub async fn of_applicant(store: &Store, account: AccountId) -> Result<Vec<Dossier>> {
    sqlx::query(sql!(
        "SELECT {COLUMNS} FROM dossiers WHERE applicant_account_id = $1 ORDER BY id DESC"
    ))
    .bind(account.0)
    .fetch_all(store.reader())
    .await?
    .iter()
    .map(row_to_dossier)
    .collect()
}

/// Number of dossiers.
pub async fn count(store: &Store) -> Result<i64> {
    Ok(sqlx::query("SELECT COUNT(*) FROM dossiers")
        .fetch_one(store.reader())
        .await?
        .try_get(0)?)
}

/// One step in a dossier's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When.
    pub at: i64,
    /// Who (username or "citizen name").
    pub actor: String,
    /// Actor's account.
    pub actor_id: Option<i64>,
    /// Action name.
    pub action: String,
    /// Before.
    pub from_state: String,
    /// After.
    pub to_state: String,
    /// Note or reason.
    pub note: Option<String>,
    /// Due date after the step.
    pub due_at: Option<i64>,
}

/// A dossier's history table.
const HISTORY: History = History {
    table: "dossier_events",
    key: "dossier_id",
    extra: &["due_at"],
};

/// Records a step.
pub async fn add_event(tx: &mut Tx, dossier: DossierId, e: &Event) -> Result<()> {
    let common = event_ref!(e);
    workflow::add_event(tx, &HISTORY, dossier.0, &common, &[e.due_at]).await
}

/// A dossier's history, oldest first.
pub async fn events(store: &Store, dossier: DossierId) -> Result<Vec<Event>> {
    workflow::events(store, &HISTORY, dossier.0, |c, r| {
        Ok(Event {
            at: c.at,
            actor: c.actor,
            actor_id: c.actor_id,
            action: c.action,
            from_state: c.from_state,
            to_state: c.to_state,
            note: c.note,
            due_at: r.try_get("due_at")?,
        })
    })
    .await
}

/// A stored file attached to a dossier.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRef {
    /// Row id.
    pub id: i64,
    /// Which required document (index in the procedure's list), if any.
    pub document_index: Option<i64>,
    /// Sanitised display name.
    pub file_name: String,
    /// SHA-256 (the blob's address).
    pub sha256: String,
    /// Bytes.
    pub size: i64,
    /// Type sniffed from the content.
    pub content_type: String,
    /// `application`, `supplement`, `result`, `receipt`.
    pub purpose: String,
}

/// Attaches a file.
pub async fn add_file(tx: &mut Tx, dossier: DossierId, f: &FileRef, now: i64) -> Result<i64> {
    let r = sqlx::query(
        "INSERT INTO dossier_files (dossier_id, document_index, file_name, sha256, size, content_type, purpose, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(dossier.0)
    .bind(f.document_index)
    .bind(&f.file_name)
    .bind(&f.sha256)
    .bind(f.size)
    .bind(&f.content_type)
    .bind(&f.purpose)
    .bind(now)
    .fetch_one(&mut **tx)
    .await?;
    Ok(r.try_get(0)?)
}

/// A dossier's files.
pub async fn files(store: &Store, dossier: DossierId) -> Result<Vec<FileRef>> {
    sqlx::query("SELECT id, document_index, file_name, sha256, size, content_type, purpose FROM dossier_files WHERE dossier_id = $1 ORDER BY id")
        .bind(dossier.0)
        .fetch_all(store.reader())
        .await?
        .iter()
        .map(|r| {
            Ok(FileRef {
                id: r.try_get(0)?,
                document_index: r.try_get(1)?,
                file_name: r.try_get(2)?,
                sha256: r.try_get(3)?,
                size: r.try_get(4)?,
                content_type: r.try_get(5)?,
                purpose: r.try_get(6)?,
            })
        })
        .collect()
}
