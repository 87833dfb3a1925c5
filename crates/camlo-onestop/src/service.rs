//! One-stop use cases shared by the pages and the API: create and file a dossier, act on it,
//! decide who may see it. Every write is one transaction with its event and audit record.

use camlo_domain::accounts::{AccountId, Cccd, Email, PhoneNumber, Role};
use camlo_domain::audit::Outcome;
use camlo_domain::clock::{from_local, to_local};
use camlo_domain::dossiers::{self, Action, DossierCode, DossierError, DossierState, Facts};
use camlo_domain::procedures::{LegalTime, Procedure};
use camlo_domain::units::{UnitId, UnitKind};
use camlo_store::dossiers::{Dossier, Event, FileRef};
use camlo_store::{StoreError, audit, procedures, units};
use chrono::Datelike;
use serde::Deserialize;

use camlo_web::AppState;
use camlo_web::error::{AppError, AppResult};
use camlo_web::middleware::Ctx;
use camlo_web::session::Actor;
use camlo_web::units::actor_name;

/// The rule profile a dossier records at reception (DOMAIN.md §3).
pub fn rule_profile(date: chrono::NaiveDate) -> &'static str {
    if date >= chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap_or_default() {
        "nd118-2025"
    } else if date >= chrono::NaiveDate::from_ymd_opt(2018, 6, 21).unwrap_or_default() {
        "nd61-2018"
    } else {
        "qd09-2015"
    }
}

/// Applicant details as typed.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct ApplicantInput {
    /// Name.
    #[serde(default)]
    pub name: String,
    /// Address.
    #[serde(default)]
    pub address: String,
    /// Phone.
    #[serde(default)]
    pub phone: String,
    /// E-mail.
    #[serde(default)]
    pub email: String,
    /// CCCD.
    #[serde(default)]
    pub cccd: String,
}

/// Checked applicant details (name, address, phone, e-mail, CCCD).
pub type Applicant = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);

/// Validates applicant details, reporting every problem at once.
pub fn parse_applicant(input: &ApplicantInput, year: i32) -> Result<Applicant, Vec<AppError>> {
    let mut errors = Vec::new();
    let name = camlo_domain::text::nfc(&input.name);
    let address = camlo_domain::text::nfc(&input.address);
    if name.is_empty() || name.chars().count() > 100 {
        errors.push(AppError::from(DossierError::ApplicantMissing).field("applicant_name"));
    }
    if address.is_empty() || address.chars().count() > 300 {
        errors.push(AppError::from(DossierError::ApplicantMissing).field("applicant_address"));
    }
    let phone = (!input.phone.trim().is_empty())
        .then(|| {
            PhoneNumber::parse(&input.phone)
                .map_err(|e| errors.push(AppError::from(e).field("applicant_phone")))
                .ok()
        })
        .flatten();
    let email = (!input.email.trim().is_empty())
        .then(|| {
            Email::parse(&input.email)
                .map_err(|e| errors.push(AppError::from(e).field("applicant_email")))
                .ok()
        })
        .flatten();
    let cccd = (!input.cccd.trim().is_empty())
        .then(|| {
            Cccd::parse(&input.cccd, year)
                .map_err(|e| errors.push(AppError::from(e).field("applicant_cccd")))
                .ok()
        })
        .flatten();
    if errors.is_empty() {
        Ok((
            name,
            address,
            phone.map(|p| p.as_str().to_owned()),
            email.map(|e| e.as_str().to_owned()),
            cccd.map(|c| c.as_str().to_owned()),
        ))
    } else {
        Err(errors)
    }
}

/// Official roles that handle dossiers. Administrators (system and unit) are not among them:
/// they manage accounts and units, and handle dossiers only with a handling role granted
/// explicitly.
pub const OFFICIAL_ROLES: &[Role] = &[Role::OneStopOfficer, Role::Specialist, Role::UnitLeader];

/// Units the actor's explicit grants of `roles` cover (each grant's unit and everything below).
/// Unlike `camlo_web::units::units_for`, a system administrator's reach does not count: handling a dossier
/// takes a handling role.
pub async fn units_handled(
    state: &AppState,
    actor: &Actor,
    roles: &[Role],
) -> AppResult<std::collections::HashSet<UnitId>> {
    let roots: Vec<UnitId> = actor
        .grants
        .iter()
        .filter(|g| roles.contains(&g.role))
        .filter_map(|g| g.unit_id)
        .collect();
    camlo_web::units::units_under(state, &roots).await
}

/// May the actor see this dossier? Its applicant, or an official with a handling role whose
/// grants cover the unit holding it or the office that received it.
pub async fn may_see(state: &AppState, actor: &Actor, d: &Dossier) -> AppResult<bool> {
    if d.applicant_account_id == Some(actor.account.id) {
        return Ok(true);
    }
    let covered = units_handled(state, actor, OFFICIAL_ROLES).await?;
    Ok(covered.contains(&d.current_unit_id) || covered.contains(&d.receiving_unit_id))
}

/// The roles the actor holds over the unit currently holding the dossier.
pub async fn roles_over(state: &AppState, actor: &Actor, d: &Dossier) -> AppResult<Vec<Role>> {
    let mut out = Vec::new();
    for role in [Role::OneStopOfficer, Role::Specialist, Role::UnitLeader] {
        let covered = units_handled(state, actor, &[role]).await?;
        if covered.contains(&d.current_unit_id) {
            out.push(role);
        }
    }
    Ok(out)
}

/// A queue of the desk: what an official must do next, with the states it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Queue {
    /// Stable key (URL `?tab=` and API); its label is the message `desk-q-{key}`.
    pub key: &'static str,
    /// The states in it.
    pub states: &'static [DossierState],
}

/// The desk's queues, in the order of the work.
pub const QUEUES: &[Queue] = &[
    Queue {
        key: "tiep-nhan",
        states: &[DossierState::Submitted],
    },
    Queue {
        key: "chuyen-xu-ly",
        states: &[DossierState::Received],
    },
    Queue {
        key: "phan-cong",
        states: &[DossierState::Forwarded],
    },
    Queue {
        key: "tham-dinh",
        states: &[DossierState::InProcess],
    },
    Queue {
        key: "phe-duyet",
        states: &[DossierState::AwaitingApproval],
    },
    Queue {
        key: "tra-ket-qua",
        states: &[DossierState::Resolved, DossierState::Rejected],
    },
    Queue {
        key: "cho-cong-dan",
        states: &[
            DossierState::IntakeIncomplete,
            DossierState::SupplementRequested,
        ],
    },
];

/// The queue a state belongs to.
pub fn queue_of(state: DossierState) -> Option<&'static Queue> {
    QUEUES.iter().find(|q| q.states.contains(&state))
}

/// What the desk is asked to show.
#[derive(Debug, Clone, Default, Deserialize, serde::Serialize)]
pub struct DeskFilter {
    /// A queue key; empty = every queue.
    #[serde(default)]
    pub tab: Option<String>,
    /// A code, a phone, a CCCD or words of the applicant's name (with or without diacritics).
    #[serde(default)]
    pub q: Option<String>,
    /// A procedure code.
    #[serde(default)]
    pub procedure: Option<String>,
    /// Filed or received on or after this day (`dd/mm/yyyy` or `yyyy-mm-dd`).
    #[serde(default)]
    pub from: Option<String>,
    /// … on or before this day.
    #[serde(default)]
    pub to: Option<String>,
}

/// A day typed as `dd/mm/yyyy` or `yyyy-mm-dd`.
pub fn parse_day(s: &str) -> Option<chrono::NaiveDate> {
    let s = s.trim();
    chrono::NaiveDate::parse_from_str(s, "%d/%m/%Y")
        .or_else(|_| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d"))
        .ok()
}

/// The desk: counts per queue and the dossiers asked for, overdue first then by due time.
#[derive(Debug, Clone, Default)]
pub struct Desk {
    /// Every queue the official works on, with its count (under the search and filters).
    pub counts: Vec<(&'static Queue, i64)>,
    /// The dossiers.
    pub items: Vec<Dossier>,
}

/// The lanes of an official's desk: per handling role held, the units its grants cover and the
/// states it works on (a dossier in appraisal only on its assignee's desk).
async fn lanes(state: &AppState, actor: &Actor) -> AppResult<Vec<camlo_store::dossiers::Lane>> {
    use DossierState as S;
    use camlo_store::dossiers::Lane;
    let mut out = Vec::new();
    for role in OFFICIAL_ROLES {
        if !actor.grants.iter().any(|g| g.role == *role) {
            continue;
        }
        let units: Vec<UnitId> = units_handled(state, actor, &[*role])
            .await?
            .into_iter()
            .collect();
        match role {
            Role::OneStopOfficer => out.push(Lane {
                units,
                states: vec![
                    S::Submitted,
                    S::IntakeIncomplete,
                    S::Received,
                    S::Resolved,
                    S::Rejected,
                ],
                assignee: None,
            }),
            Role::Specialist => {
                out.push(Lane {
                    units: units.clone(),
                    states: vec![S::Forwarded],
                    assignee: None,
                });
                out.push(Lane {
                    units,
                    states: vec![S::InProcess, S::SupplementRequested],
                    assignee: Some(actor.account.id),
                });
            }
            Role::UnitLeader => out.push(Lane {
                units,
                states: vec![S::Forwarded, S::AwaitingApproval],
                assignee: None,
            }),
            _ => {}
        }
    }
    Ok(out)
}

/// The actor's desk under a filter (at most `limit` dossiers).
pub async fn desk(
    state: &AppState,
    actor: &Actor,
    filter: &DeskFilter,
    limit: i64,
) -> AppResult<Desk> {
    let lanes = lanes(state, actor).await?;
    let held: Vec<DossierState> = lanes.iter().flat_map(|l| l.states.clone()).collect();
    let bound = |day: Option<&String>, end: bool| {
        day.and_then(|d| parse_day(d)).and_then(|d| {
            let d = if end { d.succ_opt()? } else { d };
            Some(from_local(d.and_hms_opt(0, 0, 0)?).timestamp())
        })
    };
    let mut q = camlo_store::dossiers::DeskQuery {
        lanes,
        states: Vec::new(),
        text: filter.q.clone().map(|t| camlo_domain::text::nfc(&t)),
        procedure: filter.procedure.clone().filter(|p| !p.trim().is_empty()),
        from: bound(filter.from.as_ref(), false),
        to: bound(filter.to.as_ref(), true),
    };
    let counts = camlo_store::dossiers::desk_counts(&state.store, &q).await?;
    let desk_counts = QUEUES
        .iter()
        .filter(|queue| queue.states.iter().any(|s| held.contains(s)))
        .map(|queue| {
            let n = counts
                .iter()
                .filter(|(s, _)| queue.states.contains(s))
                .map(|(_, n)| n)
                .sum();
            (queue, n)
        })
        .collect();
    if let Some(tab) = filter
        .tab
        .as_deref()
        .and_then(|t| QUEUES.iter().find(|q| q.key == t))
    {
        q.states = tab.states.to_vec();
    }
    let items = camlo_store::dossiers::desk(&state.store, &q, limit).await?;
    Ok(Desk {
        counts: desk_counts,
        items,
    })
}

/// How long the dossier has waited where it is, in words ("45 phút", "3 giờ", "2 ngày").
pub fn waiting(d: &Dossier, now: i64, lang_en: bool) -> String {
    let secs = (now - d.updated_at).max(0);
    let (n, unit_vi, unit_en) = if secs < 3600 {
        (secs / 60, "phút", "min")
    } else if secs < 86_400 {
        (secs / 3600, "giờ", "h")
    } else {
        (secs / 86_400, "ngày", "d")
    };
    if lang_en {
        format!("{n} {unit_en}")
    } else {
        format!("{n} {unit_vi}")
    }
}

/// Where a dossier of procedure version `p` received at `office` goes (competence routing:
/// `camlo_domain::competence`).
pub async fn route(
    state: &AppState,
    office: UnitId,
    p: &Procedure,
    on: chrono::NaiveDate,
) -> AppResult<camlo_domain::competence::Route> {
    let all = units::list(&state.store, None).await?;
    Ok(camlo_domain::competence::route(&all, office, p, on)?)
}

/// The specialists who may be assigned a dossier held by `unit`: enabled accounts with a
/// Specialist grant on the unit or one of its ancestors.
pub async fn specialists_for(
    state: &AppState,
    unit: UnitId,
) -> AppResult<Vec<camlo_store::accounts::Holder>> {
    let mut chain = vec![unit];
    let mut cur = units::get(&state.store, unit).await?.parent_id;
    while let Some(id) = cur {
        if chain.len() > 32 {
            break;
        }
        chain.push(id);
        cur = units::get(&state.store, id).await?.parent_id;
    }
    Ok(camlo_store::accounts::holders(&state.store, Role::Specialist, &chain).await?)
}

fn lookup_secret() -> AppResult<String> {
    // 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L).
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let hexed = camlo_store::random_hex(8)?;
    let bytes = hex::decode(hexed).map_err(|e| AppError::internal(e.to_string()))?;
    Ok(bytes
        .iter()
        .map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char)
        .collect())
}

/// Due date for a reception at `at` (UTC seconds) at `office`, with the calendar's fingerprint.
pub async fn due_for(
    state: &AppState,
    office: UnitId,
    p: &Procedure,
    at: i64,
) -> AppResult<(i64, String)> {
    let (cal, _) = camlo_web::calendar::for_unit(state, Some(office)).await?;
    let local = to_local(camlo_store::from_ts(at));
    let due = match p.legal_time {
        LegalTime::SameDay => cal.deadline_same_day(local)?,
        other => cal.deadline_budget(local, other.budget())?,
    };
    Ok((
        from_local(due).timestamp(),
        cal.year_fingerprint(due.year())?,
    ))
}

/// Gives the dossier its code. Runs inside the caller's transaction and reads nothing through
/// the pool (on PostgreSQL the pool is shared, and a transaction waiting for a second connection
/// can starve the pool under load).
async fn assign_code(
    tx: &mut camlo_store::Tx,
    d: &mut Dossier,
    office_code: &str,
    now: i64,
) -> AppResult<()> {
    if d.code.is_some() {
        return Ok(());
    }
    let day = to_local(camlo_store::from_ts(now)).date();
    let seq =
        camlo_store::dossiers::next_sequence(tx, office_code, &day.format("%y%m%d").to_string())
            .await?;
    let code = DossierCode::new(office_code, day, u32::try_from(seq).unwrap_or(u32::MAX))?;
    d.code = Some(code.as_str().to_owned());
    Ok(())
}

/// What an action carries besides its name.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActInput {
    /// Note or reason.
    #[serde(default)]
    pub note: Option<String>,
    /// Account to assign (leaders); a specialist assigns themselves by default.
    #[serde(default)]
    pub assignee: Option<i64>,
}

/// Performs an action on a dossier: checks it, applies its effects, writes the dossier, an
/// event and an audit record in one transaction. Returns the updated dossier.
pub async fn act(
    state: &AppState,
    ctx: &Ctx,
    mut d: Dossier,
    action: Action,
    input: &ActInput,
) -> AppResult<Dossier> {
    let actor = ctx.actor()?;
    let now = state.now_ts();
    let procedure = procedures::get(&state.store, d.procedure_id).await?;
    let roles = roles_over(state, actor, &d).await?;
    let note = input
        .note
        .as_deref()
        .map(camlo_domain::text::nfc)
        .filter(|n| !n.is_empty());
    let facts = Facts {
        note: note.as_deref(),
        ..facts(state, actor, &d, &procedure, now).await?
    };
    let from = d.state;
    let to = dossiers::check(from, action, &roles, facts)?;
    // Everything read from the database happens before the transaction starts.
    let office_code = units::get(&state.store, d.receiving_unit_id).await?.code;
    let today = to_local(camlo_store::from_ts(now)).date();
    // The procedure version and rule profile are those in force at reception.
    let at_reception = match action {
        Action::Accept => Some(
            match procedures::current(&state.store, &procedure.code, today).await {
                Ok(p) => p,
                Err(StoreError::NotFound) => procedure.clone(),
                Err(e) => return Err(e.into()),
            },
        ),
        _ => None,
    };
    let procedure = at_reception.clone().unwrap_or(procedure);
    let due = match action {
        Action::Accept | Action::ResubmitComplete => {
            Some(due_for(state, d.receiving_unit_id, &procedure, now).await?)
        }
        _ => None,
    };
    let competent = match action {
        Action::Forward => Some(
            route(state, d.receiving_unit_id, &procedure, today)
                .await?
                .competent,
        ),
        _ => None,
    };
    let secret = match (action, &d.lookup_secret) {
        (Action::Accept, None) => Some(lookup_secret()?),
        _ => None,
    };
    let assignee = match action {
        Action::Assign | Action::Reassign => {
            assignee_for(state, actor, &d, &roles, input.assignee).await?
        }
        _ => actor.account.id,
    };
    let (actor_id, who) = actor_name(ctx);
    let mut entry = ctx.who.entry(
        state,
        Some(actor),
        &format!("dossier.{}", action.as_str()),
        String::new(),
        Outcome::Success,
    );
    // The note (a refusal's or a return's reason) is part of the chained record.
    entry.detail =
        serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "note": note }).to_string();
    // One job of the shared write transaction (group commit): answered once it is durable.
    let mut d = state
        .store
        .write(move |tx| {
            Box::pin(async move {
                if let Some(p) = at_reception {
                    d.procedure_id = p.id;
                    d.rule_profile = rule_profile(today).into();
                }
                apply(
                    tx,
                    &mut d,
                    action,
                    now,
                    &office_code,
                    due,
                    competent,
                    secret,
                    assignee,
                    note.as_deref(),
                )
                .await?;
                d.state = to;
                match camlo_store::dossiers::update(tx, &d, now).await {
                    Ok(()) => {}
                    Err(StoreError::Conflict(_)) => return Err(DossierError::Concurrent.into()),
                    Err(e) => return Err(AppError::from(e)),
                }
                camlo_store::dossiers::add_event(
                    tx,
                    d.id,
                    &Event {
                        at: now,
                        actor: who,
                        actor_id,
                        action: action.as_str().into(),
                        from_state: from.as_str().into(),
                        to_state: to.as_str().into(),
                        note,
                        due_at: d.due_at,
                    },
                )
                .await?;
                entry.object = format!(
                    "dossier:{}",
                    d.code.as_deref().unwrap_or(&d.id.0.to_string())
                );
                entry.unit_id = Some(d.current_unit_id.0);
                audit::append(tx, &entry).await?;
                Ok::<_, AppError>(d)
            })
        })
        .await?;
    d.revision += 1;
    Ok(d)
}

/// What the guards of the dossier workflow look at, for this actor and dossier now (no note).
pub async fn facts(
    state: &AppState,
    actor: &Actor,
    d: &Dossier,
    procedure: &Procedure,
    now: i64,
) -> AppResult<Facts<'static>> {
    let within = match d.received_at {
        Some(r) => {
            let (cal, _) = camlo_web::calendar::for_unit(state, Some(d.receiving_unit_id)).await?;
            cal.within_working_days(
                to_local(camlo_store::from_ts(r)),
                to_local(camlo_store::from_ts(now)),
                3,
            )?
        }
        None => false,
    };
    Ok(Facts {
        note: None,
        same_day: procedure.legal_time == LegalTime::SameDay,
        within_supplement_window: within,
        is_owner: d.applicant_account_id == Some(actor.account.id),
        is_assignee: d.assignee_id == Some(actor.account.id),
        is_proposer: d.proposer_id == Some(actor.account.id),
        completion_asked: d.completion_requested_at.is_some(),
        supplement_asked: d.supplement_requested_at.is_some(),
    })
}

/// The actions the actor can take on the dossier now (every guard but the note checked), each
/// with whether it needs a note.
pub async fn possible_actions(
    state: &AppState,
    actor: &Actor,
    d: &Dossier,
) -> AppResult<Vec<(Action, bool)>> {
    let procedure = procedures::get(&state.store, d.procedure_id).await?;
    let roles = roles_over(state, actor, d).await?;
    let facts = facts(state, actor, d, &procedure, state.now_ts()).await?;
    Ok(dossiers::ALL_ACTIONS
        .iter()
        .filter_map(|a| match dossiers::check(d.state, *a, &roles, facts) {
            Ok(_) => Some((*a, a.needs_note())),
            Err(DossierError::NoteRequired) => Some((*a, true)),
            Err(_) => None,
        })
        .collect())
}

/// Who an assignment goes to. A leader names a specialist of the unit holding the dossier
/// (422 otherwise); a specialist without a name takes the dossier themselves.
async fn assignee_for(
    state: &AppState,
    actor: &Actor,
    d: &Dossier,
    roles: &[Role],
    named: Option<i64>,
) -> AppResult<AccountId> {
    let wanted = match named {
        Some(id) => AccountId(id),
        None if roles.contains(&Role::Specialist) => actor.account.id,
        None => return Err(DossierError::BadAssignee.into()),
    };
    if wanted != actor.account.id && !roles.contains(&Role::UnitLeader) {
        // A specialist takes a dossier for themselves only.
        return Err(DossierError::NotPermitted.into());
    }
    let eligible = specialists_for(state, d.current_unit_id).await?;
    if eligible.iter().any(|h| h.account == wanted) {
        Ok(wanted)
    } else {
        Err(DossierError::BadAssignee.into())
    }
}

/// The effects of an action on the dossier's fields, inside the write transaction.
#[allow(clippy::too_many_arguments)]
async fn apply(
    tx: &mut camlo_store::Tx,
    d: &mut Dossier,
    action: Action,
    now: i64,
    office_code: &str,
    due: Option<(i64, String)>,
    competent: Option<UnitId>,
    secret: Option<String>,
    assignee: AccountId,
    note: Option<&str>,
) -> AppResult<()> {
    match action {
        Action::Submit | Action::Resubmit => {
            d.submitted_at = Some(now);
            assign_code(tx, d, office_code, now).await?;
        }
        Action::Accept => {
            d.received_at = Some(now);
            if let Some((due, fp)) = due {
                d.due_at = Some(due);
                d.calendar_fingerprint = Some(fp);
            }
            if d.lookup_secret.is_none() {
                d.lookup_secret = secret;
            }
            assign_code(tx, d, office_code, now).await?;
        }
        Action::Forward => d.current_unit_id = competent.unwrap_or(d.receiving_unit_id),
        Action::Assign | Action::Reassign => d.assignee_id = Some(assignee),
        Action::ResubmitComplete => {
            // The legal time restarts from zero when the complete dossier comes back; the
            // original reception time is kept and the restart recorded as its own time.
            d.restarted_at = Some(now);
            if let Some((due, fp)) = due {
                d.due_at = Some(due);
                d.calendar_fingerprint = Some(fp);
            }
        }
        Action::Propose => {
            d.result_note = note.map(str::to_owned);
            d.proposer_id = Some(assignee);
        }
        // Back to the specialist: the proposal is void, the reason is in the history.
        Action::SendBack => {
            d.proposer_id = None;
            d.result_note = None;
        }
        Action::RequestCompletion => d.completion_requested_at = Some(now),
        Action::RequestSupplement => d.supplement_requested_at = Some(now),
        Action::Approve | Action::Reject => {
            d.finished_at = Some(now);
            if let Some(n) = note {
                d.result_note = Some(n.to_owned());
            }
            // The result returns to the office where the dossier was received.
            d.current_unit_id = d.receiving_unit_id;
        }
        Action::ReturnResult | Action::ReturnOnSpot => {
            d.returned_at = Some(now);
            d.finished_at.get_or_insert(now);
        }
        Action::Withdraw | Action::Refuse => d.finished_at = Some(now),
    }
    Ok(())
}

/// A new dossier.
#[derive(Debug, Clone)]
pub struct CreateInput {
    /// Procedure code.
    pub procedure_code: String,
    /// Receiving one-stop office.
    pub receiving_unit: UnitId,
    /// Applicant.
    pub applicant: Applicant,
    /// `online` (a citizen) or `counter` (an officer on the applicant's behalf).
    pub channel: &'static str,
    /// File it at once (online) — or, at the counter, accept it at once.
    pub submit: bool,
    /// Retry key.
    pub idempotency_key: Option<String>,
}

/// Creates a dossier (a draft, or filed at once). With an idempotency key already used by the
/// same account, returns the original dossier and `false`.
pub async fn create(state: &AppState, ctx: &Ctx, input: CreateInput) -> AppResult<(Dossier, bool)> {
    let actor = ctx.actor()?;
    if let Some(key) = &input.idempotency_key {
        if key.len() > 200 {
            return Err(AppError::bad_request());
        }
        if let Some(existing) =
            camlo_store::dossiers::by_idempotency(&state.store, actor.account.id, key).await?
        {
            return Ok((existing, false));
        }
    }
    let now = state.now_ts();
    let today = to_local(camlo_store::from_ts(now)).date();
    let procedure = match procedures::current(&state.store, &input.procedure_code, today).await {
        Ok(p) => p,
        Err(StoreError::NotFound) => {
            return Err(AppError::new(axum::http::StatusCode::NOT_FOUND, "PRO-0004"));
        }
        Err(e) => return Err(e.into()),
    };
    let office = units::get(&state.store, input.receiving_unit)
        .await
        .map_err(|_| AppError::invalid("UNIT-0006").field("receiving_unit"))?;
    if office.kind != UnitKind::OneStopOffice || !office.valid_on(today) {
        return Err(AppError::invalid("DOS-0015").field("receiving_unit"));
    }
    // A procedure not offered at the office's level, or with no competent unit there, cannot be
    // filed there: say so now rather than at forwarding.
    route(state, office.id, &procedure, today).await?;
    let counter = input.channel == "counter";
    if counter {
        let covered = units_handled(state, actor, &[Role::OneStopOfficer]).await?;
        if !covered.contains(&office.id) {
            return Err(AppError::forbidden());
        }
    } else if !procedure.online.accepts_online() {
        return Err(DossierError::NotOnline.into());
    }
    let (name, address, phone, email, cccd) = input.applicant;
    let d = Dossier {
        id: camlo_domain::dossiers::DossierId(0),
        code: None,
        procedure_id: procedure.id,
        receiving_unit_id: office.id,
        current_unit_id: office.id,
        applicant_account_id: if counter {
            None
        } else {
            Some(actor.account.id)
        },
        applicant_name: name,
        applicant_address: address,
        applicant_phone: phone,
        applicant_email: email,
        applicant_cccd: cccd,
        channel: input.channel.into(),
        state: DossierState::Draft,
        revision: 1,
        assignee_id: None,
        created_at: now,
        submitted_at: None,
        received_at: None,
        due_at: None,
        calendar_fingerprint: None,
        finished_at: None,
        returned_at: None,
        lookup_secret: None,
        result_note: None,
        rule_profile: rule_profile(today).into(),
        idempotency_key: if counter {
            None
        } else {
            input.idempotency_key.clone()
        },
        restarted_at: None,
        proposer_id: None,
        completion_requested_at: None,
        supplement_requested_at: None,
        updated_at: now,
    };
    let (actor_id, who) = actor_name(ctx);
    let mut entry = ctx.who.entry(
        state,
        Some(actor),
        "dossier.create",
        String::new(),
        Outcome::Success,
    );
    entry.unit_id = Some(office.id.0);
    entry.detail =
        serde_json::json!({ "procedure": procedure.code, "channel": input.channel }).to_string();
    let inserted = state
        .store
        .write(move |tx| {
            Box::pin(async move {
                let id = camlo_store::dossiers::insert(tx, &d, now).await?;
                camlo_store::dossiers::add_event(
                    tx,
                    id,
                    &Event {
                        at: now,
                        actor: who,
                        actor_id,
                        action: "create".into(),
                        from_state: "".into(),
                        to_state: "draft".into(),
                        note: None,
                        due_at: None,
                    },
                )
                .await?;
                entry.object = format!("dossier:{}", id.0);
                audit::append(tx, &entry).await?;
                Ok::<_, StoreError>(id)
            })
        })
        .await;
    let id = match inserted {
        Ok(id) => id,
        Err(StoreError::Conflict(_)) => {
            // A concurrent retry with the same key won the race: answer with its dossier.
            let key = input.idempotency_key.as_deref().unwrap_or("");
            let existing =
                camlo_store::dossiers::by_idempotency(&state.store, actor.account.id, key)
                    .await?
                    .ok_or_else(AppError::not_found)?;
            return Ok((existing, false));
        }
        Err(e) => return Err(e.into()),
    };
    let mut d = camlo_store::dossiers::get(&state.store, id).await?;
    if input.submit {
        d = act(state, ctx, d, Action::Submit, &ActInput::default()).await?;
        if counter {
            d = act(state, ctx, d, Action::Accept, &ActInput::default()).await?;
        }
    }
    Ok((d, true))
}

/// Stores an uploaded file for a dossier (type judged by content; size and count limited).
pub async fn attach(
    state: &AppState,
    ctx: &Ctx,
    d: &Dossier,
    document_index: Option<i64>,
    file_name: &str,
    bytes: &[u8],
    purpose: &str,
) -> AppResult<FileRef> {
    const MAX_BYTES: usize = 10 * 1024 * 1024;
    const MAX_FILES: usize = 20;
    if bytes.len() > MAX_BYTES {
        return Err(DossierError::FileTooLarge.into());
    }
    // After reception the file belongs to the handling: officials add to it, and the applicant
    // only answers a supplement request.
    let before_reception = matches!(
        d.state,
        DossierState::Draft | DossierState::Submitted | DossierState::IntakeIncomplete
    );
    if !before_reception
        && d.state != DossierState::SupplementRequested
        && roles_over(state, ctx.actor()?, d).await?.is_empty()
    {
        return Err(DossierError::UploadClosed.into());
    }
    // The whole file is checked (a PDF parsed, a picture decoded under limits): CPU work.
    let owned = bytes.to_vec();
    let kind = tokio::task::spawn_blocking(move || {
        camlo_domain::files::check(
            &owned,
            &[
                camlo_domain::files::Kind::Pdf,
                camlo_domain::files::Kind::Jpeg,
                camlo_domain::files::Kind::Png,
            ],
        )
    })
    .await
    .map_err(|e| AppError::internal(e.to_string()))?
    .map_err(|e| match e {
        camlo_domain::files::FileError::Type => AppError::from(DossierError::FileType),
        e => AppError::from(e),
    })?;
    let content_type = kind.content_type();
    if camlo_store::dossiers::files(&state.store, d.id)
        .await?
        .len()
        >= MAX_FILES
    {
        return Err(DossierError::TooManyFiles.into());
    }
    let blobs = state.blobs();
    let data = bytes.to_vec();
    let sha = tokio::task::spawn_blocking(move || blobs.put(&data))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    let f = FileRef {
        id: 0,
        document_index,
        file_name: camlo_domain::files::safe_name(file_name, kind),
        sha256: sha,
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        content_type: content_type.into(),
        purpose: purpose.into(),
    };
    let now = state.now_ts();
    let actor = ctx.actor()?;
    let mut entry = ctx.who.entry(
        state,
        Some(actor),
        "dossier.attach",
        format!("dossier:{}", d.id.0),
        Outcome::Success,
    );
    let dossier = d.id;
    let row = f.clone();
    let id = state
        .store
        .write(move |tx| {
            Box::pin(async move {
                let id = camlo_store::dossiers::add_file(tx, dossier, &row, now).await?;
                entry.detail = serde_json::json!({ "file": id, "sha256": row.sha256, "size": row.size, "type": row.content_type }).to_string();
                audit::append(tx, &entry).await?;
                Ok::<_, StoreError>(id)
            })
        })
        .await?;
    Ok(FileRef { id, ..f })
}

/// Records that someone opened one of the applicant's files (every view or download is logged).
pub async fn log_file_read(state: &AppState, ctx: &Ctx, d: &Dossier, f: &FileRef) -> AppResult<()> {
    let mut entry = ctx.who.entry(
        state,
        ctx.actor.as_ref(),
        "dossier.file_read",
        format!(
            "dossier:{}",
            d.code.as_deref().unwrap_or(&d.id.0.to_string())
        ),
        Outcome::Success,
    );
    entry.unit_id = Some(d.current_unit_id.0);
    entry.detail = serde_json::json!({ "file": f.id, "sha256": f.sha256 }).to_string();
    state
        .store
        .write(move |tx| Box::pin(async move { audit::append(tx, &entry).await }))
        .await?;
    Ok(())
}

/// Finds a dossier by code or 404.
pub async fn by_code(state: &AppState, code: &str) -> AppResult<Dossier> {
    let code = DossierCode::parse(code)
        .map_err(|_| AppError::new(axum::http::StatusCode::NOT_FOUND, "DOS-0007"))?;
    match camlo_store::dossiers::by_code(&state.store, code.as_str()).await {
        Ok(d) => Ok(d),
        Err(StoreError::NotFound) => {
            Err(AppError::new(axum::http::StatusCode::NOT_FOUND, "DOS-0007"))
        }
        Err(e) => Err(e.into()),
    }
}

/// Time left: `late`, `today`, `soon` (≤ 1 working day) or `ok`, with a human text.
pub async fn urgency(state: &AppState, d: &Dossier) -> AppResult<(String, String)> {
    let (Some(due), true) = (d.due_at, d.state.clock_runs()) else {
        return Ok(("none".into(), String::new()));
    };
    let (cal, _) = camlo_web::calendar::for_unit(state, Some(d.receiving_unit_id)).await?;
    let now = to_local(state.clock.now());
    let r = cal.remaining(now, to_local(camlo_store::from_ts(due)))?;
    let hours = r.working_minutes / 60;
    Ok(if r.late {
        (
            "late".into(),
            format!("Quá hạn {} ngày {} giờ làm việc", r.working_days, hours),
        )
    } else if r.working_days == 0 {
        (
            "today".into(),
            format!("Còn {} giờ {} phút làm việc", hours, r.working_minutes % 60),
        )
    } else if r.working_days <= 1 {
        (
            "soon".into(),
            format!("Còn {} ngày {} giờ làm việc", r.working_days, hours),
        )
    } else {
        ("ok".into(), format!("Còn {} ngày làm việc", r.working_days))
    })
}
