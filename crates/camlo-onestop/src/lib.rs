//! The electronic one-stop shop (một cửa điện tử): catalogue, filing, intake, workflow, lookup.
//! A feature of the web frame: [`FEATURE`] is everything it contributes.
//!
//! Where things live: the use cases shared by pages and API in `service.rs` (create, act, attach,
//! who may see a dossier); the pages in `pages.rs` (catalogue `/thu-tuc`, filing `/nop-ho-so`,
//! a dossier `/ho-so/{id}`, the officers' inbox `/mot-cua`, counter intake, lookup `/tra-cuu`);
//! the JSON API in `api.rs`; the printed forms in `receipt.rs`; catalogue administration in
//! `catalogue.rs`; demo dossiers in `demo.rs`.

pub mod api;
pub mod catalogue;
pub mod demo;
pub mod openapi;
pub mod pages;
pub mod receipt;
pub mod service;

use camlo_domain::accounts::Role;
use camlo_domain::clock::to_local;
use camlo_domain::dossiers::DossierId;
use camlo_store::procedures;
use camlo_web::feature::{BoxFuture, Feature, NavLink, Place, Resolver, path_param};
use camlo_web::i18n::{Lang, Messages, t};
use camlo_web::policy::{Access, Rule, Scope, rule};
use camlo_web::search::Searchable;
use camlo_web::session::Actor;
use camlo_web::{AppError, AppResult, AppState, Routes};

/// Roles that handle dossiers in the inbox.
pub const HANDLERS: &[Role] = &[Role::OneStopOfficer, Role::Specialist, Role::UnitLeader];
/// Reception officers.
pub const OFFICERS: &[Role] = &[Role::OneStopOfficer];
/// A dossier named by `{id}`: its applicant, or an official whose grants cover it.
pub const DOSSIER: Rule = rule(Access::Authenticated, Scope::Resolver("dossier"));
/// A dossier named by `{code}`, with the same rule.
pub const DOSSIER_CODE: Rule = rule(Access::Authenticated, Scope::Resolver("dossier-code"));

/// The one-stop shop's templates.
pub const TEMPLATES: &[(&str, &str)] = &[
    (
        "admin/procedures.html",
        include_str!("../templates/admin/procedures.html"),
    ),
    (
        "admin/procedure.html",
        include_str!("../templates/admin/procedure.html"),
    ),
    (
        "onestop/catalogue.html",
        include_str!("../templates/onestop/catalogue.html"),
    ),
    (
        "onestop/procedure.html",
        include_str!("../templates/onestop/procedure.html"),
    ),
    (
        "onestop/start.html",
        include_str!("../templates/onestop/start.html"),
    ),
    (
        "onestop/documents.html",
        include_str!("../templates/onestop/documents.html"),
    ),
    (
        "onestop/review.html",
        include_str!("../templates/onestop/review.html"),
    ),
    (
        "onestop/dossier.html",
        include_str!("../templates/onestop/dossier.html"),
    ),
    (
        "onestop/mine.html",
        include_str!("../templates/onestop/mine.html"),
    ),
    (
        "onestop/rows.html",
        include_str!("../templates/onestop/rows.html"),
    ),
    (
        "onestop/inbox.html",
        include_str!("../templates/onestop/inbox.html"),
    ),
    (
        "onestop/intake.html",
        include_str!("../templates/onestop/intake.html"),
    ),
    (
        "onestop/lookup.html",
        include_str!("../templates/onestop/lookup.html"),
    ),
];

/// The one-stop shop as a feature of the frame.
pub static FEATURE: Feature = Feature {
    name: "onestop",
    routes,
    resolvers: &[
        Resolver {
            name: "dossier",
            doc: "the {id} is a dossier: its applicant, or an official whose grants cover the unit holding it or the office that received it",
            resolve: resolve_by_id,
            not_found: "DOS-0007",
        },
        Resolver {
            name: "dossier-code",
            doc: "the {code} is a dossier code, with the same rule as `dossier`",
            resolve: resolve_by_code,
            not_found: "DOS-0007",
        },
    ],
    templates: TEMPLATES,
    assets: &[(
        "onestop.js",
        "text/javascript; charset=utf-8",
        include_str!("../static/onestop.js"),
    )],
    messages: Messages {
        vi: include_str!("../messages/vi.ftl"),
        en: include_str!("../messages/en.ftl"),
    },
    openapi: openapi::paths,
    search: Some(search_source),
    demo: Some(demo_source),
    nav,
    init: None,
    cache_fresh: None,
};

/// Registers every one-stop route.
pub fn routes(r: Routes) -> Routes {
    catalogue::routes(pages::routes(api::routes(r)))
}

fn not_found() -> AppError {
    AppError::new(axum::http::StatusCode::NOT_FOUND, "DOS-0007")
}

fn resolve_by_id<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    _: &'a Rule,
    params: &'a [(String, String)],
) -> BoxFuture<'a, AppResult<bool>> {
    Box::pin(async move {
        let id = path_param(params, "id")
            .and_then(|v| v.parse::<i64>().ok())
            .ok_or_else(not_found)?;
        let d = camlo_store::dossiers::get(&state.store, DossierId(id))
            .await
            .map_err(|_| not_found())?;
        service::may_see(state, actor, &d).await
    })
}

fn resolve_by_code<'a>(
    state: &'a AppState,
    actor: &'a Actor,
    _: &'a Rule,
    params: &'a [(String, String)],
) -> BoxFuture<'a, AppResult<bool>> {
    Box::pin(async move {
        let code = path_param(params, "code").unwrap_or_default();
        let d = service::by_code(state, code)
            .await
            .map_err(|_| not_found())?;
        service::may_see(state, actor, &d).await
    })
}

fn nav(lang: Lang, actor: Option<&Actor>) -> Vec<NavLink> {
    let link = |place, order, href: &str, key| NavLink {
        place,
        order,
        href: href.to_owned(),
        label: t(lang, key).to_owned(),
    };
    let mut links = vec![
        link(Place::Main, 13, "/thu-tuc", "nav.procedures"),
        link(Place::Main, 20, "/tra-cuu", "nav.lookup"),
    ];
    if let Some(a) = actor {
        if a.grants.iter().any(|g| HANDLERS.contains(&g.role)) {
            links.push(link(Place::User, 10, "/mot-cua", "nav.inbox"));
        }
        links.push(link(Place::User, 40, "/ho-so", "nav.my_dossiers"));
    }
    links
}

fn search_source(state: &AppState) -> BoxFuture<'_, AppResult<Vec<Searchable>>> {
    Box::pin(procedure_items(state))
}

fn demo_source(state: &AppState) -> BoxFuture<'_, AppResult<Vec<String>>> {
    Box::pin(async move {
        let n = demo::seed(state).await?;
        Ok(if n > 0 {
            vec![format!("{n} dossiers in every state and age")]
        } else {
            Vec::new()
        })
    })
}

/// The procedures in force today as searchable items.
async fn procedure_items(state: &AppState) -> AppResult<Vec<Searchable>> {
    let today = to_local(state.clock.now()).date();
    Ok(
        procedures::list(&state.store, today, &procedures::Filter::default())
            .await?
            .into_iter()
            .map(|p| {
                let documents = p
                    .documents
                    .iter()
                    .map(|d| d.name.clone())
                    .collect::<Vec<_>>()
                    .join("\n");
                Searchable {
                    kind: "procedure",
                    id: p.code.clone(),
                    title: p.name.clone(),
                    body: format!(
                        "{}\n{}\n{}\n{}\n{}",
                        p.sector, p.agency, p.result, documents, p.legal_basis
                    ),
                    url: format!("/thu-tuc/{}", p.code),
                    unit: None,
                    date: Some(p.valid_from),
                }
            })
            .collect(),
    )
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
