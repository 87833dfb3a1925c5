//! People, roles and the rules for their credentials (tài khoản, vai trò, phạm vi).

mod identity;
pub mod password;
pub mod totp;

pub use identity::{Cccd, Email, PhoneNumber};

use serde::{Deserialize, Serialize};

/// Typed id of an account row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct AccountId(pub i64);

/// A role, always granted within a unit scope (except `Citizen`, which has none).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Công dân, doanh nghiệp.
    Citizen,
    /// Cán bộ Bộ phận Một cửa.
    OneStopOfficer,
    /// Chuyên viên.
    Specialist,
    /// Lãnh đạo đơn vị.
    UnitLeader,
    /// Văn thư.
    Clerk,
    /// Biên tập viên: writes portal content.
    Editor,
    /// Người duyệt tin (Ban biên tập): reviews and publishes portal content.
    Reviewer,
    /// Quản trị đơn vị.
    UnitAdmin,
    /// Quản trị hệ thống.
    SystemAdmin,
}

/// Every role, in display order.
pub const ALL_ROLES: [Role; 9] = [
    Role::Citizen,
    Role::OneStopOfficer,
    Role::Specialist,
    Role::UnitLeader,
    Role::Clerk,
    Role::Editor,
    Role::Reviewer,
    Role::UnitAdmin,
    Role::SystemAdmin,
];

/// The roles that must sign in with a second factor unless a deployment says otherwise: those
/// that grant roles (administrators) or decide dossiers (leaders).
pub const SECOND_FACTOR_ROLES: [Role; 3] = [Role::SystemAdmin, Role::UnitAdmin, Role::UnitLeader];

impl Role {
    /// Stable storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::OneStopOfficer => "one_stop_officer",
            Self::Specialist => "specialist",
            Self::UnitLeader => "unit_leader",
            Self::Clerk => "clerk",
            Self::Editor => "editor",
            Self::Reviewer => "reviewer",
            Self::UnitAdmin => "unit_admin",
            Self::SystemAdmin => "system_admin",
        }
    }

    /// Parses the storage name.
    pub fn parse(s: &str) -> Result<Self, AccountError> {
        ALL_ROLES
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or(AccountError::UnknownRole)
    }

    /// Vietnamese label.
    pub fn label_vi(self) -> &'static str {
        match self {
            Self::Citizen => "Công dân",
            Self::OneStopOfficer => "Cán bộ Một cửa",
            Self::Specialist => "Chuyên viên",
            Self::UnitLeader => "Lãnh đạo đơn vị",
            Self::Clerk => "Văn thư",
            Self::Editor => "Biên tập viên",
            Self::Reviewer => "Duyệt tin bài",
            Self::UnitAdmin => "Quản trị đơn vị",
            Self::SystemAdmin => "Quản trị hệ thống",
        }
    }

    /// English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Citizen => "Citizen",
            Self::OneStopOfficer => "One-stop officer",
            Self::Specialist => "Specialist",
            Self::UnitLeader => "Unit leader",
            Self::Clerk => "Clerk",
            Self::Editor => "Editor",
            Self::Reviewer => "Content reviewer",
            Self::UnitAdmin => "Unit administrator",
            Self::SystemAdmin => "System administrator",
        }
    }
}

/// Who an account serves; decides session timeouts and second-factor rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Citizens and businesses.
    Citizen,
    /// Officials of a unit.
    Official,
}

impl Audience {
    /// Stable storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Citizen => "citizen",
            Self::Official => "official",
        }
    }

    /// Parses the storage name.
    pub fn parse(s: &str) -> Result<Self, AccountError> {
        match s {
            "citizen" => Ok(Self::Citizen),
            "official" => Ok(Self::Official),
            _ => Err(AccountError::UnknownRole),
        }
    }
}

/// A login name: 3–64 characters of `a-z 0-9 . _ -`, case-folded.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Username(String);

impl Username {
    /// Validates and lower-cases a login name.
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let s = raw.trim().to_lowercase();
        let ok = (3..=64).contains(&s.len())
            && s.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "._-".contains(c))
            && s.starts_with(|c: char| c.is_ascii_alphanumeric());
        if ok {
            Ok(Self(s))
        } else {
            Err(AccountError::BadUsername)
        }
    }

    /// The name as stored.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Shortest password accepted (NIST SP 800-63B; DOMAIN.md §11.2 with MFA).
pub const PASSWORD_MIN: usize = 8;
/// Longest password accepted (≥ 64 as required).
pub const PASSWORD_MAX: usize = 128;

static COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

/// Checks a new password: length 8–128 characters, not a common password, not the username.
/// No composition rules (NIST SP 800-63B).
pub fn check_new_password(password: &str, username: &str) -> Result<(), AccountError> {
    let len = password.chars().count();
    if len < PASSWORD_MIN {
        return Err(AccountError::PasswordTooShort);
    }
    if len > PASSWORD_MAX {
        return Err(AccountError::PasswordTooLong);
    }
    let lowered = password.to_lowercase();
    if lowered == username.to_lowercase() || is_common_password(&lowered) {
        return Err(AccountError::PasswordTooCommon);
    }
    Ok(())
}

/// Whether a (lower-cased) password is on the shipped list of the most common passwords.
pub fn is_common_password(lowered: &str) -> bool {
    COMMON_PASSWORDS.lines().any(|line| line.trim() == lowered)
}

/// A display name: 1–100 characters after NFC.
pub fn parse_display_name(raw: &str) -> Result<String, AccountError> {
    let name = crate::text::nfc(raw);
    let n = name.chars().count();
    if (1..=100).contains(&n) && !name.chars().any(char::is_control) {
        Ok(name)
    } else {
        Err(AccountError::BadDisplayName)
    }
}

/// Errors about accounts, with stable codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AccountError {
    /// ACC-0001.
    #[error("username must be 3 to 64 characters: letters a-z, digits, dot, underscore, hyphen")]
    BadUsername,
    /// ACC-0002.
    #[error("password must be at least 8 characters")]
    PasswordTooShort,
    /// ACC-0003.
    #[error("password must be at most 128 characters")]
    PasswordTooLong,
    /// ACC-0004.
    #[error("this password is too common")]
    PasswordTooCommon,
    /// ACC-0005.
    #[error("invalid citizen ID number")]
    BadCccd,
    /// ACC-0006.
    #[error("invalid phone number")]
    BadPhone,
    /// ACC-0007.
    #[error("invalid e-mail address")]
    BadEmail,
    /// ACC-0008.
    #[error("a phone number or an e-mail address is required")]
    NoContact,
    /// ACC-0009.
    #[error("unknown role")]
    UnknownRole,
    /// ACC-0010.
    #[error("the name must be 1 to 100 characters")]
    BadDisplayName,
    /// ACC-0011.
    #[error("the one-time code is not valid")]
    BadTotp,
}

impl AccountError {
    /// Stable code, also the i18n key.
    pub fn code(&self) -> &'static str {
        match self {
            Self::BadUsername => "ACC-0001",
            Self::PasswordTooShort => "ACC-0002",
            Self::PasswordTooLong => "ACC-0003",
            Self::PasswordTooCommon => "ACC-0004",
            Self::BadCccd => "ACC-0005",
            Self::BadPhone => "ACC-0006",
            Self::BadEmail => "ACC-0007",
            Self::NoContact => "ACC-0008",
            Self::UnknownRole => "ACC-0009",
            Self::BadDisplayName => "ACC-0010",
            Self::BadTotp => "ACC-0011",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn password_policy() {
        let cases: &[(&str, Result<(), AccountError>)] = &[
            ("short", Err(AccountError::PasswordTooShort)),
            ("12345678", Err(AccountError::PasswordTooCommon)),
            ("password", Err(AccountError::PasswordTooCommon)),
            ("anhyeuem", Err(AccountError::PasswordTooCommon)),
            ("nguyenvana", Err(AccountError::PasswordTooCommon)),
            ("hoa sen nở muộn", Ok(())),
            ("correct horse battery", Ok(())),
        ];
        for (pw, expect) in cases {
            assert_eq!(&check_new_password(pw, "nguyenvana"), expect, "{pw}");
        }
        assert_eq!(
            check_new_password(&"x".repeat(129), "a"),
            Err(AccountError::PasswordTooLong)
        );
        assert_eq!(check_new_password(&"xy".repeat(32), "a"), Ok(()));
    }

    #[test]
    fn usernames() {
        assert_eq!(
            Username::parse(" MotCua.CamLo ").unwrap().as_str(),
            "motcua.camlo"
        );
        assert!(Username::parse("ab").is_err());
        assert!(Username::parse("có dấu").is_err());
        assert!(Username::parse(".dot").is_err());
    }

    #[test]
    fn roles_round_trip() {
        for r in ALL_ROLES {
            assert_eq!(Role::parse(r.as_str()), Ok(r));
        }
    }
}
