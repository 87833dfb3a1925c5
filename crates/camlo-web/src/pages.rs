//! Public pages, sign-in, registration, language, session status, probes and static files.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::accounts::{
    Audience, Cccd, Email, PhoneNumber, Role, Username, check_new_password, parse_display_name,
    password,
};
use camlo_domain::audit::Outcome;
use camlo_domain::clock::to_local;
use camlo_store::sessions::Stage;
use camlo_store::{accounts, audit, sessions};
use chrono::Datelike;
use minijinja::{Value, context};
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::feature::{NavLink, Place};
use crate::i18n::{Lang, t, t_args};
use crate::limits::REGISTER_ADDRESS;
use crate::middleware::Ctx;
use crate::policy::{LANG, PUBLIC, SESSION, SIGNED_IN};
use crate::redirect::safe_next;
use crate::session::{self, LANG_COOKIE, LoginInput, session_cookie, set_cookie};
use crate::{AppState, Routes};

/// Registers this module's routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/healthz", PUBLIC, healthz)
        .add(Method::GET, "/readyz", PUBLIC, readyz)
        .add(Method::GET, "/metrics", PUBLIC, metrics)
        .add(Method::GET, "/static/{file}", PUBLIC, asset)
        .add(Method::GET, "/login", PUBLIC, login_page)
        .add(Method::POST, "/login", PUBLIC, login_submit)
        .add(Method::GET, "/login/totp", SESSION, totp_page)
        .add(Method::POST, "/login/totp", SESSION, totp_submit)
        .add(Method::POST, "/logout", SESSION, logout)
        .add(Method::GET, "/register", PUBLIC, register_page)
        .add(Method::POST, "/register", PUBLIC, register_submit)
        .add(Method::POST, "/lang", LANG, set_lang)
        .add(Method::GET, "/session/status", PUBLIC, session_status)
        .add(Method::POST, "/session/extend", SIGNED_IN, session_extend)
}

/// Flash messages that may be named in `?m=`.
const FLASH: &[(&str, &str)] = &[
    ("saved", "account.saved"),
    ("registered", "register.done"),
    ("password", "account.password_changed"),
    ("totp_required", "WEB-0011"),
    ("calendar_changed", "calendar.changed"),
    ("submitted", "os.submitted"),
    ("received", "os.received"),
];

/// Renders a page with the common context (language, user, CSRF token, idle timer).
pub fn page(state: &AppState, ctx: &Ctx, template: &str, extra: Value) -> AppResult<Response> {
    let now = state.now_ts();
    let user = ctx.actor.as_ref().map(|a| {
        context! {
            display_name => a.account.display_name.clone(),
            is_admin => a.is_admin(),
            is_system_admin => a.is_system_admin(),
        }
    });
    let idle_remaining = ctx
        .actor
        .as_ref()
        .map_or(0, |a| (a.session.expires_at() - now).max(0));
    let flash = ctx
        .query
        .split('&')
        .filter_map(|kv| kv.strip_prefix("m="))
        .find_map(|m| FLASH.iter().find(|(k, _)| *k == m))
        .map(|(_, key)| t(ctx.lang, key).to_owned());
    let base = context! {
        lang => ctx.lang.code(),
        site_name => state.cfg.site_name.clone(),
        user => user,
        // A session's forms carry its CSRF token; anonymous pages need none for the language
        // switch (same-origin check only), so a cached anonymous page is the same for everyone.
        session => ctx.actor.is_some() || ctx.pending.is_some(),
        csrf => ctx.csrf.clone(),
        idle_remaining => idle_remaining,
        path => ctx.path.clone(),
        flash => flash,
        menu => crate::templates::ser(nav_links(state, ctx, Place::Main)),
        user_menu => crate::templates::ser(nav_links(state, ctx, Place::User)),
        sections => crate::templates::ser(nav_links(state, ctx, Place::Footer)),
    };
    state
        .templates
        .render(template, context! { ..extra, ..base })
}

/// The links of one place of the page frame: the frame's own and every feature's, in order.
fn nav_links(state: &AppState, ctx: &Ctx, place: Place) -> Vec<NavLink> {
    let actor = ctx.actor.as_ref();
    let mut links: Vec<NavLink> = frame_nav(ctx.lang, actor)
        .into_iter()
        .chain(
            state
                .features()
                .iter()
                .flat_map(|f| (f.nav)(ctx.lang, actor)),
        )
        .filter(|l| l.place == place)
        .collect();
    links.sort_by_key(|l| l.order);
    links
}

/// The frame's links: the working calendar for everyone, administration for administrators.
fn frame_nav(lang: crate::i18n::Lang, actor: Option<&crate::session::Actor>) -> Vec<NavLink> {
    let mut links = vec![NavLink {
        place: Place::Main,
        order: 30,
        href: "/calendar".into(),
        label: t(lang, "nav.calendar").to_owned(),
    }];
    if actor.is_some_and(crate::session::Actor::is_admin) {
        links.push(NavLink {
            place: Place::User,
            order: 90,
            href: "/admin".into(),
            label: t(lang, "nav.admin").to_owned(),
        });
    }
    links
}

/// One error per field, as the error summary shows them.
pub fn form_errors(ctx: &Ctx, errors: &[AppError]) -> Value {
    crate::templates::ser(
        errors
            .iter()
            .map(|e| {
                let args: Vec<(&str, String)> = e.args.iter().map(|(k, v)| (*k, v.clone())).collect();
                serde_json::json!({ "field": e.field.unwrap_or("main"), "message": t_args(ctx.lang, e.code, &args) })
            })
            .collect::<Vec<_>>(),
    )
}

async fn healthz() -> &'static str {
    "ok"
}

async fn readyz(State(state): State<AppState>) -> AppResult<&'static str> {
    if state.store.ping().await {
        Ok("ready")
    } else {
        Err(AppError::internal("database unreachable"))
    }
}

/// Operations counters, for the monitoring system only: served with the configured
/// `metrics_token` as a Bearer token, and not at all (404) when no token is configured.
async fn metrics(State(state): State<AppState>, headers: axum::http::HeaderMap) -> Response {
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let allowed = match (&state.cfg.metrics_token, given) {
        (Some(token), Some(given)) => {
            use sha2::Digest;
            // Compare digests: equal length, so the comparison time says nothing of the token.
            sha2::Sha256::digest(token.as_bytes()) == sha2::Sha256::digest(given.as_bytes())
        }
        _ => false,
    };
    if !allowed {
        return AppError::not_found().into_response();
    }
    let up = state.store.ping().await;
    let mut res = state
        .metrics
        .render(up, state.store.group_stats())
        .into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; version=0.0.4"),
    );
    res
}

async fn asset(
    State(state): State<AppState>,
    AppPath(file): AppPath<String>,
) -> AppResult<Response> {
    state.templates.asset(&file).ok_or_else(AppError::not_found)
}

#[derive(Deserialize, Default)]
struct LoginQuery {
    next: Option<String>,
    reason: Option<String>,
}

fn login_form(
    state: &AppState,
    ctx: &Ctx,
    username: &str,
    next: &str,
    reason: Option<&str>,
    errors: &[AppError],
) -> AppResult<Response> {
    let reason = reason.and_then(|r| match r {
        "idle" => Some(t(ctx.lang, "login.idle")),
        "expired" => Some(t(ctx.lang, "login.expired")),
        "logout" => Some(t(ctx.lang, "login.logged_out")),
        _ => None,
    });
    page(
        state,
        ctx,
        "login.html",
        context! { username, next, reason, errors => form_errors(ctx, errors) },
    )
}

async fn login_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<LoginQuery>,
) -> AppResult<Response> {
    login_form(
        &state,
        &ctx,
        "",
        &safe_next(q.next.as_deref()),
        q.reason.as_deref(),
        &[],
    )
}

#[derive(Deserialize)]
struct LoginForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    next: Option<String>,
}

/// The login response: the session cookie and, for a fresh session, the language cookie.
pub fn signed_in_response(
    state: &AppState,
    mut res: Response,
    token: &str,
    lang: &str,
) -> Response {
    let secure = state.cfg.secure_cookies;
    set_cookie(&mut res, session_cookie(secure), token, secure, None);
    set_cookie(&mut res, LANG_COOKIE, lang, secure, Some(365 * 24 * 3600));
    res
}

async fn login_submit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<LoginForm>,
) -> AppResult<Response> {
    let next = safe_next(form.next.as_deref());
    let previous = ctx
        .actor
        .as_ref()
        .map(|a| a.session.clone())
        .or_else(|| ctx.pending.clone());
    let input = LoginInput {
        username: form.username.clone(),
        password: form.password,
        totp: None,
    };
    match session::login(&state, &ctx.who, input, previous.as_ref()).await {
        Ok(done) => {
            let target = if done.session.stage == Stage::TotpPending {
                let next: String = percent_encoding::utf8_percent_encode(
                    &next,
                    percent_encoding::NON_ALPHANUMERIC,
                )
                .collect();
                format!("/login/totp?next={next}")
            } else {
                next
            };
            let account = accounts::get(&state.store, done.session.account_id).await?;
            Ok(signed_in_response(
                &state,
                Redirect::to(&target).into_response(),
                &done.token,
                &account.language,
            ))
        }
        Err(e)
            if e.status == StatusCode::UNAUTHORIZED
                || e.status == StatusCode::TOO_MANY_REQUESTS =>
        {
            let (status, retry_after) = (e.status, e.retry_after);
            let mut res = login_form(
                &state,
                &ctx,
                &form.username,
                &next,
                None,
                &[e.field("password")],
            )?;
            *res.status_mut() = status;
            with_retry_after(&mut res, retry_after);
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

/// Sets `Retry-After` on a re-rendered form refused for a limit.
fn with_retry_after(res: &mut Response, secs: Option<i64>) {
    if let Some(v) = secs.and_then(|s| HeaderValue::from_str(&s.to_string()).ok()) {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
}

#[derive(Deserialize, Default)]
struct NextQuery {
    next: Option<String>,
}

async fn totp_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<NextQuery>,
) -> AppResult<Response> {
    if ctx.pending.is_none() {
        return Ok(Redirect::to("/").into_response());
    }
    page(
        &state,
        &ctx,
        "totp.html",
        context! { next => safe_next(q.next.as_deref()), errors => form_errors(&ctx, &[]) },
    )
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
    next: Option<String>,
}

async fn totp_submit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<CodeForm>,
) -> AppResult<Response> {
    let Some(pending) = &ctx.pending else {
        return Ok(Redirect::to("/").into_response());
    };
    let next = safe_next(form.next.as_deref());
    match session::complete_totp(&state, &ctx.who, pending, &form.code).await {
        Ok(()) => Ok(Redirect::to(&next).into_response()),
        Err(e) if e.code == "AUTH-0010" => {
            // The pending session has ended: back to the password, with the reason.
            // The form is now an anonymous one: it carries a fresh double-submit token.
            let mut anonymous = ctx.clone();
            anonymous.pending = None;
            anonymous.csrf = session::new_token()?;
            let mut res = login_form(&state, &anonymous, "", &next, None, &[e])?;
            *res.status_mut() = StatusCode::UNAUTHORIZED;
            let secure = state.cfg.secure_cookies;
            set_cookie(&mut res, session_cookie(secure), "", secure, Some(0));
            set_cookie(
                &mut res,
                session::csrf_cookie(secure),
                &anonymous.csrf,
                secure,
                None,
            );
            Ok(res)
        }
        Err(e)
            if e.status == StatusCode::UNAUTHORIZED
                || e.status == StatusCode::TOO_MANY_REQUESTS =>
        {
            let (status, retry_after) = (e.status, e.retry_after);
            let mut res = page(
                &state,
                &ctx,
                "totp.html",
                context! { next, errors => form_errors(&ctx, &[e]) },
            )?;
            *res.status_mut() = status;
            with_retry_after(&mut res, retry_after);
            Ok(res)
        }
        Err(e) => Err(e),
    }
}

async fn logout(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let session = ctx
        .actor
        .as_ref()
        .map(|a| a.session.clone())
        .or_else(|| ctx.pending.clone());
    if let Some(s) = &session {
        session::logout(&state, &ctx.who, ctx.actor.as_ref(), s).await?;
    }
    let mut res = if ctx.via_bearer || ctx.path.starts_with("/api/") {
        StatusCode::NO_CONTENT.into_response()
    } else {
        Redirect::to("/login?reason=logout").into_response()
    };
    let secure = state.cfg.secure_cookies;
    set_cookie(&mut res, session_cookie(secure), "", secure, Some(0));
    Ok(res)
}

#[derive(Deserialize, Default, serde::Serialize)]
struct RegisterForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    cccd: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
}

async fn register_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    page(
        &state,
        &ctx,
        "register.html",
        context! { form => crate::templates::ser(RegisterForm::default()), errors => form_errors(&ctx, &[]) },
    )
}

/// Validates a citizen's registration; every problem at once.
fn check_registration(
    form: &RegisterForm,
    year: i32,
) -> Result<accounts::NewAccount, Vec<AppError>> {
    let mut errors: Vec<AppError> = Vec::new();
    let name = parse_display_name(&form.display_name)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let username = Username::parse(&form.username)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let phone = (!form.phone.trim().is_empty())
        .then(|| {
            PhoneNumber::parse(&form.phone)
                .map_err(|e| errors.push(e.into()))
                .ok()
        })
        .flatten();
    let email = (!form.email.trim().is_empty())
        .then(|| {
            Email::parse(&form.email)
                .map_err(|e| errors.push(e.into()))
                .ok()
        })
        .flatten();
    if form.phone.trim().is_empty() && form.email.trim().is_empty() {
        errors.push(camlo_domain::accounts::AccountError::NoContact.into());
    }
    let cccd = (!form.cccd.trim().is_empty())
        .then(|| {
            Cccd::parse(&form.cccd, year)
                .map_err(|e| errors.push(e.into()))
                .ok()
        })
        .flatten();
    if let Err(e) = check_new_password(&form.password, &form.username) {
        errors.push(e.into());
    }
    match (name, username, errors.is_empty()) {
        (Some(display_name), Some(username), true) => Ok(accounts::NewAccount {
            username: username.as_str().to_owned(),
            display_name,
            audience: Audience::Citizen,
            password_hash: String::new(),
            email: email.map(|e| e.as_str().to_owned()),
            phone: phone.map(|p| p.as_str().to_owned()),
            cccd: cccd.map(|c| c.as_str().to_owned()),
            position: None,
            language: "vi".into(),
        }),
        _ => Err(errors),
    }
}

async fn register_submit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(mut form): AppForm<RegisterForm>,
) -> AppResult<Response> {
    let now = state.clock.now();
    let rerender = |state: &AppState,
                    ctx: &Ctx,
                    form: &mut RegisterForm,
                    errors: &[AppError]|
     -> AppResult<Response> {
        form.password.clear();
        let mut res = page(
            state,
            ctx,
            "register.html",
            context! { form => crate::templates::ser(&*form), errors => form_errors(ctx, errors) },
        )?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        Ok(res)
    };
    let mut new = match check_registration(&form, to_local(now).year()) {
        Ok(n) => n,
        Err(errors) => return rerender(&state, &ctx, &mut form, &errors),
    };
    // Counted once the form is well made: a flood of registrations from one address (or a
    // sweep for taken usernames) stops here.
    crate::limits::request(&state, REGISTER_ADDRESS, &ctx.who.client_key, "AUTH-0009").await?;
    new.language = ctx.lang.code().to_owned();
    let pw = std::mem::take(&mut form.password);
    new.password_hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    let t = now.timestamp();
    let mut entry = ctx.who.entry(
        &state,
        None,
        "account.register",
        format!("username:{}", new.username),
        Outcome::Failure,
    );
    entry.role = Some("citizen".into());
    let mut tx = state.store.begin().await?;
    match accounts::insert(&mut tx, &new, t).await {
        Ok(id) => {
            accounts::grant(&mut tx, id, Role::Citizen, None, None, t).await?;
            entry.actor_id = Some(id.0);
            entry.actor.clone_from(&new.username);
            entry.object = format!("account:{}", id.0);
            entry.outcome = Outcome::Success;
            entry.detail = serde_json::json!({ "cccd": new.cccd.as_deref().and_then(|c| Cccd::parse(c, 9999).ok()).map(|c| c.masked()) }).to_string();
        }
        Err(camlo_store::StoreError::Conflict(_)) => {
            // Taken: recorded for the administrators, answered like a new account (below).
            drop(tx);
            tx = state.store.begin().await?;
            entry.detail = "{\"reason\":\"username_taken\"}".into();
        }
        Err(e) => return Err(e.into()),
    }
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    // The same answer whether the username was free or taken, so registration does not tell
    // which usernames exist: the person signs in with what they chose (docs/SECURITY.md).
    let mut res = Redirect::to("/login?m=registered").into_response();
    set_cookie(
        &mut res,
        LANG_COOKIE,
        &new.language,
        state.cfg.secure_cookies,
        Some(365 * 24 * 3600),
    );
    Ok(res)
}

#[derive(Deserialize)]
struct LangForm {
    #[serde(default)]
    lang: String,
    next: Option<String>,
}

async fn set_lang(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<LangForm>,
) -> AppResult<Response> {
    let lang = Lang::parse(&form.lang);
    if let Some(a) = &ctx.actor {
        let mut tx = state.store.begin().await?;
        accounts::set_language(&mut tx, a.account.id, lang.code()).await?;
        audit::append(
            &mut tx,
            &ctx.who.entry(
                &state,
                Some(a),
                "account.language",
                format!("account:{}", a.account.id.0),
                Outcome::Success,
            ),
        )
        .await?;
        camlo_store::commit(tx).await?;
    }
    let mut res = Redirect::to(&safe_next(form.next.as_deref())).into_response();
    set_cookie(
        &mut res,
        LANG_COOKIE,
        lang.code(),
        state.cfg.secure_cookies,
        Some(365 * 24 * 3600),
    );
    Ok(res)
}

/// Session state for the idle timer. Reading it never extends the session.
async fn session_status(State(state): State<AppState>, Extension(ctx): Extension<Ctx>) -> Response {
    let now = state.now_ts();
    match &ctx.actor {
        Some(a) => axum::Json(serde_json::json!({
            "authenticated": true,
            "idle_remaining": (a.session.idle_expires_at.min(a.session.absolute_expires_at) - now).max(0),
            "absolute_remaining": (a.session.absolute_expires_at - now).max(0),
            "expires_at": camlo_store::from_ts(a.session.expires_at()).to_rfc3339(),
        }))
        .into_response(),
        None => axum::Json(serde_json::json!({ "authenticated": false })).into_response(),
    }
}

/// "Stay signed in": the guard already recorded the activity; answer with the new limits.
async fn session_extend(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let now = state.now_ts();
    let s = sessions::find_by_id(&state.store, a.session.id)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    if !s.is_live(now) {
        return Err(AppError::new(StatusCode::UNAUTHORIZED, "AUTH-0005"));
    }
    let mut tx = state.store.begin().await?;
    audit::append(
        &mut tx,
        &ctx.who.entry(
            &state,
            Some(a),
            "session.extend",
            format!("session:{}", s.id),
            Outcome::Success,
        ),
    )
    .await?;
    camlo_store::commit(tx).await?;
    Ok(axum::Json(serde_json::json!({
        "authenticated": true,
        "idle_remaining": (s.expires_at() - now).max(0),
        "absolute_remaining": (s.absolute_expires_at - now).max(0),
    }))
    .into_response())
}
