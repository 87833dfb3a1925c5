//! Citizen feedback and questions (phản ánh, kiến nghị, hỏi đáp): anyone submits, gets a code,
//! an official of the unit routes and answers, and the answer is published when the asker agreed.

pub mod api;
pub mod demo;
pub mod pages;
pub mod service;

use crate::Routes;

/// Registers every feedback route.
pub fn routes(r: Routes) -> Routes {
    pages::routes(api::routes(r))
}
