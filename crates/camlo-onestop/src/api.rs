//! `/api/v1` for the one-stop shop: procedures, dossiers, actions, receipts, lookup.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use camlo_domain::clock::to_local;
use camlo_domain::dossiers::{Action, DossierState};
use camlo_domain::procedures::{Level, Procedure};
use camlo_domain::units::UnitId;
use camlo_store::dossiers::Dossier;
use camlo_store::procedures;
use chrono::Datelike;
use serde::{Deserialize, Serialize};

use crate::DOSSIER_CODE;
use crate::service::{self, ActInput, ApplicantInput, CreateInput};
use camlo_web::api::{local, rfc};
use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppJson, AppPath, AppQuery};
use camlo_web::middleware::Ctx;
use camlo_web::policy::{PUBLIC, SIGNED_IN};
use camlo_web::{AppState, Routes};

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/procedures", PUBLIC, list_procedures)
        .add(
            Method::GET,
            "/api/v1/procedures/{code}",
            PUBLIC,
            get_procedure,
        )
        .add(Method::POST, "/api/v1/dossiers", SIGNED_IN, create)
        .add(Method::GET, "/api/v1/dossiers", SIGNED_IN, mine)
        .add(Method::GET, "/api/v1/dossiers/{code}", DOSSIER_CODE, get)
        .add(
            Method::POST,
            "/api/v1/dossiers/{code}/actions/{action}",
            DOSSIER_CODE,
            act,
        )
        .add(
            Method::GET,
            "/api/v1/dossiers/{code}/receipt.pdf",
            DOSSIER_CODE,
            receipt,
        )
        .add(
            Method::GET,
            "/api/v1/dossiers/{code}/supplement-request.pdf",
            DOSSIER_CODE,
            supplement_request,
        )
        .add(
            Method::GET,
            "/api/v1/dossiers/{code}/refusal.pdf",
            DOSSIER_CODE,
            refusal,
        )
        .add(Method::GET, "/api/v1/lookup/{code}", PUBLIC, lookup)
        .add(
            Method::GET,
            "/api/v1/desk",
            camlo_web::policy::rule(
                camlo_web::policy::Access::Roles(crate::HANDLERS),
                camlo_web::policy::Scope::None,
            ),
            desk,
        )
        .add(
            Method::GET,
            "/api/v1/dossiers/{code}/assignees",
            DOSSIER_CODE,
            assignees,
        )
}

/// Query for the catalogue.
#[derive(Debug, Deserialize, Default)]
pub struct CatalogueQuery {
    /// Words, with or without diacritics.
    pub q: Option<String>,
    /// Sector.
    pub sector: Option<String>,
    /// `commune`, `district` or `province`.
    pub level: Option<String>,
}

/// The catalogue filter from a query.
pub fn filter(q: &CatalogueQuery) -> procedures::Filter {
    procedures::Filter {
        text: q.q.clone().filter(|s| !s.trim().is_empty()),
        sector: q.sector.clone().filter(|s| !s.is_empty()),
        level: match q.level.as_deref() {
            Some("commune") => Some(Level::Commune),
            Some("district") => Some(Level::District),
            Some("province") => Some(Level::Province),
            _ => None,
        },
    }
}

async fn list_procedures(
    State(state): State<AppState>,
    AppQuery(q): AppQuery<CatalogueQuery>,
) -> AppResult<AppJson<Vec<Procedure>>> {
    let today = to_local(state.clock.now()).date();
    Ok(AppJson(
        procedures::list(&state.store, today, &filter(&q)).await?,
    ))
}

async fn get_procedure(
    State(state): State<AppState>,
    AppPath(code): AppPath<String>,
) -> AppResult<AppJson<Procedure>> {
    let today = to_local(state.clock.now()).date();
    procedures::current(&state.store, &code, today)
        .await
        .map(AppJson)
        .map_err(|_| AppError::new(StatusCode::NOT_FOUND, "PRO-0004"))
}

/// `POST /api/v1/dossiers` body.
#[derive(Debug, Deserialize)]
pub struct CreateRequest {
    /// Procedure code.
    pub procedure_code: String,
    /// Receiving one-stop office (unit id).
    pub receiving_unit_id: i64,
    /// Applicant.
    pub applicant: ApplicantInput,
    /// File at once (default true); at the counter, also accept at once.
    #[serde(default = "yes")]
    pub submit: bool,
    /// `online` (default for citizens) or `counter` (officers).
    pub channel: Option<String>,
}

fn yes() -> bool {
    true
}

/// A dossier as the API shows it.
#[derive(Debug, Serialize, Deserialize)]
pub struct DossierView {
    /// Id.
    pub id: i64,
    /// Code (once filed).
    pub code: Option<String>,
    /// State name.
    pub status: String,
    /// State, in Vietnamese.
    pub status_label: String,
    /// Due, RFC 3339.
    pub due_at: Option<String>,
    /// Due, as Vietnamese people read it: `dd/mm/yyyy HH:MM` in Asia/Ho_Chi_Minh.
    pub due_at_local: Option<String>,
    /// Procedure code.
    pub procedure_code: String,
    /// Procedure name.
    pub procedure_name: String,
    /// Applicant.
    pub applicant_name: String,
    /// Received, RFC 3339.
    pub received_at: Option<String>,
    /// Received, `dd/mm/yyyy HH:MM` in Asia/Ho_Chi_Minh.
    pub received_at_local: Option<String>,
    /// Lookup secret (only to the applicant and officials).
    pub lookup_secret: Option<String>,
    /// History (only with the right to see it).
    pub history: Option<Vec<serde_json::Value>>,
    /// Files (only with the right to see them).
    pub files: Option<Vec<serde_json::Value>>,
    /// The unit holding the dossier now (only with the right to see the history).
    pub current_unit: Option<String>,
    /// The specialist in charge (account id), once assigned.
    pub assignee_id: Option<i64>,
    /// What the caller can do now (action names for `/actions/{action}`); only to officials
    /// and the applicant.
    pub actions: Option<Vec<String>>,
}

async fn view(state: &AppState, d: &Dossier, full: bool) -> AppResult<DossierView> {
    view_as(state, d, full, true).await
}

/// The view of a dossier; `official` shows who did each step and the internal notes (the
/// applicant and the public lookup see the steps in words and the notes written to them).
async fn view_as(
    state: &AppState,
    d: &Dossier,
    full: bool,
    official: bool,
) -> AppResult<DossierView> {
    let p = procedures::get(&state.store, d.procedure_id).await?;
    let (history, files) = if full {
        let h = camlo_store::dossiers::events(&state.store, d.id)
            .await?
            .into_iter()
            .map(|e| {
                let action = Action::parse(&e.action);
                let to = DossierState::parse(&e.to_state);
                // Internal notes (a proposal, a send-back) stay inside the office.
                let note = if official || action.is_some_and(Action::note_is_public) {
                    e.note
                } else {
                    None
                };
                serde_json::json!({
                    "at": camlo_store::from_ts(e.at).to_rfc3339(),
                    "at_local": camlo_domain::clock::format_local(camlo_store::from_ts(e.at)),
                    "actor": if official { Some(e.actor) } else { None },
                    "action": e.action,
                    "action_label": action.map_or("Tạo hồ sơ", Action::done_vi),
                    "from": e.from_state, "to": e.to_state,
                    "to_label": to.map_or("", DossierState::label_vi),
                    "note": note,
                })
            })
            .collect();
        let f = camlo_store::dossiers::files(&state.store, d.id)
            .await?
            .into_iter()
            .map(|f| serde_json::json!({ "id": f.id, "name": f.file_name, "size": f.size, "type": f.content_type, "purpose": f.purpose, "sha256": f.sha256 }))
            .collect();
        (Some(h), Some(f))
    } else {
        (None, None)
    };
    Ok(DossierView {
        id: d.id.0,
        code: d.code.clone(),
        status: d.state.as_str().into(),
        status_label: d.state.label_vi().into(),
        due_at: rfc(d.due_at),
        due_at_local: local(d.due_at),
        procedure_code: p.code,
        procedure_name: p.name,
        applicant_name: if full {
            d.applicant_name.clone()
        } else {
            String::new()
        },
        received_at: rfc(d.received_at),
        received_at_local: local(d.received_at),
        lookup_secret: if full { d.lookup_secret.clone() } else { None },
        history,
        files,
        current_unit: if full {
            Some(
                camlo_store::units::get(&state.store, d.current_unit_id)
                    .await?
                    .name,
            )
        } else {
            None
        },
        assignee_id: if full {
            d.assignee_id.map(|a| a.0)
        } else {
            None
        },
        actions: None,
    })
}

async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    headers: HeaderMap,
    AppJson(body): AppJson<CreateRequest>,
) -> AppResult<Response> {
    let key = headers
        .get("idempotency-key")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let year = to_local(state.clock.now()).year();
    let applicant = service::parse_applicant(&body.applicant, year).map_err(|mut e| e.remove(0))?;
    let channel = if body.channel.as_deref() == Some("counter") {
        "counter"
    } else {
        "online"
    };
    let (d, created) = service::create(
        &state,
        &ctx,
        CreateInput {
            procedure_code: body.procedure_code,
            receiving_unit: UnitId(body.receiving_unit_id),
            applicant,
            channel,
            submit: body.submit,
            idempotency_key: key,
        },
    )
    .await?;
    let status = if created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, axum::Json(view(&state, &d, true).await?)).into_response())
}

async fn mine(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<AppJson<Vec<DossierView>>> {
    let a = ctx.actor()?;
    let mut out = Vec::new();
    for d in camlo_store::dossiers::of_applicant(&state.store, a.account.id).await? {
        out.push(view(&state, &d, false).await?);
    }
    Ok(AppJson(out))
}

/// Loads a dossier by code that the actor may see (404 otherwise, so codes cannot be probed).
pub async fn visible(state: &AppState, ctx: &Ctx, code: &str) -> AppResult<Dossier> {
    let d = service::by_code(state, code).await?;
    if service::may_see(state, ctx.actor()?, &d).await? {
        Ok(d)
    } else {
        Err(AppError::new(StatusCode::NOT_FOUND, "DOS-0007"))
    }
}

async fn get(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<AppJson<DossierView>> {
    let d = visible(&state, &ctx, &code).await?;
    Ok(AppJson(with_actions(&state, &ctx, &d).await?))
}

/// The full view with what the caller can do now.
async fn with_actions(state: &AppState, ctx: &Ctx, d: &Dossier) -> AppResult<DossierView> {
    // Whoever may see a dossier and is not its applicant is an official handling it.
    let official = d.applicant_account_id != Some(ctx.actor()?.account.id);
    let mut v = view_as(state, d, true, official).await?;
    v.actions = Some(
        service::possible_actions(state, ctx.actor()?, d)
            .await?
            .into_iter()
            .map(|(a, _)| a.as_str().to_owned())
            .collect(),
    );
    Ok(v)
}

/// One queue of the desk with its count.
#[derive(Debug, Serialize, Deserialize)]
pub struct QueueCount {
    /// Queue key (`tiep-nhan`, `chuyen-xu-ly`, `phan-cong`, `tham-dinh`, `phe-duyet`,
    /// `tra-ket-qua`, `cho-cong-dan`).
    pub key: String,
    /// Its name in the caller's language.
    pub label: String,
    /// How many dossiers wait in it (under the search and filters).
    pub count: i64,
}

/// A dossier on the desk.
#[derive(Debug, Serialize, Deserialize)]
pub struct DeskItem {
    /// The dossier.
    #[serde(flatten)]
    pub dossier: DossierView,
    /// Its queue key.
    pub queue: String,
    /// `late`, `today`, `soon`, `ok` or `none`.
    pub urgency: String,
    /// Time left or overdue, in words.
    pub time_left: String,
    /// How long it has waited where it is, in words.
    pub waiting: String,
}

/// The desk: queues with counts, and the dossiers (overdue first, then by due time).
#[derive(Debug, Serialize, Deserialize)]
pub struct DeskView {
    /// Queues.
    pub queues: Vec<QueueCount>,
    /// Dossiers.
    pub items: Vec<DeskItem>,
}

/// Builds the desk view for the caller (pages and API share it).
pub async fn desk_view(
    state: &AppState,
    ctx: &Ctx,
    filter: &service::DeskFilter,
) -> AppResult<DeskView> {
    let desk = service::desk(state, ctx.actor()?, filter, 200).await?;
    let en = ctx.lang == camlo_web::i18n::Lang::En;
    let now = state.now_ts();
    let mut items = Vec::new();
    for d in &desk.items {
        let (urgency, time_left) = service::urgency(state, d).await?;
        items.push(DeskItem {
            dossier: view(state, d, true).await?,
            queue: service::queue_of(d.state)
                .map(|q| q.key.to_owned())
                .unwrap_or_default(),
            urgency,
            time_left,
            waiting: service::waiting(d, now, en),
        });
    }
    Ok(DeskView {
        queues: desk
            .counts
            .iter()
            .map(|(q, n)| QueueCount {
                key: q.key.into(),
                label: camlo_web::i18n::t(ctx.lang, &format!("desk.q.{}", q.key.replace('-', ".")))
                    .to_owned(),
                count: *n,
            })
            .collect(),
        items,
    })
}

async fn desk(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(filter): AppQuery<service::DeskFilter>,
) -> AppResult<AppJson<DeskView>> {
    Ok(AppJson(desk_view(&state, &ctx, &filter).await?))
}

/// A specialist one may assign.
#[derive(Debug, Serialize, Deserialize)]
pub struct Assignee {
    /// Account id (the `assignee` of an assign or reassign action).
    pub id: i64,
    /// Name.
    pub name: String,
}

async fn assignees(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<AppJson<Vec<Assignee>>> {
    let d = visible(&state, &ctx, &code).await?;
    if service::roles_over(&state, ctx.actor()?, &d)
        .await?
        .is_empty()
    {
        return Err(AppError::new(StatusCode::NOT_FOUND, "DOS-0007"));
    }
    Ok(AppJson(
        service::specialists_for(&state, d.current_unit_id)
            .await?
            .into_iter()
            .map(|h| Assignee {
                id: h.account.0,
                name: h.display_name,
            })
            .collect(),
    ))
}

async fn act(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((code, action)): AppPath<(String, String)>,
    body: axum::body::Bytes,
) -> AppResult<AppJson<DossierView>> {
    let action = Action::parse(&action).ok_or_else(AppError::not_found)?;
    let input: ActInput = if body.iter().all(u8::is_ascii_whitespace) {
        ActInput::default()
    } else {
        serde_json::from_slice(&body).map_err(|_| AppError::bad_request())?
    };
    let d = visible(&state, &ctx, &code).await?;
    let d = service::act(&state, &ctx, d, action, &input).await?;
    Ok(AppJson(with_actions(&state, &ctx, &d).await?))
}

async fn receipt(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, &code).await?;
    let host = ctx.host.clone();
    let pdf = crate::receipt::pdf(&state, &d, &host).await?;
    Ok(pdf_response(pdf, "giay-hen", &d))
}

async fn supplement_request(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, &code).await?;
    let pdf = crate::receipt::supplement_pdf(&state, &d).await?;
    Ok(pdf_response(pdf, "phieu-bo-sung", &d))
}

async fn refusal(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, &code).await?;
    let pdf = crate::receipt::refusal_pdf(&state, &d).await?;
    Ok(pdf_response(pdf, "phieu-tu-choi", &d))
}

/// A PDF download named `<name>-<code>.pdf` (never shown inline).
pub fn pdf_response(pdf: Vec<u8>, name: &str, d: &Dossier) -> Response {
    let mut res = pdf.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/pdf"),
    );
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{name}-{}.pdf\"",
        d.code.as_deref().unwrap_or("ho-so")
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    res
}

/// Lookup query.
#[derive(Debug, Deserialize, Default)]
pub struct LookupQuery {
    /// The secret printed on the receipt.
    pub secret: Option<String>,
}

/// Lookup: status and due date for anyone with the code; history and files with the secret or
/// as the applicant. A missing code and a wrong secret get the same 404.
pub async fn lookup_view(
    state: &AppState,
    ctx: &Ctx,
    code: &str,
    secret: Option<&str>,
) -> AppResult<DossierView> {
    camlo_web::limits::request(
        state,
        camlo_web::limits::lookups(state),
        &ctx.who.client_key,
        "WEB-0012",
    )
    .await?;
    let d = service::by_code(state, code).await?;
    let owner = ctx
        .actor
        .as_ref()
        .is_some_and(|a| d.applicant_account_id == Some(a.account.id));
    let full = match secret.map(str::trim).filter(|s| !s.is_empty()) {
        Some(s) => {
            let ok = d
                .lookup_secret
                .as_deref()
                .is_some_and(|real| real.eq_ignore_ascii_case(s));
            if !ok {
                return Err(AppError::new(StatusCode::NOT_FOUND, "DOS-0007"));
            }
            true
        }
        None => owner,
    };
    let mut v = view_as(state, &d, full, false).await?;
    if !full {
        // Without the secret: the code, the procedure and the status, nothing more (NĐ 61).
        v.due_at = None;
        v.due_at_local = None;
        v.received_at = None;
        v.received_at_local = None;
    }
    Ok(v)
}

async fn lookup(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
    AppQuery(q): AppQuery<LookupQuery>,
) -> AppResult<AppJson<DossierView>> {
    Ok(AppJson(
        lookup_view(&state, &ctx, &code, q.secret.as_deref()).await?,
    ))
}
