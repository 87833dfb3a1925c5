//! The JSON API under `/api/v1` (sessions, the current account, units); calendar endpoints live
//! in [`crate::calendar`]. Described in [`crate::openapi`].

use axum::Extension;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use camlo_domain::accounts::AccountId;
use camlo_domain::clock::to_local;
use camlo_domain::units::{Unit, UnitId};
use camlo_store::{accounts, units};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::extract::{AppJson, AppPath, AppQuery};
use crate::middleware::Ctx;
use crate::pages::signed_in_response;
use crate::policy::{ADMINS, Access, PUBLIC, SESSION, SIGNED_IN, Scope, rule};
use crate::session::{self, LoginInput};
use crate::{AppState, Routes};

/// Registers this module's routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/api/v1/openapi.json", PUBLIC, openapi)
        .add(Method::POST, "/api/v1/session", PUBLIC, create_session)
        .add(Method::DELETE, "/api/v1/session", SESSION, delete_session)
        .add(Method::GET, "/api/v1/me", SIGNED_IN, me)
        .add(Method::GET, "/api/v1/units", PUBLIC, unit_list)
        .add(Method::GET, "/api/v1/units/{id}", PUBLIC, unit_get)
        .add(
            Method::GET,
            "/api/v1/accounts/{id}",
            rule(Access::Roles(ADMINS), Scope::AccountPath),
            account_get,
        )
        .add(
            Method::GET,
            "/api/v1/admin/units/{id}/accounts",
            rule(Access::Roles(ADMINS), Scope::UnitPath),
            unit_accounts,
        )
}

async fn openapi(State(state): State<AppState>) -> Response {
    axum::Json(crate::openapi::document(state.features())).into_response()
}

/// `POST /api/v1/session` body.
#[derive(Debug, Deserialize)]
pub struct SessionRequest {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
    /// TOTP code, when the account has one.
    pub totp: Option<String>,
}

/// `POST /api/v1/session` answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct SessionResponse {
    /// Bearer token (also set as the session cookie).
    pub token: String,
    /// CSRF token for cookie-authenticated writes.
    pub csrf_token: String,
    /// Idle deadline, RFC 3339.
    pub idle_expires_at: String,
    /// Absolute deadline, RFC 3339.
    pub absolute_expires_at: String,
}

async fn create_session(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppJson(body): AppJson<SessionRequest>,
) -> AppResult<Response> {
    let previous = ctx
        .actor
        .as_ref()
        .map(|a| a.session.clone())
        .or_else(|| ctx.pending.clone());
    let input = LoginInput {
        username: body.username,
        password: body.password,
        totp: body.totp,
    };
    let done = session::login(&state, &ctx.who, input, previous.as_ref()).await?;
    let account = accounts::get(&state.store, done.session.account_id).await?;
    if done.session.stage != camlo_store::sessions::Stage::Full {
        // The account has a second factor and no code was given: end the half session.
        session::logout(&state, &ctx.who, None, &done.session).await?;
        return Err(AppError::new(StatusCode::UNAUTHORIZED, "AUTH-0004").field("totp"));
    }
    let out = SessionResponse {
        token: done.token.clone(),
        csrf_token: done.session.csrf_token.clone(),
        idle_expires_at: camlo_store::from_ts(done.session.idle_expires_at).to_rfc3339(),
        absolute_expires_at: camlo_store::from_ts(done.session.absolute_expires_at).to_rfc3339(),
    };
    Ok(signed_in_response(
        &state,
        (StatusCode::OK, axum::Json(out)).into_response(),
        &done.token,
        &account.language,
    ))
}

async fn delete_session(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let s = ctx
        .actor
        .as_ref()
        .map(|a| a.session.clone())
        .or_else(|| ctx.pending.clone())
        .ok_or_else(AppError::unauthenticated)?;
    session::logout(&state, &ctx.who, ctx.actor.as_ref(), &s).await?;
    let mut res = StatusCode::NO_CONTENT.into_response();
    let secure = state.cfg.secure_cookies;
    session::set_cookie(
        &mut res,
        session::session_cookie(secure),
        "",
        secure,
        Some(0),
    );
    Ok(res)
}

/// A role grant as the API shows it.
#[derive(Debug, Serialize, Deserialize)]
pub struct GrantView {
    /// Role name.
    pub role: String,
    /// Unit id.
    pub unit_id: Option<i64>,
    /// Unit name.
    pub unit_name: Option<String>,
}

/// `GET /api/v1/me` answer.
#[derive(Debug, Serialize, Deserialize)]
pub struct MeResponse {
    /// Account id.
    pub id: i64,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// `citizen` or `official`.
    pub audience: String,
    /// UI language.
    pub language: String,
    /// Whether TOTP is on.
    pub totp_enabled: bool,
    /// Roles and their units.
    pub roles: Vec<GrantView>,
    /// Seconds until the idle limit.
    pub idle_remaining: i64,
    /// Seconds until the absolute limit.
    pub absolute_remaining: i64,
}

async fn grant_views(state: &AppState, grants: &[accounts::Grant]) -> AppResult<Vec<GrantView>> {
    let mut out = Vec::new();
    for g in grants {
        let unit_name = match g.unit_id {
            Some(u) => Some(units::get(&state.store, u).await?.name),
            None => None,
        };
        out.push(GrantView {
            role: g.role.as_str().into(),
            unit_id: g.unit_id.map(|u| u.0),
            unit_name,
        });
    }
    Ok(out)
}

async fn me(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<AppJson<MeResponse>> {
    let a = ctx.actor()?;
    let now = state.now_ts();
    Ok(AppJson(MeResponse {
        id: a.account.id.0,
        username: a.account.username.clone(),
        display_name: a.account.display_name.clone(),
        audience: a.account.audience.as_str().into(),
        language: a.account.language.clone(),
        totp_enabled: a.account.totp_enabled,
        roles: grant_views(&state, &a.grants).await?,
        idle_remaining: (a.session.expires_at() - now).max(0),
        absolute_remaining: (a.session.absolute_expires_at - now).max(0),
    }))
}

/// A unit as the API shows it.
#[derive(Debug, Serialize, Deserialize)]
pub struct UnitView {
    /// Id.
    pub id: i64,
    /// National code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// Parent id.
    pub parent_id: Option<i64>,
    /// Slug.
    pub slug: String,
    /// First valid day.
    pub valid_from: String,
    /// Last valid day.
    pub valid_to: Option<String>,
}

impl From<Unit> for UnitView {
    fn from(u: Unit) -> Self {
        Self {
            id: u.id.0,
            code: u.code,
            name: u.name,
            kind: u.kind.as_str().into(),
            parent_id: u.parent_id.map(|p| p.0),
            slug: u.slug,
            valid_from: u.valid_from.to_string(),
            valid_to: u.valid_to.map(|d| d.to_string()),
        }
    }
}

#[derive(Deserialize, Default)]
struct OnQuery {
    on: Option<String>,
}

async fn unit_list(
    State(state): State<AppState>,
    AppQuery(q): AppQuery<OnQuery>,
) -> AppResult<AppJson<Vec<UnitView>>> {
    let on = match q.on.as_deref() {
        Some(s) => crate::calendar::parse_day(s)?,
        None => to_local(state.clock.now()).date(),
    };
    Ok(AppJson(
        units::list(&state.store, Some(on))
            .await?
            .into_iter()
            .map(UnitView::from)
            .collect(),
    ))
}

async fn unit_get(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> AppResult<AppJson<UnitView>> {
    Ok(AppJson(units::get(&state.store, UnitId(id)).await?.into()))
}

/// An account as administrators see it through the API.
#[derive(Debug, Serialize, Deserialize)]
pub struct AccountView {
    /// Id.
    pub id: i64,
    /// Username.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Disabled.
    pub disabled: bool,
    /// Roles.
    pub roles: Vec<GrantView>,
}

async fn account_get(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> AppResult<AppJson<AccountView>> {
    let acc = accounts::get(&state.store, AccountId(id)).await?;
    let grants = accounts::grants(&state.store, acc.id).await?;
    Ok(AppJson(AccountView {
        id: acc.id.0,
        username: acc.username,
        display_name: acc.display_name,
        disabled: acc.disabled_at.is_some(),
        roles: grant_views(&state, &grants).await?,
    }))
}

async fn unit_accounts(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> AppResult<AppJson<Vec<AccountView>>> {
    units::get(&state.store, UnitId(id)).await?;
    let mut out = Vec::new();
    for acc in accounts::list(&state.store).await? {
        let grants = accounts::grants(&state.store, acc.id).await?;
        if grants.iter().any(|g| g.unit_id == Some(UnitId(id))) {
            out.push(AccountView {
                id: acc.id.0,
                username: acc.username,
                display_name: acc.display_name,
                disabled: acc.disabled_at.is_some(),
                roles: grant_views(&state, &grants).await?,
            });
        }
    }
    Ok(AppJson(out))
}

/// A stored timestamp (seconds) as RFC 3339, for JSON answers.
pub fn rfc(ts: Option<i64>) -> Option<String> {
    ts.map(|t| camlo_store::from_ts(t).to_rfc3339())
}

/// A stored timestamp as people read it: `dd/mm/yyyy HH:MM`, Asia/Ho_Chi_Minh.
pub fn local(ts: Option<i64>) -> Option<String> {
    ts.map(|t| camlo_domain::clock::format_local(camlo_store::from_ts(t)))
}
