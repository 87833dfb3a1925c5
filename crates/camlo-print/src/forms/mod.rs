//! The one-stop forms of TT 01/2018 Art. 9–10, one module per form.

pub mod common;
pub mod receipt;
pub mod refusal;
pub mod supplement;
