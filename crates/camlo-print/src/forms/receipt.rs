//! Mẫu 01: Giấy tiếp nhận hồ sơ và hẹn trả kết quả (TT 01/2018), A5.

use serde::{Deserialize, Serialize};

use super::common::{Agency, Applicant, Issued, Request, View};
use crate::world::{Template, render};
use crate::{PrintError, qr_svg};

/// Which of the two copies this is; printed under the dossier code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptCopy {
    /// "Liên: Lưu", kept with the dossier.
    Archive,
    /// "Liên: Giao khách hàng", handed to the applicant.
    Customer,
}

/// How a document was handed in (hình thức).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentForm {
    /// Bản chính.
    Original,
    /// Bản sao.
    Copy,
    /// Bản chụp (a photocopy or scan).
    Scan,
}

/// One row of the documents table (thành phần hồ sơ).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentRow {
    /// Tên giấy tờ.
    pub name: String,
    /// Hình thức.
    pub form: DocumentForm,
    /// Số lượng.
    pub quantity: u32,
}

/// Where the dossier is entered in the paper register (sổ theo dõi hồ sơ).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterEntry {
    /// Quyển số.
    pub book: String,
    /// Số thứ tự.
    pub line: String,
}

/// How the applicant looks the dossier up online: the URL goes into the QR code, the secret
/// is printed beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookup {
    /// Địa chỉ tra cứu, encoded in the QR code.
    pub url: String,
    /// Mã tra cứu.
    pub secret: String,
}

/// Giấy tiếp nhận hồ sơ và hẹn trả kết quả (Mẫu 01).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptData {
    /// Issuing agency (top left).
    pub agency: Agency,
    /// Place and date line.
    pub issued: Issued,
    /// Mã hồ sơ, e.g. `000.00.08.H50-261102-0001` (NĐ 61 Art. 26).
    pub dossier_code: String,
    /// Liên: Lưu / Giao khách hàng.
    pub copy: ReceiptCopy,
    /// Người nộp hồ sơ.
    pub applicant: Applicant,
    /// Nội dung yêu cầu giải quyết.
    pub request: Request,
    /// Thành phần hồ sơ.
    pub documents: Vec<DocumentRow>,
    /// Số lượng hồ sơ (bộ).
    pub sets: u32,
    /// Thời gian giải quyết theo quy định, e.g. "03 ngày làm việc".
    pub legal_time: String,
    /// Thời gian nhận hồ sơ, formatted, e.g. "10 giờ 15 phút, ngày 02/11/2026".
    pub received_at: String,
    /// Thời gian trả kết quả, same format.
    pub due_at: String,
    /// Đăng ký nhận kết quả tại.
    pub return_place: String,
    /// Vào sổ theo dõi hồ sơ: quyển số, số thứ tự.
    pub register: Option<RegisterEntry>,
    /// Người tiếp nhận hồ sơ.
    pub officer: String,
    /// Online look-up (QR code and secret); `None` prints neither.
    pub lookup: Option<Lookup>,
}

/// Renders Mẫu 01 as a one-copy A5 PDF.
pub fn receipt_pdf(data: &ReceiptData) -> Result<Vec<u8>, PrintError> {
    let qr_svg = data.lookup.as_ref().map(|l| qr_svg(&l.url)).transpose()?;
    let view = View {
        form: data,
        issued_line: data.issued.line(),
        qr_svg,
    };
    render(Template::Receipt, &view)
}
