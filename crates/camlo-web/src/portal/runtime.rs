//! What the portal keeps in memory: the render cache for anonymous pages, the next moment the
//! publication schedule changes what is visible, and view counters waiting to be written.
//! All of it can be lost at any time without losing data (the counters lose at most a minute).

use std::collections::HashMap;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::AppState;
use crate::error::AppResult;
use crate::i18n::Lang;
use crate::middleware::Ctx;
use crate::session::{csrf_cookie, read_cookie, session_cookie};

/// Stands in for the visitor's CSRF token in cached pages; replaced on the way out.
pub const CSRF_PLACEHOLDER: &str = "__camlo_csrf_token__";
/// Tells tests and operators whether a page came from the cache (`hit`) or was rendered (`miss`).
const X_CAMLO_CACHE: HeaderName = HeaderName::from_static("x-camlo-cache");
/// Most pages kept; when full, the cache starts over (bounded memory whatever the URLs).
const MAX_ENTRIES: usize = 2000;
/// Largest page kept.
const MAX_PAGE: usize = 2 * 1024 * 1024;
/// How often buffered view counts are written.
pub const FLUSH_EVERY_SECS: i64 = 60;

#[derive(Debug)]
struct Cached {
    /// The page split at the CSRF placeholder (joined with the visitor's token on the way out);
    /// a page without forms is one part, served without copying.
    parts: Vec<Bytes>,
    content_type: HeaderValue,
    /// The view this page counts: `None` (feeds), `Some(0)` (a portal page) or an article's id.
    views: Option<i64>,
}

/// Rendered anonymous pages by language, path and query.
#[derive(Debug, Default)]
pub struct RenderCache {
    pages: Mutex<HashMap<String, Arc<Cached>>>,
    generation: AtomicU64,
}

impl RenderCache {
    /// Forgets every page (after a publication, an unpublication, any content change).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut p) = self.pages.lock() {
            p.clear();
        }
    }

    /// Number of pages held.
    pub fn len(&self) -> usize {
        self.pages.lock().map(|p| p.len()).unwrap_or(0)
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, key: &str) -> Option<Arc<Cached>> {
        self.pages.lock().ok()?.get(key).cloned()
    }

    fn put(&self, key: String, value: Cached, generation: u64) {
        if let Ok(mut p) = self.pages.lock() {
            // A change while this page rendered would make it stale: do not keep it.
            if self.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            if p.len() >= MAX_ENTRIES {
                p.clear();
            }
            p.insert(key, Arc::new(value));
        }
    }
}

/// The portal's memory.
#[derive(Debug)]
pub struct Runtime {
    /// Rendered pages.
    pub cache: RenderCache,
    /// The next publication or expiry time (seconds), `i64::MAX` when none.
    next_change: AtomicI64,
    /// Up to when the schedule has been applied.
    applied_until: tokio::sync::Mutex<i64>,
    /// Views not yet written: (day, article id or 0) → count.
    views: Mutex<HashMap<(chrono::NaiveDate, i64), i64>>,
    last_flush: AtomicI64,
}

impl Runtime {
    /// A runtime whose schedule was applied up to `applied_until`.
    pub fn new(applied_until: i64, now: i64) -> Self {
        Self {
            cache: RenderCache::default(),
            next_change: AtomicI64::new(i64::MIN),
            applied_until: tokio::sync::Mutex::new(applied_until),
            views: Mutex::new(HashMap::new()),
            last_flush: AtomicI64::new(now),
        }
    }
}

/// Applies the publication schedule if a scheduled publication or expiry has come: the affected
/// articles are indexed or removed from the index and the render cache is dropped. Cheap when
/// nothing is due (one atomic read).
pub async fn apply_schedule(state: &AppState) -> AppResult<()> {
    let now = state.now_ts();
    if now < state.portal.next_change.load(Ordering::SeqCst) {
        return Ok(());
    }
    let mut until = state.portal.applied_until.lock().await;
    if now < state.portal.next_change.load(Ordering::SeqCst) {
        return Ok(());
    }
    let changed = camlo_store::articles::schedule_changes(&state.store, *until, now).await?;
    if !changed.is_empty() {
        for a in &changed {
            super::index::article(state, a).await;
        }
        state.portal.cache.invalidate();
    }
    *until = now;
    let next = camlo_store::articles::next_schedule_change(&state.store, now)
        .await?
        .unwrap_or(i64::MAX);
    state.portal.next_change.store(next, Ordering::SeqCst);
    Ok(())
}

/// After a workflow step: look at the schedule again on the next request.
pub fn schedule_changed(state: &AppState) {
    state.portal.next_change.store(i64::MIN, Ordering::SeqCst);
    state.portal.cache.invalidate();
}

/// Counts one view of a portal page (an article's page when `article` is given). Only a number
/// per day is kept: no address, no cookie, nothing about the visitor.
pub fn count_view(state: &AppState, article: Option<i64>) {
    let now = state.clock.now();
    let day = camlo_domain::clock::to_local(now).date();
    if let Ok(mut v) = state.portal.views.lock() {
        *v.entry((day, article.unwrap_or(0))).or_insert(0) += 1;
    }
    let last = state.portal.last_flush.load(Ordering::SeqCst);
    if now.timestamp() - last >= FLUSH_EVERY_SECS
        && state
            .portal
            .last_flush
            .compare_exchange(last, now.timestamp(), Ordering::SeqCst, Ordering::SeqCst)
            .is_ok()
    {
        let state = state.clone();
        tokio::spawn(async move {
            if let Err(e) = flush_views(&state).await {
                tracing::warn!(
                    code = e.code,
                    detail = e.detail.as_deref().unwrap_or(""),
                    "view counts not written"
                );
            }
        });
    }
}

/// Writes the buffered view counts (kept in memory again if the write fails).
pub async fn flush_views(state: &AppState) -> AppResult<()> {
    let taken: Vec<(chrono::NaiveDate, i64, i64)> = match state.portal.views.lock() {
        Ok(mut v) => v.drain().map(|((d, a), n)| (d, a, n)).collect(),
        Err(_) => return Ok(()),
    };
    let rows: Vec<(String, i64, i64)> = taken
        .iter()
        .map(|(d, a, n)| (d.format("%Y-%m-%d").to_string(), *a, *n))
        .collect();
    if let Err(e) = camlo_store::portal::add_views(&state.store, &rows).await {
        if let Ok(mut v) = state.portal.views.lock() {
            for (d, a, n) in taken {
                *v.entry((d, a)).or_insert(0) += n;
            }
        }
        return Err(e.into());
    }
    Ok(())
}

/// Serves an anonymous GET from the render cache, or renders it (with a placeholder for the
/// CSRF token) and keeps it. Signed-in visitors always get a fresh page. Counts no view (feeds).
pub async fn cached<F, Fut>(state: &AppState, ctx: &Ctx, render: F) -> AppResult<Response>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = AppResult<Response>>,
{
    cached_counted(state, ctx, None, render).await
}

/// [`cached`] for a portal page: counts one view of the site.
pub async fn cached_page<F, Fut>(state: &AppState, ctx: &Ctx, render: F) -> AppResult<Response>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = AppResult<Response>>,
{
    cached_counted(state, ctx, Some(0), render).await
}

fn cache_key(ctx: &Ctx) -> String {
    key(ctx.lang, &ctx.path, &ctx.query)
}

fn key(lang: Lang, path: &str, query: &str) -> String {
    format!("{}|{path}?{query}", lang.code())
}

/// The front door: an anonymous visitor's GET answered from the render cache before routing,
/// the session guard or any handler runs (`middleware::front_door` asks first). `None` sends the
/// request down the normal path: a session cookie or bearer token, a page not cached yet, or a
/// publication schedule change that is due (the handler applies it). The answer is the page
/// the handler would serve: same key (language, path, query), the same view counted, and the
/// visitor's CSRF token where the page has a form (a new token and cookie when it has none).
pub fn front_door<B>(state: &AppState, req: &Request<B>) -> Option<Response> {
    if req.method() != Method::GET {
        return None;
    }
    let headers = req.headers();
    if headers.contains_key(header::AUTHORIZATION)
        || headers.contains_key(header::CONTENT_LENGTH)
        || headers.contains_key(header::TRANSFER_ENCODING)
        || read_cookie(headers, session_cookie(state.cfg.secure_cookies)).is_some()
        || state.now_ts() >= state.portal.next_change.load(Ordering::SeqCst)
    {
        return None;
    }
    let uri = req.uri();
    let path = uri.path();
    let lang = crate::middleware::lang_from(headers, path);
    let page = state
        .portal
        .cache
        .get(&key(lang, path, uri.query().unwrap_or("")))?;
    if let Some(v) = page.views {
        count_view(state, (v != 0).then_some(v));
    }
    if page.parts.len() == 1 {
        return Some(respond(&page, "", "hit"));
    }
    let secure = state.cfg.secure_cookies;
    let cookie = read_cookie(headers, csrf_cookie(secure));
    let (token, fresh) = crate::session::anon_csrf(cookie.as_deref()).ok()?;
    let mut res = respond(&page, &token, "hit");
    if let Some(fresh) = fresh {
        crate::session::set_cookie(&mut res, csrf_cookie(secure), &fresh, secure, None);
    }
    Some(res)
}

/// [`cached`], counting `views` (see [`Cached::views`]) now and on every later hit, including
/// the hits [`front_door`] serves.
pub async fn cached_counted<F, Fut>(
    state: &AppState,
    ctx: &Ctx,
    views: Option<i64>,
    render: F,
) -> AppResult<Response>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = AppResult<Response>>,
{
    apply_schedule(state).await?;
    if let Some(v) = views {
        count_view(state, (v != 0).then_some(v));
    }
    if ctx.actor.is_some() || ctx.pending.is_some() {
        return render(ctx.clone()).await;
    }
    let key = cache_key(ctx);
    if let Some(hit) = state.portal.cache.get(&key) {
        return Ok(respond(&hit, &ctx.csrf, "hit"));
    }
    let generation = state.portal.cache.generation.load(Ordering::SeqCst);
    let mut anon = ctx.clone();
    anon.csrf = CSRF_PLACEHOLDER.to_owned();
    let res = render(anon).await?;
    if res.status() != StatusCode::OK {
        return Ok(res);
    }
    let content_type = res
        .headers()
        .get(header::CONTENT_TYPE)
        .cloned()
        .unwrap_or_else(|| HeaderValue::from_static("text/html; charset=utf-8"));
    let bytes = axum::body::to_bytes(res.into_body(), MAX_PAGE)
        .await
        .map_err(|e| crate::AppError::internal(e.to_string()))?;
    let entry = Cached {
        parts: String::from_utf8_lossy(&bytes)
            .split(CSRF_PLACEHOLDER)
            .map(|p| Bytes::from(p.to_owned()))
            .collect(),
        content_type,
        views,
    };
    let out = respond(&entry, &ctx.csrf, "miss");
    state.portal.cache.put(key, entry, generation);
    Ok(out)
}

fn respond(c: &Cached, csrf: &str, how: &'static str) -> Response {
    let body = if let [whole] = c.parts.as_slice() {
        Body::from(whole.clone())
    } else {
        let size: usize = c.parts.iter().map(Bytes::len).sum::<usize>()
            + csrf.len() * c.parts.len().saturating_sub(1);
        let mut page = Vec::with_capacity(size);
        for (i, part) in c.parts.iter().enumerate() {
            if i > 0 {
                page.extend_from_slice(csrf.as_bytes());
            }
            page.extend_from_slice(part);
        }
        Body::from(page)
    };
    let mut res = body.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, c.content_type.clone());
    res.headers_mut()
        .insert(X_CAMLO_CACHE, HeaderValue::from_static(how));
    res
}
