//! Identity numbers and contact details, parsed at the boundary (DOMAIN.md §6.6–6.7).

use super::AccountError;
use serde::{Deserialize, Serialize};

/// Province codes of TT 07/2016/TT-BCA Annex 1 (first three digits of a CCCD).
const PROVINCE_CODES: [u16; 63] = [
    1, 2, 4, 6, 8, 10, 11, 12, 14, 15, 17, 19, 20, 22, 24, 25, 26, 27, 30, 31, 33, 34, 35, 36, 37,
    38, 40, 42, 44, 45, 46, 48, 49, 51, 52, 54, 56, 58, 60, 62, 64, 66, 67, 68, 70, 72, 74, 75, 77,
    79, 80, 82, 83, 84, 86, 87, 89, 91, 92, 93, 94, 95, 96,
];

/// A 12-digit citizen identity number (số định danh cá nhân, CCCD).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cccd(String);

impl Cccd {
    /// Validates the structure: 12 digits, a known province code, a century-and-sex digit
    /// giving a birth year not after `current_year`.
    pub fn parse(raw: &str, current_year: i32) -> Result<Self, AccountError> {
        let s: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
        if s.len() != 12 || !s.chars().all(|c| c.is_ascii_digit()) {
            return Err(AccountError::BadCccd);
        }
        let province: u16 = s[0..3].parse().map_err(|_| AccountError::BadCccd)?;
        if !PROVINCE_CODES.contains(&province) {
            return Err(AccountError::BadCccd);
        }
        let id = Self(s);
        if id.birth_year() > current_year {
            return Err(AccountError::BadCccd);
        }
        Ok(id)
    }

    /// Birth year: 1900 + 100·⌊d4/2⌋ + d5d6.
    pub fn birth_year(&self) -> i32 {
        let digit = |i: usize| i32::from(self.0.as_bytes()[i] - b'0');
        1900 + 100 * (digit(3) / 2) + digit(4) * 10 + digit(5)
    }

    /// True for a male holder (even century digit).
    pub fn is_male(&self) -> bool {
        (self.0.as_bytes()[3] - b'0').is_multiple_of(2)
    }

    /// The full number, for storage only; never log it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The masked form for logs and screens: `0450****6789`.
    pub fn masked(&self) -> String {
        format!("{}****{}", &self.0[..4], &self.0[8..])
    }
}

/// A Vietnamese mobile number, stored in the national 10-digit form `0xxxxxxxxx`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    /// Accepts `0xxxxxxxxx` or `+84xxxxxxxxx` (spaces, dots and hyphens ignored) with a mobile prefix.
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let digits: String = raw
            .chars()
            .filter(|c| !matches!(c, ' ' | '.' | '-'))
            .collect();
        let national = if let Some(rest) = digits.strip_prefix("+84") {
            format!("0{rest}")
        } else {
            digits
        };
        if national.len() != 10 || !national.chars().all(|c| c.is_ascii_digit()) {
            return Err(AccountError::BadPhone);
        }
        let b = national.as_bytes();
        let (p1, p2) = (b[1], b[2]);
        let ok = match p1 {
            b'3' => (b'2'..=b'9').contains(&p2),
            b'5' => matches!(p2, b'2' | b'5' | b'6' | b'8' | b'9'),
            b'7' => matches!(p2, b'0' | b'6'..=b'9'),
            b'8' => (b'1'..=b'9').contains(&p2),
            b'9' => matches!(p2, b'0'..=b'4' | b'6'..=b'9'),
            _ => false,
        };
        if ok {
            Ok(Self(national))
        } else {
            Err(AccountError::BadPhone)
        }
    }

    /// The national form.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An e-mail address, minimally checked (one `@`, a dotted domain, no spaces), lower-cased domain.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    /// Parses an address.
    pub fn parse(raw: &str) -> Result<Self, AccountError> {
        let s = raw.trim();
        let (local, domain) = s.split_once('@').ok_or(AccountError::BadEmail)?;
        let ok = !local.is_empty()
            && local.len() <= 64
            && domain.len() <= 253
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !s.chars().any(|c| c.is_whitespace() || c.is_control())
            && !domain.contains('@');
        if ok {
            Ok(Self(format!("{local}@{}", domain.to_lowercase())))
        } else {
            Err(AccountError::BadEmail)
        }
    }

    /// The address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cccd_cases() {
        let cases = [
            ("045085001234", Some((1985, true))),
            ("045185001234", Some((1985, false))),
            ("001203004567", Some((2003, true))),
            ("001303004567", Some((2003, false))),
            ("045 085 001 234", Some((1985, true))),
            ("003085001234", None), // 003 is not a province code
            ("04508500123", None),  // 11 digits
            ("04508500123a", None),
            ("045230001234", None), // born 2030, after 2026
        ];
        for (raw, expect) in cases {
            let got = Cccd::parse(raw, 2026)
                .ok()
                .map(|c| (c.birth_year(), c.is_male()));
            assert_eq!(got, expect, "{raw}");
        }
        assert_eq!(
            Cccd::parse("045085001234", 2026).unwrap().masked(),
            "0450****1234"
        );
    }

    #[test]
    fn phones() {
        for (raw, ok) in [
            ("0912345678", true),
            ("+84 912 345 678", true),
            ("0321234567", true),
            ("0311234567", false),
            ("0951234567", false),
            ("0233387153", false),
            ("091234567", false),
        ] {
            assert_eq!(PhoneNumber::parse(raw).is_ok(), ok, "{raw}");
        }
        assert_eq!(
            PhoneNumber::parse("+84912345678").unwrap().as_str(),
            "0912345678"
        );
    }

    #[test]
    fn emails() {
        assert_eq!(
            Email::parse("A.B@Example.VN").unwrap().as_str(),
            "A.B@example.vn"
        );
        for bad in ["no-at", "a@b", "a b@c.vn", "@c.vn", "a@.vn"] {
            assert!(Email::parse(bad).is_err(), "{bad}");
        }
    }
}
