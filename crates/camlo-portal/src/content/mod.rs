//! The public portal (cổng thông tin điện tử): news with an editorial workflow, pages, commune
//! sites, search over every kind of content, feeds, visitor statistics and the render cache.

pub mod api;
pub mod demo;
pub mod editor;
pub mod editorial;
pub mod feeds;
pub mod html;
pub mod images;
pub mod index;
pub mod public;
pub mod runtime;
pub mod service;

use camlo_domain::accounts::Role;
use camlo_domain::content::CATEGORIES;
use camlo_web::Routes;
use camlo_web::feature::{NavLink, Place};
use camlo_web::i18n::{Lang, t};
use camlo_web::policy::{Access, Rule, Scope, rule};
use camlo_web::session::Actor;

/// The editorial desk (editors write, reviewers publish).
pub const EDITORS: Rule = rule(Access::Roles(service::EDITORIAL), Scope::None);
/// An article named by `{id}`: the actor's editor or reviewer grant covers its site.
pub const ARTICLE: Rule = rule(
    Access::Roles(service::EDITORIAL),
    Scope::Resolver("article"),
);
/// A site's pages named by the unit `{id}` (reviewers: they go live on saving).
pub const SITE: Rule = rule(Access::Roles(&[Role::Reviewer]), Scope::Resolver("site"));

/// Registers every portal content route.
pub fn routes(r: Routes) -> Routes {
    let r = public::routes(r);
    let r = editor::routes(r);
    let r = editorial::routes(r);
    let r = feeds::routes(r);
    api::routes(r)
}

/// The portal's links: its pages in the main menu, the editorial desk for editors and
/// reviewers, and the sections NĐ 42/2022 requires (DOMAIN.md §9) that are categories of news
/// in the footer.
pub fn nav(lang: Lang, actor: Option<&Actor>) -> Vec<NavLink> {
    let mut links: Vec<NavLink> = [
        (10, "/gioi-thieu", "menu.introduction"),
        (11, "/tin-tuc", "portal.news"),
        (12, "/van-ban", "doc.title"),
        (14, "/co-cau-to-chuc", "menu.organisation"),
        (15, "/lien-he", "menu.contacts"),
        (16, "/tim-kiem", "menu.search"),
    ]
    .iter()
    .map(|(order, href, key)| NavLink {
        place: Place::Main,
        order: *order,
        href: (*href).to_owned(),
        label: t(lang, key).to_owned(),
    })
    .collect();
    if actor.is_some_and(|a| {
        a.is_system_admin() || a.has_role(Role::Editor) || a.has_role(Role::Reviewer)
    }) {
        links.push(NavLink {
            place: Place::User,
            order: 30,
            href: "/bien-tap".into(),
            label: t(lang, "nav.editorial").to_owned(),
        });
    }
    links.extend(CATEGORIES.iter().filter(|c| c.required).map(|c| {
        NavLink {
            place: Place::Footer,
            order: 0,
            href: format!("/chuyen-muc/{}", c.slug),
            label: if lang == Lang::En {
                c.name_en
            } else {
                c.name_vi
            }
            .to_owned(),
        }
    }));
    links
}
