//! The public portal (cổng thông tin điện tử) as a feature of the web frame: news with an
//! editorial workflow, pages and commune sites, search pages, feeds and statistics (`content/`),
//! leadership and legal documents (`documents.rs`), citizen feedback and questions
//! (`feedback/`). [`FEATURE`] is everything it contributes.

pub mod content;
pub mod documents;
pub mod feedback;
pub mod openapi;

use camlo_domain::feedback::FeedbackId;
use camlo_web::feature::{BoxFuture, Feature, NavLink, Resolver, path_param};
use camlo_web::i18n::{Lang, Messages};
use camlo_web::policy::{Access, Rule};
use camlo_web::search::Searchable;
use camlo_web::session::Actor;
use camlo_web::{AppError, AppResult, AppState, Routes};

/// The portal's templates.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("home.html", include_str!("../templates/home.html")),
    (
        "documents/list.html",
        include_str!("../templates/documents/list.html"),
    ),
    (
        "documents/show.html",
        include_str!("../templates/documents/show.html"),
    ),
    (
        "documents/manage.html",
        include_str!("../templates/documents/manage.html"),
    ),
    (
        "documents/edit.html",
        include_str!("../templates/documents/edit.html"),
    ),
    (
        "feedback/form.html",
        include_str!("../templates/feedback/form.html"),
    ),
    (
        "feedback/sent.html",
        include_str!("../templates/feedback/sent.html"),
    ),
    (
        "feedback/follow.html",
        include_str!("../templates/feedback/follow.html"),
    ),
    (
        "feedback/answers.html",
        include_str!("../templates/feedback/answers.html"),
    ),
    (
        "feedback/inbox.html",
        include_str!("../templates/feedback/inbox.html"),
    ),
    (
        "feedback/item.html",
        include_str!("../templates/feedback/item.html"),
    ),
    (
        "portal/cards.html",
        include_str!("../templates/portal/cards.html"),
    ),
    (
        "portal/list.html",
        include_str!("../templates/portal/list.html"),
    ),
    (
        "portal/article.html",
        include_str!("../templates/portal/article.html"),
    ),
    (
        "portal/site.html",
        include_str!("../templates/portal/site.html"),
    ),
    (
        "portal/profile.html",
        include_str!("../templates/portal/profile.html"),
    ),
    (
        "portal/page.html",
        include_str!("../templates/portal/page.html"),
    ),
    (
        "portal/organisation.html",
        include_str!("../templates/portal/organisation.html"),
    ),
    (
        "portal/contacts.html",
        include_str!("../templates/portal/contacts.html"),
    ),
    (
        "portal/search.html",
        include_str!("../templates/portal/search.html"),
    ),
    (
        "portal/desk.html",
        include_str!("../templates/portal/desk.html"),
    ),
    (
        "portal/edit.html",
        include_str!("../templates/portal/edit.html"),
    ),
    (
        "portal/revisions.html",
        include_str!("../templates/portal/revisions.html"),
    ),
    (
        "portal/site_edit.html",
        include_str!("../templates/portal/site_edit.html"),
    ),
    (
        "portal/statistics.html",
        include_str!("../templates/portal/statistics.html"),
    ),
];

/// The portal as a feature of the frame.
pub static FEATURE: Feature = Feature {
    name: "portal",
    routes,
    resolvers: &[
        Resolver {
            name: "feedback",
            doc: "the {id} is a feedback item: the actor's grants (with a feedback role) cover the unit it is routed to",
            resolve: resolve_feedback,
            not_found: "FBK-0011",
        },
        Resolver {
            name: "article",
            doc: "the {id} is an article: the actor's editor or reviewer grant covers its unit (a grant counts for the site of its unit and everything below it)",
            resolve: resolve_article,
            not_found: "ART-0013",
        },
        Resolver {
            name: "site",
            doc: "the {id} is a unit whose site pages are edited: the actor's grant (with an allowed role) counts for the site of its unit and everything below it",
            resolve: resolve_site,
            not_found: "WEB-0001",
        },
    ],
    templates: TEMPLATES,
    assets: &[],
    messages: Messages {
        vi: include_str!("../messages/vi.ftl"),
        en: include_str!("../messages/en.ftl"),
    },
    openapi: openapi::paths,
    search: Some(search_source),
    demo: Some(demo_source),
    nav,
    init: Some(content::runtime::init),
    cache_fresh: Some(content::runtime::fresh),
};

/// Registers every portal route.
pub fn routes(r: Routes) -> Routes {
    content::routes(feedback::routes(documents::routes(r)))
}

fn nav(lang: Lang, actor: Option<&Actor>) -> Vec<NavLink> {
    let mut links = content::nav(lang, actor);
    links.extend(feedback::nav(lang, actor));
    links
}

fn id_param(params: &[(String, String)]) -> Option<i64> {
    path_param(params, "id").and_then(|v| v.parse::<i64>().ok())
}

fn resolve_feedback<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    _: &'a Rule,
    params: &'a [(String, String)],
) -> BoxFuture<'a, AppResult<bool>> {
    Box::pin(async move {
        let not_found = || AppError::new(axum::http::StatusCode::NOT_FOUND, "FBK-0011");
        let id = id_param(params).ok_or_else(not_found)?;
        let f = camlo_store::feedback::get(&state.store, FeedbackId(id))
            .await
            .map_err(|_| not_found())?;
        feedback::service::may_handle(state, actor, &f).await
    })
}

fn resolve_article<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    _: &'a Rule,
    params: &'a [(String, String)],
) -> BoxFuture<'a, AppResult<bool>> {
    Box::pin(async move {
        let id = id_param(params).ok_or_else(AppError::not_found)?;
        content::service::may_manage(state, actor, id).await
    })
}

fn resolve_site<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    rule: &'a Rule,
    params: &'a [(String, String)],
) -> BoxFuture<'a, AppResult<bool>> {
    Box::pin(async move {
        let id = id_param(params).ok_or_else(AppError::not_found)?;
        let roles = match rule.access {
            Access::Roles(r) => r,
            _ => &[],
        };
        content::service::covers_site(state, actor, roles, id).await
    })
}

fn search_source(state: &AppState) -> BoxFuture<'_, AppResult<Vec<Searchable>>> {
    Box::pin(content::index::searchable(state))
}

fn demo_source(state: &AppState) -> BoxFuture<'_, AppResult<Vec<String>>> {
    Box::pin(async move {
        let mut lines = Vec::new();
        let n = documents::seed_demo(state).await?;
        if n > 0 {
            lines.push(format!("{n} leadership and legal documents"));
        }
        let n = feedback::demo::seed(state).await?;
        if n > 0 {
            lines.push(format!(
                "{n} questions and feedback items (some answered and published)"
            ));
        }
        let n = content::demo::seed(state).await?;
        if n > 0 {
            lines.push(format!("{n} portal articles"));
        }
        Ok(lines)
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_template_file_is_embedded() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        assert_eq!(
            camlo_web::templates::check_embedded(root, super::TEMPLATES),
            Ok(())
        );
    }
}
