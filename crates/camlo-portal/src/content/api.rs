//! The portal's JSON API: search across every kind of content, and the published articles.

use axum::Extension;
use axum::extract::State;
use axum::http::Method;
use axum::response::{IntoResponse, Response};
use camlo_store::articles::Filter;
use camlo_store::units;
use serde::Deserialize;

use super::public::{PER_PAGE, SearchQuery, hit_json, home_unit, run_search, under, visible_cards};
use camlo_web::error::AppResult;
use camlo_web::extract::AppQuery;
use camlo_web::middleware::Ctx;
use camlo_web::policy::PUBLIC;
use camlo_web::{AppState, Routes};

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/search", PUBLIC, search).add(
        Method::GET,
        "/api/v1/articles",
        PUBLIC,
        list,
    )
}

async fn search(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<SearchQuery>,
) -> AppResult<Response> {
    let r = run_search(&state, &q).await?;
    let hits: Vec<serde_json::Value> = r.hits.iter().map(|h| hit_json(h, ctx.lang)).collect();
    Ok(axum::Json(
        serde_json::json!({ "total": r.total, "page": q.page.unwrap_or(1).max(1), "hits": hits }),
    )
    .into_response())
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    tag: Option<String>,
}

async fn list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<ListQuery>,
) -> AppResult<Response> {
    super::runtime::apply_schedule(&state).await?;
    let page = q.page.unwrap_or(1).clamp(1, 10_000);
    let mut filter = Filter {
        category: q.category.clone().filter(|s| !s.is_empty()),
        tag: q.tag.clone().filter(|s| !s.is_empty()),
        offset: (page - 1) * PER_PAGE,
        limit: PER_PAGE,
        ..Filter::default()
    };
    if let Some(slug) = q.unit.as_deref().filter(|s| !s.is_empty()) {
        let u = units::by_slug(&state.store, slug).await?;
        filter.units = under(&state, u.id).await?;
    } else if let Some(home) = home_unit(&state).await? {
        filter.units = under(&state, home.id).await?;
    }
    let (items, total) = visible_cards(&state, filter, ctx.lang).await?;
    Ok(axum::Json(
        serde_json::json!({ "total": total, "page": page, "per_page": PER_PAGE, "items": items }),
    )
    .into_response())
}
