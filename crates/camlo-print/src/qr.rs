//! QR codes as SVG (mã QR tra cứu hồ sơ).

use qrcode::types::QrError;
use qrcode::{EcLevel, QrCode};

use crate::PrintError;

/// Encodes `text` (UTF-8 bytes) as a QR code at error-correction level M and returns an SVG
/// whose user unit is one module, with the standard four-module quiet zone.
///
/// Level M survives the smudges and folds a paper receipt gets and keeps a lookup URL at a
/// version small enough to scan from a phone at arm's length.
pub fn qr_svg(text: &str) -> Result<String, PrintError> {
    let code =
        QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).map_err(|e| match e {
            QrError::DataTooLong => PrintError::QrTooLong(text.len()),
            other => PrintError::Data(format!("QR code: {other}")),
        })?;
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .quiet_zone(true)
        .module_dimensions(1, 1)
        .build())
}
