//! The render cache of anonymous pages and the front door that serves them before routing.
//! Everything here can be lost at any time: it is rebuilt from the handlers.

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
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

/// Called on every hit of a cached page with the argument the page was kept with.
pub type HitFn = fn(&AppState, i64);

/// Stands in for the visitor's CSRF token in cached pages; replaced on the way out.
pub const CSRF_PLACEHOLDER: &str = "__camlo_csrf_token__";
/// Tells tests and operators whether a page came from the cache (`hit`) or was rendered (`miss`).
const X_CAMLO_CACHE: HeaderName = HeaderName::from_static("x-camlo-cache");
/// Most pages kept (bounded memory whatever the URLs). When full, new pages are rendered but not
/// kept: the pages already held (the hot ones, cached first) stay until the next invalidation.
const MAX_ENTRIES: usize = 2000;
/// Most variants (query strings) kept per language and path, so random query strings cannot
/// fill the cache.
const MAX_VARIANTS: usize = 16;
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
    /// What a hit calls, with its argument (the portal counts a view of the page).
    on_hit: Option<(HitFn, i64)>,
}

/// Rendered anonymous pages by language, path and query.
#[derive(Debug, Default)]
pub struct RenderCache {
    pages: Mutex<Pages>,
    generation: AtomicU64,
}

#[derive(Debug, Default)]
struct Pages {
    by_key: HashMap<String, Arc<Cached>>,
    /// Variants held per `lang|path`.
    variants: HashMap<String, usize>,
}

impl RenderCache {
    /// Forgets every page (after a publication, an unpublication, any content change).
    pub fn invalidate(&self) {
        self.generation.fetch_add(1, Ordering::SeqCst);
        if let Ok(mut p) = self.pages.lock() {
            p.by_key.clear();
            p.variants.clear();
        }
    }

    /// Number of pages held.
    pub fn len(&self) -> usize {
        self.pages.lock().map(|p| p.by_key.len()).unwrap_or(0)
    }

    /// True when nothing is held.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn get(&self, key: &str) -> Option<Arc<Cached>> {
        self.pages.lock().ok()?.by_key.get(key).cloned()
    }

    fn put(&self, key: String, value: Cached, generation: u64) {
        if let Ok(mut p) = self.pages.lock() {
            // A change while this page rendered would make it stale: do not keep it.
            if self.generation.load(Ordering::SeqCst) != generation {
                return;
            }
            if let Some(held) = p.by_key.get_mut(&key) {
                *held = Arc::new(value);
                return;
            }
            let page = key.split_once('?').map_or(key.as_str(), |(page, _)| page);
            let held = p.variants.get(page).copied().unwrap_or(0);
            if p.by_key.len() >= MAX_ENTRIES || held >= MAX_VARIANTS {
                return;
            }
            p.variants.insert(page.to_owned(), held + 1);
            p.by_key.insert(key, Arc::new(value));
        }
    }
}

fn cache_key(ctx: &Ctx) -> String {
    key(ctx.lang, &ctx.path, &ctx.query)
}

fn key(lang: Lang, path: &str, query: &str) -> String {
    format!("{}|{path}?{query}", lang.code())
}

/// The front door, asked by the listener before routing: an anonymous visitor's page from the
/// render cache, finished like any response (security headers, request id, counters).
/// `None`: the request goes to the router.
pub fn front_door<B>(state: &AppState, req: &Request<B>) -> Option<Response> {
    let started = std::time::Instant::now();
    let mut res = answer(state, req)?;
    let request_id = crate::middleware::next_request_id();
    crate::middleware::finish(state, &mut res, &request_id, started);
    tracing::debug!(request_id = %request_id, path = %req.uri().path(), "served from the render cache");
    Some(res)
}

/// The front door: an anonymous visitor's GET answered from the render cache before routing,
/// the session guard or any handler runs (`middleware::front_door` asks first). `None` sends the
/// request down the normal path: a session cookie or bearer token, a page not cached yet, or a
/// feature whose schedule is due ([`crate::feature::Feature::cache_fresh`]; the handler applies
/// it). The answer is the page the handler would serve: same key (language, path, query), the
/// same hit hook called (the portal counts a view), and the visitor's CSRF token where the page
/// has a form (a new token and cookie when it has none).
fn answer<B>(state: &AppState, req: &Request<B>) -> Option<Response> {
    if req.method() != Method::GET || !crate::middleware::host_allowed(state, req) {
        return None;
    }
    let headers = req.headers();
    if headers.contains_key(header::AUTHORIZATION)
        || headers.contains_key(header::CONTENT_LENGTH)
        || headers.contains_key(header::TRANSFER_ENCODING)
        || read_cookie(headers, session_cookie(state.cfg.secure_cookies)).is_some()
        || !state
            .features()
            .iter()
            .all(|f| f.cache_fresh.is_none_or(|fresh| fresh(state)))
    {
        return None;
    }
    let uri = req.uri();
    let path = uri.path();
    let lang = crate::middleware::lang_from(headers, path);
    let page = state
        .cache
        .get(&key(lang, path, uri.query().unwrap_or("")))?;
    if let Some((hit, arg)) = page.on_hit {
        hit(state, arg);
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

/// Serves an anonymous GET from the render cache, or renders it (with a placeholder for the
/// CSRF token) and keeps it. Signed-in visitors always get a fresh page. `on_hit` is called on
/// every later hit of this page, including the hits [`front_door`] serves (the caller handles
/// the request it is serving itself).
pub async fn cached<F, Fut>(
    state: &AppState,
    ctx: &Ctx,
    on_hit: Option<(HitFn, i64)>,
    render: F,
) -> AppResult<Response>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = AppResult<Response>>,
{
    if ctx.actor.is_some() || ctx.pending.is_some() {
        return render(ctx.clone()).await;
    }
    let key = cache_key(ctx);
    if let Some(hit) = state.cache.get(&key) {
        return Ok(respond(&hit, &ctx.csrf, "hit"));
    }
    let generation = state.cache.generation.load(Ordering::SeqCst);
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
        on_hit,
    };
    let out = respond(&entry, &ctx.csrf, "miss");
    state.cache.put(key, entry, generation);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn page() -> Cached {
        Cached {
            parts: vec![Bytes::from_static(b"<p>hot</p>")],
            content_type: HeaderValue::from_static("text/html"),
            on_hit: None,
        }
    }

    #[test]
    fn random_query_strings_do_not_evict_the_hot_pages() {
        let c = RenderCache::default();
        c.put(key(Lang::Vi, "/", ""), page(), 0);
        c.put(key(Lang::Vi, "/tin-tuc", ""), page(), 0);
        for i in 0..10_000 {
            c.put(key(Lang::Vi, "/tin-tuc", &format!("x={i}")), page(), 0);
            c.put(key(Lang::Vi, &format!("/the/t{i}"), ""), page(), 0);
        }
        assert!(c.get(&key(Lang::Vi, "/", "")).is_some());
        assert!(c.get(&key(Lang::Vi, "/tin-tuc", "")).is_some());
        assert!(c.len() <= MAX_ENTRIES);
        assert!(c.get(&key(Lang::Vi, "/tin-tuc", "x=9999")).is_none());
        c.invalidate();
        assert!(c.is_empty());
    }
}
