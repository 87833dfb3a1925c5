//! Sessions, cookies and the login use case (shared by the HTML form and the JSON API).

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use camlo_domain::accounts::{Audience, Role, Username, password, totp};
use camlo_domain::audit::{AuditEntry, Outcome};
use camlo_domain::clock::format_local;
use camlo_store::accounts::{Account, Grant};
use camlo_store::sessions::{NewSession, Session, Stage};
use camlo_store::{accounts, audit, sessions, throttle};

use crate::limits::{LOGIN_ACCOUNT, LOGIN_ADDRESS, LOGIN_PAIR, TOTP_ACCOUNT, TOTP_SESSION};

use crate::AppState;
use crate::error::{AppError, AppResult};

/// The signed-in person for this request.
#[derive(Debug, Clone)]
pub struct Actor {
    /// Account.
    pub account: Account,
    /// Role grants.
    pub grants: Vec<Grant>,
    /// Session in use.
    pub session: Session,
}

impl Actor {
    /// Holds `role` anywhere.
    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }
    /// Holds the system administrator role.
    pub fn is_system_admin(&self) -> bool {
        self.has_role(Role::SystemAdmin)
    }
    /// Administers something.
    pub fn is_admin(&self) -> bool {
        self.is_system_admin() || self.has_role(Role::UnitAdmin)
    }
    /// Holds a role that must sign in with a second factor (`required`, the deployment's list).
    pub fn must_use_totp(&self, required: &[Role]) -> bool {
        self.grants.iter().any(|g| required.contains(&g.role))
    }
    /// Holds such a role and has not turned on the second factor yet.
    pub fn needs_totp_setup(&self, required: &[Role]) -> bool {
        self.must_use_totp(required) && !self.account.totp_enabled
    }
    /// The role to record in audit entries.
    pub fn main_role(&self) -> Option<String> {
        self.grants
            .iter()
            .map(|g| g.role)
            .max()
            .map(|r| r.as_str().to_owned())
    }
    /// The first unit granted (for audit entries).
    pub fn main_unit(&self) -> Option<i64> {
        self.grants.iter().find_map(|g| g.unit_id.map(|u| u.0))
    }
}

/// Who is asking, for audit entries.
#[derive(Debug, Clone, Default)]
pub struct Requester {
    /// Request id.
    pub request_id: String,
    /// Client address (behind a trusted proxy, the forwarded one), for audit records.
    pub client_addr: String,
    /// The keyed hash of the client address that rate limits count under.
    pub client_key: String,
    /// User agent (truncated).
    pub user_agent: String,
}

impl Requester {
    /// An audit entry from this requester.
    pub fn entry(
        &self,
        state: &AppState,
        actor: Option<&Actor>,
        action: &str,
        object: String,
        outcome: Outcome,
    ) -> AuditEntry {
        AuditEntry {
            at: state.clock.now(),
            actor_id: actor.map(|a| a.account.id.0),
            actor: actor.map_or_else(|| "anonymous".to_owned(), |a| a.account.username.clone()),
            role: actor.and_then(Actor::main_role),
            unit_id: actor.and_then(Actor::main_unit),
            action: action.to_owned(),
            object,
            outcome,
            request_id: self.request_id.clone(),
            client_addr: self.client_addr.clone(),
            detail: "{}".to_owned(),
        }
    }
}

/// Cookie names: `__Host-` prefixed (which requires Secure) unless serving plain-HTTP demo.
pub fn session_cookie(secure: bool) -> &'static str {
    if secure { "__Host-camlo" } else { "camlo" }
}

/// The anonymous CSRF cookie (double-submit for forms used before signing in).
pub fn csrf_cookie(secure: bool) -> &'static str {
    if secure {
        "__Host-camlo-csrf"
    } else {
        "camlo-csrf"
    }
}

/// The language preference cookie.
pub const LANG_COOKIE: &str = "camlo-lang";

/// Reads a cookie value.
pub fn read_cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_owned())
}

/// Appends a `Set-Cookie` header.
pub fn set_cookie(res: &mut Response, name: &str, value: &str, secure: bool, max_age: Option<i64>) {
    let mut c = format!("{name}={value}; Path=/; HttpOnly; SameSite=Lax");
    if secure {
        c.push_str("; Secure");
    }
    if let Some(age) = max_age {
        c.push_str(&format!("; Max-Age={age}"));
    }
    if let Ok(v) = HeaderValue::from_str(&c) {
        res.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// A fresh random token (256 bits).
pub fn new_token() -> AppResult<String> {
    camlo_store::random_hex(32).map_err(AppError::from)
}

/// The anonymous visitor's CSRF token: the one in their cookie when it is well formed, else a
/// fresh one (`Some` in the second place: set it as the cookie on the way out).
pub fn anon_csrf(cookie: Option<&str>) -> AppResult<(String, Option<String>)> {
    match cookie {
        Some(c) if c.len() == 64 => Ok((c.to_owned(), None)),
        _ => {
            let fresh = new_token()?;
            Ok((fresh.clone(), Some(fresh)))
        }
    }
}

/// Timeouts in seconds for an audience: (idle, absolute).
pub fn limits(state: &AppState, audience: Audience) -> (i64, i64) {
    let (idle, abs) = match audience {
        Audience::Citizen => (state.cfg.citizen_idle, state.cfg.citizen_absolute),
        Audience::Official => (state.cfg.official_idle, state.cfg.official_absolute),
    };
    (
        i64::try_from(idle.as_secs()).unwrap_or(i64::MAX),
        i64::try_from(abs.as_secs()).unwrap_or(i64::MAX),
    )
}

/// What a successful password check produced.
#[derive(Debug, Clone)]
pub struct LoggedIn {
    /// The new session's token (cookie value and Bearer token).
    pub token: String,
    /// The stored session.
    pub session: Session,
}

/// Credentials offered at login.
#[derive(Debug, Clone)]
pub struct LoginInput {
    /// Username as typed.
    pub username: String,
    /// Password.
    pub password: String,
    /// TOTP code (the API passes it along; the form asks on a second page).
    pub totp: Option<String>,
}

async fn verify_password(password_text: String, hash: Option<String>) -> bool {
    tokio::task::spawn_blocking(move || match hash {
        Some(h) => password::verify(&password_text, &h),
        None => {
            // Same work for an unknown user as for a wrong password.
            let _ = password::verify(&password_text, password::dummy_hash());
            false
        }
    })
    .await
    .unwrap_or(false)
}

/// The refusal for a locked subject: `code` (AUTH-0002 for a username, AUTH-0008 for an
/// address) with the time it ends, and `Retry-After`.
fn locked_error(code: &'static str, now: i64, until: i64) -> AppError {
    AppError::too_many(code, now, until).arg("until", format_local(camlo_store::from_ts(until)))
}

/// Appends a refusal's audit record through the group commit: a client hammering a lock costs
/// no fsync of its own.
async fn audit_refusal(state: &AppState, entry: AuditEntry) -> AppResult<()> {
    state
        .store
        .write(move |tx| Box::pin(async move { audit::append(tx, &entry).await }))
        .await?;
    Ok(())
}

/// Checks credentials and opens a session. The answer and the work done are the same for an
/// unknown user, a disabled account and a wrong password. Failures count against the username
/// from this address (locked first, for this address only), the username from anywhere and the
/// address whatever the username ([`crate::limits`]); a right password clears the first two,
/// never the second factor's counters.
pub async fn login(
    state: &AppState,
    who: &Requester,
    input: LoginInput,
    previous: Option<&Session>,
) -> AppResult<LoggedIn> {
    let now = state.clock.now();
    let t = now.timestamp();
    let username = Username::parse(&input.username)
        .map(|u| u.as_str().to_owned())
        .unwrap_or_else(|_| {
            input
                .username
                .trim()
                .to_lowercase()
                .chars()
                .take(64)
                .collect()
        });
    let pair = format!("{username}|{}", who.client_key);
    let mut entry = who.entry(
        state,
        None,
        "session.login",
        format!("username:{username}"),
        Outcome::Failure,
    );
    entry.actor.clone_from(&username);
    let password_limits = [
        (LOGIN_PAIR, pair.as_str(), "AUTH-0002"),
        (LOGIN_ACCOUNT, username.as_str(), "AUTH-0002"),
        (LOGIN_ADDRESS, who.client_key.as_str(), "AUTH-0008"),
    ];
    for (limit, subject, code) in &password_limits {
        let count = throttle::count(&state.store, limit, subject, t).await?;
        if let Some(until) = count.locked(limit) {
            entry.detail = format!("{{\"reason\":\"locked\",\"limit\":\"{}\"}}", limit.bucket);
            audit_refusal(state, entry).await?;
            state.metrics.login(false);
            return Err(locked_error(code, t, until));
        }
    }
    let creds = accounts::credentials(&state.store, &username).await?;
    let hash = creds.as_ref().map(|c| c.password_hash.clone());
    let password_ok = verify_password(input.password, hash).await
        && creds
            .as_ref()
            .is_some_and(|c| c.account.disabled_at.is_none());
    let Some(creds) = creds.filter(|_| password_ok) else {
        let mut tx = state.store.begin().await?;
        let mut lock = None;
        for (limit, subject, code) in &password_limits {
            let count = throttle::hit(&mut tx, limit, subject, t).await?;
            if lock.is_none()
                && let Some(until) = count.locked(limit)
            {
                lock = Some((*code, until));
            }
        }
        audit::append(&mut tx, &entry).await?;
        camlo_store::commit(tx).await?;
        state.metrics.login(false);
        return Err(match lock {
            Some((code, until)) => locked_error(code, t, until),
            None => AppError::new(StatusCode::UNAUTHORIZED, "AUTH-0001"),
        });
    };
    entry.actor_id = Some(creds.account.id.0);
    let second = creds.account.id.0.to_string();
    let mut totp_step = None;
    if let (true, Some(code)) = (creds.account.totp_enabled, input.totp.as_deref()) {
        if let Some(until) = throttle::count(&state.store, &TOTP_ACCOUNT, &second, t)
            .await?
            .locked(&TOTP_ACCOUNT)
        {
            entry.detail = "{\"reason\":\"totp_locked\"}".into();
            audit_refusal(state, entry).await?;
            state.metrics.login(false);
            return Err(locked_error("AUTH-0002", t, until));
        }
        totp_step = creds
            .totp_secret
            .as_deref()
            .and_then(|s| totp::check(s, code, t, creds.totp_last_step));
        if totp_step.is_none() {
            // The password was right: only the second factor's counter moves.
            let mut tx = state.store.begin().await?;
            let count = throttle::hit(&mut tx, &TOTP_ACCOUNT, &second, t).await?;
            entry.detail = "{\"reason\":\"totp\"}".into();
            audit::append(&mut tx, &entry).await?;
            camlo_store::commit(tx).await?;
            state.metrics.login(false);
            return Err(match count.locked(&TOTP_ACCOUNT) {
                Some(until) => locked_error("AUTH-0002", t, until),
                None => AppError::new(StatusCode::UNAUTHORIZED, "AUTH-0003").field("totp"),
            });
        }
    }
    let mut tx = state.store.begin().await?;
    throttle::clear(&mut tx, &LOGIN_PAIR, &pair).await?;
    throttle::clear(&mut tx, &LOGIN_ACCOUNT, &username).await?;
    if let Some(step) = totp_step {
        accounts::set_totp_step(&mut tx, creds.account.id, step).await?;
        throttle::clear(&mut tx, &TOTP_ACCOUNT, &second).await?;
    }
    if let Some(prev) = previous {
        sessions::revoke(&mut tx, prev.account_id, prev.id, "replaced at login", t).await?;
    }
    let stage = if creds.account.totp_enabled && totp_step.is_none() {
        Stage::TotpPending
    } else {
        Stage::Full
    };
    let token = new_token()?;
    let csrf = new_token()?;
    let (idle, absolute) = limits(state, creds.account.audience);
    let id = sessions::insert(
        &mut tx,
        &NewSession {
            token: &token,
            account_id: creds.account.id,
            audience: creds.account.audience,
            stage,
            csrf_token: &csrf,
            now: t,
            idle_secs: idle,
            absolute_secs: absolute,
            user_agent: &who.user_agent,
            client_addr: &who.client_addr,
        },
    )
    .await?;
    entry.outcome = Outcome::Success;
    entry.object = format!("session:{id}");
    entry.detail = format!(
        "{{\"stage\":\"{}\"}}",
        if stage == Stage::Full {
            "full"
        } else {
            "totp_pending"
        }
    );
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    state.metrics.login(true);
    let session = sessions::find(&state.store, &token)
        .await?
        .ok_or_else(|| AppError::internal("session vanished"))?;
    Ok(LoggedIn { token, session })
}

/// Completes a pending login with a TOTP code. Wrong codes count against the pending session
/// (which ends at [`TOTP_SESSION`]'s limit: `AUTH-0010`, sign in again) and the account (locked
/// at [`TOTP_ACCOUNT`]'s: `AUTH-0002`); only a right code clears them.
pub async fn complete_totp(
    state: &AppState,
    who: &Requester,
    session: &Session,
    code: &str,
) -> AppResult<()> {
    let t = state.now_ts();
    let account_subject = session.account_id.0.to_string();
    let session_subject = session.id.to_string();
    let mut entry = who.entry(
        state,
        None,
        "session.totp",
        format!("session:{}", session.id),
        Outcome::Failure,
    );
    entry.actor_id = Some(session.account_id.0);
    if let Some(until) = throttle::count(&state.store, &TOTP_ACCOUNT, &account_subject, t)
        .await?
        .locked(&TOTP_ACCOUNT)
    {
        entry.detail = "{\"reason\":\"locked\"}".into();
        audit_refusal(state, entry).await?;
        return Err(locked_error("AUTH-0002", t, until));
    }
    let mut tx = state.store.begin().await?;
    let creds = accounts::credentials_by_id(&mut tx, session.account_id).await?;
    entry.actor.clone_from(&creds.account.username);
    let step = creds
        .totp_secret
        .as_deref()
        .and_then(|s| totp::check(s, code, t, creds.totp_last_step));
    let Some(step) = step else {
        let account = throttle::hit(&mut tx, &TOTP_ACCOUNT, &account_subject, t).await?;
        let pending = throttle::hit(&mut tx, &TOTP_SESSION, &session_subject, t).await?;
        let ended = pending.locked(&TOTP_SESSION).is_some();
        if ended {
            sessions::revoke(
                &mut tx,
                session.account_id,
                session.id,
                "too many wrong codes",
                t,
            )
            .await?;
            entry.detail = "{\"reason\":\"session_ended\"}".into();
        }
        audit::append(&mut tx, &entry).await?;
        camlo_store::commit(tx).await?;
        return Err(if ended {
            AppError::new(StatusCode::UNAUTHORIZED, "AUTH-0010")
        } else if let Some(until) = account.locked(&TOTP_ACCOUNT) {
            locked_error("AUTH-0002", t, until).field("code")
        } else {
            AppError::new(StatusCode::UNAUTHORIZED, "AUTH-0003").field("code")
        });
    };
    accounts::set_totp_step(&mut tx, creds.account.id, step).await?;
    sessions::complete(&mut tx, session.id).await?;
    throttle::clear(&mut tx, &TOTP_ACCOUNT, &account_subject).await?;
    throttle::clear(&mut tx, &TOTP_SESSION, &session_subject).await?;
    entry.outcome = Outcome::Success;
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(())
}

/// Ends a session on the server.
pub async fn logout(
    state: &AppState,
    who: &Requester,
    actor: Option<&Actor>,
    session: &Session,
) -> AppResult<()> {
    let t = state.now_ts();
    let mut tx = state.store.begin().await?;
    sessions::revoke(&mut tx, session.account_id, session.id, "logout", t).await?;
    let mut entry = who.entry(
        state,
        actor,
        "session.logout",
        format!("session:{}", session.id),
        Outcome::Success,
    );
    entry.actor_id = Some(session.account_id.0);
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    Ok(())
}
