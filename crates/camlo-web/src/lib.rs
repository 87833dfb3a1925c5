//! The web frame: listener, middleware, sessions, CSRF, policy enforcement, templates and theme,
//! messages, the error → HTTP mapping, OpenAPI assembly, the render cache and front door, the
//! search index's entry points, and the [`feature::Feature`] interface through which feature
//! crates (the one-stop shop, the portal, …) contribute their routes. Accounts, units
//! administration, calendar pages and the session API are the frame's own pages.
//!
//! Architecture invariant: the frame names no feature crate. It reaches the database only through
//! `camlo-store` and decides every authorisation through [`policy`] and the features' resolvers.

#![recursion_limit = "512"]

pub mod api;
pub mod cache;
pub mod calendar;
pub mod client;
pub mod error;
pub mod extract;
pub mod feature;
pub mod i18n;
pub mod limits;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub mod pages;
pub mod policy;
pub mod redirect;
pub mod search;
pub mod server;
pub mod session;
pub mod templates;
pub mod units;

mod account;
mod admin;

use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use axum::Router;
use axum::handler::Handler;
use axum::http::Method;
use axum::routing::{MethodFilter, on};
use camlo_calendar::WorkCalendar;
use camlo_domain::Clock;
use camlo_store::Store;

pub use error::{AppError, AppResult};

/// Largest request body on a route that takes a file upload (`policy::Rule::upload`): room for
/// the biggest single file camlo keeps (a document PDF, 20 MB) and its form fields. Every other
/// route has the configured `limits.body_bytes`.
pub const UPLOAD_LIMIT: usize = 25 * 1024 * 1024;

/// Web settings, passed explicitly from the binary's configuration.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Portal name shown in the header, e.g. "Huyện Cam Lộ".
    pub site_name: String,
    /// Slug of the unit the home page presents.
    pub home_unit: Option<String>,
    /// Secure, `__Host-` cookies. Off only for the plain-HTTP localhost demo.
    pub secure_cookies: bool,
    /// Citizens' idle limit.
    pub citizen_idle: Duration,
    /// Citizens' absolute limit.
    pub citizen_absolute: Duration,
    /// Officials' idle limit.
    pub official_idle: Duration,
    /// Officials' absolute limit.
    pub official_absolute: Duration,
    /// Largest request body accepted.
    pub body_limit: usize,
    /// Longest time for a whole request.
    pub request_timeout: Duration,
    /// Folder whose `templates/` and `static/` override the embedded theme.
    pub theme_dir: Option<PathBuf>,
    /// Data folder: stored files live in `<data_dir>/files`.
    pub data_dir: PathBuf,
    /// Public base URL, e.g. `https://dichvucong.example.vn`: every absolute link (sitemap,
    /// feeds, canonical and Open Graph links, QR codes) is built from it, never from the
    /// request's Host, and requests for another host are refused (421). Required.
    pub public_url: Option<String>,
    /// More `host[:port]` values accepted besides `public_url`'s (the demo's listen address).
    pub extra_hosts: Vec<String>,
    /// Bearer token `/metrics` asks for; without one `/metrics` is not served (404).
    pub metrics_token: Option<String>,
    /// Public dossier lookups per client address per minute.
    pub lookups_per_minute: u32,
    /// Folder of the search index; in memory when unset (tests). Derived data: may be deleted.
    pub search_dir: Option<PathBuf>,
    /// Proxies whose `X-Forwarded-For` is believed (addresses or blocks); empty: the TCP peer is
    /// the client.
    pub trusted_proxies: Vec<client::Cidr>,
    /// The deployment secret that client addresses are hashed with for rate limits.
    pub client_key: client::ClientKey,
    /// Roles that must sign in with a second factor (TOTP); an account holding one without it
    /// is sent to set it up before anything else.
    pub totp_roles: Vec<camlo_domain::accounts::Role>,
}

impl Default for WebConfig {
    fn default() -> Self {
        Self {
            site_name: "camlo".into(),
            home_unit: None,
            secure_cookies: true,
            citizen_idle: Duration::from_secs(30 * 60),
            citizen_absolute: Duration::from_secs(12 * 3600),
            official_idle: Duration::from_secs(15 * 60),
            official_absolute: Duration::from_secs(10 * 3600),
            body_limit: 2 * 1024 * 1024,
            request_timeout: Duration::from_secs(30),
            theme_dir: None,
            data_dir: PathBuf::from("./camlo-data"),
            public_url: None,
            extra_hosts: Vec::new(),
            metrics_token: None,
            lookups_per_minute: 30,
            search_dir: None,
            trusted_proxies: Vec::new(),
            client_key: client::ClientKey::random(),
            totp_roles: camlo_domain::accounts::SECOND_FACTOR_ROLES.to_vec(),
        }
    }
}

/// Shared state of the running application.
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

/// What [`AppState`] holds.
pub struct Inner {
    /// The database.
    pub store: Store,
    /// The clock.
    pub clock: Arc<dyn Clock>,
    /// Settings.
    pub cfg: WebConfig,
    /// `public_url` without a trailing slash: the base of every absolute link.
    pub public_base: String,
    /// The `host[:port]` values requests may name (lowercase).
    pub hosts: Vec<String>,
    /// Templates.
    pub templates: templates::Templates,
    /// Counters for `/metrics`.
    pub metrics: metrics::Metrics,
    /// The working-day calendars in force (rebuilt when an administrator changes holidays or
    /// office hours).
    pub calendars: RwLock<Arc<calendar::Calendars>>,
    /// The full-text index over every feature's public content.
    pub search: Arc<camlo_search::SearchIndex>,
    /// Rendered anonymous pages.
    pub cache: cache::RenderCache,
    /// The features this application runs, in the binary's order.
    pub features: Vec<&'static feature::Feature>,
    /// Every route's rule.
    pub policy: policy::Policy,
    /// The features' scope resolvers by name.
    pub resolvers: std::collections::HashMap<&'static str, feature::Resolver>,
    /// The features' in-memory state by type ([`AppState::ext`]).
    ext: std::collections::HashMap<std::any::TypeId, Arc<dyn std::any::Any + Send + Sync>>,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Builds the state: assembles the features (refusing a route declared twice or a scope no
    /// feature resolves), loads templates and the confirmed holiday years, opens the search
    /// index (rebuilding it from the database when it is empty).
    pub async fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        cfg: WebConfig,
        features: &[&'static feature::Feature],
    ) -> Result<Self, AppError> {
        let (policy, resolvers) = assemble(features).map_err(AppError::internal)?;
        let (public_base, hosts) = public_hosts(&cfg).map_err(AppError::internal)?;
        i18n::install(features.iter().map(|f| f.messages));
        let templates = templates::Templates::new(cfg.theme_dir.clone(), features)?;
        let cal = calendar::load(&store).await?;
        let search = match &cfg.search_dir {
            Some(dir) => camlo_search::SearchIndex::open(dir),
            None => camlo_search::SearchIndex::in_memory(),
        }
        .map_err(|e| AppError::internal(format!("{}: {e}", e.code())))?;
        let empty = search.is_empty();
        let init = feature::InitCtx {
            store: &store,
            clock: &clock,
            index_was_empty: empty,
        };
        let mut ext = std::collections::HashMap::new();
        for f in features {
            if let Some(make) = f.init {
                let value = make(&init);
                ext.insert(value.as_ref().type_id(), value);
            }
        }
        let state = Self(Arc::new(Inner {
            store,
            clock,
            cfg,
            public_base,
            hosts,
            templates,
            metrics: metrics::Metrics::default(),
            calendars: RwLock::new(Arc::new(cal)),
            search: Arc::new(search),
            cache: cache::RenderCache::default(),
            features: features.to_vec(),
            policy,
            resolvers,
            ext,
        }));
        if empty {
            search::rebuild(&state).await?;
        }
        Ok(state)
    }

    /// The features this application runs.
    pub fn features(&self) -> &[&'static feature::Feature] {
        &self.features
    }

    /// A feature's in-memory state (made by its [`feature::Feature::init`]).
    pub fn ext<T: std::any::Any + Send + Sync>(&self) -> Option<&T> {
        self.ext
            .get(&std::any::TypeId::of::<T>())
            .and_then(|v| v.downcast_ref::<T>())
    }

    /// The calendars in force.
    pub fn calendars(&self) -> Arc<calendar::Calendars> {
        match self.calendars.read() {
            Ok(c) => Arc::clone(&c),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    /// The calendar with the default office hours.
    pub fn calendar(&self) -> Arc<WorkCalendar> {
        Arc::clone(&self.calendars().default)
    }

    /// Replaces the calendars in force.
    pub fn set_calendars(&self, set: calendar::Calendars) {
        match self.calendars.write() {
            Ok(mut c) => *c = Arc::new(set),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(set),
        }
    }

    /// The content-addressed file store.
    pub fn blobs(&self) -> camlo_store::blobs::Blobs {
        camlo_store::blobs::Blobs::new(self.cfg.data_dir.join("files"))
    }

    /// Seconds since the epoch now.
    pub fn now_ts(&self) -> i64 {
        self.clock.now().timestamp()
    }
}

/// Collects routes together with their policy rules: a route cannot be added without one.
pub struct Routes {
    router: Router<AppState>,
    entries: Vec<policy::Entry>,
    feature: &'static str,
}

impl Routes {
    fn new() -> Self {
        Self {
            router: Router::new(),
            entries: Vec::new(),
            feature: "frame",
        }
    }

    /// Adds a handler for one method and path, with the rule that guards it.
    pub fn add<H, T>(
        mut self,
        method: Method,
        path: &'static str,
        rule: policy::Rule,
        handler: H,
    ) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        // A second declaration is kept for `assemble` to refuse; the router (which would panic on
        // it) gets the first only.
        let declared = self
            .entries
            .iter()
            .any(|e| e.method == method && e.path == path);
        let filter = MethodFilter::try_from(method.clone()).unwrap_or(MethodFilter::GET);
        self.router = if declared {
            self.router
        } else if rule.upload {
            let handler = handler.layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT));
            self.router.route(path, on(filter, handler))
        } else {
            self.router.route(path, on(filter, handler))
        };
        self.entries.push(policy::Entry {
            method,
            path,
            rule,
            feature: self.feature,
        });
        self
    }
}

/// The frame's routes, then each feature's.
fn all_routes(features: &[&'static feature::Feature]) -> Routes {
    let r = Routes::new();
    let r = pages::routes(r);
    let r = account::routes(r);
    let r = admin::routes(r);
    let r = calendar::routes(r);
    let mut r = api::routes(r);
    for f in features {
        r.feature = f.name;
        r = (f.routes)(r);
    }
    r
}

/// The policy document `camlo policy` prints (docs/POLICY.md): every route's rule, then the
/// scope resolvers the features registered.
pub fn policy_document(features: &[&'static feature::Feature]) -> Result<String, String> {
    let (policy, resolvers) = assemble(features)?;
    let mut out = policy.markdown();
    out.push_str("\n## Scope resolvers\n\n| scope | feature | what it checks |\n|---|---|---|\n");
    for f in features {
        for r in f.resolvers {
            if resolvers.contains_key(r.name) {
                out.push_str(&format!("| {} | {} | {} |\n", r.name, f.name, r.doc));
            }
        }
    }
    out.push_str("| unit | frame | the {id} is a unit: the actor's grant (with an allowed role) is on that unit or one of its ancestors |\n");
    out.push_str("| account | frame | the {id} is an account: every unit the account belongs to is covered |\n");
    Ok(out)
}

/// The policy table and the resolvers of these features; an error names a route declared twice
/// or a scope no feature resolves (the application then refuses to start).
pub fn assemble(
    features: &[&'static feature::Feature],
) -> Result<
    (
        policy::Policy,
        std::collections::HashMap<&'static str, feature::Resolver>,
    ),
    String,
> {
    let mut resolvers = std::collections::HashMap::new();
    for f in features {
        for r in f.resolvers {
            if resolvers.insert(r.name, *r).is_some() {
                return Err(format!("scope resolver {} is registered twice", r.name));
            }
        }
    }
    let entries = all_routes(features).entries;
    for e in &entries {
        if let policy::Scope::Resolver(name) = e.rule.scope
            && !resolvers.contains_key(name)
        {
            return Err(format!(
                "route {} {} names scope {name}, which no feature resolves",
                e.method, e.path
            ));
        }
    }
    Ok((policy::Policy::new(entries)?, resolvers))
}

/// The base URL and the accepted `host[:port]` values from `public_url` (with and without the
/// scheme's default port) and `extra_hosts`.
fn public_hosts(cfg: &WebConfig) -> Result<(String, Vec<String>), String> {
    let url = cfg.public_url.as_deref().ok_or(
        "public_url is required: the address citizens use, e.g. https://dichvucong.example.vn",
    )?;
    let base = url.trim_end_matches('/').to_owned();
    let (scheme, authority) = base
        .split_once("://")
        .ok_or_else(|| format!("public_url {url}: expected http://host or https://host"))?;
    let default_port = match scheme {
        "http" => "80",
        "https" => "443",
        _ => return Err(format!("public_url {url}: expected http:// or https://")),
    };
    if authority.is_empty() || authority.contains(['/', '?', '#', '@', ' ', '"', '<', '>', '\\']) {
        return Err(format!(
            "public_url {url}: expected a bare http(s)://host[:port]"
        ));
    }
    let authority = authority.to_ascii_lowercase();
    let mut hosts = vec![authority.clone()];
    match authority.rsplit_once(':') {
        Some((h, port)) if !h.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
            if port == default_port {
                hosts.push(h.to_owned());
            }
        }
        _ => hosts.push(format!("{authority}:{default_port}")),
    }
    hosts.extend(cfg.extra_hosts.iter().map(|h| h.to_ascii_lowercase()));
    Ok((base, hosts))
}

/// The complete application as the listener serves it: the portal's front door
/// ([`middleware::front_door`]: an anonymous visitor's cached page, answered before routing),
/// then the router with its middleware.
#[derive(Clone)]
pub struct App {
    /// The routes, the guard and `middleware::outer`.
    pub router: Router,
    /// The state the front door reads.
    pub state: AppState,
}

/// The complete application.
pub fn app(state: AppState) -> App {
    let routes = all_routes(state.features());
    let router = routes
        .router
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::guard,
        ))
        .fallback(|| async { AppError::not_found() })
        .method_not_allowed_fallback(|| async {
            AppError::new(axum::http::StatusCode::METHOD_NOT_ALLOWED, "WEB-0007")
        })
        .layer(axum::extract::DefaultBodyLimit::max(state.cfg.body_limit))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            middleware::outer,
        ))
        .with_state(state.clone());
    App { router, state }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feature::{Feature, no_nav, no_openapi};
    use crate::i18n::Messages;
    use crate::policy::{Access, PUBLIC, Scope, rule};

    async fn nothing() -> &'static str {
        "-"
    }

    fn feature(name: &'static str, routes: fn(Routes) -> Routes) -> Feature {
        Feature {
            name,
            routes,
            resolvers: &[],
            templates: &[],
            assets: &[],
            messages: Messages::NONE,
            openapi: no_openapi,
            search: None,
            demo: None,
            nav: no_nav,
            init: None,
            cache_fresh: None,
        }
    }

    fn leak(f: Feature) -> &'static Feature {
        Box::leak(Box::new(f))
    }

    #[test]
    fn the_frame_refuses_a_scope_nobody_resolves_and_a_route_declared_twice() {
        let unresolved = leak(feature("a", |r| {
            r.add(
                Method::GET,
                "/a/{id}",
                rule(Access::Authenticated, Scope::Resolver("nobody")),
                nothing,
            )
        }));
        let err = assemble(&[unresolved]).err().unwrap_or_default();
        assert!(err.contains("/a/{id}") && err.contains("nobody"), "{err}");

        let twice = leak(feature("b", |r| {
            r.add(Method::GET, "/healthz", PUBLIC, nothing)
        }));
        let err = assemble(&[twice]).err().unwrap_or_default();
        assert!(err.contains("GET /healthz is declared twice"), "{err}");

        let fine = leak(feature("c", |r| r.add(Method::GET, "/c", PUBLIC, nothing)));
        let (policy, _) = assemble(&[fine]).unwrap();
        let entry = policy.entries().iter().find(|e| e.path == "/c").unwrap();
        assert_eq!(entry.feature, "c");
        assert_eq!(policy.lookup(&Method::GET, "/c"), Some(PUBLIC));
        assert_eq!(policy.lookup(&Method::POST, "/c"), None);
    }
}
