//! The administration area: units, accounts and roles, and the audit log. Every list is cut to
//! the units the administrator's grants cover; every change is audited in its transaction.

use std::collections::{HashMap, HashSet};

use axum::Extension;
use axum::extract::State;
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::accounts::{
    ALL_ROLES, AccountId, Audience, Email, Role, Username, check_new_password, parse_display_name,
    password,
};
use camlo_domain::audit::Outcome;
use camlo_domain::clock::to_local;
use camlo_domain::units::{ALL_KINDS, NewUnit, Unit, UnitId, UnitKind};
use camlo_store::{accounts, audit, sessions, units};
use chrono::NaiveDate;
use minijinja::{Value, context};
use serde::Deserialize;

use crate::error::{AppError, AppResult};
use crate::extract::{AppForm, AppPath, AppQuery};
use crate::i18n::Lang;
use crate::middleware::Ctx;
use crate::pages::{form_errors, page};
use crate::policy::{ADMINS, Access, SYSADMIN, Scope, rule};
use crate::session::Actor;
use crate::{AppState, Routes};

/// Registers this module's routes.
pub fn routes(r: Routes) -> Routes {
    r.add(
        Method::GET,
        "/admin",
        rule(Access::Roles(ADMINS), Scope::None),
        index,
    )
    .add(
        Method::GET,
        "/admin/units",
        rule(Access::Roles(ADMINS), Scope::None),
        unit_list,
    )
    .add(
        Method::POST,
        "/admin/units",
        rule(Access::Roles(ADMINS), Scope::None),
        unit_create,
    )
    .add(
        Method::GET,
        "/admin/units/{id}",
        rule(Access::Roles(ADMINS), Scope::UnitPath),
        unit_show,
    )
    .add(
        Method::POST,
        "/admin/units/{id}",
        rule(Access::Roles(ADMINS), Scope::UnitPath),
        unit_update,
    )
    .add(
        Method::GET,
        "/admin/accounts",
        rule(Access::Roles(ADMINS), Scope::None),
        account_list,
    )
    .add(
        Method::GET,
        "/admin/accounts/new",
        rule(Access::Roles(ADMINS), Scope::None),
        account_new,
    )
    .add(
        Method::POST,
        "/admin/accounts",
        rule(Access::Roles(ADMINS), Scope::None),
        account_create,
    )
    .add(
        Method::GET,
        "/admin/accounts/{id}",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
        account_show,
    )
    .add(
        Method::POST,
        "/admin/accounts/{id}/grants",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
        grant_add,
    )
    .add(
        Method::POST,
        "/admin/accounts/{id}/grants/{grant}/revoke",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
        grant_revoke,
    )
    .add(
        Method::POST,
        "/admin/accounts/{id}/disable",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
        account_disable,
    )
    .add(
        Method::POST,
        "/admin/accounts/{id}/enable",
        rule(Access::Roles(ADMINS), Scope::AccountPath),
        account_enable,
    )
    .add(
        Method::GET,
        "/admin/audit",
        rule(Access::Roles(SYSADMIN), Scope::None),
        audit_log,
    )
}

/// The units an administrator may manage (`None`: all of them).
pub async fn covered_units(state: &AppState, actor: &Actor) -> AppResult<Option<HashSet<UnitId>>> {
    if actor.is_system_admin() {
        return Ok(None);
    }
    let roots: Vec<UnitId> = actor
        .grants
        .iter()
        .filter(|g| g.role == Role::UnitAdmin)
        .filter_map(|g| g.unit_id)
        .collect();
    Ok(Some(crate::units::units_under(state, &roots).await?))
}

fn kind_label(lang: Lang, k: UnitKind) -> &'static str {
    if lang == Lang::En {
        k.label_en()
    } else {
        k.label_vi()
    }
}

fn role_label(lang: Lang, r: Role) -> &'static str {
    if lang == Lang::En {
        r.label_en()
    } else {
        r.label_vi()
    }
}

fn dmy(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%d/%m/%Y").to_string())
        .unwrap_or_default()
}

async fn index(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    use chrono::Datelike;
    page(
        &state,
        &ctx,
        "admin/index.html",
        context! { year => to_local(state.clock.now()).year() },
    )
}

#[derive(Deserialize, Default)]
struct OnQuery {
    on: Option<String>,
}

fn depth(u: &Unit, by_id: &HashMap<UnitId, &Unit>) -> usize {
    let mut d = 0;
    let mut cur = u.parent_id;
    while let Some(p) = cur {
        d += 1;
        cur = by_id.get(&p).and_then(|x| x.parent_id);
        if d > 32 {
            break;
        }
    }
    d
}

async fn visible_units(
    state: &AppState,
    actor: &Actor,
    on: Option<NaiveDate>,
) -> AppResult<Vec<Unit>> {
    let covered = covered_units(state, actor).await?;
    Ok(units::list(&state.store, on)
        .await?
        .into_iter()
        .filter(|u| covered.as_ref().is_none_or(|c| c.contains(&u.id)))
        .collect())
}

async fn unit_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<OnQuery>,
) -> AppResult<Response> {
    unit_list_page(&state, &ctx, q.on.as_deref(), &[]).await
}

async fn unit_list_page(
    state: &AppState,
    ctx: &Ctx,
    on: Option<&str>,
    errors: &[AppError],
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let on = match on.filter(|s| !s.is_empty()) {
        Some(s) => {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| AppError::invalid("CAL-0100"))?
        }
        None => to_local(state.clock.now()).date(),
    };
    let all = visible_units(state, a, None).await?;
    let by_id: HashMap<UnitId, &Unit> = all.iter().map(|u| (u.id, u)).collect();
    let shown: Vec<Value> = all
        .iter()
        .filter(|u| u.valid_on(on))
        .map(|u| {
            context! {
                id => u.id.0, code => u.code.clone(), name => u.name.clone(), kind => kind_label(ctx.lang, u.kind),
                valid_from => dmy(Some(u.valid_from)), valid_to => dmy(u.valid_to), depth => depth(u, &by_id),
            }
        })
        .collect();
    let parents: Vec<Value> = all
        .iter()
        .filter(|u| u.valid_on(on))
        .map(|u| context! { id => u.id.0, name => u.name.clone() })
        .collect();
    let kinds: Vec<Value> = ALL_KINDS
        .iter()
        .map(|k| context! { value => k.as_str(), label => kind_label(ctx.lang, *k) })
        .collect();
    let mut res = page(
        state,
        ctx,
        "admin/units.html",
        context! { units => shown, parents, kinds, on => on.to_string(), errors => form_errors(ctx, errors) },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

#[derive(Deserialize)]
struct UnitForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    code: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    parent_id: Option<String>,
    #[serde(default)]
    valid_from: String,
    #[serde(default)]
    valid_to: String,
}

fn parse_date(s: &str) -> AppResult<Option<NaiveDate>> {
    if s.trim().is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(Some)
        .map_err(|_| AppError::invalid("CAL-0100").field("valid_from"))
}

async fn unit_create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(form): AppForm<UnitForm>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let parsed = (|| -> AppResult<NewUnit> {
        let kind = UnitKind::parse(form.kind.as_deref().unwrap_or(""))?;
        let parent = form
            .parent_id
            .as_deref()
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<i64>().map(UnitId))
            .transpose()
            .map_err(|_| AppError::bad_request())?;
        let from = parse_date(&form.valid_from)?
            .ok_or_else(|| AppError::invalid("CAL-0100").field("valid_from"))?;
        Ok(NewUnit::parse(
            &form.code,
            &form.name,
            kind,
            parent,
            from,
            parse_date(&form.valid_to)?,
        )?)
    })();
    let new = match parsed {
        Ok(n) => n,
        Err(e) if e.status.is_client_error() => {
            return unit_list_page(&state, &ctx, None, &[e]).await;
        }
        Err(e) => return Err(e),
    };
    // The parent must lie inside the administrator's units (a unit admin cannot create top-level units).
    let covered = covered_units(&state, a).await?;
    if let Some(c) = &covered
        && !new.parent_id.is_some_and(|p| c.contains(&p))
    {
        return Err(AppError::forbidden());
    }
    let mut tx = state.store.begin().await?;
    let id = units::insert(&mut tx, &new, state.now_ts()).await?;
    let mut entry = ctx.who.entry(
        &state,
        Some(a),
        "unit.create",
        format!("unit:{}", id.0),
        Outcome::Success,
    );
    entry.unit_id = Some(id.0);
    entry.detail =
        serde_json::json!({ "code": new.code, "name": new.name, "kind": new.kind.as_str() })
            .to_string();
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to(&format!("/admin/units/{}", id.0)).into_response())
}

async fn unit_show(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let u = units::get(&state.store, UnitId(id)).await?;
    let parent_name = match u.parent_id {
        Some(p) => units::get(&state.store, p).await?.name,
        None => String::new(),
    };
    let mut links = Vec::new();
    for l in units::links_of(&state.store, u.id).await? {
        let from = units::get(&state.store, l.from).await?.name;
        let to = units::get(&state.store, l.to).await?.name;
        links.push(context! { on => dmy(Some(l.on)), from, to, kind => l.kind.as_str() });
    }
    let unit = context! {
        id => u.id.0, code => u.code.clone(), name => u.name.clone(), kind => kind_label(ctx.lang, u.kind),
        valid_from => dmy(Some(u.valid_from)), valid_to => dmy(u.valid_to),
        valid_from_iso => u.valid_from.to_string(), valid_to_iso => u.valid_to.map(|d| d.to_string()).unwrap_or_default(),
    };
    page(
        &state,
        &ctx,
        "admin/unit.html",
        context! { unit, parent_name, links },
    )
}

async fn unit_update(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<UnitForm>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let old = units::get(&state.store, UnitId(id)).await?;
    let from = parse_date(&form.valid_from)?.unwrap_or(old.valid_from);
    let new = NewUnit::parse(
        &form.code,
        &form.name,
        old.kind,
        old.parent_id,
        from,
        parse_date(&form.valid_to)?,
    )?;
    let mut tx = state.store.begin().await?;
    units::update(&mut tx, UnitId(id), &new).await?;
    let mut entry = ctx.who.entry(
        &state,
        Some(a),
        "unit.update",
        format!("unit:{id}"),
        Outcome::Success,
    );
    entry.unit_id = Some(id);
    entry.detail = serde_json::json!({
        "before": { "code": old.code, "name": old.name, "valid_from": old.valid_from, "valid_to": old.valid_to },
        "after": { "code": new.code, "name": new.name, "valid_from": new.valid_from, "valid_to": new.valid_to },
    })
    .to_string();
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to(&format!("/admin/units/{id}?m=saved")).into_response())
}

/// Accounts an administrator may see: every unit they belong to is covered.
async fn visible_accounts(
    state: &AppState,
    actor: &Actor,
) -> AppResult<Vec<(accounts::Account, Vec<accounts::Grant>)>> {
    let covered = covered_units(state, actor).await?;
    let mut out = Vec::new();
    for acc in accounts::list(&state.store).await? {
        let grants = accounts::grants(&state.store, acc.id).await?;
        let visible = match &covered {
            None => true,
            Some(c) => {
                !grants.is_empty()
                    && grants.iter().all(|g| {
                        g.unit_id.is_some_and(|u| c.contains(&u)) && g.role != Role::SystemAdmin
                    })
            }
        };
        if visible {
            out.push((acc, grants));
        }
    }
    Ok(out)
}

async fn account_list(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let rows: Vec<Value> = visible_accounts(&state, a)
        .await?
        .into_iter()
        .map(|(acc, grants)| {
            let roles = grants.iter().map(|g| role_label(ctx.lang, g.role)).collect::<Vec<_>>().join(", ");
            context! { id => acc.id.0, username => acc.username, display_name => acc.display_name, roles, disabled => acc.disabled_at.is_some() }
        })
        .collect();
    page(
        &state,
        &ctx,
        "admin/accounts.html",
        context! { accounts => rows },
    )
}

async fn role_and_unit_choices(
    state: &AppState,
    ctx: &Ctx,
    a: &Actor,
) -> AppResult<(Vec<Value>, Vec<Value>)> {
    let today = to_local(state.clock.now()).date();
    let roles: Vec<Value> = ALL_ROLES
        .iter()
        .filter(|r| **r != Role::Citizen && (a.is_system_admin() || **r != Role::SystemAdmin))
        .map(|r| context! { value => r.as_str(), label => role_label(ctx.lang, *r) })
        .collect();
    let mut units_v: Vec<Unit> = visible_units(state, a, None).await?;
    units_v.sort_by_key(|u| !u.valid_on(today));
    let units_out = units_v
        .iter()
        .map(|u| context! { id => u.id.0, name => u.name.clone() })
        .collect();
    Ok((roles, units_out))
}

#[derive(Deserialize, Default, serde::Serialize)]
struct NewAccountForm {
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    username: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_id: String,
}

async fn account_new(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let (roles, units_v) = role_and_unit_choices(&state, &ctx, a).await?;
    page(
        &state,
        &ctx,
        "admin/account_new.html",
        context! { roles, units => units_v, form => crate::templates::ser(NewAccountForm::default()), errors => form_errors(&ctx, &[]) },
    )
}

/// Checks that the actor may grant `role` on `unit`.
async fn may_grant(state: &AppState, a: &Actor, role: Role, unit: UnitId) -> AppResult<()> {
    if role == Role::Citizen || (role == Role::SystemAdmin && !a.is_system_admin()) {
        return Err(AppError::invalid("ACC-0009").field("role"));
    }
    let covered = covered_units(state, a).await?;
    if covered.as_ref().is_some_and(|c| !c.contains(&unit)) {
        return Err(AppError::forbidden());
    }
    units::get(&state.store, unit).await?;
    Ok(())
}

async fn account_create(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppForm(mut form): AppForm<NewAccountForm>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let mut errors = Vec::new();
    let name = parse_display_name(&form.display_name)
        .map_err(|e| errors.push(AppError::from(e)))
        .ok();
    let username = Username::parse(&form.username)
        .map_err(|e| errors.push(AppError::from(e)))
        .ok();
    if let Err(e) = check_new_password(&form.password, &form.username) {
        errors.push(e.into());
    }
    let email = (!form.email.trim().is_empty())
        .then(|| {
            Email::parse(&form.email)
                .map_err(|e| errors.push(e.into()))
                .ok()
        })
        .flatten();
    let role = Role::parse(&form.role)
        .map_err(|e| errors.push(e.into()))
        .ok();
    let unit = form
        .unit_id
        .parse::<i64>()
        .map(UnitId)
        .map_err(|_| errors.push(AppError::invalid("UNIT-0006").field("unit_id")))
        .ok();
    if let (Some(r), Some(u)) = (role, unit)
        && let Err(e) = may_grant(&state, a, r, u).await
    {
        if e.status == StatusCode::FORBIDDEN {
            return Err(e);
        }
        errors.push(e);
    }
    let (Some(display_name), Some(username), Some(role), Some(unit), true) =
        (name, username, role, unit, errors.is_empty())
    else {
        form.password.clear();
        let (roles, units_v) = role_and_unit_choices(&state, &ctx, a).await?;
        let mut res = page(
            &state,
            &ctx,
            "admin/account_new.html",
            context! { roles, units => units_v, form => crate::templates::ser(&form), errors => form_errors(&ctx, &errors) },
        )?;
        *res.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
        return Ok(res);
    };
    let pw = std::mem::take(&mut form.password);
    let hash = tokio::task::spawn_blocking(move || password::hash(&pw))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    let t = state.now_ts();
    let mut tx = state.store.begin().await?;
    let id = accounts::insert(
        &mut tx,
        &accounts::NewAccount {
            username: username.as_str().to_owned(),
            display_name,
            audience: Audience::Official,
            password_hash: hash,
            email: email.map(|e| e.as_str().to_owned()),
            phone: None,
            cccd: None,
            position: Some(camlo_domain::text::nfc(&form.position)).filter(|p| !p.is_empty()),
            language: "vi".into(),
        },
        t,
    )
    .await?;
    accounts::grant(&mut tx, id, role, Some(unit), Some(a.account.id), t).await?;
    let mut entry = ctx.who.entry(
        &state,
        Some(a),
        "account.create",
        format!("account:{}", id.0),
        Outcome::Success,
    );
    entry.unit_id = Some(unit.0);
    entry.detail =
        serde_json::json!({ "username": username.as_str(), "role": role.as_str(), "unit": unit.0 })
            .to_string();
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to(&format!("/admin/accounts/{}", id.0)).into_response())
}

async fn account_show(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let acc = accounts::get(&state.store, AccountId(id)).await?;
    let mut grants = Vec::new();
    for g in accounts::grants(&state.store, acc.id).await? {
        let unit_name = match g.unit_id {
            Some(u) => units::get(&state.store, u).await?.name,
            None => String::new(),
        };
        grants.push(context! { id => g.id, role_label => role_label(ctx.lang, g.role), unit_name });
    }
    let (roles, units_v) = role_and_unit_choices(&state, &ctx, a).await?;
    let account = context! { id => acc.id.0, username => acc.username, display_name => acc.display_name, disabled => acc.disabled_at.is_some() };
    page(
        &state,
        &ctx,
        "admin/account.html",
        context! { account, grants, roles, units => units_v },
    )
}

#[derive(Deserialize)]
struct GrantForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    unit_id: String,
}

async fn grant_add(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<GrantForm>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let role = Role::parse(&form.role)?;
    let unit = form
        .unit_id
        .parse::<i64>()
        .map(UnitId)
        .map_err(|_| AppError::invalid("UNIT-0006"))?;
    may_grant(&state, a, role, unit).await?;
    let t = state.now_ts();
    let mut tx = state.store.begin().await?;
    let gid = accounts::grant(
        &mut tx,
        AccountId(id),
        role,
        Some(unit),
        Some(a.account.id),
        t,
    )
    .await?;
    let mut entry = ctx.who.entry(
        &state,
        Some(a),
        "grant.create",
        format!("account:{id}"),
        Outcome::Success,
    );
    entry.unit_id = Some(unit.0);
    entry.detail =
        serde_json::json!({ "grant": gid, "role": role.as_str(), "unit": unit.0 }).to_string();
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to(&format!("/admin/accounts/{id}?m=saved")).into_response())
}

async fn grant_revoke(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath((id, grant)): AppPath<(i64, i64)>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let mut tx = state.store.begin().await?;
    accounts::revoke_grant(&mut tx, AccountId(id), grant).await?;
    // Rights are revoked, not renamed: the account's sessions end so the change applies at once.
    sessions::revoke_all(&mut tx, AccountId(id), None, "role revoked", state.now_ts()).await?;
    let mut entry = ctx.who.entry(
        &state,
        Some(a),
        "grant.revoke",
        format!("account:{id}"),
        Outcome::Success,
    );
    entry.detail = format!("{{\"grant\":{grant}}}");
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to(&format!("/admin/accounts/{id}?m=saved")).into_response())
}

async fn set_disabled(state: &AppState, ctx: &Ctx, id: i64, disable: bool) -> AppResult<Response> {
    let a = ctx.actor()?;
    if a.account.id.0 == id && disable {
        return Err(AppError::conflict("WEB-0010"));
    }
    let t = state.now_ts();
    let mut tx = state.store.begin().await?;
    accounts::set_disabled(&mut tx, AccountId(id), disable.then_some(t)).await?;
    let ended = if disable {
        sessions::revoke_all(&mut tx, AccountId(id), None, "account disabled", t).await?
    } else {
        0
    };
    let mut entry = ctx.who.entry(
        state,
        Some(a),
        if disable {
            "account.disable"
        } else {
            "account.enable"
        },
        format!("account:{id}"),
        Outcome::Success,
    );
    entry.detail = format!("{{\"sessions_ended\":{ended}}}");
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(Redirect::to(&format!("/admin/accounts/{id}?m=saved")).into_response())
}

async fn account_disable(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    set_disabled(&state, &ctx, id, true).await
}

async fn account_enable(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    set_disabled(&state, &ctx, id, false).await
}

async fn audit_log(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let status = match audit::verify(&state.store, &[], |_, _| {}).await? {
        Ok(n) => {
            if ctx.lang == Lang::En {
                format!("Chain intact: {n} records.")
            } else {
                format!("Chuỗi nhật ký nguyên vẹn: {n} bản ghi.")
            }
        }
        Err(b) => format!("{}: {b}", b.code()),
    };
    let entries: Vec<Value> = audit::recent(&state.store, 200)
        .await?
        .into_iter()
        .map(|c| {
            context! {
                seq => c.seq, at => c.entry.at.format("%Y-%m-%d %H:%M:%S").to_string(), actor => c.entry.actor, role => c.entry.role,
                action => c.entry.action, object => c.entry.object, outcome => c.entry.outcome.as_str(),
                request_id => c.entry.request_id, client_addr => c.entry.client_addr,
            }
        })
        .collect();
    page(
        &state,
        &ctx,
        "admin/audit.html",
        context! { entries, chain_status => status },
    )
}
