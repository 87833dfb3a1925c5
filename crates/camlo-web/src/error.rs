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
