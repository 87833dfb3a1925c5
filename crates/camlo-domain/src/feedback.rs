//! Citizen feedback and questions (phản ánh, kiến nghị, hỏi đáp): what a submission must hold,
//! the life cycle `new → routed → answered → published | rejected`, and the follow-up code
//! `PAKN-YYMMDD-XXXX`.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::accounts::{Email, PhoneNumber};
use crate::workflow::{Refusal, Rule, Step, Who, Workflow};

/// Typed id of a feedback row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct FeedbackId(pub i64);

/// Longest title, in characters.
pub const TITLE_MAX: usize = 200;
/// Longest body or answer, in characters.
pub const BODY_MAX: usize = 5000;
/// Shortest body, in characters (a question needs some substance).
pub const BODY_MIN: usize = 10;
/// Longest asker name, in characters.
pub const NAME_MAX: usize = 100;
/// Longest rejection reason, in characters.
pub const REASON_MAX: usize = 1000;

/// What the citizen sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Phản ánh, kiến nghị.
    Feedback,
    /// Hỏi đáp.
    Question,
}

impl Kind {
    /// Stable storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Feedback => "feedback",
            Self::Question => "question",
        }
    }
    /// Parses the storage name.
    pub fn parse(s: &str) -> Result<Self, FeedbackError> {
        match s.trim() {
            "feedback" => Ok(Self::Feedback),
            "question" => Ok(Self::Question),
            _ => Err(FeedbackError::BadKind),
        }
    }
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Feedback => "Phản ánh, kiến nghị",
            Self::Question => "Câu hỏi",
        }
    }
    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Feedback => "Feedback",
            Self::Question => "Question",
        }
    }
}

/// Where an item stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedbackState {
    /// Received, not yet looked at.
    New,
    /// Sent to the unit that answers it.
    Routed,
    /// Answered by an official.
    Answered,
    /// Published with its answer (the asker agreed).
    Published,
    /// Not taken up (reason recorded).
    Rejected,
}

/// Every state, in life-cycle order.
pub const ALL_STATES: [FeedbackState; 5] = [
    FeedbackState::New,
    FeedbackState::Routed,
    FeedbackState::Answered,
    FeedbackState::Published,
    FeedbackState::Rejected,
];

impl FeedbackState {
    /// Stable storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Routed => "routed",
            Self::Answered => "answered",
            Self::Published => "published",
            Self::Rejected => "rejected",
        }
    }
    /// Parses the storage name.
    pub fn parse(s: &str) -> Option<Self> {
        ALL_STATES.into_iter().find(|st| st.as_str() == s)
    }
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::New => "Đã tiếp nhận",
            Self::Routed => "Đang xử lý",
            Self::Answered => "Đã trả lời",
            Self::Published => "Đã công khai trả lời",
            Self::Rejected => "Không xử lý",
        }
    }
    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::New => "Received",
            Self::Routed => "Being handled",
            Self::Answered => "Answered",
            Self::Published => "Answer published",
            Self::Rejected => "Not taken up",
        }
    }
    /// Still waiting for an official.
    pub fn is_open(self) -> bool {
        matches!(self, Self::New | Self::Routed | Self::Answered)
    }
}

/// What an official does to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Send to the unit that answers (possibly the same unit, taking it up).
    Route,
    /// Write (or correct) the answer.
    Answer,
    /// Publish with the answer.
    Publish,
    /// Decline, with a reason.
    Reject,
}

/// Every action, in display order.
pub const ALL_ACTIONS: [Action; 4] = [
    Action::Route,
    Action::Answer,
    Action::Publish,
    Action::Reject,
];

impl Action {
    /// Stable name (URLs, events, audit).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Route => "route",
            Self::Answer => "answer",
            Self::Publish => "publish",
            Self::Reject => "reject",
        }
    }
    /// Parses the name.
    pub fn parse(s: &str) -> Option<Self> {
        ALL_ACTIONS.into_iter().find(|a| a.as_str() == s)
    }
    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Route => "Chuyển xử lý",
            Self::Answer => "Trả lời",
            Self::Publish => "Công khai",
            Self::Reject => "Từ chối",
        }
    }
}

/// The feedback workflow. Officials act within their units' scope (checked by the policy and the
/// service), so the table adds no role rule; an answer and a rejection need their text.
pub const WORKFLOW: Workflow<FeedbackState, Action> = {
    use Action as A;
    use FeedbackState as S;
    Workflow {
        states: &ALL_STATES,
        actions: &ALL_ACTIONS,
        rules: &[
            Rule {
                from: &[S::New, S::Routed],
                action: A::Route,
                to: S::Routed,
            },
            Rule {
                from: &[S::Routed, S::Answered],
                action: A::Answer,
                to: S::Answered,
            },
            Rule {
                from: &[S::Answered],
                action: A::Publish,
                to: S::Published,
            },
            Rule {
                from: &[S::New, S::Routed, S::Answered],
                action: A::Reject,
                to: S::Rejected,
            },
        ],
        finals: &[S::Published, S::Rejected],
        step: |a| Step {
            who: Who::InScope,
            note: matches!(a, A::Answer | A::Reject),
        },
    }
};

/// The whole transition table: the state after `action` from `from`, if allowed.
pub fn next_state(from: FeedbackState, action: Action) -> Option<FeedbackState> {
    WORKFLOW.next(from, action)
}

/// Checks an action: the transition must exist, publishing needs the asker's consent, an answer
/// and a rejection need their text.
pub fn check(
    from: FeedbackState,
    action: Action,
    consented: bool,
    text: Option<&str>,
) -> Result<FeedbackState, FeedbackError> {
    let to = WORKFLOW
        .check(from, action, |_| true, text)
        .map_err(|r| match (r, action) {
            (Refusal::NoteRequired, Action::Answer) => FeedbackError::AnswerRequired,
            (Refusal::NoteRequired, _) => FeedbackError::ReasonRequired,
            _ => FeedbackError::IllegalTransition,
        })?;
    let text_len = text.map_or(0, |t| t.chars().count());
    match action {
        Action::Publish if !consented => return Err(FeedbackError::NoConsent),
        Action::Answer if text_len > BODY_MAX => return Err(FeedbackError::AnswerRequired),
        Action::Reject if text_len > REASON_MAX => return Err(FeedbackError::ReasonRequired),
        _ => {}
    }
    Ok(to)
}

/// A contact the asker may leave: a Vietnamese mobile number or an e-mail address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contact {
    /// Phone.
    Phone(PhoneNumber),
    /// E-mail.
    Email(Email),
}

impl Contact {
    /// An address with `@` is an e-mail; anything else must be a phone number.
    pub fn parse(raw: &str) -> Result<Self, FeedbackError> {
        if raw.contains('@') {
            Email::parse(raw)
                .map(Self::Email)
                .map_err(|_| FeedbackError::BadContact)
        } else {
            PhoneNumber::parse(raw)
                .map(Self::Phone)
                .map_err(|_| FeedbackError::BadContact)
        }
    }
}

/// A checked submission (every text NFC and within its limits).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    /// Feedback or question.
    pub kind: Kind,
    /// Title.
    pub title: String,
    /// Body.
    pub body: String,
    /// Asker's name.
    pub name: String,
    /// Contact, if left.
    pub contact: Option<Contact>,
    /// Agreed to publication with the answer.
    pub consent: bool,
}

/// Raw submission fields as typed.
#[derive(Debug, Clone, Copy, Default)]
pub struct RawSubmission<'a> {
    /// `feedback` or `question`.
    pub kind: &'a str,
    /// Title.
    pub title: &'a str,
    /// Body.
    pub body: &'a str,
    /// Name.
    pub name: &'a str,
    /// Phone or e-mail, may be empty.
    pub contact: &'a str,
    /// Consent box ticked.
    pub consent: bool,
}

fn within(s: &str, min: usize, max: usize) -> bool {
    let n = s.chars().count();
    n >= min
        && n <= max
        && !s
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
}

/// Checks a submission, reporting every problem at once.
pub fn parse_submission(raw: RawSubmission<'_>) -> Result<Submission, Vec<FeedbackError>> {
    let mut errors = Vec::new();
    let kind = Kind::parse(raw.kind).map_err(|e| errors.push(e)).ok();
    let title = crate::text::nfc(raw.title);
    if !within(&title, 1, TITLE_MAX) || title.contains('\n') {
        errors.push(FeedbackError::BadTitle);
    }
    let body = crate::text::nfc(raw.body);
    if !within(&body, BODY_MIN, BODY_MAX) {
        errors.push(FeedbackError::BadBody);
    }
    let name = crate::text::nfc(raw.name);
    if !within(&name, 1, NAME_MAX) || name.contains('\n') {
        errors.push(FeedbackError::BadName);
    }
    let contact_raw = crate::text::nfc(raw.contact);
    let contact = if contact_raw.is_empty() {
        None
    } else {
        Contact::parse(&contact_raw)
            .map_err(|e| errors.push(e))
            .ok()
    };
    match kind {
        Some(kind) if errors.is_empty() => Ok(Submission {
            kind,
            title,
            body,
            name,
            contact,
            consent: raw.consent,
        }),
        _ => Err(errors),
    }
}

/// The follow-up code `PAKN-YYMMDD-XXXX` (day of submission in Vietnam, the day's number).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct FeedbackCode(String);

impl FeedbackCode {
    /// Builds a code from the submission date and the day's sequence number (1–9999).
    pub fn new(date: NaiveDate, seq: u32) -> Result<Self, FeedbackError> {
        let tail =
            crate::workflow::daily_tail(date, seq).ok_or(FeedbackError::SequenceExhausted)?;
        Ok(Self(format!("PAKN-{tail}")))
    }

    /// Parses a code as typed (spaces trimmed, letters upper-cased).
    pub fn parse(raw: &str) -> Result<Self, FeedbackError> {
        let s = raw.trim().to_ascii_uppercase();
        let mut parts = s.split('-');
        match (parts.next(), parts.next(), parts.next(), parts.next()) {
            (Some("PAKN"), Some(d), Some(n), None) if crate::workflow::is_daily_tail(d, n) => {
                Ok(Self(s))
            }
            _ => Err(FeedbackError::BadCode),
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for FeedbackCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Errors about feedback, with stable codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum FeedbackError {
    /// FBK-0001.
    #[error("this action is not possible in the item's current state")]
    IllegalTransition,
    /// FBK-0002.
    #[error("the asker did not agree to publication")]
    NoConsent,
    /// FBK-0003.
    #[error("the title must be 1–200 characters on one line")]
    BadTitle,
    /// FBK-0004.
    #[error("the content must be 10–5000 characters")]
    BadBody,
    /// FBK-0005.
    #[error("the name must be 1–100 characters")]
    BadName,
    /// FBK-0006.
    #[error("the contact must be a Vietnamese mobile number or an e-mail address")]
    BadContact,
    /// FBK-0007.
    #[error("choose feedback or question")]
    BadKind,
    /// FBK-0008.
    #[error("choose a unit that receives feedback today")]
    BadUnit,
    /// FBK-0009.
    #[error("the answer must be 1–5000 characters")]
    AnswerRequired,
    /// FBK-0010.
    #[error("a reason (up to 1000 characters) is required")]
    ReasonRequired,
    /// FBK-0011.
    #[error("no such item")]
    NotFound,
    /// FBK-0012.
    #[error("too many submissions from this address")]
    TooMany,
    /// FBK-0013.
    #[error("not a feedback code")]
    BadCode,
    /// FBK-0014.
    #[error("the day's 9,999 codes are used up")]
    SequenceExhausted,
    /// FBK-0015.
    #[error("the item changed meanwhile; reload and try again")]
    Concurrent,
}

impl FeedbackError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::IllegalTransition => "FBK-0001",
            Self::NoConsent => "FBK-0002",
            Self::BadTitle => "FBK-0003",
            Self::BadBody => "FBK-0004",
            Self::BadName => "FBK-0005",
            Self::BadContact => "FBK-0006",
            Self::BadKind => "FBK-0007",
            Self::BadUnit => "FBK-0008",
            Self::AnswerRequired => "FBK-0009",
            Self::ReasonRequired => "FBK-0010",
            Self::NotFound => "FBK-0011",
            Self::TooMany => "FBK-0012",
            Self::BadCode => "FBK-0013",
            Self::SequenceExhausted => "FBK-0014",
            Self::Concurrent => "FBK-0015",
        }
    }

    /// The form field at fault, if any.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Self::BadTitle => Some("title"),
            Self::BadBody => Some("body"),
            Self::BadName => Some("name"),
            Self::BadContact => Some("contact"),
            Self::BadKind => Some("kind"),
            Self::BadUnit => Some("unit_id"),
            Self::AnswerRequired => Some("answer"),
            Self::ReasonRequired => Some("reason"),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use FeedbackState as S;

    const LEGAL: &[(S, A, S)] = &[
        (S::New, A::Route, S::Routed),
        (S::Routed, A::Route, S::Routed),
        (S::Routed, A::Answer, S::Answered),
        (S::Answered, A::Answer, S::Answered),
        (S::Answered, A::Publish, S::Published),
        (S::New, A::Reject, S::Rejected),
        (S::Routed, A::Reject, S::Rejected),
        (S::Answered, A::Reject, S::Rejected),
    ];

    #[test]
    fn the_transition_table_is_exactly_the_legal_list() {
        crate::workflow::check_table(&WORKFLOW, LEGAL);
    }

    #[test]
    fn publishing_needs_consent_and_texts_are_required() {
        assert_eq!(
            check(S::Answered, A::Publish, false, None),
            Err(FeedbackError::NoConsent)
        );
        assert_eq!(check(S::Answered, A::Publish, true, None), Ok(S::Published));
        assert_eq!(
            check(S::Routed, A::Answer, true, Some("")),
            Err(FeedbackError::AnswerRequired)
        );
        assert_eq!(
            check(S::New, A::Reject, true, None),
            Err(FeedbackError::ReasonRequired)
        );
        assert_eq!(
            check(S::Published, A::Reject, true, Some("x")),
            Err(FeedbackError::IllegalTransition)
        );
        assert_eq!(
            check(S::Routed, A::Answer, true, Some(&"x".repeat(BODY_MAX + 1))),
            Err(FeedbackError::AnswerRequired)
        );
        assert_eq!(
            check(S::New, A::Reject, true, Some(&"x".repeat(REASON_MAX + 1))),
            Err(FeedbackError::ReasonRequired)
        );
    }

    fn raw<'a>(contact: &'a str, body: &'a str) -> RawSubmission<'a> {
        RawSubmission {
            kind: "question",
            title: "  Đường liên thôn  ",
            body,
            name: "Lê Văn Tám",
            contact,
            consent: true,
        }
    }

    #[test]
    fn submissions_are_checked_and_normalised() {
        let decomposed = "Cho ho\u{0302}\u{0301}i ve\u{0302}\u{0300} lịch tiêm";
        let s = parse_submission(raw("0912 345 678", decomposed)).unwrap();
        assert_eq!(s.title, "Đường liên thôn");
        assert_eq!(s.body, "Cho h\u{1ed1}i v\u{1ec1} lịch tiêm");
        assert!(matches!(s.contact, Some(Contact::Phone(ref p)) if p.as_str() == "0912345678"));
        let s = parse_submission(raw("An@Example.VN", "Nội dung đủ dài.")).unwrap();
        assert!(matches!(s.contact, Some(Contact::Email(ref e)) if e.as_str() == "An@example.vn"));
        assert_eq!(
            parse_submission(raw("12345", "ngắn")).unwrap_err(),
            vec![FeedbackError::BadBody, FeedbackError::BadContact]
        );
        let mut r = raw("", "Nội dung đủ dài.");
        r.kind = "spam";
        assert_eq!(
            parse_submission(r).unwrap_err(),
            vec![FeedbackError::BadKind]
        );
    }

    #[test]
    fn codes_round_trip() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let c = FeedbackCode::new(d, 7).unwrap();
        assert_eq!(c.as_str(), "PAKN-261102-0007");
        assert_eq!(FeedbackCode::parse(" pakn-261102-0007 ").unwrap(), c);
        for bad in [
            "PAKN-261102-0000",
            "PAKN-261302-0001",
            "X-261102-0001",
            "PAKN-261102-0001-1",
        ] {
            assert_eq!(
                FeedbackCode::parse(bad),
                Err(FeedbackError::BadCode),
                "{bad}"
            );
        }
        assert_eq!(
            FeedbackCode::new(d, 10_000),
            Err(FeedbackError::SequenceExhausted)
        );
    }
}
