//! One-stop pages: the procedure catalogue, the online filing journey (one thing per page, check
//! your answers, confirmation with the code), the applicant's dossiers, the officials' inbox and
//! counter intake, dossier pages with their actions, and the public lookup.

use axum::Extension;
use axum::extract::{Multipart, State};
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::accounts::Role;
use camlo_domain::clock::{format_local, to_local};
use camlo_domain::dossiers::{Action, DossierId, DossierState};
use camlo_domain::procedures::Procedure;
use camlo_domain::units::{UnitId, UnitKind};
use camlo_store::dossiers::Dossier;
use camlo_store::{StoreError, procedures, units};
use chrono::Datelike;
use minijinja::{Value, context};
use serde::Deserialize;

use crate::api::{CatalogueQuery, filter, lookup_view};
use crate::service::{self, ActInput, ApplicantInput, CreateInput};
use crate::{DOSSIER, HANDLERS, OFFICERS};
use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppForm, AppPath, AppQuery};
use camlo_web::i18n::Lang;
use camlo_web::middleware::Ctx;
use camlo_web::pages::{form_errors, page};
use camlo_web::policy::{Access, PUBLIC, SIGNED_IN, Scope, rule, takes_upload};
use camlo_web::templates::ser;
use camlo_web::{AppState, Routes};

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/thu-tuc", PUBLIC, catalogue)
        .add(Method::GET, "/thu-tuc/{code}", PUBLIC, procedure_page)
        .add(Method::GET, "/nop-ho-so/{code}", SIGNED_IN, start_page)
        .add(Method::POST, "/nop-ho-so/{code}", SIGNED_IN, start_submit)
        .add(Method::GET, "/ho-so", SIGNED_IN, my_dossiers)
        .add(Method::GET, "/ho-so/{id}", DOSSIER, dossier_page)
        .add(Method::GET, "/ho-so/{id}/tai-lieu", DOSSIER, documents_page)
        .add(
            Method::POST,
            "/ho-so/{id}/tai-lieu",
            takes_upload(DOSSIER),
            upload,
        )
        .add(Method::GET, "/ho-so/{id}/kiem-tra", DOSSIER, review_page)
        .add(Method::POST, "/ho-so/{id}/thao-tac/{action}", DOSSIER, act)
        .add(Method::GET, "/ho-so/{id}/tep/{file}", DOSSIER, download)
        .add(Method::GET, "/ho-so/{id}/giay-hen.pdf", DOSSIER, receipt)
        .add(
            Method::GET,
            "/ho-so/{id}/phieu-bo-sung.pdf",
            DOSSIER,
            supplement_request,
        )
        .add(
            Method::GET,
            "/ho-so/{id}/phieu-tu-choi.pdf",
            DOSSIER,
            refusal,
        )
        .add(
            Method::GET,
            "/mot-cua",
            rule(Access::Roles(HANDLERS), Scope::None),
            inbox,
        )
        .add(
            Method::GET,
            "/mot-cua/tiep-nhan",
            rule(Access::Roles(OFFICERS), Scope::None),
            intake_page,
        )
        .add(
            Method::POST,
            "/mot-cua/tiep-nhan",
            rule(Access::Roles(OFFICERS), Scope::None),
            intake_submit,
        )
        .add(Method::GET, "/tra-cuu", PUBLIC, lookup_page)
}

fn level_labels(p: &Procedure, lang: Lang) -> String {
    p.levels
        .iter()
        .map(|l| {
            if lang == Lang::En {
                l.label_en()
            } else {
                l.label_vi()
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn procedure_value(p: &Procedure, lang: Lang) -> Value {
    context! {
        code => p.code.clone(), name => p.name.clone(), sector => p.sector.clone(), levels => level_labels(p, lang),
        agency => p.agency.clone(), legal_time => if lang == Lang::En { p.legal_time.text_en() } else { p.legal_time.text_vi() },
        fees => p.fees.clone(), result => p.result.clone(), legal_basis => p.legal_basis.clone(),
        online => p.online.as_str(), online_ok => p.online.accepts_online(),
        documents => ser(&p.documents), steps => ser(p.steps.iter().map(|s| serde_json::json!({ "name": s.name, "role": if lang == Lang::En { s.role.label_en() } else { s.role.label_vi() } })).collect::<Vec<_>>()),
        version => p.version,
    }
}

async fn catalogue(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<CatalogueQuery>,
) -> AppResult<Response> {
    let today = to_local(state.clock.now()).date();
    let list: Vec<Value> = procedures::list(&state.store, today, &filter(&q))
        .await?
        .iter()
        .map(|p| procedure_value(p, ctx.lang))
        .collect();
    let sectors = procedures::sectors(&state.store).await?;
    page(
        &state,
        &ctx,
        "onestop/catalogue.html",
        context! { procedures => list, sectors, q => q.q.clone().unwrap_or_default(), sector => q.sector.clone().unwrap_or_default(), level => q.level.clone().unwrap_or_default() },
    )
}

async fn current_procedure(state: &AppState, code: &str) -> AppResult<Procedure> {
    let today = to_local(state.clock.now()).date();
    procedures::current(&state.store, code, today)
        .await
        .map_err(|_| AppError::new(StatusCode::NOT_FOUND, "PRO-0004"))
}

async fn procedure_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let p = current_procedure(&state, &code).await?;
    page(
        &state,
        &ctx,
        "onestop/procedure.html",
        context! { p => procedure_value(&p, ctx.lang) },
    )
}

/// One-stop offices valid today (where a dossier can be filed).
async fn offices(state: &AppState) -> AppResult<Vec<Value>> {
    let today = to_local(state.clock.now()).date();
    Ok(units::list(&state.store, Some(today))
        .await?
        .into_iter()
        .filter(|u| u.kind == UnitKind::OneStopOffice)
        .map(|u| context! { id => u.id.0, name => u.name })
        .collect())
}

async fn start_view(
    state: &AppState,
    ctx: &Ctx,
    p: &Procedure,
    form: &StartForm,
    errors: &[AppError],
) -> AppResult<Response> {
    let mut res = page(
        state,
        ctx,
        "onestop/start.html",
        context! { p => procedure_value(p, ctx.lang), offices => offices(state).await?, form => ser(form), errors => form_errors(ctx, errors) },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

/// Step 1 of filing: who applies and where.
#[derive(Debug, Default, Deserialize, serde::Serialize)]
struct StartForm {
    #[serde(flatten)]
    applicant: ApplicantInput,
    #[serde(default)]
    receiving_unit_id: String,
}

async fn start_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    let p = current_procedure(&state, &code).await?;
    let a = ctx.actor()?;
    let form = StartForm {
        applicant: ApplicantInput {
            name: a.account.display_name.clone(),
            email: a.account.email.clone().unwrap_or_default(),
            phone: a.account.phone.clone().unwrap_or_default(),
            ..ApplicantInput::default()
        },
        receiving_unit_id: String::new(),
    };
    start_view(&state, &ctx, &p, &form, &[]).await
}

async fn start_submit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
    AppForm(form): AppForm<StartForm>,
) -> AppResult<Response> {
    let p = current_procedure(&state, &code).await?;
    let year = to_local(state.clock.now()).year();
    let applicant = match service::parse_applicant(&form.applicant, year) {
        Ok(a) => a,
        Err(errors) => return start_view(&state, &ctx, &p, &form, &errors).await,
    };
    let Ok(unit) = form.receiving_unit_id.parse::<i64>() else {
        return start_view(
            &state,
            &ctx,
            &p,
            &form,
            &[AppError::invalid("DOS-0015").field("receiving_unit_id")],
        )
        .await;
    };
    let input = CreateInput {
        procedure_code: p.code.clone(),
        receiving_unit: UnitId(unit),
        applicant,
        channel: "online",
        submit: false,
        idempotency_key: None,
    };
    match service::create(&state, &ctx, input).await {
        Ok((d, _)) => Ok(Redirect::to(&format!("/ho-so/{}/tai-lieu", d.id.0)).into_response()),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            start_view(&state, &ctx, &p, &form, &[e]).await
        }
        Err(e) => Err(e),
    }
}

/// Loads a dossier by id that the actor may see.
async fn visible(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<Dossier> {
    let d = match camlo_store::dossiers::get(&state.store, DossierId(id)).await {
        Ok(d) => d,
        Err(StoreError::NotFound) => return Err(AppError::new(StatusCode::NOT_FOUND, "DOS-0007")),
        Err(e) => return Err(e.into()),
    };
    if service::may_see(state, ctx.actor()?, &d).await? {
        Ok(d)
    } else {
        Err(AppError::new(StatusCode::NOT_FOUND, "DOS-0007"))
    }
}

async fn dossier_value(state: &AppState, ctx: &Ctx, d: &Dossier) -> AppResult<Value> {
    let p = procedures::get(&state.store, d.procedure_id).await?;
    let office = units::get(&state.store, d.receiving_unit_id).await?;
    let current = units::get(&state.store, d.current_unit_id).await?;
    let (urgency, left) = service::urgency(state, d).await?;
    let files: Vec<Value> = camlo_store::dossiers::files(&state.store, d.id)
        .await?
        .into_iter()
        .map(|f| context! { id => f.id, name => f.file_name, size => f.size, purpose => f.purpose, document_index => f.document_index })
        .collect();
    let history = camlo_store::dossiers::events(&state.store, d.id).await?;
    // Forms the office issued: Mẫu 02 after a request for completion or supplement, Mẫu 03
    // after a refusal or rejection.
    let has = |names: &[&str]| history.iter().any(|e| names.contains(&e.action.as_str()));
    let supplement_form = has(&["request_completion", "request_supplement"]);
    // The applicant sees a refusal's reasons as the answer, never a proposal's internal note.
    let reject_reason = history
        .iter()
        .rev()
        .find(|e| e.action == "reject")
        .and_then(|e| e.note.clone());
    let refusal_form = has(&["refuse", "reject"]);
    // The applicant reads the steps in words and the notes written to them; internal notes
    // (a proposal, a send-back) stay with the officials.
    let applicant = ctx
        .actor
        .as_ref()
        .is_some_and(|a| d.applicant_account_id == Some(a.account.id));
    let en = ctx.lang == Lang::En;
    let events: Vec<Value> = history
        .into_iter()
        .map(|e| {
            let action = Action::parse(&e.action);
            let label = action.map_or(if en { "Created" } else { "Tạo hồ sơ" }, |a| if en { a.done_en() } else { a.done_vi() });
            let to = DossierState::parse(&e.to_state).map_or("", |s| if en { s.label_en() } else { s.label_vi() });
            let note = if !applicant || action.is_some_and(Action::note_is_public) { e.note } else { None };
            context! { at => format_local(camlo_store::from_ts(e.at)), actor => if applicant { None } else { Some(e.actor) }, action => label, to, note }
        })
        .collect();
    let fmt = |t: Option<i64>| t.map(|t| format_local(camlo_store::from_ts(t)));
    let cccd = d
        .applicant_cccd
        .as_deref()
        .and_then(|c| camlo_domain::accounts::Cccd::parse(c, 9999).ok())
        .map(|c| c.masked());
    Ok(context! {
        id => d.id.0, code => d.code.clone(), state => d.state.as_str(),
        status => if ctx.lang == Lang::En { d.state.label_en() } else { d.state.label_vi() },
        procedure => procedure_value(&p, ctx.lang), office => office.name, current_unit => current.name,
        applicant_name => d.applicant_name.clone(), applicant_address => d.applicant_address.clone(),
        applicant_phone => d.applicant_phone.clone(), applicant_email => d.applicant_email.clone(), applicant_cccd => cccd,
        submitted_at => fmt(d.submitted_at), received_at => fmt(d.received_at), due_at => fmt(d.due_at),
        returned_at => fmt(d.returned_at),
        result_note => if applicant { reject_reason } else { d.result_note.clone() },
        urgency, left,
        files, events, channel => d.channel.clone(), lookup_secret => d.lookup_secret.clone(),
        supplement_form, refusal_form,
    })
}

async fn documents_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, id).await?;
    documents_view(&state, &ctx, &d, &[]).await
}

async fn documents_view(
    state: &AppState,
    ctx: &Ctx,
    d: &Dossier,
    errors: &[AppError],
) -> AppResult<Response> {
    let mut res = page(
        state,
        ctx,
        "onestop/documents.html",
        context! { d => dossier_value(state, ctx, d).await?, errors => form_errors(ctx, errors) },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn upload(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    mut multipart: Multipart,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, id).await?;
    if !matches!(
        d.state,
        DossierState::Draft
            | DossierState::IntakeIncomplete
            | DossierState::SupplementRequested
            | DossierState::Submitted
            | DossierState::Received
    ) {
        return Err(AppError::conflict("DOS-0001"));
    }
    let mut document_index = None;
    let mut stored = 0;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| AppError::bad_request())?
    {
        match field.name() {
            Some("document_index") => {
                document_index = field.text().await.ok().and_then(|t| t.parse::<i64>().ok())
            }
            Some("file") => {
                let name = field.file_name().unwrap_or("tep").to_owned();
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|_| AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "DOS-0011"))?;
                if bytes.is_empty() {
                    continue;
                }
                let purpose = if d.state == DossierState::SupplementRequested {
                    "supplement"
                } else {
                    "application"
                };
                if let Err(e) =
                    service::attach(&state, &ctx, &d, document_index, &name, &bytes, purpose).await
                {
                    return if e.status.is_client_error() {
                        documents_view(&state, &ctx, &d, &[e]).await
                    } else {
                        Err(e)
                    };
                }
                stored += 1;
            }
            _ => {}
        }
    }
    if stored == 0 {
        return documents_view(
            &state,
            &ctx,
            &d,
            &[AppError::invalid("DOS-0016").field("file")],
        )
        .await;
    }
    Ok(Redirect::to(&format!("/ho-so/{id}/tai-lieu?m=saved")).into_response())
}

async fn review_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, id).await?;
    page(
        &state,
        &ctx,
        "onestop/review.html",
        context! { d => dossier_value(&state, &ctx, &d).await? },
    )
}

async fn allowed_actions(state: &AppState, ctx: &Ctx, d: &Dossier) -> AppResult<Vec<Value>> {
    let a = ctx.actor()?;
    let owner = d.applicant_account_id == Some(a.account.id);
    let mut out = Vec::new();
    for (act, needs_note) in service::possible_actions(state, a, d).await? {
        if act == Action::Submit && d.state == DossierState::Draft && !owner {
            continue;
        }
        // A leader picks the specialist by name (a specialist takes it for themselves).
        let assignees: Vec<Value> = if matches!(act, Action::Assign | Action::Reassign)
            && service::roles_over(state, a, d)
                .await?
                .contains(&Role::UnitLeader)
        {
            service::specialists_for(state, d.current_unit_id)
                .await?
                .into_iter()
                .filter(|h| Some(h.account) != d.assignee_id)
                .map(|h| context! { id => h.account.0, name => h.display_name })
                .collect()
        } else {
            Vec::new()
        };
        // Refusals, withdrawals and returns cannot be undone: the page asks first.
        let confirm = matches!(
            act,
            Action::Refuse
                | Action::Reject
                | Action::Withdraw
                | Action::ReturnOnSpot
                | Action::ReturnResult
        );
        out.push(context! {
            name => act.as_str(), label => act.label_vi(), needs_note, assignees, confirm,
            public_note => act.note_is_public(),
            secondary => matches!(act, Action::Refuse | Action::Reject | Action::Withdraw | Action::SendBack | Action::RequestCompletion | Action::RequestSupplement),
        });
    }
    Ok(out)
}

async fn dossier_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, id).await?;
    dossier_view(&state, &ctx, &d, &[]).await
}

async fn dossier_view(
    state: &AppState,
    ctx: &Ctx,
    d: &Dossier,
    errors: &[AppError],
) -> AppResult<Response> {
    let actions = allowed_actions(state, ctx, d).await?;
    let mut res = page(
        state,
        ctx,
        "onestop/dossier.html",
        context! { d => dossier_value(state, ctx, d).await?, actions, errors => form_errors(ctx, errors) },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn act(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, action)): AppPath<(i64, String)>,
    AppForm(input): AppForm<ActInput>,
) -> AppResult<Response> {
    let action = Action::parse(&action).ok_or_else(AppError::not_found)?;
    let d = visible(&state, &ctx, id).await?;
    match service::act(&state, &ctx, d.clone(), action, &input).await {
        Ok(_) => Ok(Redirect::to(&format!(
            "/ho-so/{id}?m={}",
            if action == Action::Submit {
                "submitted"
            } else {
                "saved"
            }
        ))
        .into_response()),
        Err(e) if e.status.is_client_error() && e.status != StatusCode::NOT_FOUND => {
            dossier_view(&state, &ctx, &d, &[e]).await
        }
        Err(e) => Err(e),
    }
}

async fn download(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, file)): AppPath<(i64, i64)>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, id).await?;
    let f = camlo_store::dossiers::files(&state.store, d.id)
        .await?
        .into_iter()
        .find(|f| f.id == file)
        .ok_or_else(AppError::not_found)?;
    crate::service::log_file_read(&state, &ctx, &d, &f).await?;
    let blobs = state.blobs();
    let sha = f.sha256.clone();
    let bytes = tokio::task::spawn_blocking(move || blobs.get(&sha))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    let mut res = bytes.into_response();
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    let ascii: String = f
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded: String =
        percent_encoding::utf8_percent_encode(&f.file_name, percent_encoding::NON_ALPHANUMERIC)
            .collect();
    if let Ok(v) = HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}"
    )) {
        h.insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(res)
}

async fn receipt(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, id).await?;
    let pdf = crate::receipt::pdf(&state, &d, &ctx.host).await?;
    Ok(crate::api::pdf_response(pdf, "giay-hen", &d))
}

async fn supplement_request(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, id).await?;
    let pdf = crate::receipt::supplement_pdf(&state, &d).await?;
    Ok(crate::api::pdf_response(pdf, "phieu-bo-sung", &d))
}

async fn refusal(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let d = visible(&state, &ctx, id).await?;
    let pdf = crate::receipt::refusal_pdf(&state, &d).await?;
    Ok(crate::api::pdf_response(pdf, "phieu-tu-choi", &d))
}

async fn row(state: &AppState, ctx: &Ctx, d: &Dossier) -> AppResult<Value> {
    let p = procedures::get(&state.store, d.procedure_id).await?;
    let (urgency, left) = service::urgency(state, d).await?;
    Ok(context! {
        id => d.id.0, code => d.code.clone(), procedure => p.name, applicant => d.applicant_name.clone(),
        status => if ctx.lang == Lang::En { d.state.label_en() } else { d.state.label_vi() },
        due_at => d.due_at.map(|t| format_local(camlo_store::from_ts(t))), urgency, left,
    })
}

async fn my_dossiers(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let mut rows = Vec::new();
    for d in camlo_store::dossiers::of_applicant(&state.store, a.account.id).await? {
        rows.push(row(&state, &ctx, &d).await?);
    }
    page(&state, &ctx, "onestop/mine.html", context! { rows })
}

/// The official's desk: tabs by what must be done (with counts), search by code, name, phone
/// or CCCD, filters by procedure and date; overdue first, then by due time.
async fn inbox(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(filter): AppQuery<service::DeskFilter>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let view = crate::api::desk_view(&state, &ctx, &filter).await?;
    let total: i64 = view.queues.iter().map(|q| q.count).sum();
    let tab = filter.tab.clone().unwrap_or_default();
    let today = to_local(state.clock.now()).date();
    let procs: Vec<Value> = procedures::list(&state.store, today, &procedures::Filter::default())
        .await?
        .iter()
        .map(|p| context! { code => p.code.clone(), name => p.name.clone() })
        .collect();
    // The link of a tab keeps the search and filters.
    let keep = serde_urlencoded::to_string(service::DeskFilter {
        tab: None,
        ..filter.clone()
    })
    .unwrap_or_default();
    let rows: Vec<Value> = view
        .items
        .iter()
        .map(|i| {
            context! {
                id => i.dossier.id, code => i.dossier.code.clone(), procedure => i.dossier.procedure_name.clone(),
                applicant => i.dossier.applicant_name.clone(), status => i.dossier.status_label.clone(),
                due_at => i.dossier.due_at_local.clone(), urgency => i.urgency.clone(), left => i.time_left.clone(),
                waiting => i.waiting.clone(), received => i.dossier.received_at_local.clone(),
            }
        })
        .collect();
    page(
        &state,
        &ctx,
        "onestop/inbox.html",
        context! {
            queues => view.queues.iter().map(|q| context! { key => q.key.clone(), label => q.label.clone(), count => q.count }).collect::<Vec<_>>(),
            total, tab, keep, rows, procedures => procs, filter => ser(&filter),
            is_officer => a.has_role(Role::OneStopOfficer),
        },
    )
}

#[derive(Debug, Default, Deserialize, serde::Serialize)]
struct IntakeForm {
    #[serde(flatten)]
    applicant: ApplicantInput,
    #[serde(default)]
    procedure_code: String,
    #[serde(default)]
    receiving_unit_id: String,
}

async fn intake_view(
    state: &AppState,
    ctx: &Ctx,
    form: &IntakeForm,
    errors: &[AppError],
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let today = to_local(state.clock.now()).date();
    let covered = crate::service::units_handled(state, a, &[Role::OneStopOfficer]).await?;
    let my_offices: Vec<Value> = units::list(&state.store, Some(today))
        .await?
        .into_iter()
        .filter(|u| u.kind == UnitKind::OneStopOffice && covered.contains(&u.id))
        .map(|u| context! { id => u.id.0, name => u.name })
        .collect();
    let procs: Vec<Value> = procedures::list(&state.store, today, &procedures::Filter::default())
        .await?
        .iter()
        .map(|p| context! { code => p.code.clone(), name => p.name.clone() })
        .collect();
    let mut res = page(
        state,
        ctx,
        "onestop/intake.html",
        context! { offices => my_offices, procedures => procs, form => ser(form), errors => form_errors(ctx, errors) },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn intake_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    intake_view(&state, &ctx, &IntakeForm::default(), &[]).await
}

async fn intake_submit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<IntakeForm>,
) -> AppResult<Response> {
    let year = to_local(state.clock.now()).year();
    let applicant = match service::parse_applicant(&form.applicant, year) {
        Ok(a) => a,
        Err(errors) => return intake_view(&state, &ctx, &form, &errors).await,
    };
    let Ok(unit) = form.receiving_unit_id.parse::<i64>() else {
        return intake_view(
            &state,
            &ctx,
            &form,
            &[AppError::invalid("DOS-0015").field("receiving_unit_id")],
        )
        .await;
    };
    let input = CreateInput {
        procedure_code: form.procedure_code.clone(),
        receiving_unit: UnitId(unit),
        applicant,
        channel: "counter",
        submit: true,
        idempotency_key: None,
    };
    match service::create(&state, &ctx, input).await {
        Ok((d, _)) => Ok(Redirect::to(&format!("/ho-so/{}?m=received", d.id.0)).into_response()),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            intake_view(&state, &ctx, &form, &[e]).await
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize, Default)]
struct LookupForm {
    code: Option<String>,
    secret: Option<String>,
}

async fn lookup_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<LookupForm>,
) -> AppResult<Response> {
    let code = q.code.clone().unwrap_or_default();
    let (mut result, mut errors) = (None, Vec::new());
    if !code.trim().is_empty() {
        match lookup_view(&state, &ctx, &code, q.secret.as_deref()).await {
            Ok(v) => result = Some(ser(v)),
            Err(e) if e.status.is_client_error() => errors.push(e.field("code")),
            Err(e) => return Err(e),
        }
    }
    let mut res = page(
        &state,
        &ctx,
        "onestop/lookup.html",
        context! { code, secret => q.secret.clone().unwrap_or_default(), result, errors => form_errors(&ctx, &errors) },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}
