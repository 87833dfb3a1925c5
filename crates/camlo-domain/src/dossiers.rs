//! Dossiers (hồ sơ) and their life cycle in the one-stop shop. The state table follows DOMAIN.md
//! §4.5 with one addition, `AwaitingApproval`: the specialist's appraisal ends in a proposal that
//! a leader approves or rejects, so "who decided" is a recorded step rather than a side note.
//!
//! Clock: not started in Draft, Submitted and IntakeIncomplete; runs from Received; restarts from
//! zero when a supplement comes back complete; stops in Resolved and Rejected.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::accounts::Role;
use crate::workflow::{Refusal, Rule, Step, Who, Workflow};

/// Typed id of a dossier row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DossierId(pub i64);

/// Where a dossier is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DossierState {
    /// Being written by the citizen (nháp).
    Draft,
    /// Filed, waiting for the one-stop officer.
    Submitted,
    /// The officer asked once for everything missing (Mẫu 02).
    IntakeIncomplete,
    /// Refused at intake (Mẫu 03). Terminal.
    RefusedAtIntake,
    /// Accepted with a code and a due date (Mẫu 01).
    Received,
    /// Sent to the competent unit.
    Forwarded,
    /// Assigned and being appraised.
    InProcess,
    /// The citizen must supplement the dossier (within 3 working days of receipt).
    SupplementRequested,
    /// The specialist proposed a decision; a leader decides.
    AwaitingApproval,
    /// Approved; the result is ready.
    Resolved,
    /// Rejected with reasons; the answer is ready.
    Rejected,
    /// The result was handed back. Terminal.
    ResultReturned,
    /// Withdrawn by the applicant. Terminal.
    Withdrawn,
}

/// Every state.
pub const ALL_STATES: [DossierState; 13] = [
    DossierState::Draft,
    DossierState::Submitted,
    DossierState::IntakeIncomplete,
    DossierState::RefusedAtIntake,
    DossierState::Received,
    DossierState::Forwarded,
    DossierState::InProcess,
    DossierState::SupplementRequested,
    DossierState::AwaitingApproval,
    DossierState::Resolved,
    DossierState::Rejected,
    DossierState::ResultReturned,
    DossierState::Withdrawn,
];

impl DossierState {
    /// Stable name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::IntakeIncomplete => "intake_incomplete",
            Self::RefusedAtIntake => "refused_at_intake",
            Self::Received => "received",
            Self::Forwarded => "forwarded",
            Self::InProcess => "in_process",
            Self::SupplementRequested => "supplement_requested",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Resolved => "resolved",
            Self::Rejected => "rejected",
            Self::ResultReturned => "result_returned",
            Self::Withdrawn => "withdrawn",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        ALL_STATES.into_iter().find(|st| st.as_str() == s)
    }

    /// Vietnamese label, as shown to citizens (TT 22/2019: status at every step).
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Draft => "Đang soạn",
            Self::Submitted => "Mới đăng ký, chờ tiếp nhận",
            Self::IntakeIncomplete => "Cần hoàn thiện hồ sơ",
            Self::RefusedAtIntake => "Không được tiếp nhận",
            Self::Received => "Đã tiếp nhận",
            Self::Forwarded => "Đã chuyển cơ quan giải quyết",
            Self::InProcess => "Đang xử lý",
            Self::SupplementRequested => "Yêu cầu bổ sung",
            Self::AwaitingApproval => "Chờ lãnh đạo phê duyệt",
            Self::Resolved => "Đã có kết quả",
            Self::Rejected => "Từ chối giải quyết",
            Self::ResultReturned => "Đã trả kết quả",
            Self::Withdrawn => "Đã rút hồ sơ",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Draft => "Draft",
            Self::Submitted => "Submitted, awaiting reception",
            Self::IntakeIncomplete => "To be completed",
            Self::RefusedAtIntake => "Not accepted",
            Self::Received => "Received",
            Self::Forwarded => "Sent to the competent unit",
            Self::InProcess => "In process",
            Self::SupplementRequested => "Supplement requested",
            Self::AwaitingApproval => "Awaiting approval",
            Self::Resolved => "Result ready",
            Self::Rejected => "Refused",
            Self::ResultReturned => "Result returned",
            Self::Withdrawn => "Withdrawn",
        }
    }

    /// No action leaves this state.
    pub fn is_terminal(self) -> bool {
        WORKFLOW.is_final(self)
    }

    /// The legal clock runs in this state.
    pub fn clock_runs(self) -> bool {
        matches!(
            self,
            Self::Received | Self::Forwarded | Self::InProcess | Self::AwaitingApproval
        )
    }
}

impl fmt::Display for DossierState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What someone does to a dossier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Citizen files the draft.
    Submit,
    /// Officer asks once for everything missing.
    RequestCompletion,
    /// Citizen files again after completing.
    Resubmit,
    /// Officer refuses with a reason.
    Refuse,
    /// Officer accepts: code, due date, receipt.
    Accept,
    /// Officer returns a same-day result at once.
    ReturnOnSpot,
    /// Officer forwards to the competent unit (15:00 rule).
    Forward,
    /// Leader (or specialist, for themselves) assigns the appraisal.
    Assign,
    /// Specialist asks for a supplement, within 3 working days of receipt.
    RequestSupplement,
    /// The complete dossier comes back; the clock restarts from zero.
    ResubmitComplete,
    /// Specialist ends the appraisal with a proposal.
    Propose,
    /// Leader approves.
    Approve,
    /// Leader rejects with a reason.
    Reject,
    /// Officer returns the result.
    ReturnResult,
    /// The applicant withdraws.
    Withdraw,
    /// A leader gives the appraisal to another specialist.
    Reassign,
    /// A leader sends a proposal back to the specialist, with a reason.
    SendBack,
}

/// Every action.
pub const ALL_ACTIONS: [Action; 17] = [
    Action::Submit,
    Action::RequestCompletion,
    Action::Resubmit,
    Action::Refuse,
    Action::Accept,
    Action::ReturnOnSpot,
    Action::Forward,
    Action::Assign,
    Action::RequestSupplement,
    Action::ResubmitComplete,
    Action::Propose,
    Action::Approve,
    Action::Reject,
    Action::ReturnResult,
    Action::Withdraw,
    Action::Reassign,
    Action::SendBack,
];

impl Action {
    /// Stable name (also the URL segment `/actions/{action}`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submit => "submit",
            Self::RequestCompletion => "request_completion",
            Self::Resubmit => "resubmit",
            Self::Refuse => "refuse",
            Self::Accept => "accept",
            Self::ReturnOnSpot => "return_on_spot",
            Self::Forward => "forward",
            Self::Assign => "assign",
            Self::RequestSupplement => "request_supplement",
            Self::ResubmitComplete => "resubmit_complete",
            Self::Propose => "propose",
            Self::Approve => "approve",
            Self::Reject => "reject",
            Self::ReturnResult => "return_result",
            Self::Withdraw => "withdraw",
            Self::Reassign => "reassign",
            Self::SendBack => "send_back",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        ALL_ACTIONS.into_iter().find(|a| a.as_str() == s)
    }

    /// Vietnamese label for buttons.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Submit => "Nộp hồ sơ",
            Self::RequestCompletion => "Yêu cầu hoàn thiện (Mẫu 02)",
            Self::Resubmit => "Nộp lại",
            Self::Refuse => "Từ chối tiếp nhận (Mẫu 03)",
            Self::Accept => "Tiếp nhận, cấp giấy hẹn (Mẫu 01)",
            Self::ReturnOnSpot => "Trả kết quả ngay",
            Self::Forward => "Chuyển cơ quan giải quyết",
            Self::Assign => "Phân công thẩm định",
            Self::RequestSupplement => "Yêu cầu bổ sung",
            Self::ResubmitComplete => "Đã bổ sung đầy đủ",
            Self::Propose => "Trình phê duyệt",
            Self::Approve => "Phê duyệt",
            Self::Reject => "Từ chối giải quyết",
            Self::ReturnResult => "Trả kết quả",
            Self::Withdraw => "Rút hồ sơ",
            Self::Reassign => "Phân công lại",
            Self::SendBack => "Trả lại chuyên viên",
        }
    }

    /// What happened, in words a citizen reads in the history ("Tiếp nhận hồ sơ, hẹn ngày trả
    /// kết quả").
    pub fn done_vi(self) -> &'static str {
        match self {
            Self::Submit => "Nộp hồ sơ",
            Self::RequestCompletion => "Hướng dẫn hoàn thiện hồ sơ",
            Self::Resubmit => "Nộp lại hồ sơ đã hoàn thiện",
            Self::Refuse => "Từ chối tiếp nhận hồ sơ",
            Self::Accept => "Tiếp nhận hồ sơ, hẹn ngày trả kết quả",
            Self::ReturnOnSpot => "Giải quyết và trả kết quả ngay",
            Self::Forward => "Chuyển cơ quan có thẩm quyền giải quyết",
            Self::Assign => "Phân công chuyên viên thụ lý",
            Self::Reassign => "Phân công lại chuyên viên thụ lý",
            Self::RequestSupplement => "Yêu cầu bổ sung hồ sơ",
            Self::ResubmitComplete => "Đã bổ sung đủ hồ sơ, tính lại thời hạn giải quyết",
            Self::Propose => "Trình lãnh đạo phê duyệt",
            Self::SendBack => "Lãnh đạo trả lại để thẩm định thêm",
            Self::Approve => "Phê duyệt, có kết quả",
            Self::Reject => "Từ chối giải quyết",
            Self::ReturnResult => "Trả kết quả cho người nộp",
            Self::Withdraw => "Rút hồ sơ theo yêu cầu của người nộp",
        }
    }

    /// What happened, in English.
    pub fn done_en(self) -> &'static str {
        match self {
            Self::Submit => "Filed",
            Self::RequestCompletion => "Asked to complete the dossier",
            Self::Resubmit => "Filed again, completed",
            Self::Refuse => "Not accepted",
            Self::Accept => "Received, result date set",
            Self::ReturnOnSpot => "Decided and returned at once",
            Self::Forward => "Sent to the competent unit",
            Self::Assign => "Specialist assigned",
            Self::Reassign => "Specialist reassigned",
            Self::RequestSupplement => "Supplement requested",
            Self::ResubmitComplete => "Supplement complete, time restarted",
            Self::Propose => "Proposed for approval",
            Self::SendBack => "Sent back for further appraisal",
            Self::Approve => "Approved, result ready",
            Self::Reject => "Refused",
            Self::ReturnResult => "Result handed back",
            Self::Withdraw => "Withdrawn at the applicant's request",
        }
    }

    /// Whether the note of this action is written to the applicant (what to complete, why it
    /// was refused). The others' notes are internal and never shown to the applicant.
    pub fn note_is_public(self) -> bool {
        matches!(
            self,
            Self::RequestCompletion
                | Self::Refuse
                | Self::RequestSupplement
                | Self::Reject
                | Self::Withdraw
        )
    }

    /// Who may do it. `Citizen` means the dossier's own applicant.
    pub fn roles(self) -> &'static [Role] {
        WORKFLOW.roles(self)
    }

    /// A reason or note must be given.
    pub fn needs_note(self) -> bool {
        WORKFLOW.needs_note(self)
    }
}

/// What each action asks of the actor.
fn step(action: Action) -> Step {
    use Action as A;
    let (roles, note): (&'static [Role], bool) = match action {
        A::Submit | A::Resubmit | A::Withdraw => (&[Role::Citizen, Role::OneStopOfficer], false),
        A::Accept | A::ReturnOnSpot | A::Forward | A::ReturnResult => {
            (&[Role::OneStopOfficer], false)
        }
        A::RequestCompletion | A::Refuse => (&[Role::OneStopOfficer], true),
        A::Assign => (&[Role::UnitLeader, Role::Specialist], false),
        A::Reassign => (&[Role::UnitLeader], false),
        A::SendBack => (&[Role::UnitLeader], true),
        A::RequestSupplement | A::Propose => (&[Role::Specialist], true),
        A::ResubmitComplete => (
            &[Role::Citizen, Role::OneStopOfficer, Role::Specialist],
            false,
        ),
        A::Approve => (&[Role::UnitLeader], false),
        A::Reject => (&[Role::UnitLeader], true),
    };
    Step {
        who: Who::Roles(roles),
        note,
    }
}

/// The dossier workflow (DOMAIN.md §4.5 plus `AwaitingApproval`).
pub const WORKFLOW: Workflow<DossierState, Action> = {
    use Action as A;
    use DossierState as S;
    const fn rule(from: &'static [S], action: A, to: S) -> Rule<S, A> {
        Rule { from, action, to }
    }
    Workflow {
        states: &ALL_STATES,
        actions: &ALL_ACTIONS,
        rules: &[
            rule(&[S::Draft], A::Submit, S::Submitted),
            rule(&[S::Submitted], A::RequestCompletion, S::IntakeIncomplete),
            rule(&[S::IntakeIncomplete], A::Resubmit, S::Submitted),
            rule(&[S::Submitted], A::Refuse, S::RefusedAtIntake),
            rule(&[S::Submitted], A::Accept, S::Received),
            rule(&[S::Received], A::ReturnOnSpot, S::ResultReturned),
            rule(&[S::Received], A::Forward, S::Forwarded),
            rule(&[S::Forwarded], A::Assign, S::InProcess),
            rule(
                &[S::InProcess],
                A::RequestSupplement,
                S::SupplementRequested,
            ),
            rule(&[S::SupplementRequested], A::ResubmitComplete, S::InProcess),
            rule(&[S::InProcess], A::Propose, S::AwaitingApproval),
            rule(&[S::AwaitingApproval], A::Approve, S::Resolved),
            rule(&[S::AwaitingApproval], A::SendBack, S::InProcess),
            rule(&[S::InProcess], A::Reassign, S::InProcess),
            rule(&[S::AwaitingApproval, S::InProcess], A::Reject, S::Rejected),
            rule(
                &[S::Resolved, S::Rejected],
                A::ReturnResult,
                S::ResultReturned,
            ),
            // Until a decision is made.
            rule(
                &[
                    S::Draft,
                    S::Submitted,
                    S::IntakeIncomplete,
                    S::Received,
                    S::Forwarded,
                    S::InProcess,
                    S::SupplementRequested,
                    S::AwaitingApproval,
                ],
                A::Withdraw,
                S::Withdrawn,
            ),
        ],
        finals: &[S::RefusedAtIntake, S::ResultReturned, S::Withdrawn],
        step,
    }
};

/// The state an action leads to from a state, if it is a legal transition.
pub fn next_state(from: DossierState, action: Action) -> Option<DossierState> {
    WORKFLOW.next(from, action)
}

/// Facts a transition's guard looks at, gathered by the caller.
#[derive(Debug, Clone, Copy, Default)]
pub struct Facts<'a> {
    /// The note or reason given.
    pub note: Option<&'a str>,
    /// The procedure is a same-day one.
    pub same_day: bool,
    /// `now` is within 3 working days of reception (for a supplement request).
    pub within_supplement_window: bool,
    /// The actor is the dossier's applicant.
    pub is_owner: bool,
    /// The actor is the specialist the dossier is assigned to.
    pub is_assignee: bool,
    /// The actor proposed the decision now awaiting approval.
    pub is_proposer: bool,
    /// Completion was already asked for at intake.
    pub completion_asked: bool,
    /// A supplement was already asked for during appraisal.
    pub supplement_asked: bool,
}

/// Checks a transition: legal from this state, done by a permitted role, guards met.
pub fn check(
    from: DossierState,
    action: Action,
    actor_roles: &[Role],
    facts: Facts<'_>,
) -> Result<DossierState, DossierError> {
    let holds = |r| match r {
        Role::Citizen => facts.is_owner,
        other => actor_roles.contains(&other),
    };
    let to = WORKFLOW
        .check(from, action, holds, facts.note)
        .map_err(|r| match r {
            Refusal::Illegal => DossierError::IllegalTransition { from, action },
            Refusal::NotPermitted => DossierError::NotPermitted,
            Refusal::NoteRequired => DossierError::NoteRequired,
        })?;
    match action {
        Action::ReturnOnSpot if !facts.same_day => return Err(DossierError::NotSameDay),
        // The officer guides completion once (NĐ 61 art. 19.2.b: "một lần").
        Action::RequestCompletion if facts.completion_asked => {
            return Err(DossierError::CompletionAlreadyAsked);
        }
        // Only the assigned specialist appraises.
        Action::RequestSupplement | Action::Propose if !facts.is_assignee => {
            return Err(DossierError::NotAssignee);
        }
        // A supplement once, within 3 working days of reception.
        Action::RequestSupplement if facts.supplement_asked => {
            return Err(DossierError::SupplementAlreadyAsked);
        }
        Action::RequestSupplement if !facts.within_supplement_window => {
            return Err(DossierError::SupplementWindowClosed);
        }
        // Whoever proposed does not decide.
        Action::Approve | Action::Reject | Action::SendBack if facts.is_proposer => {
            return Err(DossierError::SameProposer);
        }
        // Withdrawal is the applicant's: at the counter the officer records their request and
        // reason.
        Action::Withdraw if !facts.is_owner && facts.note.is_none() => {
            return Err(DossierError::NoteRequired);
        }
        _ => {}
    }
    Ok(to)
}

/// A dossier code `V1V2V3.Z1Z2.Y1Y2.MX1X2-YYMMDD-XXXX` (NĐ 61/2018 art. 26; DOMAIN.md §6.1).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct DossierCode(String);

impl DossierCode {
    /// Builds a code from the receiving agency's identifier, the reception date and the day's
    /// sequence number (1–9999).
    pub fn new(agency: &str, date: NaiveDate, seq: u32) -> Result<Self, DossierError> {
        if !crate::units::is_agency_identifier(agency) {
            return Err(DossierError::BadCode);
        }
        let tail = crate::workflow::daily_tail(date, seq).ok_or(DossierError::SequenceExhausted)?;
        Ok(Self(format!("{agency}-{tail}")))
    }

    /// Parses a code as typed (spaces trimmed, letters upper-cased).
    pub fn parse(raw: &str) -> Result<Self, DossierError> {
        let s = raw.trim().to_ascii_uppercase();
        let mut parts = s.rsplitn(3, '-');
        let (seq, date, agency) = (parts.next(), parts.next(), parts.next());
        match (agency, date, seq) {
            (Some(a), Some(d), Some(n))
                if crate::units::is_agency_identifier(a)
                    && crate::workflow::is_daily_tail(d, n) =>
            {
                Ok(Self(s))
            }
            _ => Err(DossierError::BadCode),
        }
    }

    /// The code.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for DossierCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Errors about dossiers, with stable codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DossierError {
    /// DOS-0001.
    #[error("`{action:?}` is not possible from state `{from}`")]
    IllegalTransition {
        /// Current state.
        from: DossierState,
        /// Attempted action.
        action: Action,
    },
    /// DOS-0002.
    #[error("you may not do this to this dossier")]
    NotPermitted,
    /// DOS-0003.
    #[error("a reason is required")]
    NoteRequired,
    /// DOS-0004.
    #[error("a supplement may be requested only within 3 working days of reception")]
    SupplementWindowClosed,
    /// DOS-0005.
    #[error("only same-day procedures are returned on the spot")]
    NotSameDay,
    /// DOS-0006.
    #[error("not a dossier code")]
    BadCode,
    /// DOS-0007.
    #[error("no such dossier")]
    NotFound,
    /// DOS-0008.
    #[error("the dossier changed meanwhile; reload and try again")]
    Concurrent,
    /// DOS-0009.
    #[error("this procedure is not available online")]
    NotOnline,
    /// DOS-0010.
    #[error("the day's 9,999 dossier numbers are used up")]
    SequenceExhausted,
    /// DOS-0011.
    #[error("the file is too large")]
    FileTooLarge,
    /// DOS-0012.
    #[error("only PDF, JPEG and PNG files are accepted")]
    FileType,
    /// DOS-0013.
    #[error("too many files")]
    TooManyFiles,
    /// DOS-0014.
    #[error("the applicant's name and address are required")]
    ApplicantMissing,
    /// DOS-0017.
    #[error("this procedure is not done at the level of the chosen office")]
    NotOfferedAtLevel,
    /// DOS-0018.
    #[error("no unit competent for this procedure is recorded for this locality")]
    NoCompetentUnit,
    /// DOS-0019.
    #[error("only the specialist assigned to the dossier may do this")]
    NotAssignee,
    /// DOS-0020.
    #[error("the assignee must be a specialist of the unit handling the dossier")]
    BadAssignee,
    /// DOS-0021.
    #[error("the proposer and the approver of a dossier must be different people")]
    SameProposer,
    /// DOS-0022.
    #[error("a supplement may be requested only once")]
    SupplementAlreadyAsked,
    /// DOS-0023.
    #[error("completion is asked for once at intake")]
    CompletionAlreadyAsked,
    /// DOS-0024.
    #[error("after reception only the officials handling the dossier add files")]
    UploadClosed,
}

impl DossierError {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::IllegalTransition { .. } => "DOS-0001",
            Self::NotPermitted => "DOS-0002",
            Self::NoteRequired => "DOS-0003",
            Self::SupplementWindowClosed => "DOS-0004",
            Self::NotSameDay => "DOS-0005",
            Self::BadCode => "DOS-0006",
            Self::NotFound => "DOS-0007",
            Self::Concurrent => "DOS-0008",
            Self::NotOnline => "DOS-0009",
            Self::SequenceExhausted => "DOS-0010",
            Self::FileTooLarge => "DOS-0011",
            Self::FileType => "DOS-0012",
            Self::TooManyFiles => "DOS-0013",
            Self::ApplicantMissing => "DOS-0014",
            Self::NotOfferedAtLevel => "DOS-0017",
            Self::NoCompetentUnit => "DOS-0018",
            Self::NotAssignee => "DOS-0019",
            Self::BadAssignee => "DOS-0020",
            Self::SameProposer => "DOS-0021",
            Self::SupplementAlreadyAsked => "DOS-0022",
            Self::CompletionAlreadyAsked => "DOS-0023",
            Self::UploadClosed => "DOS-0024",
        }
    }
}

/// The kind of an uploaded file, decided by its first bytes, never by its name.
pub fn sniff_file_type(bytes: &[u8]) -> Result<&'static str, DossierError> {
    if bytes.starts_with(b"%PDF-") {
        Ok("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Ok("image/png")
    } else {
        Err(DossierError::FileType)
    }
}

/// A safe display name for an uploaded file: no path, no control characters, at most 120 chars.
pub fn sanitize_file_name(raw: &str) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or(raw);
    let cleaned: String = crate::text::nfc(base)
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '<' | '>' | ':' | '|' | '?' | '*'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        "tep-dinh-kem".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use DossierState as S;

    /// Every legal transition; every other (state, action) pair must be refused.
    const LEGAL: &[(S, A, S)] = &[
        (S::Draft, A::Submit, S::Submitted),
        (S::Submitted, A::RequestCompletion, S::IntakeIncomplete),
        (S::IntakeIncomplete, A::Resubmit, S::Submitted),
        (S::Submitted, A::Refuse, S::RefusedAtIntake),
        (S::Submitted, A::Accept, S::Received),
        (S::Received, A::ReturnOnSpot, S::ResultReturned),
        (S::Received, A::Forward, S::Forwarded),
        (S::Forwarded, A::Assign, S::InProcess),
        (S::InProcess, A::RequestSupplement, S::SupplementRequested),
        (S::SupplementRequested, A::ResubmitComplete, S::InProcess),
        (S::InProcess, A::Propose, S::AwaitingApproval),
        (S::AwaitingApproval, A::Approve, S::Resolved),
        (S::AwaitingApproval, A::Reject, S::Rejected),
        (S::InProcess, A::Reject, S::Rejected),
        (S::Resolved, A::ReturnResult, S::ResultReturned),
        (S::Rejected, A::ReturnResult, S::ResultReturned),
        (S::Draft, A::Withdraw, S::Withdrawn),
        (S::Submitted, A::Withdraw, S::Withdrawn),
        (S::IntakeIncomplete, A::Withdraw, S::Withdrawn),
        (S::Received, A::Withdraw, S::Withdrawn),
        (S::Forwarded, A::Withdraw, S::Withdrawn),
        (S::InProcess, A::Withdraw, S::Withdrawn),
        (S::SupplementRequested, A::Withdraw, S::Withdrawn),
        (S::AwaitingApproval, A::Withdraw, S::Withdrawn),
        (S::AwaitingApproval, A::SendBack, S::InProcess),
        (S::InProcess, A::Reassign, S::InProcess),
    ];

    #[test]
    fn the_transition_table_is_exactly_the_legal_list() {
        crate::workflow::check_table(&WORKFLOW, LEGAL);
        assert!(ALL_STATES.iter().filter(|s| s.is_terminal()).count() == 3);
    }

    #[test]
    fn guards() {
        let officer = [Role::OneStopOfficer];
        let note = Facts {
            note: Some("Thiếu bản sao CCCD"),
            ..Facts::default()
        };
        assert_eq!(
            check(S::Submitted, A::Accept, &officer, Facts::default()),
            Ok(S::Received)
        );
        assert_eq!(
            check(
                S::Submitted,
                A::Accept,
                &[Role::Specialist],
                Facts::default()
            ),
            Err(DossierError::NotPermitted)
        );
        assert_eq!(
            check(S::Submitted, A::Refuse, &officer, Facts::default()),
            Err(DossierError::NoteRequired)
        );
        assert_eq!(
            check(S::Submitted, A::Refuse, &officer, note),
            Ok(S::RefusedAtIntake)
        );
        assert_eq!(
            check(S::Received, A::ReturnOnSpot, &officer, Facts::default()),
            Err(DossierError::NotSameDay)
        );
        let spec = [Role::Specialist];
        assert_eq!(
            check(S::InProcess, A::RequestSupplement, &spec, note),
            Err(DossierError::NotAssignee)
        );
        let note = Facts {
            is_assignee: true,
            ..note
        };
        assert_eq!(
            check(S::InProcess, A::RequestSupplement, &spec, note),
            Err(DossierError::SupplementWindowClosed)
        );
        assert_eq!(
            check(
                S::InProcess,
                A::RequestSupplement,
                &spec,
                Facts {
                    within_supplement_window: true,
                    supplement_asked: true,
                    ..note
                }
            ),
            Err(DossierError::SupplementAlreadyAsked)
        );
        let leader = [Role::UnitLeader, Role::Specialist];
        assert_eq!(
            check(
                S::AwaitingApproval,
                A::Approve,
                &leader,
                Facts {
                    is_proposer: true,
                    ..Facts::default()
                }
            ),
            Err(DossierError::SameProposer)
        );
        assert_eq!(
            check(S::Received, A::Withdraw, &officer, Facts::default()),
            Err(DossierError::NoteRequired)
        );
        assert_eq!(
            check(
                S::Submitted,
                A::RequestCompletion,
                &officer,
                Facts {
                    completion_asked: true,
                    ..note
                }
            ),
            Err(DossierError::CompletionAlreadyAsked)
        );
        assert_eq!(
            check(
                S::InProcess,
                A::RequestSupplement,
                &spec,
                Facts {
                    within_supplement_window: true,
                    ..note
                }
            ),
            Ok(S::SupplementRequested)
        );
        // A citizen acts only on their own dossier.
        assert_eq!(
            check(S::Draft, A::Submit, &[Role::Citizen], Facts::default()),
            Err(DossierError::NotPermitted)
        );
        assert_eq!(
            check(
                S::Draft,
                A::Submit,
                &[Role::Citizen],
                Facts {
                    is_owner: true,
                    ..Facts::default()
                }
            ),
            Ok(S::Submitted)
        );
        assert!(matches!(
            check(S::ResultReturned, A::Approve, &[Role::UnitLeader], note),
            Err(DossierError::IllegalTransition { .. })
        ));
    }

    #[test]
    fn codes() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        let c = DossierCode::new("000.00.08.H50", d, 7).unwrap();
        assert_eq!(c.as_str(), "000.00.08.H50-261102-0007");
        assert_eq!(
            DossierCode::parse(" 000.00.08.h50-261102-0007 ").unwrap(),
            c
        );
        for bad in [
            "000.00.08.H50-261302-0007",
            "000.00.08.H50-261102-0000",
            "000.00.08.H50-261102-7",
            "x-261102-0007",
            "",
        ] {
            assert!(DossierCode::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            DossierCode::new("000.00.08.H50", d, 10_000),
            Err(DossierError::SequenceExhausted)
        );
    }

    #[test]
    fn files_are_judged_by_content() {
        assert_eq!(sniff_file_type(b"%PDF-1.7 ..."), Ok("application/pdf"));
        assert_eq!(
            sniff_file_type(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]),
            Ok("image/png")
        );
        assert_eq!(
            sniff_file_type(b"MZ\x90\x00 an exe renamed .pdf"),
            Err(DossierError::FileType)
        );
        assert_eq!(
            sanitize_file_name("../../etc/Giấy khai sinh.pdf"),
            "Giấy khai sinh.pdf"
        );
        assert_eq!(sanitize_file_name("C:\\Users\\a\\<scan>.pdf"), "scan.pdf");
        assert_eq!(sanitize_file_name("..."), "tep-dinh-kem");
    }
}
