//! The `Feature` interface: everything a feature crate (the one-stop shop, the portal, …)
//! contributes to the frame. The frame knows no feature by name; the binary hands it the list.
//!
//! API boundary: a feature is a `static` [`Feature`] value, so adding one is one line in the
//! binary's list. Features talk to each other only through what the frame or the store offers
//! (the search index, the render cache, the unit tree), never by importing each other.

use std::any::Any;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use camlo_domain::Clock;
use camlo_store::Store;

use crate::error::AppResult;
use crate::i18n::Lang;
use crate::policy::Rule;
use crate::search::Searchable;
use crate::session::Actor;
use crate::{AppState, Routes};

/// A boxed future, for the feature hooks that run async code.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Decides a route's scope for a feature's object named in the path: finds the object from the
/// path parameters (`Err` with the feature's not-found code when there is none) and answers
/// whether the actor may touch it. `rule` is the matched route's rule (its roles).
pub type ResolveFn = for<'a> fn(
    &'a AppState,
    &'a Actor,
    &'a Rule,
    &'a [(String, String)],
) -> BoxFuture<'a, AppResult<bool>>;

/// A path parameter as a resolver receives them.
pub fn path_param<'a>(params: &'a [(String, String)], key: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// A named scope resolver; routes name it with `Scope::Resolver(name)`.
#[derive(Clone, Copy)]
pub struct Resolver {
    /// The name routes use, e.g. `dossier`.
    pub name: &'static str,
    /// What it checks, one line (printed by `camlo policy`).
    pub doc: &'static str,
    /// The check.
    pub resolve: ResolveFn,
    /// The code of the 404 its feature answers for a missing object (`DOS-0007`): an object
    /// the actor may not see gets the very same answer.
    pub not_found: &'static str,
}

/// A feature's contribution to the search index: every item of its kinds that is public now.
pub type SearchFn = for<'a> fn(&'a AppState) -> BoxFuture<'a, AppResult<Vec<Searchable>>>;

/// Loads a feature's demo data (nothing when already there); returns lines to print.
pub type DemoFn = for<'a> fn(&'a AppState) -> BoxFuture<'a, AppResult<Vec<String>>>;

/// What a feature's state is made from at start.
pub struct InitCtx<'a> {
    /// The database.
    pub store: &'a Store,
    /// The clock.
    pub clock: &'a Arc<dyn Clock>,
    /// True when the search index was empty at start (it is being rebuilt).
    pub index_was_empty: bool,
}

/// Makes a feature's in-memory state, read back with [`AppState::ext`].
pub type InitFn = fn(&InitCtx<'_>) -> Arc<dyn Any + Send + Sync>;

/// Where a link goes in the page frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Place {
    /// The main menu, for everyone.
    Main,
    /// The main menu, for signed-in users (before their account link).
    User,
    /// The footer's list of sections.
    Footer,
}

/// One link a feature puts in the page frame; the frame sorts them by `order`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct NavLink {
    /// Where it goes.
    pub place: Place,
    /// Sort key within its place (features interleave: 10s portal pages, 20s one-stop, …).
    pub order: u16,
    /// Link.
    pub href: String,
    /// Label in the page's language.
    pub label: String,
}

/// The links a feature shows for this visitor.
pub type NavFn = fn(Lang, Option<&Actor>) -> Vec<NavLink>;

/// Everything one feature contributes. All fields but `name` and `routes` may be empty.
pub struct Feature {
    /// Short name (`onestop`, `portal`), shown in the policy table.
    pub name: &'static str,
    /// Its routes, each with its policy rule.
    pub routes: fn(Routes) -> Routes,
    /// The scope resolvers its rules name.
    pub resolvers: &'static [Resolver],
    /// Its templates (name, source); a theme folder may override any of them.
    pub templates: &'static [(&'static str, &'static str)],
    /// Its static files (name, content type, bytes), served under `/static/`.
    pub assets: &'static [(&'static str, &'static str, &'static str)],
    /// Its messages: Fluent sources, Vietnamese and English.
    pub messages: crate::i18n::Messages,
    /// Its paths of the OpenAPI document (a JSON object keyed by path).
    pub openapi: fn() -> serde_json::Value,
    /// Its items for a full rebuild of the search index.
    pub search: Option<SearchFn>,
    /// Its demo data.
    pub demo: Option<DemoFn>,
    /// Its links in the page frame.
    pub nav: NavFn,
    /// Its in-memory state.
    pub init: Option<InitFn>,
    /// Asked by the front door before serving a cached page: `false` when something the
    /// feature schedules is due (the request then goes to the handler, which applies it).
    pub cache_fresh: Option<fn(&AppState) -> bool>,
}

/// No links.
pub fn no_nav(_: Lang, _: Option<&Actor>) -> Vec<NavLink> {
    Vec::new()
}

/// No OpenAPI paths.
pub fn no_openapi() -> serde_json::Value {
    serde_json::json!({})
}
