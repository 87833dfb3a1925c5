//! Mẫu 02: Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (TT 01/2018), A5.

use serde::{Deserialize, Serialize};

use super::common::{Agency, Applicant, Issued, Request, View};
use crate::PrintError;
use crate::world::{Template, render};

/// Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02): everything missing, said once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupplementRequestData {
    /// Issuing agency (top left).
    pub agency: Agency,
    /// Place and date line.
    pub issued: Issued,
    /// Mã hồ sơ, when the dossier has one (online submissions).
    pub dossier_code: Option<String>,
    /// Hồ sơ của.
    pub applicant: Applicant,
    /// Nội dung yêu cầu giải quyết.
    pub request: Request,
    /// Nội dung cần bổ sung, hoàn thiện, printed as a numbered list.
    pub items: Vec<String>,
    /// Lý do.
    pub reason: String,
    /// Cán bộ to contact while completing the dossier.
    pub contact_officer: String,
    /// The contact officer's phone number.
    pub contact_phone: String,
    /// Người hướng dẫn (signs the form).
    pub officer: String,
}

/// Renders Mẫu 02 as an A5 PDF.
pub fn supplement_request_pdf(data: &SupplementRequestData) -> Result<Vec<u8>, PrintError> {
    let view = View {
        form: data,
        issued_line: data.issued.line(),
        qr_svg: None,
    };
    render(Template::Supplement, &view)
}
