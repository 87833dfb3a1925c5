//! Feedback pages: the public form `/phan-anh` with its confirmation, following an item at
//! `/phan-anh/{code}`, the published questions and answers at `/hoi-dap`, and the officials'
//! inbox and item pages under `/quan-tri/phan-anh`.

use axum::Extension;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::clock::format_local;
use camlo_domain::feedback::{
    ALL_ACTIONS, Action, FeedbackError, FeedbackId, RawSubmission, next_state, parse_submission,
};
use camlo_domain::units::UnitId;
use camlo_store::feedback::Feedback;
use camlo_store::{StoreError, units};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use super::service::{self, ActInput, SubmitInput};
use super::{FEEDBACK, FEEDBACK_ITEM};
use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppForm, AppPath, AppQuery};
use camlo_web::middleware::Ctx;
use camlo_web::pages::{form_errors, page};
use camlo_web::policy::{Access, PUBLIC, Scope, rule};
use camlo_web::templates::ser;
use camlo_web::{AppState, Routes};

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/phan-anh", PUBLIC, form_page)
        .add(Method::POST, "/phan-anh", PUBLIC, form_submit)
        .add(Method::GET, "/phan-anh/{code}", PUBLIC, follow_page)
        .add(Method::GET, "/hoi-dap", PUBLIC, answers_page)
        .add(
            Method::GET,
            "/quan-tri/phan-anh",
            rule(Access::Roles(FEEDBACK), Scope::None),
            inbox,
        )
        .add(
            Method::GET,
            "/quan-tri/phan-anh/{id}",
            FEEDBACK_ITEM,
            item_page,
        )
        .add(
            Method::POST,
            "/quan-tri/phan-anh/{id}/thao-tac/{action}",
            FEEDBACK_ITEM,
            item_act,
        )
}

/// The public form as typed (kept to show it again with its errors).
#[derive(Debug, Default, Deserialize, Serialize)]
struct SubmitForm {
    #[serde(default)]
    kind: String,
    #[serde(default)]
    unit_id: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    contact: String,
    #[serde(default)]
    consent: Option<String>,
    /// The honeypot: hidden from people, filled by bots.
    #[serde(default)]
    website: String,
}

#[derive(Debug, Default, Deserialize)]
struct FormQuery {
    /// A code typed into the follow-up box.
    ma: Option<String>,
    /// A unit to preselect.
    #[serde(rename = "don-vi")]
    unit: Option<i64>,
}

async fn unit_options(state: &AppState) -> AppResult<Vec<Value>> {
    Ok(service::targets(state)
        .await?
        .into_iter()
        .map(|u| context! { id => u.id.0, name => u.name })
        .collect())
}

async fn form_view(
    state: &AppState,
    ctx: &Ctx,
    form: &SubmitForm,
    errors: &[AppError],
) -> AppResult<Response> {
    let mut res = page(
        state,
        ctx,
        "feedback/form.html",
        context! { units => unit_options(state).await?, form => ser(form), errors => form_errors(ctx, errors) },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn form_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<FormQuery>,
) -> AppResult<Response> {
    if let Some(code) = q.ma.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        let code: String =
            percent_encoding::utf8_percent_encode(code, percent_encoding::NON_ALPHANUMERIC)
                .collect();
        return Ok(Redirect::to(&format!("/phan-anh/{code}")).into_response());
    }
    let form = SubmitForm {
        kind: "feedback".into(),
        unit_id: q.unit.map(|u| u.to_string()).unwrap_or_default(),
        ..SubmitForm::default()
    };
    form_view(&state, &ctx, &form, &[]).await
}

async fn form_submit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<SubmitForm>,
) -> AppResult<Response> {
    let parsed = parse_submission(RawSubmission {
        kind: &form.kind,
        title: &form.title,
        body: &form.body,
        name: &form.name,
        contact: &form.contact,
        consent: form.consent.is_some(),
    });
    let unit_id = form.unit_id.trim().parse::<i64>().ok();
    let submission = match (parsed, unit_id) {
        (Ok(s), Some(u)) => (s, u),
        (parsed, unit) => {
            let mut errors: Vec<AppError> = parsed
                .err()
                .unwrap_or_default()
                .into_iter()
                .map(AppError::from)
                .collect();
            if unit.is_none() {
                errors.push(FeedbackError::BadUnit.into());
            }
            return form_view(&state, &ctx, &form, &errors).await;
        }
    };
    let input = SubmitInput {
        submission: submission.0,
        unit_id: submission.1,
        honeypot: !form.website.trim().is_empty(),
        idempotency_key: None,
    };
    match service::submit(&state, &ctx, input).await {
        Ok(done) => page(
            &state,
            &ctx,
            "feedback/sent.html",
            context! { code => done.code },
        ),
        Err(e) if e.status == StatusCode::UNPROCESSABLE_ENTITY => {
            form_view(&state, &ctx, &form, &[e]).await
        }
        Err(e) => Err(e),
    }
}

async fn follow_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(code): AppPath<String>,
) -> AppResult<Response> {
    camlo_web::limits::request(
        &state,
        camlo_web::limits::lookups(&state),
        &ctx.who.client_key,
        "WEB-0012",
    )
    .await?;
    let f = service::by_code(&state, &code).await?;
    let view = service::public_view(&state, &f).await?;
    page(
        &state,
        &ctx,
        "feedback/follow.html",
        context! { f => ser(view) },
    )
}

#[derive(Debug, Default, Deserialize)]
struct AnswersQuery {
    #[serde(rename = "don-vi", default)]
    unit: Option<String>,
    #[serde(rename = "trang", default)]
    page: Option<i64>,
}

async fn answers_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<AnswersQuery>,
) -> AppResult<Response> {
    let unit = q
        .unit
        .as_deref()
        .and_then(|u| u.trim().parse::<i64>().ok())
        .map(UnitId);
    let page_no = q.page.unwrap_or(1).clamp(1, 10_000);
    let items = service::published(&state, unit, page_no).await?;
    let more = items.len() == 20;
    page(
        &state,
        &ctx,
        "feedback/answers.html",
        context! {
            items => ser(items), units => unit_options(&state).await?,
            unit => unit.map(|u| u.0.to_string()).unwrap_or_default(),
            page => page_no, more,
        },
    )
}

async fn row(state: &AppState, f: &Feedback) -> AppResult<Value> {
    let unit = units::get(&state.store, f.unit_id).await?;
    Ok(context! {
        id => f.id.0, code => f.code.clone(), kind => f.kind.label_vi(), title => f.title.clone(),
        unit => unit.name, status => f.state.label_vi(), state => f.state.as_str(), open => f.state.is_open(),
        submitted_at => format_local(camlo_store::from_ts(f.created_at)),
    })
}

async fn inbox(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let covered = service::covered(&state, a).await?;
    let list: Option<Vec<UnitId>> = covered.map(|set| set.into_iter().collect());
    let mut rows = Vec::new();
    for f in camlo_store::feedback::in_units(&state.store, list.as_deref(), 500).await? {
        rows.push(row(&state, &f).await?);
    }
    page(&state, &ctx, "feedback/inbox.html", context! { rows })
}

/// Loads an item the actor handles, or 404.
pub(super) async fn handled(state: &AppState, ctx: &Ctx, id: i64) -> AppResult<Feedback> {
    let f = match camlo_store::feedback::get(&state.store, FeedbackId(id)).await {
        Ok(f) => f,
        Err(StoreError::NotFound) => return Err(FeedbackError::NotFound.into()),
        Err(e) => return Err(e.into()),
    };
    if service::may_handle(state, ctx.actor()?, &f).await? {
        Ok(f)
    } else {
        Err(FeedbackError::NotFound.into())
    }
}

async fn item_view(
    state: &AppState,
    ctx: &Ctx,
    f: &Feedback,
    errors: &[AppError],
) -> AppResult<Response> {
    let unit = units::get(&state.store, f.unit_id).await?;
    let submitted_unit = units::get(&state.store, f.submitted_unit_id).await?;
    let answered_by = match f.answered_by {
        Some(id) => Some(
            camlo_store::accounts::get(&state.store, id)
                .await?
                .display_name,
        ),
        None => None,
    };
    let mut events = Vec::new();
    for e in camlo_store::feedback::events(&state.store, f.id).await? {
        let to_unit = match e.to_unit_id {
            Some(u) if e.action == "route" || e.action == "submit" => {
                Some(units::get(&state.store, UnitId(u)).await?.name)
            }
            _ => None,
        };
        let action = Action::parse(&e.action).map_or_else(
            || {
                if e.action == "submit" {
                    "Gửi".to_owned()
                } else {
                    e.action.clone()
                }
            },
            |a| a.label_vi().to_owned(),
        );
        let to = camlo_domain::feedback::FeedbackState::parse(&e.to_state)
            .map_or(String::new(), |s| s.label_vi().to_owned());
        events.push(context! {
            at => format_local(camlo_store::from_ts(e.at)), actor => e.actor, action, to, to_unit, note => e.note,
        });
    }
    let consented = f.consent_at.is_some();
    let actions: Vec<Value> = ALL_ACTIONS
        .iter()
        .filter(|a| next_state(f.state, **a).is_some())
        .filter(|a| **a != Action::Publish || consented)
        .map(|a| context! { name => a.as_str(), label => a.label_vi() })
        .collect();
    let fmt = |t: Option<i64>| t.map(|t| format_local(camlo_store::from_ts(t)));
    let item = context! {
        id => f.id.0, code => f.code.clone(), kind => f.kind.label_vi(), title => f.title.clone(), body => f.body.clone(),
        asker_name => f.asker_name.clone(), contact_phone => f.contact_phone.clone(), contact_email => f.contact_email.clone(),
        consent => consented, state => f.state.as_str(), status => f.state.label_vi(),
        unit => unit.name, unit_id => f.unit_id.0, submitted_unit => submitted_unit.name,
        answer => f.answer.clone(), answered_by, answered_at => fmt(f.answered_at), published_at => fmt(f.published_at),
        reject_reason => f.reject_reason.clone(), submitted_at => format_local(camlo_store::from_ts(f.created_at)),
    };
    let mut res = page(
        state,
        ctx,
        "feedback/item.html",
        context! { f => item, events, actions, units => unit_options(state).await?, errors => form_errors(ctx, errors) },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn item_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let f = handled(&state, &ctx, id).await?;
    item_view(&state, &ctx, &f, &[]).await
}

async fn item_act(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, action)): AppPath<(i64, String)>,
    AppForm(input): AppForm<ActInput>,
) -> AppResult<Response> {
    let action = Action::parse(&action).ok_or_else(AppError::not_found)?;
    let f = handled(&state, &ctx, id).await?;
    match service::act(&state, &ctx, f.clone(), action, &input).await {
        Ok(after) => {
            // Routed out of the official's scope: back to the inbox.
            let still = service::may_handle(&state, ctx.actor()?, &after).await?;
            let to = if still {
                format!("/quan-tri/phan-anh/{id}?m=saved")
            } else {
                "/quan-tri/phan-anh?m=saved".to_owned()
            };
            Ok(Redirect::to(&to).into_response())
        }
        Err(e) if e.status.is_client_error() && e.status != StatusCode::NOT_FOUND => {
            item_view(&state, &ctx, &f, &[e]).await
        }
        Err(e) => Err(e),
    }
}
