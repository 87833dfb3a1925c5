//! Mẫu 03: Phiếu từ chối tiếp nhận giải quyết hồ sơ (TT 01/2018), A5.

use serde::{Deserialize, Serialize};

use super::common::{Agency, Applicant, Issued, Request, View};
use crate::PrintError;
use crate::world::{Template, render};

/// Phiếu từ chối tiếp nhận giải quyết hồ sơ (Mẫu 03).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalData {
    /// Issuing agency (top left); its name is also the receiving unit in the body.
    pub agency: Agency,
    /// Place and date line.
    pub issued: Issued,
    /// Mã hồ sơ, when the dossier has one (online submissions).
    pub dossier_code: Option<String>,
    /// Tiếp nhận hồ sơ của.
    pub applicant: Applicant,
    /// Đề nghị giải quyết.
    pub request: Request,
    /// Lý do cụ thể; one reason prints as a sentence, several as a list.
    pub reasons: Vec<String>,
    /// Người tiếp nhận (signs the form).
    pub officer: String,
}

/// Renders Mẫu 03 as an A5 PDF.
pub fn refusal_pdf(data: &RefusalData) -> Result<Vec<u8>, PrintError> {
    let view = View {
        form: data,
        issued_line: data.issued.line(),
        qr_svg: None,
    };
    render(Template::Refusal, &view)
}
