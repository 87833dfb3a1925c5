//! What camlo issues on paper: PDFs of the one-stop forms (typst, vendored Liberation Serif)
//! and QR codes.
//!
//! Data reaches a template only as JSON (`/data.json`, read with `json(...)`), never as markup,
//! so text a citizen typed prints literally. No SQL, no HTTP, no clock: dates come in as data.
//! The fonts, templates and typst's standard library are loaded once per process and shared.

mod error;
mod forms;
mod qr;
mod world;

pub use error::PrintError;
pub use forms::common::{Agency, Applicant, Issued, Request};
pub use forms::receipt::{
    DocumentForm, DocumentRow, Lookup, ReceiptCopy, ReceiptData, RegisterEntry, receipt_pdf,
};
pub use forms::refusal::{RefusalData, refusal_pdf};
pub use forms::supplement::{SupplementRequestData, supplement_request_pdf};
pub use qr::qr_svg;
pub use world::warm_up;
