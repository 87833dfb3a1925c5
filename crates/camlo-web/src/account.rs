//! The account page: own sessions, password change, TOTP set-up.

use axum::Extension;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::accounts::{Cccd, check_new_password, password, totp};
use camlo_domain::audit::Outcome;
use camlo_domain::clock::format_local;
use camlo_store::{accounts, audit, sessions, units};
use minijinja::context;
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::extract::{AppForm, AppPath};
use crate::middleware::Ctx;
use crate::pages::{form_errors, page};
use crate::policy::SIGNED_IN;
use crate::{AppState, Routes};

/// Registers this module's routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/account", SIGNED_IN, show)
        .add(
            Method::POST,
            "/account/password",
            SIGNED_IN,
            change_password,
        )
        .add(
            Method::POST,
            "/account/sessions/{id}/revoke",
            SIGNED_IN,
            revoke_session,
        )
        .add(Method::POST, "/account/totp/setup", SIGNED_IN, totp_setup)
        .add(Method::POST, "/account/totp/enable", SIGNED_IN, totp_enable)
        .add(
            Method::POST,
            "/account/totp/disable",
            SIGNED_IN,
            totp_disable,
        )
}

async fn render(state: &AppState, ctx: &Ctx, errors: &[AppError]) -> AppResult<Response> {
    let a = ctx.actor()?;
    let account = accounts::get(&state.store, a.account.id).await?;
    let mut grants = Vec::new();
    for g in &a.grants {
        let unit_name = match g.unit_id {
            Some(u) => units::get(&state.store, u)
                .await
                .map(|u| u.name)
                .unwrap_or_default(),
            None => String::new(),
        };
        let role_label = if ctx.lang == crate::i18n::Lang::En {
            g.role.label_en()
        } else {
            g.role.label_vi()
        };
        grants.push(context! { role_label, unit_name });
    }
    let live = sessions::list_live(&state.store, a.account.id, state.now_ts()).await?;
    let sessions: Vec<_> = live
        .iter()
        .map(|s| {
            context! {
                id => s.id, created => format_local(camlo_store::from_ts(s.created_at)),
                client_addr => s.client_addr.clone(), user_agent => s.user_agent.clone(), current => s.id == a.session.id,
            }
        })
        .collect();
    let creds = accounts::credentials(&state.store, &account.username).await?;
    let pending_secret = creds
        .as_ref()
        .filter(|c| !c.account.totp_enabled)
        .and_then(|c| c.totp_secret.clone());
    let totp_uri = pending_secret
        .as_deref()
        .map(|s| totp::otpauth_uri(s, &state.cfg.site_name, &account.username));
    let account_view = context! {
        username => account.username.clone(),
        display_name => account.display_name.clone(),
        position => account.position.clone(),
        cccd => account.cccd.as_deref().and_then(|c| Cccd::parse(c, 9999).ok()).map(|c| c.masked()),
        audience => account.audience.as_str(),
        totp_enabled => account.totp_enabled,
    };
    let mut res = page(
        state,
        ctx,
        "account.html",
        context! {
            account => account_view, grants, sessions, totp_secret => pending_secret, totp_uri,
            must_keep_totp => a.must_use_totp(&state.cfg.totp_roles), errors => form_errors(ctx, errors),
        },
    )?;
    if !errors.is_empty() {
        *res.status_mut() = errors[0].status;
    }
    Ok(res)
}

async fn show(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    render(&state, &ctx, &[]).await
}

#[derive(Deserialize)]
struct PasswordForm {
    #[serde(default)]
    current: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

async fn change_password(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<PasswordForm>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let creds = accounts::credentials(&state.store, &a.account.username)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let (current, hash) = (form.current.clone(), creds.password_hash.clone());
    let ok = tokio::task::spawn_blocking(move || password::verify(&current, &hash))
        .await
        .unwrap_or(false);
    let mut errors = Vec::new();
    if !ok {
        errors.push(AppError::invalid("AUTH-0006").field("current"));
    }
    if let Err(e) = check_new_password(&form.password, &a.account.username) {
        errors.push(e.into());
    } else if form.password != form.confirm {
        errors.push(AppError::invalid("AUTH-0007").field("confirm"));
    }
    if !errors.is_empty() {
        return render(&state, &ctx, &errors).await;
    }
    let pw = form.password;
    let hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    let t = state.now_ts();
    let mut tx = state.store.begin().await?;
    accounts::set_password(&mut tx, a.account.id, &hash, t).await?;
    let ended = sessions::revoke_all(
        &mut tx,
        a.account.id,
        Some(a.session.id),
        "password changed",
        t,
    )
    .await?;
    let mut entry = ctx.who.entry(
        &state,
        Some(a),
        "account.password",
        format!("account:{}", a.account.id.0),
        Outcome::Success,
    );
    entry.detail = format!("{{\"sessions_ended\":{ended}}}");
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to("/account?m=password").into_response())
}

async fn revoke_session(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let mut tx = state.store.begin().await?;
    // Only the owner's sessions can match: the account id is part of the condition.
    if !sessions::revoke(&mut tx, a.account.id, id, "revoked by user", state.now_ts()).await? {
        return Err(AppError::not_found());
    }
    audit::append(
        &mut tx,
        &ctx.who.entry(
            &state,
            Some(a),
            "session.revoke",
            format!("session:{id}"),
            Outcome::Success,
        ),
    )
    .await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to("/account?m=saved").into_response())
}

async fn totp_setup(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    if a.account.totp_enabled {
        return Err(AppError::conflict("WEB-0010"));
    }
    let secret = totp::new_secret()?;
    let mut tx = state.store.begin().await?;
    accounts::set_totp(&mut tx, a.account.id, Some(&secret), None).await?;
    audit::append(
        &mut tx,
        &ctx.who.entry(
            &state,
            Some(a),
            "account.totp_setup",
            format!("account:{}", a.account.id.0),
            Outcome::Success,
        ),
    )
    .await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to("/account#totp").into_response())
}

#[derive(Deserialize)]
struct CodeForm {
    #[serde(default)]
    code: String,
}

async fn totp_enable(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<CodeForm>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let creds = accounts::credentials(&state.store, &a.account.username)
        .await?
        .ok_or_else(AppError::unauthenticated)?;
    let t = state.now_ts();
    let Some(step) = creds
        .totp_secret
        .as_deref()
        .and_then(|s| totp::check(s, &form.code, t, None))
    else {
        return render(&state, &ctx, &[AppError::invalid("ACC-0011").field("code")]).await;
    };
    let mut tx = state.store.begin().await?;
    accounts::set_totp(&mut tx, a.account.id, creds.totp_secret.as_deref(), Some(t)).await?;
    accounts::set_totp_step(&mut tx, a.account.id, step).await?;
    audit::append(
        &mut tx,
        &ctx.who.entry(
            &state,
            Some(a),
            "account.totp_enable",
            format!("account:{}", a.account.id.0),
            Outcome::Success,
        ),
    )
    .await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to("/account?m=saved#totp").into_response())
}

async fn totp_disable(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    if a.must_use_totp(&state.cfg.totp_roles) {
        // Required for the roles that grant roles or decide dossiers.
        return Err(AppError::new(StatusCode::FORBIDDEN, "WEB-0011"));
    }
    let mut tx = state.store.begin().await?;
    accounts::set_totp(&mut tx, a.account.id, None, None).await?;
    audit::append(
        &mut tx,
        &ctx.who.entry(
            &state,
            Some(a),
            "account.totp_disable",
            format!("account:{}", a.account.id.0),
            Outcome::Success,
        ),
    )
    .await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to("/account?m=saved").into_response())
}
