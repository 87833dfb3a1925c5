//! `/api/v1/feedback`: submit (public, the same rules as the form), follow by code, and the
//! published questions with their answers.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use camlo_domain::feedback::{RawSubmission, parse_submission};
use camlo_domain::units::UnitId;
use serde::Deserialize;

use super::service::{self, PublicView, SubmitInput};
use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::middleware::Ctx;
use crate::{AppState, Routes};

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::POST, "/api/v1/feedback", create)
        .add(Method::GET, "/api/v1/feedback", list)
        .add(Method::GET, "/api/v1/feedback/{code}", get)
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
    if !state.lookup_allowed(&ctx.who.client_addr) {
        return Err(AppError::new(StatusCode::TOO_MANY_REQUESTS, "WEB-0012"));
    }
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
