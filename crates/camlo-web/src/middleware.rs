//! The request pipeline. `outer` wraps everything: request id, logging, limits, security headers,
//! metrics and the rendering of errors. `guard` runs once a route matched: it loads the session,
//! applies the [`policy`](crate::policy) rule (access, unit scope), checks CSRF and records
//! activity.

use std::net::SocketAddr;
use std::time::Instant;

use axum::RequestPartsExt;
use axum::body::Body;
use axum::extract::{ConnectInfo, MatchedPath, RawPathParams, Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use camlo_domain::audit::Outcome;
use camlo_domain::units::{UnitId, grant_covers};
use camlo_store::sessions::{Session, Stage};
use camlo_store::{accounts, audit, sessions, units};
use tracing::Instrument;

use crate::AppState;
use crate::error::{AppError, ErrorInfo};
use crate::i18n::{Lang, t, t_args};
use crate::policy::{Access, Scope};
use crate::session::{Actor, LANG_COOKIE, Requester, csrf_cookie, read_cookie, session_cookie};

/// The request id, set first thing.
#[derive(Debug, Clone)]
pub struct RequestId(pub String);

/// Everything a handler knows about the request beyond its inputs.
#[derive(Debug, Clone)]
pub struct Ctx {
    /// Request id.
    pub request_id: String,
    /// Language.
    pub lang: Lang,
    /// Signed-in person (full session).
    pub actor: Option<Actor>,
    /// A session waiting for its second factor.
    pub pending: Option<Session>,
    /// The CSRF token to embed in forms.
    pub csrf: String,
    /// Who is asking.
    pub who: Requester,
    /// Path of the request.
    pub path: String,
    /// Query string.
    pub query: String,
    /// Authenticated by `Authorization: Bearer`.
    pub via_bearer: bool,
    /// The configured public base URL (`https://host`), for absolute links; never the request's
    /// Host header.
    pub host: String,
}

impl Ctx {
    /// The signed-in actor or 401.
    pub fn actor(&self) -> Result<&Actor, AppError> {
        self.actor.as_ref().ok_or_else(AppError::unauthenticated)
    }
}

/// The language: the user's choice (cookie), else Vietnamese for pages ("Vietnamese first");
/// API callers may ask with Accept-Language.
pub fn lang_from(headers: &HeaderMap, path: &str) -> Lang {
    if let Some(l) = read_cookie(headers, LANG_COOKIE) {
        return Lang::parse(&l);
    }
    if !path.starts_with("/api/") {
        return Lang::Vi;
    }
    headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .map(|v| Lang::parse(v.split(',').next().unwrap_or("vi")))
        .unwrap_or_default()
}

fn wants_json(path: &str, headers: &HeaderMap) -> bool {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    path.starts_with("/api/")
        || (accept.contains("application/json") && !accept.contains("text/html"))
}

const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Sent with every response (names and values parsed once, at compile time).
const SECURITY_HEADERS: [(HeaderName, HeaderValue); 6] = [
    (
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    ),
    (
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    ),
    (header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY")),
    (
        header::REFERRER_POLICY,
        HeaderValue::from_static("strict-origin-when-cross-origin"),
    ),
    (
        HeaderName::from_static("permissions-policy"),
        HeaderValue::from_static("camera=(), microphone=(), geolocation=()"),
    ),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        HeaderValue::from_static("same-origin"),
    ),
];

/// What every response gets on its way out, whichever path produced it: the security headers,
/// the request id and the counters.
pub fn finish(state: &AppState, res: &mut Response, request_id: &str, started: Instant) {
    let h = res.headers_mut();
    for (name, value) in &SECURITY_HEADERS {
        h.insert(name.clone(), value.clone());
    }
    if let Ok(v) = HeaderValue::from_str(request_id) {
        h.insert(X_REQUEST_ID, v);
    }
    state.metrics.request(
        res.status().as_u16(),
        u64::try_from(started.elapsed().as_micros()).unwrap_or(u64::MAX),
    );
}

/// A request id: a random prefix drawn once per process and a counter (ids correlate log lines;
/// they are not secrets, so no system call per request).
pub fn next_request_id() -> String {
    use std::sync::OnceLock;
    use std::sync::atomic::{AtomicU32, Ordering};
    static PREFIX: OnceLock<String> = OnceLock::new();
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    let prefix =
        PREFIX.get_or_init(|| camlo_store::random_hex(4).unwrap_or_else(|_| "0".repeat(8)));
    format!("{prefix}{:08x}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// The largest body the matched route accepts: [`crate::UPLOAD_LIMIT`] where it takes a file
/// upload, else the configured limit.
fn body_limit(state: &AppState, req: &Request) -> usize {
    let upload = req
        .extensions()
        .get::<MatchedPath>()
        .and_then(|m| state.policy.lookup(req.method(), m.as_str()))
        .is_some_and(|r| r.upload);
    if upload {
        crate::UPLOAD_LIMIT
    } else {
        state.cfg.body_limit
    }
}

/// True when the request names a host this server answers for (`public_url`'s, or an extra
/// one): the Host header and an absolute request target both. `/healthz` answers any host (load
/// balancers probe by address) and prints no host.
pub fn host_allowed<B>(state: &AppState, req: &Request<B>) -> bool {
    if req.uri().path() == "/healthz" {
        return true;
    }
    let ok = |h: &str| state.hosts.iter().any(|a| a.eq_ignore_ascii_case(h));
    if let Some(a) = req.uri().authority()
        && !ok(a.as_str())
    {
        return false;
    }
    match req.headers().get(header::HOST) {
        Some(h) => h.to_str().is_ok_and(ok),
        None => true,
    }
}

/// Outermost layer.
pub async fn outer(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let started = Instant::now();
    let request_id = next_request_id();
    let lang = lang_from(req.headers(), req.uri().path());
    let path = req.uri().path().to_owned();
    let json = wants_json(&path, req.headers());
    let method = req.method().clone();
    req.extensions_mut().insert(RequestId(request_id.clone()));
    let too_large = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok())
        .is_some_and(|n| n > state.cfg.body_limit && n > body_limit(&state, &req));
    let span = tracing::info_span!("request", request_id = %request_id, %method, path = %path);
    let mut res = if !host_allowed(&state, &req) {
        AppError::new(StatusCode::MISDIRECTED_REQUEST, "WEB-0014").into_response()
    } else if too_large {
        AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "WEB-0006").into_response()
    } else {
        match tokio::time::timeout(
            state.cfg.request_timeout,
            next.run(req).instrument(span.clone()),
        )
        .await
        {
            Ok(res) => res,
            Err(_) => AppError::new(StatusCode::REQUEST_TIMEOUT, "WEB-0009").into_response(),
        }
    };
    if let Some(ErrorInfo(err)) = res.extensions_mut().remove::<ErrorInfo>() {
        let _enter = span.enter();
        if err.status.is_server_error() || err.detail.is_some() {
            tracing::warn!(
                code = err.code,
                status = err.status.as_u16(),
                detail = err.detail.as_deref().unwrap_or(""),
                "request failed"
            );
        }
        let headers = std::mem::take(res.headers_mut());
        res = render_error(&state, &err, lang, &request_id, json, &path);
        for (k, v) in &headers {
            if k == header::SET_COOKIE || k == header::LOCATION {
                res.headers_mut().append(k.clone(), v.clone());
            }
        }
    }
    finish(&state, &mut res, &request_id, started);
    let status = res.status().as_u16();
    let _enter = span.enter();
    tracing::info!(
        status,
        micros = started.elapsed().as_micros() as u64,
        "served"
    );
    res
}

/// Renders an error as JSON or as the themed HTML page.
fn render_error(
    state: &AppState,
    err: &AppError,
    lang: Lang,
    request_id: &str,
    json: bool,
    path: &str,
) -> Response {
    let args: Vec<(&str, String)> = err.args.iter().map(|(k, v)| (*k, v.clone())).collect();
    let message = t_args(lang, err.code, &args);
    let mut res = if json {
        let mut body =
            serde_json::json!({ "code": err.code, "message": message, "request_id": request_id });
        if let Some(f) = err.field {
            body["field"] = serde_json::Value::from(f);
        }
        (err.status, axum::Json(body)).into_response()
    } else {
        let ctx = minijinja::context! {
            lang => lang.code(), site_name => state.cfg.site_name.clone(), user => (), csrf => "",
            path => path, message => message.clone(), code => err.code, request_id => request_id,
        };
        match state.templates.render("error.html", ctx) {
            Ok(mut r) => {
                *r.status_mut() = err.status;
                r
            }
            Err(_) => (
                err.status,
                format!("{message} ({}; {request_id})", err.code),
            )
                .into_response(),
        }
    };
    res.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Some(secs) = err.retry_after
        && let Ok(v) = HeaderValue::from_str(&secs.to_string())
    {
        res.headers_mut().insert(header::RETRY_AFTER, v);
    }
    res
}

fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|v| v.trim().to_owned())
}

fn same_origin(headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return false;
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => true,
        Some(origin) => {
            let host = headers
                .get(header::HOST)
                .and_then(|v| v.to_str().ok())
                .unwrap_or("");
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            !host.is_empty() && origin_host == host
        }
    }
}

/// A short text field of a multipart body (the CSRF token), found by its name.
fn multipart_field(content_type: &str, body: &[u8], name: &str) -> Option<String> {
    let boundary = content_type
        .split(';')
        .find_map(|p| p.trim().strip_prefix("boundary="))?
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let wanted = format!("name=\"{name}\"");
    let mut rest = body;
    while let Some(at) = find(rest, delimiter.as_bytes()) {
        rest = &rest[at + delimiter.len()..];
        let headers_end = find(rest, b"\r\n\r\n")?;
        let headers = String::from_utf8_lossy(&rest[..headers_end]);
        let value_start = headers_end + 4;
        let is_field = headers.lines().any(|l| {
            l.to_ascii_lowercase().starts_with("content-disposition:")
                && l.split(';').any(|p| p.trim() == wanted)
        });
        if is_field {
            let value = &rest[value_start..];
            let end = find(value, format!("\r\n{delimiter}").as_bytes())?;
            return std::str::from_utf8(&value[..end]).ok().map(str::to_owned);
        }
    }
    None
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn constant_eq(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// Loads the session, applies the policy, checks CSRF and records activity.
pub async fn guard(State(state): State<AppState>, req: Request, next: Next) -> Response {
    match guard_inner(state, req, next).await {
        Ok(res) | Err(res) => res,
    }
}

async fn guard_inner(state: AppState, req: Request, next: Next) -> Result<Response, Response> {
    let (mut parts, body) = req.into_parts();
    let request_id = parts
        .extensions
        .get::<RequestId>()
        .map_or_else(String::new, |r| r.0.clone());
    let path = parts.uri.path().to_owned();
    let query = parts.uri.query().unwrap_or("").to_owned();
    let matched = parts
        .extensions
        .get::<MatchedPath>()
        .map(|m| m.as_str().to_owned())
        .unwrap_or_default();
    let Some(rule) = state.policy.lookup(&parts.method, &matched) else {
        tracing::error!(route = %matched, "route has no policy entry; denied");
        return Err(AppError::forbidden().into_response());
    };
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip());
    let client =
        peer.map(|p| crate::client::client_ip(p, &parts.headers, &state.cfg.trusted_proxies));
    let who = Requester {
        request_id: request_id.clone(),
        client_addr: client.map_or_else(|| "unknown".into(), |c| c.to_string()),
        client_key: client.map_or_else(
            || state.cfg.client_key.hmac(b"unknown"),
            |c| state.cfg.client_key.subject(c),
        ),
        user_agent: parts
            .headers
            .get(header::USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .chars()
            .take(200)
            .collect(),
    };
    let now = state.now_ts();
    let html = !wants_json(&path, &parts.headers);

    // Who is this?
    let bearer_token = bearer(&parts.headers);
    let via_bearer = bearer_token.is_some();
    let token = bearer_token
        .or_else(|| read_cookie(&parts.headers, session_cookie(state.cfg.secure_cookies)));
    let (mut actor, mut pending, mut expired) = (None, None, false);
    if let Some(token) = &token {
        let found = sessions::find(&state.store, token)
            .await
            .map_err(|e| AppError::from(e).into_response())?;
        if let Some(s) = found {
            if s.is_live(now) {
                let account = accounts::get(&state.store, s.account_id)
                    .await
                    .map_err(|e| AppError::from(e).into_response())?;
                if account.disabled_at.is_none() {
                    if s.stage == Stage::Full {
                        let grants = accounts::grants(&state.store, account.id)
                            .await
                            .map_err(|e| AppError::from(e).into_response())?;
                        actor = Some(Actor {
                            account,
                            grants,
                            session: s,
                        });
                    } else {
                        pending = Some(s);
                    }
                }
            } else {
                expired = s.revoked_at.is_none();
            }
        }
    }
    let lang = if read_cookie(&parts.headers, LANG_COOKIE).is_none() {
        actor.as_ref().map_or_else(
            || lang_from(&parts.headers, &path),
            |a| Lang::parse(&a.account.language),
        )
    } else {
        lang_from(&parts.headers, &path)
    };

    // Access.
    let has_session = actor.is_some() || pending.is_some();
    let allowed_in = match rule.access {
        Access::Public => true,
        Access::Session => has_session,
        Access::Authenticated | Access::Roles(_) => actor.is_some(),
    };
    if !allowed_in {
        if html && parts.method == Method::GET {
            let reason = if expired { "&reason=expired" } else { "" };
            let next_url: String =
                percent_encoding::utf8_percent_encode(&path, percent_encoding::NON_ALPHANUMERIC)
                    .collect();
            return Err(Redirect::to(&format!("/login?next={next_url}{reason}")).into_response());
        }
        let code = if expired { "AUTH-0005" } else { "WEB-0002" };
        return Err(AppError::new(StatusCode::UNAUTHORIZED, code).into_response());
    }
    if let Some(a) = &actor {
        if a.needs_totp_setup(&state.cfg.totp_roles) && !rule.before_totp {
            if html && parts.method == Method::GET {
                return Err(Redirect::to("/account?m=totp_required#totp").into_response());
            }
            return Err(AppError::new(StatusCode::FORBIDDEN, "WEB-0011").into_response());
        }
        let permitted = match rule.access {
            Access::Roles(roles) => a.is_system_admin() || roles.iter().any(|r| a.has_role(*r)),
            _ => true,
        };
        let in_scope = permitted
            && match rule.scope {
                Scope::None => true,
                Scope::UnitPath | Scope::AccountPath => {
                    let params = parts
                        .extract::<RawPathParams>()
                        .await
                        .map_err(|_| AppError::not_found().into_response())?;
                    let id = params
                        .iter()
                        .find(|(k, _)| *k == "id")
                        .and_then(|(_, v)| v.parse::<i64>().ok());
                    let Some(id) = id else {
                        return Err(AppError::not_found().into_response());
                    };
                    let roles = match rule.access {
                        Access::Roles(r) => r,
                        _ => &[],
                    };
                    covers(&state, a, roles, rule.scope, id)
                        .await
                        .map_err(IntoResponse::into_response)?
                }
                Scope::Resolver(name) => {
                    let Some(resolver) = state.resolvers.get(name) else {
                        tracing::error!(scope = name, "scope has no resolver; denied");
                        return Err(AppError::forbidden().into_response());
                    };
                    let params: Vec<(String, String)> = parts
                        .extract::<RawPathParams>()
                        .await
                        .map_err(|_| AppError::not_found().into_response())?
                        .iter()
                        .map(|(k, v)| (k.to_owned(), v.to_owned()))
                        .collect();
                    resolve_hidden(
                        &state,
                        &who,
                        a,
                        &rule,
                        resolver,
                        &params,
                        &parts.method,
                        &path,
                    )
                    .await
                    .map_err(IntoResponse::into_response)?;
                    true
                }
            };
        if !in_scope {
            let entry = who.entry(
                &state,
                Some(a),
                "authz.deny",
                format!("{} {}", parts.method, path),
                Outcome::Denied,
            );
            audit::append_alone(&state.store, &entry)
                .await
                .map_err(|e| AppError::from(e).into_response())?;
            state.metrics.denial();
            return Err(AppError::forbidden().into_response());
        }
    }

    // CSRF on every state-changing request.
    let anon_cookie = read_cookie(&parts.headers, csrf_cookie(state.cfg.secure_cookies));
    let mut new_anon = None;
    let csrf = match (&actor, &pending) {
        (Some(a), _) => a.session.csrf_token.clone(),
        (None, Some(p)) => p.csrf_token.clone(),
        (None, None) => {
            let (token, fresh) = crate::session::anon_csrf(anon_cookie.as_deref())
                .map_err(IntoResponse::into_response)?;
            new_anon = fresh;
            token
        }
    };
    let mut body = body;
    if !matches!(parts.method, Method::GET | Method::HEAD | Method::OPTIONS) {
        if !same_origin(&parts.headers) {
            return Err(AppError::csrf().into_response());
        }
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        // A JSON body cannot be sent cross-site without a CORS preflight (which camlo never
        // grants), so an anonymous JSON request (API sign-in) needs no token.
        let anonymous_json = content_type.starts_with("application/json") && !has_session;
        let origin_enough = !has_session && !rule.anon_token;
        if !via_bearer && !anonymous_json && !origin_enough {
            let mut submitted = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned);
            if submitted.is_none() && content_type.starts_with("application/x-www-form-urlencoded")
            {
                let bytes = axum::body::to_bytes(body, state.cfg.body_limit)
                    .await
                    .map_err(|_| {
                        AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "WEB-0006").into_response()
                    })?;
                submitted = serde_urlencoded::from_bytes::<Vec<(String, String)>>(&bytes)
                    .ok()
                    .and_then(|pairs| {
                        pairs
                            .into_iter()
                            .find(|(k, _)| k == "_csrf")
                            .map(|(_, v)| v)
                    });
                body = Body::from(bytes);
            }
            if submitted.is_none() && content_type.starts_with("multipart/form-data") {
                // File uploads from plain HTML forms carry the token as a form field (never in
                // the URL, where logs, history and Referer headers would keep it).
                let limit = if rule.upload {
                    crate::UPLOAD_LIMIT
                } else {
                    state.cfg.body_limit
                };
                let bytes = axum::body::to_bytes(body, limit).await.map_err(|_| {
                    AppError::new(StatusCode::PAYLOAD_TOO_LARGE, "WEB-0006").into_response()
                })?;
                submitted = multipart_field(&content_type, &bytes, "_csrf");
                body = Body::from(bytes);
            }
            let expected_known = has_session || anon_cookie.is_some();
            if !expected_known || !submitted.is_some_and(|s| constant_eq(&s, &csrf)) {
                return Err(AppError::csrf().into_response());
            }
        }
    }

    // Activity extends the idle limit (never the absolute one); polling does not.
    if let Some(a) = &actor
        && rule.touch
        && now - a.session.last_active_at >= 5
    {
        let (idle, _) = crate::session::limits(&state, a.account.audience);
        sessions::touch(&state.store, a.session.id, now, idle)
            .await
            .map_err(|e| AppError::from(e).into_response())?;
    }

    let host = state.public_base.clone();
    let signed_in = has_session;
    let public = rule.access == Access::Public;
    let ctx = Ctx {
        request_id,
        lang,
        actor,
        pending,
        csrf,
        who,
        path,
        query,
        via_bearer,
        host,
    };
    parts.extensions.insert(ctx);
    let mut res = next.run(Request::from_parts(parts, body)).await;
    if let Some(token) = new_anon {
        crate::session::set_cookie(
            &mut res,
            csrf_cookie(state.cfg.secure_cookies),
            &token,
            state.cfg.secure_cookies,
            None,
        );
    }
    if signed_in || !public {
        res.headers_mut()
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    Ok(res)
}

/// A feature's object in the path (`Scope::Resolver`): the actor passes when the resolver says
/// so. An object that exists but may not be seen gets the same answer as one that does not
/// exist (404 with the resolver's code), so codes cannot be tested for existence; the denial is
/// audited and, like every miss, counted against the account and the address
/// ([`crate::limits::PROBE_ACCOUNT`], [`crate::limits::PROBE_ADDRESS`]), which are refused with
/// 429 once over the limit.
#[allow(clippy::too_many_arguments)]
async fn resolve_hidden(
    state: &AppState,
    who: &Requester,
    actor: &Actor,
    rule: &crate::policy::Rule,
    resolver: &crate::feature::Resolver,
    params: &[(String, String)],
    method: &Method,
    path: &str,
) -> Result<(), AppError> {
    let account = actor.account.id.0;
    crate::limits::check_probes(state, account, &who.client_key).await?;
    let hidden = || AppError::new(StatusCode::NOT_FOUND, resolver.not_found);
    match (resolver.resolve)(state, actor, rule, params).await {
        Ok(true) => Ok(()),
        Ok(false) => {
            let entry = who.entry(
                state,
                Some(actor),
                "authz.deny",
                format!("{method} {path}"),
                Outcome::Denied,
            );
            crate::limits::record_probe(state, account, &who.client_key, Some(entry)).await?;
            state.metrics.denial();
            Err(hidden())
        }
        Err(e) if e.status == StatusCode::NOT_FOUND => {
            crate::limits::record_probe(state, account, &who.client_key, None).await?;
            Err(hidden())
        }
        Err(e) => Err(e),
    }
}

/// Does the actor's grant (with one of `roles`) cover the unit or account `id`?
async fn covers(
    state: &AppState,
    actor: &Actor,
    roles: &[camlo_domain::accounts::Role],
    scope: Scope,
    id: i64,
) -> Result<bool, AppError> {
    if actor.is_system_admin() {
        return Ok(true);
    }
    let grant_units: Vec<UnitId> = actor
        .grants
        .iter()
        .filter(|g| roles.contains(&g.role))
        .filter_map(|g| g.unit_id)
        .collect();
    let targets: Vec<UnitId> = match scope {
        Scope::UnitPath => vec![UnitId(id)],
        Scope::AccountPath => {
            let grants =
                accounts::grants(&state.store, camlo_domain::accounts::AccountId(id)).await?;
            if grants
                .iter()
                .any(|g| g.unit_id.is_none() || g.role == camlo_domain::accounts::Role::SystemAdmin)
            {
                return Ok(false);
            }
            if grants.is_empty() {
                // An account without grants: only an existing account can be managed, by a system admin.
                accounts::get(&state.store, camlo_domain::accounts::AccountId(id)).await?;
                return Ok(false);
            }
            grants.iter().filter_map(|g| g.unit_id).collect()
        }
        Scope::None | Scope::Resolver(_) => {
            return Ok(true);
        }
    };
    for target in targets {
        let ancestors = match units::ancestors(&state.store, target).await {
            Ok(a) => a,
            Err(camlo_store::StoreError::NotFound) => return Err(AppError::not_found()),
            Err(e) => return Err(e.into()),
        };
        if !grant_units
            .iter()
            .any(|g| grant_covers(*g, target, &ancestors))
        {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The message for a key in the request's language (for handlers).
pub fn msg(ctx: &Ctx, key: &str) -> String {
    t(ctx.lang, key).to_owned()
}
