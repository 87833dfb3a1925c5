//! camlo's model and rules. This crate knows nothing of SQL, HTTP or the system clock:
//! every function that needs the time takes `now` as an argument.

pub mod accounts;
pub mod audit;
pub mod catalogue;
pub mod clock;
pub mod competence;
pub mod content;
pub mod documents;
pub mod dossiers;
pub mod feedback;
pub mod files;
pub mod procedures;
pub mod text;
pub mod units;
pub mod workflow;

pub use clock::Clock;
