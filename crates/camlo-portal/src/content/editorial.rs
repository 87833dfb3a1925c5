//! The editorial desk as JSON (`/api/v1/editorial/…`): the same use cases as the pages in
//! `editor.rs` (`service::create`, `save`, `act`, `add_image`), for editors and reviewers working
//! from another tool. Scope and roles come from the policy table (`EDITORS`, `ARTICLE`); every
//! step is audited by the service exactly as from the pages.

use axum::Extension;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use camlo_domain::content::{ArticleAction, ArticleState, ContentError};
use camlo_store::articles::{self, Article, Filter};
use serde::Deserialize;
use serde_json::{Value, json};

use super::editor::load;
use super::service::{self, ActInput, ArticleForm, EDITORIAL};
use super::{ARTICLE, EDITORS};
use camlo_web::api::{local, rfc};
use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppJson, AppPath, AppQuery};
use camlo_web::middleware::Ctx;
use camlo_web::policy::takes_upload;
use camlo_web::{AppState, Routes};

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/editorial/articles", EDITORS, list)
        .add(Method::POST, "/api/v1/editorial/articles", EDITORS, create)
        .add(Method::GET, "/api/v1/editorial/articles/{id}", ARTICLE, get)
        .add(
            Method::PUT,
            "/api/v1/editorial/articles/{id}",
            ARTICLE,
            save,
        )
        .add(
            Method::POST,
            "/api/v1/editorial/articles/{id}/actions/{action}",
            ARTICLE,
            act,
        )
        .add(
            Method::POST,
            "/api/v1/editorial/articles/{id}/pictures",
            takes_upload(ARTICLE),
            picture,
        )
}

/// An article as the editorial API shows it (every state; the body as stored, sanitised).
async fn view(state: &AppState, a: &Article) -> AppResult<Value> {
    let tags: Vec<String> = articles::tags(&state.store, a.id)
        .await?
        .into_iter()
        .map(|(tag, _)| tag)
        .collect();
    Ok(json!({
        "id": a.id.0, "slug": a.slug, "url": format!("/tin-tuc/{}", a.slug), "state": a.state.as_str(),
        "unit_id": a.unit_id.0, "title": a.title, "summary": a.summary, "body_html": a.body_html,
        "author": a.author, "source": a.source, "category": a.category, "tags": tags,
        "revision": a.revision, "cover_image_id": a.cover_image_id,
        "publish_at": rfc(a.publish_at), "publish_at_local": local(a.publish_at),
        "expire_at": rfc(a.expire_at), "expire_at_local": local(a.expire_at),
        "updated_at": rfc(Some(a.updated_at)),
    }))
}

fn first(mut errors: Vec<AppError>) -> AppError {
    if errors.is_empty() {
        AppError::bad_request()
    } else {
        errors.remove(0)
    }
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    /// `draft`, `awaiting_review`, `published` or `unpublished`; every state when absent.
    #[serde(default)]
    state: Option<String>,
}

/// The articles of the caller's sites, newest change first (at most 100).
async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<ListQuery>,
) -> AppResult<Response> {
    let actor = ctx.actor()?;
    let states = match q.state.as_deref().map(str::trim) {
        None | Some("") => Vec::new(),
        Some(s) => vec![ArticleState::parse(s).ok_or_else(|| AppError::invalid("WEB-0005"))?],
    };
    let mut units = std::collections::HashSet::new();
    for role in EDITORIAL {
        units.extend(service::covered(&state, actor, *role).await?);
    }
    if units.is_empty() && !actor.is_system_admin() {
        return Ok(axum::Json(json!({ "total": 0, "items": [] })).into_response());
    }
    let (rows, total) = articles::list(
        &state.store,
        &Filter {
            states,
            units: units.into_iter().collect(),
            limit: 100,
            ..Filter::default()
        },
    )
    .await?;
    let mut items = Vec::with_capacity(rows.len());
    for a in &rows {
        items.push(view(&state, a).await?);
    }
    Ok(axum::Json(json!({ "total": total, "items": items })).into_response())
}

/// A new draft (201).
async fn create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppJson(form): AppJson<ArticleForm>,
) -> AppResult<Response> {
    let a = service::create(&state, &ctx, &form).await.map_err(first)?;
    Ok((StatusCode::CREATED, axum::Json(view(&state, &a).await?)).into_response())
}

async fn get(State(state): State<AppState>, AppPath(id): AppPath<i64>) -> AppResult<Response> {
    let a = load(&state, id).await?;
    Ok(axum::Json(view(&state, &a).await?).into_response())
}

/// A new revision; `revision` must be the one the caller read (409 otherwise).
async fn save(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppJson(form): AppJson<ArticleForm>,
) -> AppResult<Response> {
    let a = load(&state, id).await?;
    let saved = service::save(&state, &ctx, &a, &form)
        .await
        .map_err(first)?;
    Ok(axum::Json(view(&state, &saved).await?).into_response())
}

/// A workflow step (`submit`, `publish`, `return`, `unpublish`); the body (optional) carries
/// `note`, `publish_at` and `expire_at` as in the form.
async fn act(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, action)): AppPath<(i64, String)>,
    body: Bytes,
) -> AppResult<Response> {
    let action = ArticleAction::parse(&action).ok_or_else(AppError::not_found)?;
    let input: ActInput = if body.iter().all(u8::is_ascii_whitespace) {
        ActInput::default()
    } else {
        serde_json::from_slice(&body).map_err(|_| AppError::bad_request())?
    };
    let a = load(&state, id).await?;
    let after = service::act(&state, &ctx, &a, action, &input).await?;
    Ok(axum::Json(view(&state, &after).await?).into_response())
}

#[derive(Debug, Default, Deserialize)]
struct PictureQuery {
    #[serde(default)]
    caption: String,
    /// `1` or `true`: make it the cover picture.
    #[serde(default)]
    cover: Option<String>,
}

/// A picture as the raw request body (JPEG or PNG, judged by content), resized into the theme's
/// sizes; 201 with its id and size.
async fn picture(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppQuery(q): AppQuery<PictureQuery>,
    body: Bytes,
) -> AppResult<Response> {
    if body.is_empty() {
        return Err(ContentError::ImageType.into());
    }
    let a = load(&state, id).await?;
    let cover = matches!(q.cover.as_deref(), Some("1" | "true" | "on"));
    let img = service::add_image(&state, &ctx, &a, body.to_vec(), &q.caption, cover).await?;
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({
            "id": img.id, "article_id": a.id.0, "caption": img.caption, "width": img.width,
            "height": img.height, "url": format!("/anh/{}", img.large_sha), "cover": cover,
        })),
    )
        .into_response())
}
