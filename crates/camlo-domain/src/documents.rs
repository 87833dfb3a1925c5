//! Document numbers and symbols (số, ký hiệu văn bản): the state format of NĐ 30/2020 Art. 15
//! (`Số: 15/QĐ-UBND`, công văn `Số: 26/UBND-VP`) and the Party format of Hướng dẫn 36-HD/VPTW
//! (`Số 26-CV/HU`). See DOMAIN.md §6.4–6.5.
//!
//! Parsing is strict where the rule is verified (state: "Số:", no spaces, 01–09 zero-padded) so a
//! number is identical on paper and in the electronic copy; `Display` gives the canonical text.

use std::fmt;
use std::str::FromStr;

use crate::text::nfc;
use crate::workflow::{Rule, Step, Who, Workflow};

/// Which rule book a number follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentFamily {
    /// State bodies (NĐ 30/2020): `Số: n/TYPE-ISSUER`, công văn `Số: n/ISSUER-UNIT`.
    State,
    /// Party bodies (HD 36-HD/VPTW): `Số n-TYPE/ISSUER`.
    Party,
}

/// A document type (thể loại văn bản) and its abbreviation in the symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocumentType {
    /// Abbreviation as written in the symbol, e.g. `QĐ`.
    pub abbreviation: &'static str,
    /// Vietnamese name, e.g. `Quyết định`.
    pub name: &'static str,
}

const fn t(abbreviation: &'static str, name: &'static str) -> DocumentType {
    DocumentType { abbreviation, name }
}

/// State document types (NĐ 30/2020 Annex III). Công văn has no abbreviation.
pub const STATE_TYPES: &[DocumentType] = &[
    t("NQ", "Nghị quyết"),
    t("QĐ", "Quyết định"),
    t("CT", "Chỉ thị"),
    t("QC", "Quy chế"),
    t("QyĐ", "Quy định"),
    t("TC", "Thông cáo"),
    t("TB", "Thông báo"),
    t("HD", "Hướng dẫn"),
    t("CTr", "Chương trình"),
    t("KH", "Kế hoạch"),
    t("PA", "Phương án"),
    t("ĐA", "Đề án"),
    t("DA", "Dự án"),
    t("BC", "Báo cáo"),
    t("BB", "Biên bản"),
    t("TTr", "Tờ trình"),
    t("HĐ", "Hợp đồng"),
    t("CĐ", "Công điện"),
    t("BGN", "Bản ghi nhớ"),
    t("BTT", "Bản thỏa thuận"),
    t("GUQ", "Giấy ủy quyền"),
    t("GM", "Giấy mời"),
    t("GGT", "Giấy giới thiệu"),
    t("GNP", "Giấy nghỉ phép"),
    t("PG", "Phiếu gửi"),
    t("PC", "Phiếu chuyển"),
    t("PB", "Phiếu báo"),
];

/// Party document types (HD 36-HD/VPTW; DOMAIN.md marks the list unverified).
pub const PARTY_TYPES: &[DocumentType] = &[
    t("NQ", "Nghị quyết"),
    t("CT", "Chỉ thị"),
    t("KL", "Kết luận"),
    t("QĐ", "Quyết định"),
    t("QĐi", "Quy định"),
    t("QC", "Quy chế"),
    t("TT", "Thông tri"),
    t("HD", "Hướng dẫn"),
    t("KH", "Kế hoạch"),
    t("CTr", "Chương trình"),
    t("TB", "Thông báo"),
    t("BC", "Báo cáo"),
    t("TTr", "Tờ trình"),
    t("CV", "Công văn"),
    t("ĐA", "Đề án"),
    t("PA", "Phương án"),
    t("BB", "Biên bản"),
];

/// Bodies that only ever issue: in `n/X-UBND` the `X` must be a type, never an issuer, so an
/// unknown `X` is reported as an unknown type rather than read as a công văn.
const ISSUING_BODIES: &[&str] = &["UBND", "HĐND"];

impl DocumentFamily {
    /// The type table of this family.
    pub fn types(self) -> &'static [DocumentType] {
        match self {
            Self::State => STATE_TYPES,
            Self::Party => PARTY_TYPES,
        }
    }

    /// Looks up a type by its exact abbreviation.
    pub fn find_type(self, abbreviation: &str) -> Option<&'static DocumentType> {
        self.types().iter().find(|t| t.abbreviation == abbreviation)
    }
}

/// A document's number and symbol (số và ký hiệu).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct NumberSymbol {
    /// State or Party format.
    pub family: DocumentFamily,
    /// The number in its series, from 1.
    pub number: u32,
    /// Year of a legal normative document (`Số: 12/2024/QĐ-UBND`); None otherwise.
    pub year: Option<u16>,
    /// Type abbreviation; None for a state công văn (a Party công văn is `CV`).
    pub doc_type: Option<String>,
    /// Issuing body, e.g. `UBND`, `HU`.
    pub issuer: String,
    /// Công văn only: the drafting unit, e.g. `VP` in `26/UBND-VP`.
    pub unit: Option<String>,
}

impl NumberSymbol {
    /// Builds a state number from its parts (for numbers the register assigns).
    pub fn state(
        number: u32,
        doc_type: Option<&str>,
        issuer: &str,
        unit: Option<&str>,
    ) -> Result<Self, DocumentError> {
        if number == 0 {
            return Err(DocumentError::NotANumber("0".into()));
        }
        if let Some(ty) = doc_type {
            check_type(DocumentFamily::State, ty)?;
        }
        check_issuer(issuer, false)?;
        if let Some(u) = unit {
            if doc_type.is_some() {
                return Err(DocumentError::UnitOnlyForCongVan);
            }
            check_issuer(u, false)?;
        }
        Ok(Self {
            family: DocumentFamily::State,
            number,
            year: None,
            doc_type: doc_type.map(str::to_owned),
            issuer: issuer.to_owned(),
            unit: unit.map(str::to_owned),
        })
    }

    /// Builds a Party number from its parts.
    pub fn party(number: u32, doc_type: &str, issuer: &str) -> Result<Self, DocumentError> {
        if number == 0 {
            return Err(DocumentError::NotANumber("0".into()));
        }
        check_type(DocumentFamily::Party, doc_type)?;
        check_issuer(issuer, true)?;
        Ok(Self {
            family: DocumentFamily::Party,
            number,
            year: None,
            doc_type: Some(doc_type.to_owned()),
            issuer: issuer.to_owned(),
            unit: None,
        })
    }

    /// Parses the state format `[Số: ]n[/yyyy]/TYPE-ISSUER` or, for a công văn,
    /// `[Số: ]n/ISSUER[-UNIT]`.
    pub fn parse_state(s: &str) -> Result<Self, DocumentError> {
        let s = prepare(s)?;
        let Some((number, symbol)) = s.split_once('/') else {
            return Err(DocumentError::MissingSlash);
        };
        if number.contains('-') {
            return Err(DocumentError::WrongFamily(DocumentFamily::Party));
        }
        let number = parse_number(number, true)?;
        let (year, symbol) = match symbol.split_once('/') {
            Some((year, rest)) => (Some(parse_year(year)?), rest),
            None => (None, symbol),
        };
        if symbol.contains('/') {
            return Err(DocumentError::ExtraSlash);
        }
        let (head, tail) = match symbol.split_once('-') {
            Some((head, tail)) => (head, Some(tail)),
            None => (symbol, None),
        };
        if symbol.is_empty() {
            return Err(DocumentError::EmptyIssuer);
        }
        if head.is_empty() {
            return Err(DocumentError::EmptySegment);
        }
        let known_type = DocumentFamily::State.find_type(head);
        let tail_is_issuing_body = tail.is_some_and(|t| ISSUING_BODIES.contains(&t));
        if known_type.is_some() || tail_is_issuing_body || year.is_some() {
            // TYPE-ISSUER.
            check_type(DocumentFamily::State, head)?;
            let issuer = tail.unwrap_or_default();
            check_issuer(issuer, true)?;
            Ok(Self {
                family: DocumentFamily::State,
                number,
                year,
                doc_type: Some(head.to_owned()),
                issuer: issuer.to_owned(),
                unit: None,
            })
        } else {
            // Công văn: ISSUER-UNIT (the unit may contain hyphens, e.g. `TC-KH`).
            check_issuer(head, false)?;
            if let Some(unit) = tail {
                check_issuer(unit, true).map_err(|e| match e {
                    DocumentError::EmptyIssuer => DocumentError::EmptySegment,
                    other => other,
                })?;
            }
            Ok(Self {
                family: DocumentFamily::State,
                number,
                year: None,
                doc_type: None,
                issuer: head.to_owned(),
                unit: tail.map(str::to_owned),
            })
        }
    }

    /// Parses the Party format `[Số ]n-TYPE/ISSUER`
    /// (DOMAIN.md: `^(\d+)-([A-ZĐa-zđ]+)/([A-ZĐ-]+)$`).
    pub fn parse_party(s: &str) -> Result<Self, DocumentError> {
        let s = prepare(s)?;
        let Some((head, issuer)) = s.split_once('/') else {
            return Err(DocumentError::MissingSlash);
        };
        if issuer.contains('/') {
            return Err(DocumentError::ExtraSlash);
        }
        let Some((number, doc_type)) = head.split_once('-') else {
            return Err(if issuer.contains('-') {
                DocumentError::WrongFamily(DocumentFamily::State)
            } else {
                DocumentError::MissingHyphen
            });
        };
        // HD 36 numbers "from 01"; whether 1-9 must be padded is unverified, so accept both.
        let number = parse_number(number, false)?;
        if doc_type.is_empty() {
            return Err(DocumentError::UnknownType {
                found: String::new(),
                suggestion: None,
            });
        }
        check_type(DocumentFamily::Party, doc_type)?;
        check_issuer(issuer, true)?;
        if issuer.chars().any(|c| c.is_ascii_digit()) {
            return Err(DocumentError::BadCharacter(
                issuer.chars().find(char::is_ascii_digit).unwrap_or('0'),
            ));
        }
        Ok(Self {
            family: DocumentFamily::Party,
            number,
            year: None,
            doc_type: Some(doc_type.to_owned()),
            issuer: issuer.to_owned(),
            unit: None,
        })
    }

    /// Parses either format: `n-…/…` is Party, anything else is read as state.
    pub fn parse(s: &str) -> Result<Self, DocumentError> {
        let bare = prepare(s)?;
        let party = bare
            .split_once('/')
            .is_some_and(|(head, _)| head.contains('-'));
        if party {
            Self::parse_party(s)
        } else {
            Self::parse_state(s)
        }
    }

    /// The symbol without the number: `QĐ-UBND`, `UBND-VP`, `2024/QĐ-UBND`, `CV/HU`.
    pub fn symbol(&self) -> String {
        match self.family {
            DocumentFamily::State => {
                let mut out = String::new();
                if let Some(y) = self.year {
                    out.push_str(&format!("{y}/"));
                }
                let parts = [
                    self.doc_type.as_deref(),
                    Some(self.issuer.as_str()),
                    self.unit.as_deref(),
                ];
                let parts: Vec<&str> = parts.into_iter().flatten().collect();
                out.push_str(&parts.join("-"));
                out
            }
            DocumentFamily::Party => format!(
                "{}/{}",
                self.doc_type.as_deref().unwrap_or_default(),
                self.issuer
            ),
        }
    }

    /// A legal normative document's symbol carries its year of issue (`12/2024/QĐ-UBND` is
    /// issued in 2024).
    pub fn check_year(&self, issued_year: i32) -> Result<(), DocumentError> {
        match self.year {
            Some(y) if i32::from(y) != issued_year => Err(DocumentError::YearMismatch(y)),
            _ => Ok(()),
        }
    }

    /// The type's Vietnamese name (`Quyết định`); a state document without a type is a công văn.
    pub fn type_name(&self) -> &'static str {
        self.doc_type
            .as_deref()
            .and_then(|t| self.family.find_type(t))
            .map_or("Công văn", |t| t.name)
    }

    /// Number and symbol without the "Số" prefix: `15/QĐ-UBND`, `26-CV/HU`.
    pub fn short(&self) -> String {
        match self.family {
            DocumentFamily::State => format!("{:02}/{}", self.number, self.symbol()),
            DocumentFamily::Party => {
                let ty = self.doc_type.as_deref().unwrap_or_default();
                format!("{:02}-{ty}/{}", self.number, self.issuer)
            }
        }
    }
}

impl fmt::Display for NumberSymbol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.family {
            DocumentFamily::State => write!(f, "Số: {}", self.short()),
            DocumentFamily::Party => write!(f, "Số {}", self.short()),
        }
    }
}

impl FromStr for NumberSymbol {
    type Err = DocumentError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// NFC, the Icelandic eth (Ð, U+00D0, left by old font converters) read as Đ, the "Số" prefix
/// removed, and no white space left inside.
fn prepare(s: &str) -> Result<String, DocumentError> {
    let s: String = nfc(s)
        .chars()
        .map(|c| match c {
            '\u{00D0}' => 'Đ',
            '\u{00F0}' => 'đ',
            other => other,
        })
        .collect();
    let rest = ["Số", "số", "SỐ"]
        .iter()
        .find_map(|p| s.strip_prefix(p))
        .map(|r| r.strip_prefix(':').unwrap_or(r).trim_start())
        .unwrap_or(&s);
    if rest.is_empty() {
        return Err(DocumentError::Empty);
    }
    if rest.chars().any(char::is_whitespace) {
        return Err(DocumentError::SpacesNotAllowed);
    }
    Ok(rest.to_owned())
}

fn parse_number(s: &str, require_padding: bool) -> Result<u32, DocumentError> {
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit()) {
        return Err(DocumentError::NotANumber(s.to_owned()));
    }
    let n: u32 = s
        .parse()
        .map_err(|_| DocumentError::NotANumber(s.to_owned()))?;
    if n == 0 {
        return Err(DocumentError::NotANumber(s.to_owned()));
    }
    if s.len() > 1 && s.starts_with('0') && n >= 10 || s.len() > 2 && n < 10 {
        return Err(DocumentError::ExtraLeadingZeros(s.to_owned()));
    }
    if require_padding && n < 10 && s.len() == 1 {
        return Err(DocumentError::NotZeroPadded(s.to_owned()));
    }
    Ok(n)
}

fn parse_year(s: &str) -> Result<u16, DocumentError> {
    match s.parse::<u16>() {
        Ok(y) if s.len() == 4 && (1945..=2999).contains(&y) => Ok(y),
        _ => Err(DocumentError::BadYear(s.to_owned())),
    }
}

fn check_type(family: DocumentFamily, found: &str) -> Result<(), DocumentError> {
    if found.is_empty() {
        return Err(DocumentError::UnknownType {
            found: String::new(),
            suggestion: None,
        });
    }
    if family.find_type(found).is_some() {
        return Ok(());
    }
    let upper = found.to_uppercase();
    let suggestion = family
        .types()
        .iter()
        .find(|t| t.abbreviation.to_uppercase() == upper)
        .map(|t| t.abbreviation);
    Err(DocumentError::UnknownType {
        found: found.to_owned(),
        suggestion,
    })
}

/// Issuers and units: capital letters, Đ and digits (`BCĐ389`); with `hyphens`, several such
/// parts joined by single hyphens (`TC-KH`, a joint `BTC-BNV`).
fn check_issuer(s: &str, hyphens: bool) -> Result<(), DocumentError> {
    if s.is_empty() {
        return Err(DocumentError::EmptyIssuer);
    }
    for part in s.split('-') {
        if part.is_empty() {
            return Err(DocumentError::EmptySegment);
        }
        if let Some(c) = part
            .chars()
            .find(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == 'Đ'))
        {
            return Err(DocumentError::BadCharacter(c));
        }
        if !part.chars().any(|c| c.is_ascii_uppercase() || c == 'Đ') {
            return Err(DocumentError::BadCharacter(
                part.chars().next().unwrap_or('0'),
            ));
        }
    }
    if !hyphens && s.contains('-') {
        return Err(DocumentError::BadCharacter('-'));
    }
    Ok(())
}

/// Where a document stands on the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentState {
    /// Being prepared; not public.
    Draft,
    /// A draft open for public comment (lấy ý kiến) until its deadline; listed publicly.
    Consultation,
    /// Published.
    Published,
    /// Withdrawn (thu hồi). Final: a withdrawn document is never published again; a corrected
    /// one is a new document that replaces it.
    Withdrawn,
}

/// Every state.
pub const ALL_STATES: [DocumentState; 4] = [
    DocumentState::Draft,
    DocumentState::Consultation,
    DocumentState::Published,
    DocumentState::Withdrawn,
];

impl DocumentState {
    /// Stable storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Consultation => "consultation",
            Self::Published => "published",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Parses the storage name.
    pub fn parse(s: &str) -> Option<Self> {
        ALL_STATES.into_iter().find(|st| st.as_str() == s)
    }
}

/// What an editor does to a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DocumentAction {
    /// Publish.
    Publish,
    /// Open (or reopen with a new deadline) for public comment.
    Comment,
    /// Withdraw.
    Withdraw,
}

/// Every action.
pub const ALL_ACTIONS: [DocumentAction; 3] = [
    DocumentAction::Publish,
    DocumentAction::Comment,
    DocumentAction::Withdraw,
];

impl DocumentAction {
    /// Stable name (the form's `action`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Publish => "publish",
            Self::Comment => "comment",
            Self::Withdraw => "withdraw",
        }
    }

    /// Parses the name.
    pub fn parse(s: &str) -> Option<Self> {
        ALL_ACTIONS.into_iter().find(|a| a.as_str() == s)
    }
}

/// The documents workflow: `draft → (consultation →) published → withdrawn`; a draft or a
/// consultation may also be withdrawn; withdrawn is final. Editors act within their units'
/// scope (checked by the policy and the handler), so the table adds no role rule.
pub const WORKFLOW: Workflow<DocumentState, DocumentAction> = {
    use DocumentAction as A;
    use DocumentState as S;
    Workflow {
        states: &ALL_STATES,
        actions: &ALL_ACTIONS,
        rules: &[
            Rule {
                from: &[S::Draft, S::Consultation],
                action: A::Publish,
                to: S::Published,
            },
            Rule {
                from: &[S::Draft, S::Consultation],
                action: A::Comment,
                to: S::Consultation,
            },
            Rule {
                from: &[S::Draft, S::Consultation, S::Published],
                action: A::Withdraw,
                to: S::Withdrawn,
            },
        ],
        finals: &[S::Withdrawn],
        step: |_| Step {
            who: Who::InScope,
            note: false,
        },
    }
};

/// Checks a change of state: some action of the table must lead from `from` to `to`.
pub fn check_change(
    from: DocumentState,
    to: DocumentState,
) -> Result<DocumentAction, DocumentStateError> {
    WORKFLOW
        .action_between(from, to)
        .ok_or(DocumentStateError::IllegalTransition { from, to })
}

/// Errors in a document's life cycle, with stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DocumentStateError {
    /// DOC-0027.
    #[error("a document cannot go from {from:?} to {to:?}")]
    IllegalTransition {
        /// Current state.
        from: DocumentState,
        /// Wanted state.
        to: DocumentState,
    },
}

impl DocumentStateError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::IllegalTransition { .. } => "DOC-0027",
        }
    }
}

/// Errors in a document number and symbol, with stable codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DocumentError {
    /// DOC-0001.
    #[error("the number and symbol is empty")]
    Empty,
    /// DOC-0002.
    #[error("missing \"/\" between the number and the symbol")]
    MissingSlash,
    /// DOC-0003.
    #[error("spaces are not allowed in a number and symbol (none around \"/\" or \"-\")")]
    SpacesNotAllowed,
    /// DOC-0004.
    #[error("{0:?} is not a document number: use digits, starting from 01")]
    NotANumber(String),
    /// DOC-0005.
    #[error("number {0:?} must be zero-padded: numbers below 10 are written 01 to 09")]
    NotZeroPadded(String),
    /// DOC-0006.
    #[error("number {0:?} has too many leading zeros")]
    ExtraLeadingZeros(String),
    /// DOC-0007.
    #[error("unknown document type abbreviation {found:?}{}", suggestion.map(|s| format!(" (did you mean {s:?}?)")).unwrap_or_default())]
    UnknownType {
        /// What was written.
        found: String,
        /// The abbreviation that differs only in case, if any.
        suggestion: Option<&'static str>,
    },
    /// DOC-0008.
    #[error("the issuer abbreviation is empty")]
    EmptyIssuer,
    /// DOC-0009.
    #[error("character {0:?} is not allowed here: use capital letters, Đ and digits")]
    BadCharacter(char),
    /// DOC-0010.
    #[error("empty part between hyphens in the symbol")]
    EmptySegment,
    /// DOC-0011.
    #[error("missing \"-\" between the number and the type (Party format n-TYPE/ISSUER)")]
    MissingHyphen,
    /// DOC-0012.
    #[error("too many \"/\" in the number and symbol")]
    ExtraSlash,
    /// DOC-0013.
    #[error("{0:?} is not a four-digit year")]
    BadYear(String),
    /// DOC-0014.
    #[error("{} format found where the other was expected", match .0 { DocumentFamily::State => "state (n/TYPE-ISSUER)", DocumentFamily::Party => "Party (n-TYPE/ISSUER)" })]
    WrongFamily(DocumentFamily),
    /// DOC-0015.
    #[error("only a công văn names a drafting unit")]
    UnitOnlyForCongVan,
    /// DOC-0016.
    #[error("the year {0} in the symbol is not the year of issue")]
    YearMismatch(u16),
}

impl DocumentError {
    /// Stable code, also the i18n key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Empty => "DOC-0001",
            Self::MissingSlash => "DOC-0002",
            Self::SpacesNotAllowed => "DOC-0003",
            Self::NotANumber(_) => "DOC-0004",
            Self::NotZeroPadded(_) => "DOC-0005",
            Self::ExtraLeadingZeros(_) => "DOC-0006",
            Self::UnknownType { .. } => "DOC-0007",
            Self::EmptyIssuer => "DOC-0008",
            Self::BadCharacter(_) => "DOC-0009",
            Self::EmptySegment => "DOC-0010",
            Self::MissingHyphen => "DOC-0011",
            Self::ExtraSlash => "DOC-0012",
            Self::BadYear(_) => "DOC-0013",
            Self::WrongFamily(_) => "DOC-0014",
            Self::UnitOnlyForCongVan => "DOC-0015",
            Self::YearMismatch(_) => "DOC-0016",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `expect` is the canonical Display text, or the error code.
    fn check(parse: fn(&str) -> Result<NumberSymbol, DocumentError>, input: &str, expect: &str) {
        let got = match parse(input) {
            Ok(n) => {
                // Canonical text parses back to the same value.
                assert_eq!(
                    parse(&n.to_string()).as_ref(),
                    Ok(&n),
                    "round trip {input:?}"
                );
                n.to_string()
            }
            Err(e) => e.code().to_owned(),
        };
        assert_eq!(got, expect, "input {input:?}");
    }

    #[test]
    fn state_numbers() {
        let p = NumberSymbol::parse_state;
        for (input, expect) in [
            ("26/UBND-VP", "Số: 26/UBND-VP"),
            ("15/QĐ-UBND", "Số: 15/QĐ-UBND"),
            ("Số: 01/KH-UBND", "Số: 01/KH-UBND"),
            ("Số:01/KH-UBND", "Số: 01/KH-UBND"),
            ("  Số 07/TB-UBND ", "Số: 07/TB-UBND"),
            ("123/CTr-HĐND", "Số: 123/CTr-HĐND"),
            ("04/QyĐ-UBND", "Số: 04/QyĐ-UBND"),
            ("12/KH-BCĐ389", "Số: 12/KH-BCĐ389"),
            ("45/UBND-TC-KH", "Số: 45/UBND-TC-KH"),
            ("45/UBND", "Số: 45/UBND"),
            ("12/2024/QĐ-UBND", "Số: 12/2024/QĐ-UBND"),
            // Decomposed input and the look-alike eth come out canonical.
            ("15/QÐ-UBND", "Số: 15/QĐ-UBND"),
            ("So\u{0302}\u{0301}: 15/QĐ-UBND", "Số: 15/QĐ-UBND"),
            ("", "DOC-0001"),
            ("Số:", "DOC-0001"),
            ("abc", "DOC-0002"),
            ("15", "DOC-0002"),
            ("15 / QĐ-UBND", "DOC-0003"),
            ("15/QĐ - UBND", "DOC-0003"),
            ("1/QĐ-UBND", "DOC-0005"),
            ("x/QĐ-UBND", "DOC-0004"),
            ("/QĐ-UBND", "DOC-0004"),
            ("0/QĐ-UBND", "DOC-0004"),
            ("00/QĐ-UBND", "DOC-0004"),
            ("015/QĐ-UBND", "DOC-0006"),
            ("001/QĐ-UBND", "DOC-0006"),
            ("15/XX-UBND", "DOC-0007"),
            ("15/QYĐ-UBND", "DOC-0007"),
            ("15/QĐ-", "DOC-0008"),
            ("15/QĐ", "DOC-0008"),
            ("15/QĐ-ubnd", "DOC-0009"),
            ("26/ubnd-VP", "DOC-0009"),
            ("26/UBND-", "DOC-0010"),
            ("26/UBND--VP", "DOC-0010"),
            ("15/", "DOC-0008"),
            ("15/-UBND", "DOC-0010"),
            ("15/QĐ/UBND/X", "DOC-0013"),
            ("15/2024/QĐ/UBND", "DOC-0012"),
            ("15/24/QĐ-UBND", "DOC-0013"),
            ("26-CV/HU", "DOC-0014"),
        ] {
            check(p, input, expect);
        }
    }

    #[test]
    fn party_numbers() {
        let p = NumberSymbol::parse_party;
        for (input, expect) in [
            ("26-CV/HU", "Số 26-CV/HU"),
            ("15-KH/HU", "Số 15-KH/HU"),
            ("Số 26-CV/HU", "Số 26-CV/HU"),
            ("Số: 05-NQ/TU", "Số 05-NQ/TU"),
            ("3-QĐi/ĐU", "Số 03-QĐi/ĐU"),
            ("10-TB/BTCHU", "Số 10-TB/BTCHU"),
            ("26-CV/", "DOC-0008"),
            ("26-CV", "DOC-0002"),
            ("26/HU", "DOC-0011"),
            ("15/QĐ-UBND", "DOC-0014"),
            ("26-XX/HU", "DOC-0007"),
            ("26-cv/HU", "DOC-0007"),
            ("26-/HU", "DOC-0007"),
            ("26-CV/hu", "DOC-0009"),
            ("26-CV/H1", "DOC-0009"),
            ("26 - CV/HU", "DOC-0003"),
            ("a-CV/HU", "DOC-0004"),
            ("0-CV/HU", "DOC-0004"),
            ("26-CV/HU/X", "DOC-0012"),
        ] {
            check(p, input, expect);
        }
    }

    #[test]
    fn either_family() {
        for (input, expect) in [
            ("26-CV/HU", "Số 26-CV/HU"),
            ("26/UBND-VP", "Số: 26/UBND-VP"),
            ("Số: 15/QĐ-UBND", "Số: 15/QĐ-UBND"),
            ("abc", "DOC-0002"),
            ("1/QĐ-UBND", "DOC-0005"),
        ] {
            check(NumberSymbol::parse, input, expect);
        }
    }

    #[test]
    fn parts_are_read_correctly() {
        let n = NumberSymbol::parse("26/UBND-VP").unwrap();
        assert_eq!(
            (n.family, n.number, n.doc_type, n.issuer.as_str(), n.unit),
            (DocumentFamily::State, 26, None, "UBND", Some("VP".into()))
        );
        let n: NumberSymbol = "Số: 15/QĐ-UBND".parse().unwrap();
        assert_eq!(
            (
                n.doc_type.as_deref(),
                n.issuer.as_str(),
                &n.unit,
                n.symbol()
            ),
            (Some("QĐ"), "UBND", &None, "QĐ-UBND".to_owned())
        );
        let n = NumberSymbol::parse("Số 26-CV/HU").unwrap();
        assert_eq!(
            (n.family, n.doc_type.as_deref(), n.short(), n.symbol()),
            (
                DocumentFamily::Party,
                Some("CV"),
                "26-CV/HU".to_owned(),
                "CV/HU".to_owned()
            )
        );
    }

    #[test]
    fn built_from_parts() {
        let ok = |r: Result<NumberSymbol, DocumentError>| match r {
            Ok(n) => n.to_string(),
            Err(e) => e.code().to_owned(),
        };
        assert_eq!(
            ok(NumberSymbol::state(3, Some("QĐ"), "UBND", None)),
            "Số: 03/QĐ-UBND"
        );
        assert_eq!(
            ok(NumberSymbol::state(26, None, "UBND", Some("VP"))),
            "Số: 26/UBND-VP"
        );
        assert_eq!(ok(NumberSymbol::party(7, "CV", "HU")), "Số 07-CV/HU");
        assert_eq!(
            ok(NumberSymbol::state(3, Some("QĐ"), "UBND", Some("VP"))),
            "DOC-0015"
        );
        assert_eq!(ok(NumberSymbol::state(0, None, "UBND", None)), "DOC-0004");
        assert_eq!(
            ok(NumberSymbol::state(1, Some("XX"), "UBND", None)),
            "DOC-0007"
        );
        assert_eq!(ok(NumberSymbol::party(1, "KL", "")), "DOC-0008");
    }

    #[test]
    fn type_tables_are_complete_and_unique() {
        for (family, n) in [(DocumentFamily::State, 27), (DocumentFamily::Party, 17)] {
            let types = family.types();
            assert_eq!(types.len(), n);
            for (i, a) in types.iter().enumerate() {
                assert!(
                    types[i + 1..]
                        .iter()
                        .all(|b| b.abbreviation != a.abbreviation)
                );
                // No two abbreviations differ only in case, so the suggestion is unambiguous.
                assert!(
                    types[i + 1..]
                        .iter()
                        .all(|b| b.abbreviation.to_uppercase() != a.abbreviation.to_uppercase())
                );
            }
        }
        assert_eq!(
            DocumentFamily::State.find_type("QyĐ").map(|t| t.name),
            Some("Quy định")
        );
        assert!(DocumentFamily::State.find_type("CV").is_none());
    }

    #[test]
    fn messages_are_plain_english() {
        let e = NumberSymbol::parse("15/QYĐ-UBND").unwrap_err();
        assert_eq!(
            e.to_string(),
            "unknown document type abbreviation \"QYĐ\" (did you mean \"QyĐ\"?)"
        );
        let e = NumberSymbol::parse("1/QĐ-UBND").unwrap_err();
        assert_eq!(
            e.to_string(),
            "number \"1\" must be zero-padded: numbers below 10 are written 01 to 09"
        );
    }

    #[test]
    fn the_document_workflow_is_exactly_the_legal_list() {
        use DocumentAction as A;
        use DocumentState as S;
        crate::workflow::check_table(
            &WORKFLOW,
            &[
                (S::Draft, A::Publish, S::Published),
                (S::Consultation, A::Publish, S::Published),
                (S::Draft, A::Comment, S::Consultation),
                (S::Consultation, A::Comment, S::Consultation),
                (S::Draft, A::Withdraw, S::Withdrawn),
                (S::Consultation, A::Withdraw, S::Withdrawn),
                (S::Published, A::Withdraw, S::Withdrawn),
            ],
        );
        assert_eq!(
            check_change(S::Withdrawn, S::Published),
            Err(DocumentStateError::IllegalTransition {
                from: S::Withdrawn,
                to: S::Published
            })
        );
        assert_eq!(check_change(S::Published, S::Withdrawn), Ok(A::Withdraw));
        assert_eq!(
            DocumentStateError::IllegalTransition {
                from: S::Withdrawn,
                to: S::Draft
            }
            .code(),
            "DOC-0027"
        );
    }
}
