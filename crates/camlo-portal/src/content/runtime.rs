//! What the portal keeps in memory: the next moment the publication schedule changes what is
//! visible, and view counters waiting to be written. All of it can be lost at any time without
//! losing data (the counters lose at most a minute). Its pages are kept in the frame's render
//! cache ([`camlo_web::cache`]).

use std::collections::HashMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use axum::response::Response;

use camlo_web::AppState;
use camlo_web::error::{AppError, AppResult};
use camlo_web::middleware::Ctx;

/// How often buffered view counts are written.
pub const FLUSH_EVERY_SECS: i64 = 60;

/// The portal's memory.
#[derive(Debug)]
pub struct Runtime {
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
    if now < rt(state)?.next_change.load(Ordering::SeqCst) {
        return Ok(());
    }
    let mut until = rt(state)?.applied_until.lock().await;
    if now < rt(state)?.next_change.load(Ordering::SeqCst) {
        return Ok(());
    }
    let changed = camlo_store::articles::schedule_changes(&state.store, *until, now).await?;
    if !changed.is_empty() {
        for a in &changed {
            super::index::article(state, a).await;
        }
        state.cache.invalidate();
    }
    *until = now;
    let next = camlo_store::articles::next_schedule_change(&state.store, now)
        .await?
        .unwrap_or(i64::MAX);
    rt(state)?.next_change.store(next, Ordering::SeqCst);
    Ok(())
}

/// After a workflow step: look at the schedule again on the next request.
pub fn schedule_changed(state: &AppState) {
    if let Ok(r) = rt(state) {
        r.next_change.store(i64::MIN, Ordering::SeqCst);
    }
    state.cache.invalidate();
}

/// Counts one view of a portal page (an article's page when `article` is given). Only a number
/// per day is kept: no address, no cookie, nothing about the visitor.
pub fn count_view(state: &AppState, article: Option<i64>) {
    let Ok(r) = rt(state) else { return };
    let now = state.clock.now();
    let day = camlo_domain::clock::to_local(now).date();
    if let Ok(mut v) = r.views.lock() {
        *v.entry((day, article.unwrap_or(0))).or_insert(0) += 1;
    }
    let last = r.last_flush.load(Ordering::SeqCst);
    if now.timestamp() - last >= FLUSH_EVERY_SECS
        && r.last_flush
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
    let taken: Vec<(chrono::NaiveDate, i64, i64)> = match rt(state)?.views.lock() {
        Ok(mut v) => v.drain().map(|((d, a), n)| (d, a, n)).collect(),
        Err(_) => return Ok(()),
    };
    let rows: Vec<(String, i64, i64)> = taken
        .iter()
        .map(|(d, a, n)| (d.format("%Y-%m-%d").to_string(), *a, *n))
        .collect();
    if let Err(e) = camlo_store::portal::add_views(&state.store, &rows).await {
        if let Ok(mut v) = rt(state)?.views.lock() {
            for (d, a, n) in taken {
                *v.entry((d, a)).or_insert(0) += n;
            }
        }
        return Err(e.into());
    }
    Ok(())
}

/// The portal's memory in the running application.
fn rt(state: &AppState) -> AppResult<&Runtime> {
    state
        .ext::<Runtime>()
        .ok_or_else(|| AppError::internal("the portal feature is not installed"))
}

/// The feature's state at start: a kept index already holds what was visible when the server
/// last ran, so the schedule is applied again over the last month to catch what came due
/// meanwhile.
pub fn init(
    ctx: &camlo_web::feature::InitCtx<'_>,
) -> std::sync::Arc<dyn std::any::Any + Send + Sync> {
    let now = ctx.clock.now().timestamp();
    let applied = if ctx.index_was_empty {
        now
    } else {
        now - 31 * 86_400
    };
    std::sync::Arc::new(Runtime::new(applied, now))
}

/// For the front door: false when a scheduled publication or expiry has come (the handler
/// applies it before the cache may serve again).
pub fn fresh(state: &AppState) -> bool {
    rt(state).is_ok_and(|r| state.now_ts() < r.next_change.load(Ordering::SeqCst))
}

fn count_hit(state: &AppState, views: i64) {
    count_view(state, (views != 0).then_some(views));
}

/// Serves an anonymous GET from the render cache (see [`camlo_web::cache::cached`]) after
/// applying the publication schedule. Counts no view (feeds).
pub async fn cached<F, Fut>(state: &AppState, ctx: &Ctx, render: F) -> AppResult<Response>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = AppResult<Response>>,
{
    apply_schedule(state).await?;
    camlo_web::cache::cached(state, ctx, None, render).await
}

/// [`cached`] for a portal page: counts one view of the site.
pub async fn cached_page<F, Fut>(state: &AppState, ctx: &Ctx, render: F) -> AppResult<Response>
where
    F: FnOnce(Ctx) -> Fut,
    Fut: Future<Output = AppResult<Response>>,
{
    cached_counted(state, ctx, Some(0), render).await
}

/// [`cached`], counting `views` (`Some(0)` a portal page, else an article's id) now and on
/// every later hit, including the hits the front door serves.
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
    let on_hit = views.map(|v| (count_hit as camlo_web::cache::HitFn, v));
    camlo_web::cache::cached(state, ctx, on_hit, render).await
}
