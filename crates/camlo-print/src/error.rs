//! Errors of the print area, with stable codes (`PRN-0001` …) used as i18n keys.

use std::fmt;

/// Why a document could not be produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrintError {
    /// The embedded fonts or templates could not be loaded (a build defect).
    Setup(String),
    /// The data could not be serialised for the template.
    Data(String),
    /// typst could not lay the document out (a template defect or impossible data).
    Layout(String),
    /// The laid-out document could not be written as PDF.
    Pdf(String),
    /// The text does not fit in a QR code (longer than version 40 holds).
    QrTooLong(usize),
}

impl PrintError {
    /// The stable code, e.g. `PRN-0003`.
    pub fn code(&self) -> &'static str {
        match self {
            PrintError::Setup(_) => "PRN-0001",
            PrintError::Data(_) => "PRN-0002",
            PrintError::Layout(_) => "PRN-0003",
            PrintError::Pdf(_) => "PRN-0004",
            PrintError::QrTooLong(_) => "PRN-0005",
        }
    }
}

impl fmt::Display for PrintError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let code = self.code();
        match self {
            PrintError::Setup(m) => write!(f, "{code}: print engine setup failed: {m}"),
            PrintError::Data(m) => write!(f, "{code}: document data not serialisable: {m}"),
            PrintError::Layout(m) => write!(f, "{code}: document layout failed: {m}"),
            PrintError::Pdf(m) => write!(f, "{code}: PDF export failed: {m}"),
            PrintError::QrTooLong(n) => {
                write!(f, "{code}: {n} bytes do not fit in a QR code")
            }
        }
    }
}

impl std::error::Error for PrintError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_well_formed() {
        let all = [
            PrintError::Setup(String::new()),
            PrintError::Data(String::new()),
            PrintError::Layout(String::new()),
            PrintError::Pdf(String::new()),
            PrintError::QrTooLong(0),
        ];
        let mut codes: Vec<_> = all.iter().map(PrintError::code).collect();
        for code in &codes {
            assert!(code.starts_with("PRN-") && code.len() == 8, "{code}");
            assert!(all.iter().any(|e| e.to_string().starts_with(code)));
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }
}
