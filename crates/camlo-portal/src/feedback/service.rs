//! Feedback use cases shared by the pages and the API: submit (rate-limited, honeypot), act
//! (route, answer, publish, reject), and who may handle an item. Every write is one
//! transaction with its history entry and audit record.

use std::collections::HashSet;

use camlo_domain::accounts::Role;
use camlo_domain::audit::Outcome;
use camlo_domain::clock::{format_local, to_local};
use camlo_domain::feedback::{
    self, Action, Contact, FeedbackCode, FeedbackError, FeedbackState, Submission,
};
use camlo_domain::units::{Unit, UnitId, UnitKind};
use camlo_store::feedback::{Event, Feedback};
use camlo_store::{StoreError, audit, units};
use serde::{Deserialize, Serialize};

use camlo_web::AppState;
use camlo_web::error::{AppError, AppResult};
use camlo_web::middleware::Ctx;
use camlo_web::session::Actor;

/// Roles that handle feedback in the units their grants cover (system administrators: all).
pub const HANDLER_ROLES: &[Role] = &[
    Role::UnitLeader,
    Role::Specialist,
    Role::UnitAdmin,
    Role::Editor,
];

/// Submissions allowed per client address in one window.
pub const MAX_PER_WINDOW: i64 = 5;
/// The window, seconds (10 minutes).
pub const WINDOW_SECS: i64 = 600;
/// Submissions per client (keyed address hash), counted in the shared limits table.
const LIMIT: camlo_store::throttle::Limit = camlo_store::throttle::Limit {
    bucket: "feedback.submit",
    max: MAX_PER_WINDOW,
    window: WINDOW_SECS,
};

/// Kinds of unit feedback can be addressed to: district- and commune-level administrative units
/// and the district's departments.
pub fn is_target(kind: UnitKind) -> bool {
    matches!(
        kind,
        UnitKind::District
            | UnitKind::Town
            | UnitKind::City
            | UnitKind::Commune
            | UnitKind::Ward
            | UnitKind::Township
            | UnitKind::SpecialZone
            | UnitKind::Department
    )
}

/// Units that receive feedback today, district level first, then by name.
pub async fn targets(state: &AppState) -> AppResult<Vec<Unit>> {
    let today = to_local(state.clock.now()).date();
    let mut list: Vec<Unit> = units::list(&state.store, Some(today))
        .await?
        .into_iter()
        .filter(|u| is_target(u.kind))
        .collect();
    list.sort_by_key(|u| {
        (
            !matches!(u.kind, UnitKind::District | UnitKind::Town | UnitKind::City),
            u.kind == UnitKind::Department,
            camlo_domain::text::fold(&u.name),
        )
    });
    Ok(list)
}

/// A unit that receives feedback today, or FBK-0008.
async fn target(state: &AppState, id: i64) -> AppResult<Unit> {
    let today = to_local(state.clock.now()).date();
    match units::get(&state.store, UnitId(id)).await {
        Ok(u) if is_target(u.kind) && u.valid_on(today) => Ok(u),
        Ok(_) | Err(StoreError::NotFound) => Err(FeedbackError::BadUnit.into()),
        Err(e) => Err(e.into()),
    }
}

/// The units whose feedback the actor handles; `None` means every unit (system administrators).
/// A grant on a People's Committee also covers the administrative unit it governs.
pub async fn covered(state: &AppState, actor: &Actor) -> AppResult<Option<HashSet<UnitId>>> {
    if actor.is_system_admin() {
        return Ok(None);
    }
    let mut roots: Vec<UnitId> = actor
        .grants
        .iter()
        .filter(|g| HANDLER_ROLES.contains(&g.role))
        .filter_map(|g| g.unit_id)
        .collect();
    for root in roots.clone() {
        let u = units::get(&state.store, root).await?;
        if let (UnitKind::PeopleCommittee, Some(parent)) = (u.kind, u.parent_id) {
            roots.push(parent);
        }
    }
    Ok(Some(camlo_web::units::units_under(state, &roots).await?))
}

/// May the actor see and act on this item?
pub async fn may_handle(state: &AppState, actor: &Actor, f: &Feedback) -> AppResult<bool> {
    Ok(covered(state, actor)
        .await?
        .is_none_or(|set| set.contains(&f.unit_id)))
}

/// A new submission as the boundary received it.
#[derive(Debug, Clone)]
pub struct SubmitInput {
    /// Checked fields.
    pub submission: Submission,
    /// The unit chosen.
    pub unit_id: i64,
    /// The hidden field a person never fills was filled.
    pub honeypot: bool,
    /// Retry key (API).
    pub idempotency_key: Option<String>,
}

/// The answer to a submission: the code to follow it, and whether it is new.
#[derive(Debug, Clone)]
pub struct Submitted {
    /// `PAKN-YYMMDD-XXXX`.
    pub code: String,
    /// False for an idempotent retry.
    pub created: bool,
}

/// Counts the submission against the client's window; FBK-0012 when over the limit.
async fn count_hit(tx: &mut camlo_store::Tx, client: &str, now: i64) -> AppResult<()> {
    let count = camlo_store::throttle::hit(tx, &LIMIT, client, now).await?;
    if count.over(&LIMIT).is_some() {
        return Err(FeedbackError::TooMany.into());
    }
    Ok(())
}

/// Files a submission: one transaction with the rate-limit count, the row, its first history
/// entry and the audit record. A filled honeypot is counted and answered like a real
/// submission (a code-shaped reference) but nothing is stored.
pub async fn submit(state: &AppState, ctx: &Ctx, input: SubmitInput) -> AppResult<Submitted> {
    if let Some(key) = &input.idempotency_key {
        if key.is_empty() || key.len() > 200 {
            return Err(AppError::bad_request());
        }
        if let Some(f) = camlo_store::feedback::by_idempotency(&state.store, key).await? {
            return Ok(Submitted {
                code: f.code,
                created: false,
            });
        }
    }
    let now = state.now_ts();
    let today = to_local(state.clock.now()).date();
    let unit = target(state, input.unit_id).await?;
    let client = ctx.who.client_key.clone();
    if input.honeypot {
        let bytes = hex::decode(camlo_store::random_hex(2)?)
            .map_err(|e| AppError::internal(e.to_string()))?;
        let n = u32::from(u16::from_be_bytes([bytes[0], bytes[1]])) % 9999 + 1;
        state
            .store
            .write(move |tx| Box::pin(async move { count_hit(tx, &client, now).await }))
            .await?;
        tracing::info!("feedback honeypot filled; nothing stored");
        return Ok(Submitted {
            code: FeedbackCode::new(today, n)?.as_str().to_owned(),
            created: true,
        });
    }
    let s = input.submission;
    let (phone, email) = match s.contact {
        Some(Contact::Phone(p)) => (Some(p.as_str().to_owned()), None),
        Some(Contact::Email(e)) => (None, Some(e.as_str().to_owned())),
        None => (None, None),
    };
    let row = Feedback {
        id: feedback::FeedbackId(0),
        code: String::new(),
        kind: s.kind,
        unit_id: unit.id,
        submitted_unit_id: unit.id,
        title: s.title,
        body: s.body,
        asker_name: s.name,
        contact_phone: phone,
        contact_email: email,
        consent_at: s.consent.then_some(now),
        state: FeedbackState::New,
        revision: 1,
        answer: None,
        answered_by: None,
        answered_at: None,
        published_at: None,
        rejected_at: None,
        reject_reason: None,
        idempotency_key: input.idempotency_key.clone(),
        created_at: now,
    };
    let mut entry = ctx.who.entry(
        state,
        ctx.actor.as_ref(),
        "feedback.submit",
        String::new(),
        Outcome::Success,
    );
    entry.unit_id = Some(unit.id.0);
    entry.detail =
        serde_json::json!({ "kind": row.kind.as_str(), "consent": s.consent }).to_string();
    let day = today.format("%y%m%d").to_string();
    let result = state
        .store
        .write(move |tx| {
            Box::pin(async move {
                count_hit(tx, &client, now).await?;
                let seq = camlo_store::feedback::next_sequence(tx, &day).await?;
                let code = FeedbackCode::new(today, u32::try_from(seq).unwrap_or(u32::MAX))?;
                let mut row = row;
                row.code = code.as_str().to_owned();
                let id = match camlo_store::feedback::insert(tx, &row, now).await {
                    Ok(id) => id,
                    Err(StoreError::Conflict(_)) => return Ok(None),
                    Err(e) => return Err(AppError::from(e)),
                };
                camlo_store::feedback::add_event(
                    tx,
                    id,
                    &Event {
                        at: now,
                        actor: "anonymous".into(),
                        actor_id: None,
                        action: "submit".into(),
                        from_state: String::new(),
                        to_state: FeedbackState::New.as_str().into(),
                        from_unit_id: None,
                        to_unit_id: Some(row.unit_id.0),
                        note: None,
                    },
                )
                .await?;
                entry.object = format!("feedback:{}", row.code);
                audit::append(tx, &entry).await?;
                Ok::<_, AppError>(Some(row.code))
            })
        })
        .await?;
    match result {
        Some(code) => Ok(Submitted {
            code,
            created: true,
        }),
        None => {
            // A concurrent retry with the same key won the race: answer with its item.
            let key = input.idempotency_key.as_deref().unwrap_or("");
            let f = camlo_store::feedback::by_idempotency(&state.store, key)
                .await?
                .ok_or_else(AppError::not_found)?;
            Ok(Submitted {
                code: f.code,
                created: false,
            })
        }
    }
}

/// What an action carries.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct ActInput {
    /// The unit to route to (route).
    #[serde(default)]
    pub unit_id: Option<String>,
    /// The answer (answer), the reason (reject) or a note (route).
    #[serde(default)]
    pub text: Option<String>,
}

/// Performs an official's action on an item in one transaction with its history entry and
/// audit record; checks the actor's unit scope first (404 outside it).
pub async fn act(
    state: &AppState,
    ctx: &Ctx,
    mut f: Feedback,
    action: Action,
    input: &ActInput,
) -> AppResult<Feedback> {
    let actor = ctx.actor()?;
    if !may_handle(state, actor, &f).await? {
        return Err(FeedbackError::NotFound.into());
    }
    let text = input
        .text
        .as_deref()
        .map(camlo_domain::text::nfc)
        .filter(|t| !t.is_empty());
    let from = f.state;
    let to = feedback::check(from, action, f.consent_at.is_some(), text.as_deref())?;
    let now = state.now_ts();
    let from_unit = f.unit_id;
    match action {
        Action::Route => {
            let unit = match input.unit_id.as_deref().map(str::trim) {
                None | Some("") => f.unit_id,
                Some(raw) => {
                    let id = raw
                        .parse::<i64>()
                        .map_err(|_| AppError::from(FeedbackError::BadUnit))?;
                    target(state, id).await?.id
                }
            };
            f.unit_id = unit;
        }
        Action::Answer => {
            f.answer.clone_from(&text);
            f.answered_by = Some(actor.account.id);
            f.answered_at = Some(now);
        }
        Action::Publish => f.published_at = Some(now),
        Action::Reject => {
            f.rejected_at = Some(now);
            f.reject_reason.clone_from(&text);
        }
    }
    f.state = to;
    let (actor_id, who) = camlo_web::units::actor_name(ctx);
    let mut entry = ctx.who.entry(
        state,
        Some(actor),
        &format!("feedback.{}", action.as_str()),
        format!("feedback:{}", f.code),
        Outcome::Success,
    );
    entry.unit_id = Some(from_unit.0);
    entry.detail = serde_json::json!({ "from": from.as_str(), "to": to.as_str(), "from_unit": from_unit.0, "to_unit": f.unit_id.0, "reason": f.reject_reason }).to_string();
    let mut f = state
        .store
        .write(move |tx| {
            Box::pin(async move {
                match camlo_store::feedback::update(tx, &f, now).await {
                    Ok(()) => {}
                    Err(StoreError::Conflict(_)) => return Err(FeedbackError::Concurrent.into()),
                    Err(e) => return Err(AppError::from(e)),
                }
                camlo_store::feedback::add_event(
                    tx,
                    f.id,
                    &Event {
                        at: now,
                        actor: who,
                        actor_id,
                        action: action.as_str().into(),
                        from_state: from.as_str().into(),
                        to_state: to.as_str().into(),
                        from_unit_id: Some(from_unit.0),
                        to_unit_id: Some(f.unit_id.0),
                        note: text,
                    },
                )
                .await?;
                audit::append(tx, &entry).await?;
                Ok::<_, AppError>(f)
            })
        })
        .await?;
    f.revision += 1;
    Ok(f)
}

/// An item by code, or FBK-0011 (a malformed code too, so codes cannot be probed by shape).
pub async fn by_code(state: &AppState, code: &str) -> AppResult<Feedback> {
    let code = FeedbackCode::parse(code).map_err(|_| AppError::from(FeedbackError::NotFound))?;
    match camlo_store::feedback::by_code(&state.store, code.as_str()).await {
        Ok(f) => Ok(f),
        Err(StoreError::NotFound) => Err(FeedbackError::NotFound.into()),
        Err(e) => Err(e.into()),
    }
}

/// What anyone may see of an item: its status; the question and answer once published.
/// Never the asker's name or contact.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PublicView {
    /// Code.
    pub code: String,
    /// `feedback` or `question`.
    pub kind: String,
    /// Kind, in Vietnamese.
    pub kind_label: String,
    /// State name.
    pub status: String,
    /// State, in Vietnamese.
    pub status_label: String,
    /// The unit handling it.
    pub unit_id: i64,
    /// Its name.
    pub unit_name: String,
    /// Submitted, RFC 3339.
    pub submitted_at: String,
    /// Submitted, `dd/mm/yyyy HH:MM` in Asia/Ho_Chi_Minh.
    pub submitted_at_local: String,
    /// Title (published items only).
    pub title: Option<String>,
    /// Body (published items only).
    pub body: Option<String>,
    /// Answer (published items only).
    pub answer: Option<String>,
    /// Answered, `dd/mm/yyyy HH:MM` (published items only).
    pub answered_at_local: Option<String>,
    /// Published, RFC 3339.
    pub published_at: Option<String>,
    /// Published, `dd/mm/yyyy HH:MM`.
    pub published_at_local: Option<String>,
}

/// The public view of an item.
pub async fn public_view(state: &AppState, f: &Feedback) -> AppResult<PublicView> {
    let unit = units::get(&state.store, f.unit_id).await?;
    let published = f.state == FeedbackState::Published;
    let local = |t: Option<i64>| t.map(|t| format_local(camlo_store::from_ts(t)));
    Ok(PublicView {
        code: f.code.clone(),
        kind: f.kind.as_str().into(),
        kind_label: f.kind.label_vi().into(),
        status: f.state.as_str().into(),
        status_label: f.state.label_vi().into(),
        unit_id: unit.id.0,
        unit_name: unit.name,
        submitted_at: camlo_store::from_ts(f.created_at).to_rfc3339(),
        submitted_at_local: format_local(camlo_store::from_ts(f.created_at)),
        title: published.then(|| f.title.clone()),
        body: published.then(|| f.body.clone()),
        answer: if published { f.answer.clone() } else { None },
        answered_at_local: if published {
            local(f.answered_at)
        } else {
            None
        },
        published_at: f
            .published_at
            .filter(|_| published)
            .map(|t| camlo_store::from_ts(t).to_rfc3339()),
        published_at_local: if published {
            local(f.published_at)
        } else {
            None
        },
    })
}

/// Published items (newest first), optionally of one unit, as public views.
pub async fn published(
    state: &AppState,
    unit: Option<UnitId>,
    page: i64,
) -> AppResult<Vec<PublicView>> {
    const PER_PAGE: i64 = 20;
    let offset = (page.max(1) - 1).saturating_mul(PER_PAGE);
    let mut out = Vec::new();
    for f in camlo_store::feedback::published(&state.store, unit, PER_PAGE, offset).await? {
        out.push(public_view(state, &f).await?);
    }
    Ok(out)
}
