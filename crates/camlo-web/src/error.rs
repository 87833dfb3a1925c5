//! The one mapping from errors to HTTP. Handlers return [`AppError`]; the response carries an
//! [`ErrorInfo`] extension, and the outer layer ([`crate::middleware::render_errors`]) renders
//! it as an HTML page or as JSON `{code, message, request_id}` in the user's language.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use camlo_domain::accounts::AccountError;
use camlo_domain::units::UnitError;
use camlo_store::StoreError;

/// What went wrong, with its stable code.
#[derive(Debug, Clone)]
pub struct AppError {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable code; also the message key.
    pub code: &'static str,
    /// Substitutions for the message.
    pub args: Vec<(&'static str, String)>,
    /// Internal detail for the log (never shown).
    pub detail: Option<String>,
    /// Form field the error belongs to, if any.
    pub field: Option<&'static str>,
    /// Seconds after which the client may try again (sent as `Retry-After` with a 429).
    pub retry_after: Option<i64>,
}

/// Marker placed on error responses for the rendering layer.
#[derive(Debug, Clone)]
pub struct ErrorInfo(pub AppError);

impl AppError {
    /// An error with a status and code.
    pub fn new(status: StatusCode, code: &'static str) -> Self {
        Self {
            status,
            code,
            args: Vec::new(),
            detail: None,
            field: None,
            retry_after: None,
        }
    }
    /// 404.
    pub fn not_found() -> Self {
        Self::new(StatusCode::NOT_FOUND, "WEB-0001")
    }
    /// 401.
    pub fn unauthenticated() -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "WEB-0002")
    }
    /// 403.
    pub fn forbidden() -> Self {
        Self::new(StatusCode::FORBIDDEN, "WEB-0003")
    }
    /// 403 for a failed CSRF check.
    pub fn csrf() -> Self {
        Self::new(StatusCode::FORBIDDEN, "WEB-0004")
    }
    /// 400 for malformed input.
    pub fn bad_request() -> Self {
        Self::new(StatusCode::BAD_REQUEST, "WEB-0005")
    }
    /// 422 for input that breaks a rule, with the rule's code.
    pub fn invalid(code: &'static str) -> Self {
        Self::new(StatusCode::UNPROCESSABLE_ENTITY, code)
    }
    /// 409.
    pub fn conflict(code: &'static str) -> Self {
        Self::new(StatusCode::CONFLICT, code)
    }
    /// 500 with an internal detail for the log.
    pub fn internal(detail: impl Into<String>) -> Self {
        let mut e = Self::new(StatusCode::SERVICE_UNAVAILABLE, "WEB-0008");
        e.detail = Some(detail.into());
        e
    }
    /// Adds a message argument.
    pub fn arg(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.args.push((name, value.into()));
        self
    }
    /// 429 with `Retry-After` (seconds from `now` until `until`, at least one).
    pub fn too_many(code: &'static str, now: i64, until: i64) -> Self {
        let mut e = Self::new(StatusCode::TOO_MANY_REQUESTS, code);
        e.retry_after = Some((until - now).max(1));
        e
    }
    /// Names the form field at fault.
    pub fn field(mut self, field: &'static str) -> Self {
        self.field = Some(field);
        self
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let mut res = self.status.into_response();
        res.extensions_mut().insert(ErrorInfo(self));
        res
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        match e {
            StoreError::NotFound => Self::not_found(),
            StoreError::Conflict("username") => Self::conflict("ACC-0012").field("username"),
            StoreError::Conflict(_) => Self::conflict("WEB-0010"),
            other => Self::internal(format!("{}: {other}", other.code())),
        }
    }
}

impl From<AccountError> for AppError {
    fn from(e: AccountError) -> Self {
        let field = match e {
            AccountError::BadUsername => "username",
            AccountError::PasswordTooShort
            | AccountError::PasswordTooLong
            | AccountError::PasswordTooCommon => "password",
            AccountError::BadCccd => "cccd",
            AccountError::BadPhone | AccountError::NoContact => "phone",
            AccountError::BadEmail => "email",
            AccountError::BadDisplayName => "display_name",
            AccountError::UnknownRole => "role",
            AccountError::BadTotp => "code",
        };
        Self::invalid(e.code()).field(field)
    }
}

impl From<UnitError> for AppError {
    fn from(e: UnitError) -> Self {
        match e {
            UnitError::NotFound => Self::not_found(),
            other => Self::invalid(other.code()),
        }
    }
}

impl From<camlo_calendar::CalendarError> for AppError {
    fn from(e: camlo_calendar::CalendarError) -> Self {
        Self::invalid(e.code())
    }
}

/// Result alias for handlers.
pub type AppResult<T> = Result<T, AppError>;

impl From<camlo_domain::dossiers::DossierError> for AppError {
    fn from(e: camlo_domain::dossiers::DossierError) -> Self {
        use axum::http::StatusCode as S;
        let status = match e {
            camlo_domain::dossiers::DossierError::IllegalTransition { .. }
            | camlo_domain::dossiers::DossierError::Concurrent
            | camlo_domain::dossiers::DossierError::SupplementWindowClosed
            | camlo_domain::dossiers::DossierError::NotSameDay
            | camlo_domain::dossiers::DossierError::SupplementAlreadyAsked
            | camlo_domain::dossiers::DossierError::CompletionAlreadyAsked => S::CONFLICT,
            camlo_domain::dossiers::DossierError::NotPermitted
            | camlo_domain::dossiers::DossierError::NotAssignee
            | camlo_domain::dossiers::DossierError::SameProposer
            | camlo_domain::dossiers::DossierError::UploadClosed => S::FORBIDDEN,
            camlo_domain::dossiers::DossierError::NotFound => S::NOT_FOUND,
            camlo_domain::dossiers::DossierError::FileTooLarge => S::PAYLOAD_TOO_LARGE,
            _ => S::UNPROCESSABLE_ENTITY,
        };
        let field = match e {
            camlo_domain::dossiers::DossierError::NoteRequired => Some("note"),
            camlo_domain::dossiers::DossierError::ApplicantMissing => Some("applicant_name"),
            camlo_domain::dossiers::DossierError::FileType
            | camlo_domain::dossiers::DossierError::FileTooLarge
            | camlo_domain::dossiers::DossierError::TooManyFiles => Some("file"),
            camlo_domain::dossiers::DossierError::BadAssignee => Some("assignee"),
            camlo_domain::dossiers::DossierError::NotOfferedAtLevel => Some("receiving_unit"),
            _ => None,
        };
        let mut err = AppError::new(status, e.code());
        err.field = field;
        err
    }
}

impl From<camlo_domain::files::FileError> for AppError {
    fn from(e: camlo_domain::files::FileError) -> Self {
        Self::invalid(e.code()).field("file")
    }
}

impl From<camlo_domain::content::ContentError> for AppError {
    fn from(e: camlo_domain::content::ContentError) -> Self {
        let status = match e {
            camlo_domain::content::ContentError::IllegalTransition
            | camlo_domain::content::ContentError::Concurrent => axum::http::StatusCode::CONFLICT,
            camlo_domain::content::ContentError::NotPermitted
            | camlo_domain::content::ContentError::UnitNotCovered => {
                axum::http::StatusCode::FORBIDDEN
            }
            camlo_domain::content::ContentError::NotFound => axum::http::StatusCode::NOT_FOUND,
            _ => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        };
        let mut err = AppError::new(status, e.code());
        err.field = e.field();
        err
    }
}

impl From<camlo_domain::documents::DocumentStateError> for AppError {
    fn from(e: camlo_domain::documents::DocumentStateError) -> Self {
        AppError::new(axum::http::StatusCode::CONFLICT, e.code())
    }
}

impl From<camlo_domain::documents::DocumentError> for AppError {
    fn from(e: camlo_domain::documents::DocumentError) -> Self {
        let mut err = AppError::invalid(e.code()).field("number_symbol");
        if let camlo_domain::documents::DocumentError::UnknownType { found, suggestion } = &e {
            let shown = match suggestion {
                Some(s) => format!("\"{found}\" (đúng là \"{s}\")"),
                None => format!("\"{found}\""),
            };
            err = err.arg("found", shown);
        }
        err
    }
}

impl From<camlo_domain::feedback::FeedbackError> for AppError {
    fn from(e: camlo_domain::feedback::FeedbackError) -> Self {
        let status = match e {
            camlo_domain::feedback::FeedbackError::IllegalTransition
            | camlo_domain::feedback::FeedbackError::NoConsent => axum::http::StatusCode::CONFLICT,
            camlo_domain::feedback::FeedbackError::Concurrent => axum::http::StatusCode::CONFLICT,
            camlo_domain::feedback::FeedbackError::NotFound
            | camlo_domain::feedback::FeedbackError::BadCode => axum::http::StatusCode::NOT_FOUND,
            camlo_domain::feedback::FeedbackError::TooMany => {
                axum::http::StatusCode::TOO_MANY_REQUESTS
            }
            camlo_domain::feedback::FeedbackError::SequenceExhausted => {
                axum::http::StatusCode::SERVICE_UNAVAILABLE
            }
            _ => axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        };
        let mut err = AppError::new(status, e.code());
        err.field = e.field();
        err
    }
}
