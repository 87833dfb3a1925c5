//! The electronic one-stop shop (một cửa điện tử): catalogue, filing, intake, workflow, lookup.

pub mod api;
pub mod catalogue;
pub mod demo;
pub mod pages;
pub mod receipt;
pub mod service;

use crate::Routes;

/// Registers every one-stop route.
pub fn routes(r: Routes) -> Routes {
    catalogue::routes(pages::routes(api::routes(r)))
}
