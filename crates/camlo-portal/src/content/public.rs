//! The public portal: the home page gathering the latest from every site, news lists (by
//! category, tag and unit), article pages with Open Graph tags, commune sites under `/xa/{slug}`,
//! the introduction, the organisation chart drawn from the units, contacts, search, and the
//! resized pictures. Anonymous GETs come from the render cache.

use std::collections::HashMap;

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::response::{IntoResponse, Response};
use camlo_domain::accounts::Role;
use camlo_domain::clock::{format_local, format_local_date, to_local};
use camlo_domain::content::{self, byline};
use camlo_domain::units::{Unit, UnitId};
use camlo_store::articles::{self, Article, Filter};
use camlo_store::{StoreError, portal as store, units};
use chrono::NaiveDate;
use minijinja::{Value, context};
use serde::Deserialize;

use super::runtime::{cached_page, count_view};
use super::service::is_site;
use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::{AppPath, AppQuery};
use camlo_web::i18n::Lang;
use camlo_web::middleware::Ctx;
use camlo_web::pages::page;
use camlo_web::policy::PUBLIC;
use camlo_web::templates::ser;
use camlo_web::{AppState, Routes};

/// Articles per page of a list.
pub const PER_PAGE: i64 = 12;

/// Registers the public routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/", PUBLIC, home)
        .add(Method::GET, "/tin-tuc", PUBLIC, news)
        .add(Method::GET, "/tin-tuc/{slug}", PUBLIC, article_page)
        .add(Method::GET, "/chuyen-muc/{slug}", PUBLIC, category_page)
        .add(Method::GET, "/the/{slug}", PUBLIC, tag_page)
        .add(Method::GET, "/xa/{slug}", PUBLIC, site_page)
        .add(Method::GET, "/gioi-thieu", PUBLIC, introduction)
        .add(Method::GET, "/co-cau-to-chuc", PUBLIC, organisation)
        .add(Method::GET, "/lien-he", PUBLIC, contacts)
        .add(Method::GET, "/tim-kiem", PUBLIC, search_page)
        .add(Method::GET, "/anh/{sha}", PUBLIC, picture)
}

/// The unit the portal presents (`home_unit`), if configured and present.
pub async fn home_unit(state: &AppState) -> AppResult<Option<Unit>> {
    match &state.cfg.home_unit {
        Some(slug) => match units::by_slug(&state.store, slug).await {
            Ok(u) => Ok(Some(u)),
            Err(StoreError::NotFound) => Ok(None),
            Err(e) => Err(e.into()),
        },
        None => Ok(None),
    }
}

/// The date a unit is shown as of: today, or its last day if it has ended.
pub fn as_of(state: &AppState, u: &Unit) -> NaiveDate {
    let today = to_local(state.clock.now()).date();
    u.valid_to.map_or(today, |end| end.min(today))
}

/// Every unit by id.
pub async fn unit_map(state: &AppState) -> AppResult<HashMap<UnitId, Unit>> {
    Ok(units::list(&state.store, None)
        .await?
        .into_iter()
        .map(|u| (u.id, u))
        .collect())
}

/// The units at or below `root`.
pub async fn under(state: &AppState, root: UnitId) -> AppResult<Vec<UnitId>> {
    Ok(camlo_web::units::units_under(state, &[root])
        .await?
        .into_iter()
        .collect())
}

fn category_name(slug: &str, lang: Lang) -> String {
    content::category(slug).map_or_else(
        || slug.to_owned(),
        |c| {
            if lang == Lang::En {
                c.name_en.to_owned()
            } else {
                c.name_vi.to_owned()
            }
        },
    )
}

/// An article as lists, feeds and the API show it.
pub async fn card(
    state: &AppState,
    a: &Article,
    all: &HashMap<UnitId, Unit>,
    lang: Lang,
) -> AppResult<serde_json::Value> {
    let cover = match a.cover_image_id {
        Some(id) => match articles::image(&state.store, id).await {
            Ok(img) => Some(serde_json::json!({
                "large": format!("/anh/{}", img.large_sha),
                "medium": format!("/anh/{}", img.medium_sha),
                "thumb": format!("/anh/{}", img.thumb_sha),
                "caption": img.caption,
            })),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        },
        None => None,
    };
    let unit = all.get(&a.unit_id);
    Ok(serde_json::json!({
        "id": a.id.0,
        "slug": a.slug,
        "url": format!("/tin-tuc/{}", a.slug),
        "title": a.title,
        "summary": a.summary,
        "category": a.category,
        "category_name": category_name(&a.category, lang),
        "unit": unit.map(|u| u.slug.clone()),
        "unit_name": unit.map(|u| u.name.clone()),
        "byline": byline(&a.author, &a.source),
        "date": a.publish_at.map(|t| format_local_date(camlo_store::from_ts(t))),
        "published_at": a.publish_at.map(|t| camlo_store::from_ts(t).to_rfc3339()),
        "cover": cover,
    }))
}

/// Visible articles matching a filter, as cards, with the total.
pub async fn visible_cards(
    state: &AppState,
    mut filter: Filter,
    lang: Lang,
) -> AppResult<(Vec<serde_json::Value>, i64)> {
    filter.visible_at = Some(state.now_ts());
    let (list, total) = articles::list(&state.store, &filter).await?;
    let all = unit_map(state).await?;
    let mut out = Vec::with_capacity(list.len());
    for a in &list {
        out.push(card(state, a, &all, lang).await?);
    }
    Ok((out, total))
}

fn site_link(u: &Unit) -> serde_json::Value {
    serde_json::json!({ "name": u.name, "slug": u.slug, "url": format!("/xa/{}", u.slug), "code": u.code })
}

async fn home(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let s = state.clone();
    cached_page(&state, &ctx, |ctx| async move {
        let state = s;
        let mut unit_name = state.cfg.site_name.clone();
        let mut communes = Vec::new();
        let mut shown_as_of = None;
        let mut filter = Filter {
            limit: 10,
            ..Filter::default()
        };
        if let Some(unit) = home_unit(&state).await? {
            unit_name.clone_from(&unit.name);
            let on = as_of(&state, &unit);
            if on != to_local(state.clock.now()).date() {
                shown_as_of = Some(on.format("%d/%m/%Y").to_string());
            }
            for u in units::list(&state.store, Some(on)).await? {
                if u.parent_id == Some(unit.id) && u.kind.is_commune_level() {
                    communes.push(site_link(&u));
                }
            }
            filter.units = under(&state, unit.id).await?;
        }
        let (latest, _) = visible_cards(&state, filter, ctx.lang).await?;
        let (notices, _) = visible_cards(
            &state,
            Filter {
                category: Some("thong-bao".into()),
                limit: 5,
                ..Filter::default()
            },
            ctx.lang,
        )
        .await?;
        page(
            &state,
            &ctx,
            "home.html",
            context! { unit_name, communes => ser(communes), as_of => shown_as_of, latest => ser(latest), notices => ser(notices) },
        )
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
struct ListQuery {
    #[serde(default)]
    page: Option<i64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    category: Option<String>,
    #[serde(default)]
    tag: Option<String>,
}

async fn list_view(
    state: &AppState,
    ctx: &Ctx,
    q: &ListQuery,
    heading: String,
    feed: Option<String>,
) -> AppResult<Response> {
    let page_no = q.page.unwrap_or(1).clamp(1, 10_000);
    let mut filter = Filter {
        category: q.category.clone(),
        tag: q.tag.clone(),
        offset: (page_no - 1) * PER_PAGE,
        limit: PER_PAGE,
        ..Filter::default()
    };
    if let Some(slug) = q.unit.as_deref().filter(|s| !s.is_empty()) {
        let u = units::by_slug(&state.store, slug).await?;
        filter.units = under(state, u.id).await?;
    } else if let Some(home) = home_unit(state).await? {
        filter.units = under(state, home.id).await?;
    }
    let (items, total) = visible_cards(state, filter, ctx.lang).await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let base = {
        let mut parts = Vec::new();
        for (k, v) in [
            ("unit", &q.unit),
            ("category", &q.category),
            ("tag", &q.tag),
        ] {
            if let Some(v) = v.as_deref().filter(|v| !v.is_empty()) {
                parts.push(format!(
                    "{k}={}",
                    percent_encoding::utf8_percent_encode(v, percent_encoding::NON_ALPHANUMERIC)
                ));
            }
        }
        parts.join("&")
    };
    page(
        state,
        ctx,
        "portal/list.html",
        context! { heading, items => ser(items), total, page => page_no, pages, base, feed },
    )
}

async fn news(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<ListQuery>,
) -> AppResult<Response> {
    let s = state.clone();
    cached_page(&state, &ctx, |ctx| async move {
        let heading = camlo_web::i18n::t(ctx.lang, "portal.news").to_owned();
        list_view(&s, &ctx, &q, heading, Some("/rss".into())).await
    })
    .await
}

async fn category_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(slug): AppPath<String>,
    AppQuery(mut q): AppQuery<ListQuery>,
) -> AppResult<Response> {
    let c = content::category(&slug).ok_or_else(AppError::not_found)?;
    q.category = Some(c.slug.to_owned());
    let s = state.clone();
    cached_page(&state, &ctx, |ctx| async move {
        let heading = category_name(c.slug, ctx.lang);
        list_view(
            &s,
            &ctx,
            &q,
            heading,
            Some(format!("/rss/chuyen-muc/{}", c.slug)),
        )
        .await
    })
    .await
}

async fn tag_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(slug): AppPath<String>,
    AppQuery(mut q): AppQuery<ListQuery>,
) -> AppResult<Response> {
    q.tag = Some(slug.clone());
    let s = state.clone();
    cached_page(&state, &ctx, |ctx| async move {
        let heading = format!("{}: {slug}", camlo_web::i18n::t(ctx.lang, "portal.tag"));
        list_view(&s, &ctx, &q, heading, None).await
    })
    .await
}

/// A visible article by slug, or 404 (drafts, scheduled and expired articles included).
pub async fn visible_article(state: &AppState, slug: &str) -> AppResult<Article> {
    let a = match articles::by_slug(&state.store, slug).await {
        Ok(a) => a,
        Err(StoreError::NotFound) => return Err(AppError::new(StatusCode::NOT_FOUND, "ART-0013")),
        Err(e) => return Err(e.into()),
    };
    if content::is_visible(a.state, a.publish_at, a.expire_at, state.now_ts()) {
        Ok(a)
    } else {
        Err(AppError::new(StatusCode::NOT_FOUND, "ART-0013"))
    }
}

async fn article_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(slug): AppPath<String>,
) -> AppResult<Response> {
    // Anonymous visitors' hits never get here: `camlo_web::cache::front_door` answers them.
    let a = visible_article(&state, &slug).await?;
    let s = state.clone();
    let id = a.id.0;
    super::runtime::cached_counted(&state, &ctx, Some(id), |ctx| async move {
        let state = s;
        let all = unit_map(&state).await?;
        let c = card(&state, &a, &all, ctx.lang).await?;
        let tags: Vec<serde_json::Value> = articles::tags(&state.store, a.id)
            .await?
            .into_iter()
            .map(|(tag, slug)| serde_json::json!({ "tag": tag, "url": format!("/the/{slug}") }))
            .collect();
        let (related, _) = visible_cards(
            &state,
            Filter {
                category: Some(a.category.clone()),
                limit: 6,
                ..Filter::default()
            },
            ctx.lang,
        )
        .await?;
        let related: Vec<serde_json::Value> = related
            .into_iter()
            .filter(|r| r["id"] != a.id.0)
            .take(5)
            .collect();
        let og = serde_json::json!({
            "title": a.title,
            "description": if a.summary.is_empty() { a.body_text.chars().take(200).collect::<String>() } else { a.summary.clone() },
            "url": format!("{}/tin-tuc/{}", ctx.host, a.slug),
            "image": c["cover"]["large"].as_str().map(|p| format!("{}{p}", ctx.host)),
            "published": c["published_at"],
        });
        page(
            &state,
            &ctx,
            "portal/article.html",
            context! {
                show_cover => c["cover"]["large"].as_str().is_some_and(|l| !a.body_html.contains(l)),
                a => ser(&c), body => Value::from_safe_string(a.body_html.clone()), tags => ser(tags), related => ser(related), og => ser(og),
            },
        )
    })
    .await
}

/// Leaders (unit leaders) of each unit, by unit.
async fn leaders(state: &AppState) -> AppResult<HashMap<UnitId, Vec<serde_json::Value>>> {
    let mut out: HashMap<UnitId, Vec<serde_json::Value>> = HashMap::new();
    for h in store::holders(&state.store, Role::UnitLeader).await? {
        out.entry(h.unit_id).or_default().push(
            serde_json::json!({ "name": h.display_name, "position": h.position, "email": h.email }),
        );
    }
    Ok(out)
}

async fn site_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(slug): AppPath<String>,
) -> AppResult<Response> {
    let unit = units::by_slug(&state.store, &slug).await?;
    if !is_site(unit.kind) {
        return Err(AppError::not_found());
    }
    let s = state.clone();
    cached_page(&state, &ctx, |ctx| async move {
        let state = s;
        let below = under(&state, unit.id).await?;
        let (latest, total) = visible_cards(
            &state,
            Filter {
                units: below.clone(),
                limit: 10,
                ..Filter::default()
            },
            ctx.lang,
        )
        .await?;
        let intro = match store::page(&state.store, unit.id, "gioi-thieu").await {
            Ok(p) => Some(Value::from_safe_string(p.body_html)),
            Err(StoreError::NotFound) => None,
            Err(e) => return Err(e.into()),
        };
        let profile = store::profile(&state.store, unit.id).await?;
        let by_unit = leaders(&state).await?;
        let all = unit_map(&state).await?;
        let leaders: Vec<serde_json::Value> = below
            .iter()
            .filter_map(|id| by_unit.get(id).map(|l| (id, l)))
            .flat_map(|(id, l)| {
                let unit_name = all.get(id).map(|u| u.name.clone()).unwrap_or_default();
                l.iter().map(move |p| {
                    let mut p = p.clone();
                    p["unit"] = serde_json::Value::from(unit_name.clone());
                    p
                })
            })
            .collect();
        let parent = unit.parent_id.and_then(|p| all.get(&p)).filter(|p| is_site(p.kind)).map(site_link);
        page(
            &state,
            &ctx,
            "portal/site.html",
            context! { unit => ser(site_link(&unit)), kind => unit.kind.label_vi(), latest => ser(latest), total, intro, profile => ser(&profile), leaders => ser(leaders), parent => ser(parent),
                ended => unit.valid_to.map(|d| d.format("%d/%m/%Y").to_string()) },
        )
    })
    .await
}

async fn introduction(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let home = home_unit(&state).await?.ok_or_else(AppError::not_found)?;
    let p = match store::page(&state.store, home.id, "gioi-thieu").await {
        Ok(p) => p,
        Err(StoreError::NotFound) => return Err(AppError::not_found()),
        Err(e) => return Err(e.into()),
    };
    let s = state.clone();
    cached_page(&state, &ctx, |ctx| async move {
        page(
            &s,
            &ctx,
            "portal/page.html",
            context! { title => p.title, body => Value::from_safe_string(p.body_html), updated => format_local(camlo_store::from_ts(p.updated_at)) },
        )
    })
    .await
}

#[derive(Debug, serde::Serialize)]
struct Node {
    name: String,
    kind: String,
    url: Option<String>,
    leaders: Vec<serde_json::Value>,
    profile: Option<store::Profile>,
    children: Vec<Node>,
}

fn tree(
    id: UnitId,
    kids: &HashMap<UnitId, Vec<&Unit>>,
    all: &HashMap<UnitId, Unit>,
    leaders: &HashMap<UnitId, Vec<serde_json::Value>>,
    profiles: &HashMap<UnitId, store::Profile>,
    depth: usize,
) -> Option<Node> {
    let u = all.get(&id)?;
    let children = if depth < 8 {
        kids.get(&id)
            .map(|list| {
                list.iter()
                    .filter_map(|c| tree(c.id, kids, all, leaders, profiles, depth + 1))
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    Some(Node {
        name: u.name.clone(),
        kind: u.kind.label_vi().to_owned(),
        url: (is_site(u.kind) && depth > 0).then(|| format!("/xa/{}", u.slug)),
        leaders: leaders.get(&id).cloned().unwrap_or_default(),
        profile: profiles.get(&id).cloned(),
        children,
    })
}

async fn organisation(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let home = home_unit(&state).await?.ok_or_else(AppError::not_found)?;
    let s = state.clone();
    cached_page(&state, &ctx, |ctx| async move {
        let state = s;
        let on = as_of(&state, &home);
        let valid: Vec<Unit> = units::list(&state.store, Some(on)).await?;
        let all: HashMap<UnitId, Unit> = valid.iter().map(|u| (u.id, u.clone())).collect();
        let mut kids: HashMap<UnitId, Vec<&Unit>> = HashMap::new();
        for u in &valid {
            if let Some(p) = u.parent_id {
                kids.entry(p).or_default().push(u);
            }
        }
        let profiles: HashMap<UnitId, store::Profile> =
            store::profiles(&state.store).await?.into_iter().collect();
        let root = tree(home.id, &kids, &all, &leaders(&state).await?, &profiles, 0);
        page(
            &state,
            &ctx,
            "portal/organisation.html",
            context! { root => ser(&root), as_of => on.format("%d/%m/%Y").to_string() },
        )
    })
    .await
}

async fn contacts(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let home = home_unit(&state).await?.ok_or_else(AppError::not_found)?;
    let s = state.clone();
    cached_page(&state, &ctx, |ctx| async move {
        let state = s;
        let below = under(&state, home.id).await?;
        let all = unit_map(&state).await?;
        let mut list = Vec::new();
        let mut main = None;
        for (id, p) in store::profiles(&state.store).await? {
            let Some(u) = all.get(&id) else { continue };
            if id == home.id {
                main = Some(serde_json::json!({ "name": u.name, "p": p }));
            } else if below.contains(&id) {
                list.push(serde_json::json!({ "name": u.name, "url": is_site(u.kind).then(|| format!("/xa/{}", u.slug)), "p": p }));
            }
        }
        page(
            &state,
            &ctx,
            "portal/contacts.html",
            context! { main => ser(main), list => ser(list) },
        )
    })
    .await
}

/// What a visitor searches for.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct SearchQuery {
    /// Words, with or without diacritics.
    #[serde(default)]
    pub q: Option<String>,
    /// `article`, `procedure`, …
    #[serde(default)]
    pub kind: Option<String>,
    /// Unit slug.
    #[serde(default)]
    pub unit: Option<String>,
    /// From date, `YYYY-MM-DD`.
    #[serde(default)]
    pub from: Option<String>,
    /// To date, `YYYY-MM-DD`.
    #[serde(default)]
    pub to: Option<String>,
    /// Page, from 1.
    #[serde(default)]
    pub page: Option<usize>,
}

/// Runs a search; errors in the dates are the caller's (422).
pub async fn run_search(state: &AppState, q: &SearchQuery) -> AppResult<camlo_search::Results> {
    super::runtime::apply_schedule(state).await?;
    let date = |s: &Option<String>| -> AppResult<Option<NaiveDate>> {
        match s.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            None => Ok(None),
            Some(d) => NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| AppError::invalid("ART-0012").field("from")),
        }
    };
    let nonempty = |s: &Option<String>| s.clone().filter(|v| !v.trim().is_empty());
    let page_no = q.page.unwrap_or(1).clamp(1, 50);
    let query = camlo_search::Query {
        text: q.q.clone().unwrap_or_default().chars().take(200).collect(),
        kind: nonempty(&q.kind),
        unit: nonempty(&q.unit),
        from: date(&q.from)?,
        to: date(&q.to)?,
        offset: (page_no - 1) * 20,
        limit: 20,
    };
    let index = state.search.clone();
    tokio::task::spawn_blocking(move || index.search(&query))
        .await
        .map_err(|e| AppError::internal(e.to_string()))?
        .map_err(|e| AppError::internal(format!("{}: {e}", e.code())))
}

/// A hit as pages and the API show it.
pub fn hit_json(h: &camlo_search::Hit, lang: Lang) -> serde_json::Value {
    let kind_label = camlo_web::i18n::t(lang, &format!("search.kind.{}", h.kind)).to_owned();
    serde_json::json!({
        "kind": h.kind, "kind_label": kind_label, "title": h.title, "url": h.url, "snippet": h.snippet,
        "unit": h.unit, "date": h.date.map(|d| d.to_string()), "score": h.score,
    })
}

async fn search_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<SearchQuery>,
) -> AppResult<Response> {
    count_view(&state, None);
    let text = q.q.clone().unwrap_or_default();
    let (results, errors) = if text.trim().is_empty() {
        (None, Vec::new())
    } else {
        match run_search(&state, &q).await {
            Ok(r) => (Some(r), Vec::new()),
            Err(e) if e.status.is_client_error() => (None, vec![e]),
            Err(e) => return Err(e),
        }
    };
    let hits: Vec<Value> = results
        .as_ref()
        .map(|r| {
            r.hits
                .iter()
                .map(|h| {
                    let mut v = hit_json(h, ctx.lang);
                    // The index escapes everything but its own <mark> tags.
                    let snippet = v
                        .as_object_mut()
                        .and_then(|o| o.remove("snippet"))
                        .and_then(|s| s.as_str().map(str::to_owned))
                        .unwrap_or_default();
                    context! { snippet => Value::from_safe_string(snippet), ..ser(v) }
                })
                .collect()
        })
        .unwrap_or_default();
    let units: Vec<serde_json::Value> = unit_map(&state)
        .await?
        .values()
        .filter(|u| is_site(u.kind))
        .map(|u| serde_json::json!({ "slug": u.slug, "name": u.name, "id": u.id.0 }))
        .collect();
    let mut units = units;
    units.sort_by_key(|u| u["id"].as_i64());
    let page_no = q.page.unwrap_or(1).max(1);
    let mut res = page(
        &state,
        &ctx,
        "portal/search.html",
        context! {
            q => text, kind => q.kind.clone().unwrap_or_default(), unit => q.unit.clone().unwrap_or_default(),
            from => q.from.clone().unwrap_or_default(), to => q.to.clone().unwrap_or_default(),
            total => results.as_ref().map(|r| r.total), hits, units => ser(units), page => page_no,
            errors => camlo_web::pages::form_errors(&ctx, &errors),
            next => results.as_ref().is_some_and(|r| r.total > page_no * 20),
        },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn picture(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(sha): AppPath<String>,
) -> AppResult<Response> {
    // Only resized pictures of an article are served; the original upload never is. To anyone
    // (and cacheable for a year) when one of its articles is visible; otherwise only to those
    // who may open one of its articles in the editor, never stored by caches.
    let images = articles::images_by_blob(&state.store, &sha).await?;
    let now = state.now_ts();
    let mut public = false;
    let mut editor = false;
    for img in &images {
        let a = articles::get(&state.store, img.article_id).await?;
        if content::is_visible(a.state, a.publish_at, a.expire_at, now) {
            public = true;
            break;
        }
        if let Some(actor) = &ctx.actor
            && !editor
        {
            editor = !super::service::roles_over(&state, actor, a.unit_id)
                .await?
                .is_empty();
        }
    }
    if !public && !editor {
        return Err(AppError::not_found());
    }
    let blobs = state.blobs();
    let bytes = tokio::task::spawn_blocking(move || blobs.get(&sha))
        .await
        .map_err(|e| AppError::internal(e.to_string()))??;
    let mut res = bytes.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("image/jpeg"));
    res.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(if public {
            "public, max-age=31536000, immutable"
        } else {
            "private, no-store"
        }),
    );
    Ok(res)
}
