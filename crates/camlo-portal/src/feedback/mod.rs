//! Citizen feedback and questions (phản ánh, kiến nghị, hỏi đáp): anyone submits, gets a code,
//! an official of the unit routes and answers, and the answer is published when the asker agreed.

pub mod api;
pub mod demo;
pub mod pages;
pub mod service;

use camlo_domain::accounts::Role;
use camlo_web::Routes;
use camlo_web::feature::{NavLink, Place};
use camlo_web::i18n::{Lang, t};
use camlo_web::policy::{Access, Rule, Scope, rule};
use camlo_web::session::Actor;

/// Officials who handle feedback.
pub const FEEDBACK: &[Role] = service::HANDLER_ROLES;
/// A feedback item named by `{id}`: the actor's grants (with a feedback role) cover its unit.
pub const FEEDBACK_ITEM: Rule = rule(Access::Roles(FEEDBACK), Scope::Resolver("feedback"));

/// Registers every feedback route.
pub fn routes(r: Routes) -> Routes {
    pages::routes(api::routes(r))
}

/// Questions and answers for everyone; the feedback inbox for those who handle it.
pub fn nav(lang: Lang, actor: Option<&Actor>) -> Vec<NavLink> {
    let mut links = vec![NavLink {
        place: Place::Main,
        order: 40,
        href: "/hoi-dap".into(),
        label: t(lang, "nav.feedback").to_owned(),
    }];
    if actor
        .is_some_and(|a| a.is_system_admin() || a.grants.iter().any(|g| FEEDBACK.contains(&g.role)))
    {
        links.push(NavLink {
            place: Place::User,
            order: 20,
            href: "/quan-tri/phan-anh".into(),
            label: t(lang, "nav.feedback_inbox").to_owned(),
        });
    }
    links
}
