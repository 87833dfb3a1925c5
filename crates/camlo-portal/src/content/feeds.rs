//! Feeds and discovery: RSS 2.0 and Atom for the whole portal, per category and per unit;
//! `sitemap.xml` and `robots.txt`. XML is written by hand with every text escaped.

use axum::Extension;
use axum::extract::State;
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use camlo_domain::content::{self, byline};
use camlo_domain::units::UnitId;
use camlo_store::articles::{self, Article, Filter};
use camlo_store::units;

use super::html::escape;
use super::public::{home_unit, under};
use super::runtime::cached;
use super::service::is_site;
use camlo_web::error::{AppError, AppResult};
use camlo_web::extract::AppPath;
use camlo_web::middleware::Ctx;
use camlo_web::policy::PUBLIC;
use camlo_web::{AppState, Routes};

/// Items in a feed.
const FEED_ITEMS: i64 = 30;

/// Registers the routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/rss", PUBLIC, rss_all)
        .add(Method::GET, "/atom", PUBLIC, atom_all)
        .add(Method::GET, "/rss/chuyen-muc/{slug}", PUBLIC, rss_category)
        .add(
            Method::GET,
            "/atom/chuyen-muc/{slug}",
            PUBLIC,
            atom_category,
        )
        .add(Method::GET, "/rss/don-vi/{slug}", PUBLIC, rss_unit)
        .add(Method::GET, "/atom/don-vi/{slug}", PUBLIC, atom_unit)
        .add(Method::GET, "/sitemap.xml", PUBLIC, sitemap)
        .add(Method::GET, "/robots.txt", PUBLIC, robots)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Format {
    Rss,
    Atom,
}

/// What a feed covers.
#[derive(Clone)]
enum Scope {
    All,
    Category(String),
    Unit(String),
}

struct Feed {
    title: String,
    /// Path of the HTML page the feed mirrors.
    page: String,
    /// Path of the feed itself.
    this: String,
    items: Vec<Article>,
}

async fn build(state: &AppState, scope: Scope, format: Format) -> AppResult<Feed> {
    let mut filter = Filter {
        visible_at: Some(state.now_ts()),
        limit: FEED_ITEMS,
        ..Filter::default()
    };
    let prefix = if format == Format::Rss { "rss" } else { "atom" };
    let site = state.cfg.site_name.clone();
    let (title, page, this) = match &scope {
        Scope::All => {
            if let Some(home) = home_unit(state).await? {
                filter.units = under(state, home.id).await?;
            }
            (site, "/tin-tuc".to_owned(), format!("/{prefix}"))
        }
        Scope::Category(slug) => {
            let c = content::category(slug).ok_or_else(AppError::not_found)?;
            filter.category = Some(c.slug.to_owned());
            (
                format!("{site} – {}", c.name_vi),
                format!("/chuyen-muc/{}", c.slug),
                format!("/{prefix}/chuyen-muc/{}", c.slug),
            )
        }
        Scope::Unit(slug) => {
            let u = units::by_slug(&state.store, slug).await?;
            if !is_site(u.kind) {
                return Err(AppError::not_found());
            }
            filter.units = under(state, u.id).await?;
            (
                u.name.clone(),
                format!("/xa/{}", u.slug),
                format!("/{prefix}/don-vi/{}", u.slug),
            )
        }
    };
    let (items, _) = articles::list(&state.store, &filter).await?;
    Ok(Feed {
        title,
        page,
        this,
        items,
    })
}

fn at(t: Option<i64>) -> chrono::DateTime<chrono::Utc> {
    camlo_store::from_ts(t.unwrap_or(0))
}

fn rss(feed: &Feed, host: &str) -> String {
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n<channel>\n");
    x.push_str(&format!(
        "<title>{}</title>\n<link>{}</link>\n<description>{}</description>\n<language>vi</language>\n<atom:link href=\"{}\" rel=\"self\" type=\"application/rss+xml\"/>\n",
        escape(&feed.title),
        escape(&format!("{host}{}", feed.page)),
        escape(&feed.title),
        escape(&format!("{host}{}", feed.this))
    ));
    if let Some(first) = feed.items.first() {
        x.push_str(&format!(
            "<lastBuildDate>{}</lastBuildDate>\n",
            at(first.publish_at).to_rfc2822()
        ));
    }
    for a in &feed.items {
        let link = format!("{host}/tin-tuc/{}", a.slug);
        x.push_str(&format!(
            "<item>\n<title>{}</title>\n<link>{}</link>\n<guid isPermaLink=\"true\">{}</guid>\n<pubDate>{}</pubDate>\n<description>{}</description>\n<category>{}</category>\n",
            escape(&a.title),
            escape(&link),
            escape(&link),
            at(a.publish_at).to_rfc2822(),
            escape(&a.summary),
            escape(content::category(&a.category).map_or(a.category.as_str(), |c| c.name_vi)),
        ));
        let by = byline(&a.author, &a.source);
        if !by.is_empty() {
            x.push_str(&format!("<dc:creator>{}</dc:creator>\n", escape(&by)));
        }
        x.push_str("</item>\n");
    }
    x.push_str("</channel>\n</rss>\n");
    x
}

fn atom(feed: &Feed, host: &str, site: &str) -> String {
    let updated = feed
        .items
        .iter()
        .map(|a| a.updated_at.max(a.publish_at.unwrap_or(0)))
        .max()
        .unwrap_or(0);
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"vi\">\n");
    x.push_str(&format!(
        "<title>{}</title>\n<id>{}</id>\n<link rel=\"self\" type=\"application/atom+xml\" href=\"{}\"/>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<updated>{}</updated>\n<author><name>{}</name></author>\n",
        escape(&feed.title),
        escape(&format!("{host}{}", feed.this)),
        escape(&format!("{host}{}", feed.this)),
        escape(&format!("{host}{}", feed.page)),
        camlo_store::from_ts(updated).to_rfc3339(),
        escape(site)
    ));
    for a in &feed.items {
        let link = format!("{host}/tin-tuc/{}", a.slug);
        let by = byline(&a.author, &a.source);
        x.push_str(&format!(
            "<entry>\n<title>{}</title>\n<id>{}</id>\n<link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n<published>{}</published>\n<updated>{}</updated>\n<summary>{}</summary>\n<category term=\"{}\"/>\n",
            escape(&a.title),
            escape(&link),
            escape(&link),
            at(a.publish_at).to_rfc3339(),
            camlo_store::from_ts(a.updated_at.max(a.publish_at.unwrap_or(0))).to_rfc3339(),
            escape(&a.summary),
            escape(&a.category),
        ));
        if !by.is_empty() {
            x.push_str(&format!("<author><name>{}</name></author>\n", escape(&by)));
        }
        x.push_str("</entry>\n");
    }
    x.push_str("</feed>\n");
    x
}

fn xml(body: String, content_type: &'static str) -> Response {
    let mut res = body.into_response();
    res.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    res
}

async fn feed(state: AppState, ctx: Ctx, scope: Scope, format: Format) -> AppResult<Response> {
    let s = state.clone();
    cached(&state, &ctx, |ctx| async move {
        let f = build(&s, scope, format).await?;
        Ok(match format {
            Format::Rss => xml(rss(&f, &ctx.host), "application/rss+xml; charset=utf-8"),
            Format::Atom => xml(
                atom(&f, &ctx.host, &s.cfg.site_name),
                "application/atom+xml; charset=utf-8",
            ),
        })
    })
    .await
}

async fn rss_all(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    feed(state, ctx, Scope::All, Format::Rss).await
}

async fn atom_all(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    feed(state, ctx, Scope::All, Format::Atom).await
}

async fn rss_category(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(slug): AppPath<String>,
) -> AppResult<Response> {
    feed(state, ctx, Scope::Category(slug), Format::Rss).await
}

async fn atom_category(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(slug): AppPath<String>,
) -> AppResult<Response> {
    feed(state, ctx, Scope::Category(slug), Format::Atom).await
}

async fn rss_unit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(slug): AppPath<String>,
) -> AppResult<Response> {
    feed(state, ctx, Scope::Unit(slug), Format::Rss).await
}

async fn atom_unit(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(slug): AppPath<String>,
) -> AppResult<Response> {
    feed(state, ctx, Scope::Unit(slug), Format::Atom).await
}

async fn sitemap(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
) -> AppResult<Response> {
    let s = state.clone();
    cached(&state, &ctx, |ctx| async move {
        let state = s;
        let host = &ctx.host;
        let mut urls: Vec<(String, Option<i64>)> = ["/", "/tin-tuc", "/gioi-thieu", "/co-cau-to-chuc", "/lien-he", "/thu-tuc", "/van-ban", "/hoi-dap"]
            .iter()
            .map(|p| ((*p).to_owned(), None))
            .collect();
        for c in content::CATEGORIES {
            urls.push((format!("/chuyen-muc/{}", c.slug), None));
        }
        let mut scope: Vec<UnitId> = Vec::new();
        if let Some(home) = home_unit(&state).await? {
            scope = under(&state, home.id).await?;
        }
        for u in units::list(&state.store, None).await? {
            if is_site(u.kind) && (scope.is_empty() || scope.contains(&u.id)) {
                urls.push((format!("/xa/{}", u.slug), None));
            }
        }
        let now = state.now_ts();
        let mut offset = 0;
        loop {
            let (page, _) = articles::list(
                &state.store,
                &Filter {
                    visible_at: Some(now),
                    offset,
                    limit: 1000,
                    ..Filter::default()
                },
            )
            .await?;
            if page.is_empty() || urls.len() > 45_000 {
                break;
            }
            offset += 1000;
            for a in page {
                urls.push((format!("/tin-tuc/{}", a.slug), Some(a.updated_at.max(a.publish_at.unwrap_or(0)))));
            }
        }
        for d in crate::documents::searchable_all(&state).await? {
            urls.push((d.url, None));
        }
        let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        for (path, modified) in urls {
            x.push_str(&format!("<url><loc>{}</loc>", escape(&format!("{host}{path}"))));
            if let Some(m) = modified {
                x.push_str(&format!(
                    "<lastmod>{}</lastmod>",
                    camlo_store::from_ts(m).format("%Y-%m-%d")
                ));
            }
            x.push_str("</url>\n");
        }
        x.push_str("</urlset>\n");
        Ok(xml(x, "application/xml; charset=utf-8"))
    })
    .await
}

async fn robots(Extension(ctx): Extension<Ctx>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /bien-tap\nDisallow: /admin\nDisallow: /ho-so\nDisallow: /api/\nSitemap: {}/sitemap.xml\n",
        ctx.host
    );
    let mut res = body.into_response();
    res.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    res
}
