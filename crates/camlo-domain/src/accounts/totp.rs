//! Time-based one-time passwords (RFC 6238: HMAC-SHA1, 6 digits, 30 s steps, ±1 step skew).

use totp_rs::{Builder, Secret, Totp};

use super::AccountError;

fn totp(secret_b32: &str) -> Option<Totp> {
    let secret = Secret::try_from_base32(secret_b32).ok()?;
    Builder::new().with_secret(secret).build().ok()
}

/// A new random 160-bit secret, base32-encoded for authenticator apps.
pub fn new_secret() -> Result<String, AccountError> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|_| AccountError::BadTotp)?;
    Ok(Secret::from(bytes).to_base32())
}

/// Checks a code at `now_secs`; returns the matched time step, which the caller stores and
/// refuses to accept again (no replay).
pub fn check(secret_b32: &str, code: &str, now_secs: i64, last_step: Option<i64>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let now = u64::try_from(now_secs).ok()?;
    let step = i64::try_from(totp(secret_b32)?.check(&code, now)?).ok()?;
    (last_step.is_none_or(|last| step > last)).then_some(step)
}

/// The current code (for tests and the setup page's self-check).
pub fn current_code(secret_b32: &str, now_secs: i64) -> Option<String> {
    Some(
        totp(secret_b32)?
            .generate(u64::try_from(now_secs).ok()?)
            .to_string(),
    )
}

/// The `otpauth://` URI that authenticator apps import.
pub fn otpauth_uri(secret_b32: &str, issuer: &str, account: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    format!(
        "otpauth://totp/{}:{}?secret={secret_b32}&issuer={}&algorithm=SHA1&digits=6&period=30",
        enc(issuer),
        enc(account),
        enc(issuer)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_verify_once() {
        let secret = new_secret().unwrap();
        let now = 1_800_000_000;
        let code = current_code(&secret, now).unwrap();
        let step = check(&secret, &code, now, None).unwrap();
        assert_eq!(
            check(&secret, &code, now, Some(step)),
            None,
            "replay refused"
        );
        assert_eq!(
            check(&secret, "000000", now, None).filter(|_| code != "000000"),
            None
        );
        assert!(check(&secret, &code, now + 3600, None).is_none(), "expired");
    }

    #[test]
    fn rfc6238_vector() {
        // RFC 6238 Appendix B, SHA1, T = 59 s: 94287082 (8 digits) → last 6 digits 287082.
        let secret = Secret::from(b"12345678901234567890".to_vec()).to_base32();
        assert_eq!(current_code(&secret, 59).unwrap(), "287082");
    }
}
