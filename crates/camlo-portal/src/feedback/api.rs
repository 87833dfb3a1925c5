//! `/api/v1/feedback`: submit (public, the same rules as the form), follow by code, and the
//! published questions with their answers. `/api/v1/feedback-inbox`: the officials' inbox as
//! JSON (the items of their units; route, answer, publish, reject), the same service and policy
//! scope as the `/quan-tri/phan-anh` pages.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use camlo_domain::feedback::{Action, RawSubmission, parse_submission};
use camlo_domain::units::UnitId;
use serde::Deserialize;

use camlo_store::feedback::Feedback;

use super::service::{self, ActInput, PublicView, SubmitInput};
use super::{FEEDBACK, FEEDBACK_ITEM};
use camlo_web::api::rfc;
use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppJson, AppPath, AppQuery};
use camlo_web::middleware::Ctx;
use camlo_web::policy::{Access, PUBLIC, Scope, rule};
use camlo_web::{AppState, Routes};

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::POST, "/api/v1/feedback", PUBLIC, create)
        .add(Method::GET, "/api/v1/feedback", PUBLIC, list)
        .add(Method::GET, "/api/v1/feedback/{code}", PUBLIC, get)
        .add(
            Method::GET,
            "/api/v1/feedback-inbox",
            rule(Access::Roles(FEEDBACK), Scope::None),
            inbox,
        )
        .add(
            Method::GET,
            "/api/v1/feedback-inbox/{id}",
            FEEDBACK_ITEM,
            inbox_item,
        )
        .add(
            Method::POST,
            "/api/v1/feedback-inbox/{id}/actions/{action}",
            FEEDBACK_ITEM,
            inbox_act,
        )
}

/// An item as the officials handling it see it (the asker's contact included: they may need to
/// reach them; never in public views).
fn official_view(f: &Feedback) -> serde_json::Value {
    serde_json::json!({
        "id": f.id.0, "code": f.code, "kind": f.kind.as_str(), "status": f.state.as_str(),
        "unit_id": f.unit_id.0, "submitted_unit_id": f.submitted_unit_id.0, "title": f.title,
        "body": f.body, "asker_name": f.asker_name, "contact_phone": f.contact_phone,
        "contact_email": f.contact_email, "consent": f.consent_at.is_some(), "answer": f.answer,
        "answered_at": rfc(f.answered_at), "published_at": rfc(f.published_at),
        "reject_reason": f.reject_reason, "submitted_at": rfc(Some(f.created_at)),
    })
}

/// The items in the caller's units, newest first (at most 500).
async fn inbox(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let covered = service::covered(&state, ctx.actor()?).await?;
    let units: Option<Vec<UnitId>> = covered.map(|set| set.into_iter().collect());
    let items: Vec<serde_json::Value> =
        camlo_store::feedback::in_units(&state.store, units.as_deref(), 500)
            .await?
            .iter()
            .map(official_view)
            .collect();
    Ok(axum::Json(items).into_response())
}

async fn inbox_item(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let f = super::pages::handled(&state, &ctx, id).await?;
    Ok(axum::Json(official_view(&f)).into_response())
}

/// `route` (body `unit_id`, optional `text` as a note), `answer` (`text`), `publish`, `reject`
/// (`text`: the reason).
async fn inbox_act(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, action)): AppPath<(i64, String)>,
    AppJson(input): AppJson<ActRequest>,
) -> AppResult<Response> {
    let action = Action::parse(&action).ok_or_else(AppError::not_found)?;
    let f = super::pages::handled(&state, &ctx, id).await?;
    let input = ActInput {
        unit_id: input.unit_id.map(|u| u.to_string()),
        text: input.text,
    };
    let after = service::act(&state, &ctx, f, action, &input).await?;
    Ok(axum::Json(official_view(&after)).into_response())
}

/// `POST /api/v1/feedback-inbox/{id}/actions/{action}` body.
#[derive(Debug, Default, Deserialize)]
pub struct ActRequest {
    /// The unit to route to.
    #[serde(default)]
    pub unit_id: Option<i64>,
    /// The answer, the reason or a note.
    #[serde(default)]
    pub text: Option<String>,
}

/// `POST /api/v1/feedback` body.
#[derive(Debug, Deserialize)]
pub struct CreateRequest {
    /// `feedback` or `question`.
    #[serde(default)]
    pub kind: String,
    /// The unit it concerns.
    pub unit_id: i64,
    /// Title.
    #[serde(default)]
    pub title: String,
    /// Body.
    #[serde(default)]
    pub body: String,
    /// Asker's name.
    #[serde(default)]
    pub name: String,
    /// Phone or e-mail.
    #[serde(default)]
    pub contact: Option<String>,
    /// Agrees to publication with the answer.
    #[serde(default)]
    pub consent: bool,
    /// The honeypot: must be absent or empty.
    #[serde(default)]
    pub website: Option<String>,
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
    let submission = parse_submission(RawSubmission {
        kind: &body.kind,
        title: &body.title,
        body: &body.body,
        name: &body.name,
        contact: body.contact.as_deref().unwrap_or(""),
        consent: body.consent,
    })
    .map_err(|errors| {
        errors
            .into_iter()
            .next()
            .map_or_else(AppError::bad_request, AppError::from)
    })?;
    let done = service::submit(
        &state,
        &ctx,
        SubmitInput {
            submission,
            unit_id: body.unit_id,
            honeypot: body.website.is_some_and(|w| !w.trim().is_empty()),
            idempotency_key: key,
        },
    )
    .await?;
    let status = if done.created {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((
        status,
        axum::Json(serde_json::json!({ "code": done.code, "status": "new", "follow_url": format!("/phan-anh/{}", done.code) })),
    )
        .into_response())
}

async fn get(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<AppJson<PublicView>> {
    camlo_web::limits::request(
        &state,
        camlo_web::limits::lookups(&state),
        &ctx.who.client_key,
        "WEB-0012",
    )
    .await?;
    let f = service::by_code(&state, &code).await?;
    Ok(AppJson(service::public_view(&state, &f).await?))
}

/// Query for the published list.
#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    /// Only this unit's items.
    pub unit_id: Option<i64>,
    /// Page (20 items), from 1.
    pub page: Option<i64>,
}

async fn list(
    State(state): State<AppState>,
    AppQuery(q): AppQuery<ListQuery>,
) -> AppResult<AppJson<Vec<PublicView>>> {
    Ok(AppJson(
        service::published(
            &state,
            q.unit_id.map(UnitId),
            q.page.unwrap_or(1).clamp(1, 10_000),
        )
        .await?,
    ))
}
