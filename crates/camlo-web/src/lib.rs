//! camlo's HTTP face: public pages, the back office, the JSON API under `/api/v1`, sessions,
//! CSRF protection and security headers.
//!
//! Architecture invariant: this is the only crate that knows HTTP, HTML or JSON shapes. It reaches
//! the database only through `camlo-store` and decides every authorisation in [`policy`].

#![recursion_limit = "512"]

pub mod api;
pub mod calendar;
pub mod documents;
pub mod error;
pub mod extract;
pub mod feedback;
pub mod i18n;
pub mod metrics;
pub mod middleware;
pub mod onestop;
pub mod openapi;
pub mod pages;
pub mod policy;
pub mod portal;
pub mod server;
pub mod session;
pub mod templates;

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
    /// Public base URL for links printed on paper (QR codes), e.g. `https://dichvucong.example.vn`;
    /// the request's Host is used when unset.
    pub public_url: Option<String>,
    /// Public dossier lookups per client address per minute.
    pub lookups_per_minute: u32,
    /// Folder of the search index; in memory when unset (tests). Derived data: may be deleted.
    pub search_dir: Option<PathBuf>,
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
            lookups_per_minute: 30,
            search_dir: None,
        }
    }
}

/// A rate-limit counter's key: (bucket, client address).
pub type RateKey = (&'static str, String);

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
    /// Templates.
    pub templates: templates::Templates,
    /// Counters for `/metrics`.
    pub metrics: metrics::Metrics,
    /// The working-day calendars in force (rebuilt when an administrator changes holidays or
    /// office hours).
    pub calendars: RwLock<Arc<calendar::Calendars>>,
    /// Other per-address counters (bucket, address) → (window start, count).
    pub limits: std::sync::Mutex<std::collections::HashMap<RateKey, (i64, u32)>>,
    /// The full-text index of the portal.
    pub search: Arc<camlo_search::SearchIndex>,
    /// The portal's render cache, schedule and view counters.
    pub portal: portal::runtime::Runtime,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Builds the state: loads templates and the confirmed holiday years, opens the search
    /// index (rebuilding it from the database when it is empty).
    pub async fn new(
        store: Store,
        clock: Arc<dyn Clock>,
        cfg: WebConfig,
    ) -> Result<Self, AppError> {
        let templates = templates::Templates::new(cfg.theme_dir.clone())?;
        let cal = calendar::load(&store).await?;
        let search = match &cfg.search_dir {
            Some(dir) => camlo_search::SearchIndex::open(dir),
            None => camlo_search::SearchIndex::in_memory(),
        }
        .map_err(|e| AppError::internal(format!("{}: {e}", e.code())))?;
        let empty = search.is_empty();
        let now = clock.now().timestamp();
        // A kept index already holds what was visible when the server last ran; the schedule is
        // applied again over the last month to catch what came due meanwhile.
        let applied = if empty { now } else { now - 31 * 86_400 };
        let state = Self(Arc::new(Inner {
            store,
            clock,
            cfg,
            templates,
            metrics: metrics::Metrics::default(),
            calendars: RwLock::new(Arc::new(cal)),
            limits: std::sync::Mutex::new(std::collections::HashMap::new()),
            search: Arc::new(search),
            portal: portal::runtime::Runtime::new(applied, now),
        }));
        if empty {
            portal::index::rebuild(&state).await?;
        }
        Ok(state)
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

    /// Counts a lookup from a client address; false when over the per-minute limit.
    pub fn lookup_allowed(&self, client: &str) -> bool {
        self.allow("dossier.lookup", client, self.cfg.lookups_per_minute, 60)
    }

    /// Counts an event of `bucket` from a client address; false when over `max` in the current
    /// window of `window_secs` (e.g. public comments: 5 per 10 minutes).
    pub fn allow(&self, bucket: &'static str, client: &str, max: u32, window_secs: i64) -> bool {
        let now = self.now_ts();
        let Ok(mut map) = self.limits.lock() else {
            return true;
        };
        if map.len() > 10_000 {
            // Buckets have different windows (none longer than an hour): prune only what is
            // past every one of them.
            map.retain(|_, (start, _)| now - *start < window_secs.max(3600));
        }
        let entry = map.entry((bucket, client.to_owned())).or_insert((now, 0));
        if now - entry.0 >= window_secs {
            *entry = (now, 0);
        }
        entry.1 += 1;
        entry.1 <= max
    }

    /// Seconds since the epoch now.
    pub fn now_ts(&self) -> i64 {
        self.clock.now().timestamp()
    }
}

/// Collects routes together with their (method, path) so that tests can check every route
/// against the policy table.
pub struct Routes {
    router: Router<AppState>,
    list: Vec<(Method, &'static str)>,
}

impl Routes {
    fn new() -> Self {
        Self {
            router: Router::new(),
            list: Vec::new(),
        }
    }

    /// Adds a handler for one method and path.
    pub fn add<H, T>(mut self, method: Method, path: &'static str, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        let filter = MethodFilter::try_from(method.clone()).unwrap_or(MethodFilter::GET);
        let takes_upload = policy::lookup(&method, path).is_some_and(|r| r.upload);
        self.router = if takes_upload {
            let handler = handler.layer(axum::extract::DefaultBodyLimit::max(UPLOAD_LIMIT));
            self.router.route(path, on(filter, handler))
        } else {
            self.router.route(path, on(filter, handler))
        };
        self.list.push((method, path));
        self
    }
}

fn all_routes() -> Routes {
    let r = Routes::new();
    let r = pages::routes(r);
    let r = account::routes(r);
    let r = admin::routes(r);
    let r = calendar::routes(r);
    let r = onestop::routes(r);
    let r = documents::routes(r);
    let r = feedback::routes(r);
    let r = portal::routes(r);
    api::routes(r)
}

/// Every (method, path) the application serves.
pub fn route_list() -> Vec<(Method, &'static str)> {
    all_routes().list
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
    let routes = all_routes();
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
