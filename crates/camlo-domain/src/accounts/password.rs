//! Password hashing with Argon2id (RFC 9106 parameters as the `argon2` crate's defaults:
//! 19 MiB, 2 passes, 1 lane).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use super::AccountError;

fn hasher() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// Hashes a password into a PHC string (`$argon2id$v=19$...`).
pub fn hash(password: &str) -> Result<String, AccountError> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|_| AccountError::PasswordTooLong)
}

/// Checks a password against a stored PHC string; a malformed hash never verifies.
pub fn verify(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        hasher()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// A hash of a random password, verified against when the username is unknown so that the
/// answer takes the same time as for a wrong password.
pub fn dummy_hash() -> &'static str {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DUMMY.get_or_init(|| hash("camlo-dummy-password-for-timing").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let h = hash("hoa sen nở muộn").unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("hoa sen nở muộn", &h));
        assert!(!verify("hoa sen no muon", &h));
        assert!(!verify("x", "not a hash"));
        assert!(!verify("camlo", dummy_hash()));
    }
}
