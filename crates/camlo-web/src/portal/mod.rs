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

use camlo_domain::content::CATEGORIES;

use crate::Routes;
use crate::i18n::{Lang, t};

/// Registers every portal route.
pub fn routes(r: Routes) -> Routes {
    let r = public::routes(r);
    let r = editor::routes(r);
    let r = editorial::routes(r);
    let r = feeds::routes(r);
    api::routes(r)
}

/// One entry of the default menu.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MenuItem {
    /// Link.
    pub href: String,
    /// Label in the page's language.
    pub label: String,
}

/// The main menu: the portal's pages, the one-stop shop and search.
pub fn menu(lang: Lang) -> Vec<MenuItem> {
    [
        ("/gioi-thieu", "menu.introduction"),
        ("/tin-tuc", "portal.news"),
        ("/van-ban", "doc.title"),
        ("/thu-tuc", "nav.procedures"),
        ("/co-cau-to-chuc", "menu.organisation"),
        ("/lien-he", "menu.contacts"),
        ("/tim-kiem", "menu.search"),
    ]
    .iter()
    .map(|(href, key)| MenuItem {
        href: (*href).to_owned(),
        label: t(lang, key).to_owned(),
    })
    .collect()
}

/// The sections NĐ 42/2022 requires (DOMAIN.md §9) that are categories of news; the others
/// (organisation, contacts, procedures) are in [`menu`]. Legal documents and questions and
/// answers join when those modules exist.
pub fn sections(lang: Lang) -> Vec<MenuItem> {
    CATEGORIES
        .iter()
        .filter(|c| c.required)
        .map(|c| MenuItem {
            href: format!("/chuyen-muc/{}", c.slug),
            label: if lang == Lang::En {
                c.name_en
            } else {
                c.name_vi
            }
            .to_owned(),
        })
        .collect()
}
