//! The tamper-evident audit trail (nhật ký kiểm toán): what an entry holds and how entries chain.
//!
//! Each entry carries the SHA-256 of the previous entry's hash and its own canonical content,
//! so editing, deleting or inserting a row breaks the chain at that row. Someone who can write
//! the database could still cut the tail or re-hash after an edit; signed [`Checkpoint`]s kept
//! outside the database (Ed25519, the key outside the database too) catch both.

use chrono::{DateTime, Utc};
pub use ed25519_dalek::{SigningKey, VerifyingKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// Hash of the chain before the first entry.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Whether the audited action succeeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Done.
    Success,
    /// Refused or failed (wrong password, bad input).
    Failure,
    /// Refused by the authorisation policy.
    Denied,
}

impl Outcome {
    /// Stable storage name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Failure => "failure",
            Self::Denied => "denied",
        }
    }
}

/// One audit record, as written in the same transaction as the change it records.
/// Never holds a password, token or OTP; identity numbers only masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// When (UTC).
    pub at: DateTime<Utc>,
    /// Acting account id, if known.
    pub actor_id: Option<i64>,
    /// Acting username or a description ("anonymous", "system").
    pub actor: String,
    /// Role the actor acted in, if any.
    pub role: Option<String>,
    /// Unit the action concerned or the actor acted for.
    pub unit_id: Option<i64>,
    /// Dotted action name, e.g. `session.login`, `account.create`.
    pub action: String,
    /// The object acted on, e.g. `account:12`.
    pub object: String,
    /// Outcome.
    pub outcome: Outcome,
    /// Request id, for correlation with logs.
    pub request_id: String,
    /// Client address.
    pub client_addr: String,
    /// Extra facts as JSON text (never secrets).
    pub detail: String,
}

/// The record layout written today. Version 1 (fields joined by a separator whose doubling
/// made two different records encode alike) is still verified as written; version 2 prefixes
/// every field with its length. A chain never goes back from 2 to 1.
pub const CURRENT_VERSION: i64 = 2;

impl AuditEntry {
    fn fields(&self, seq: i64) -> [Option<String>; 12] {
        [
            Some(seq.to_string()),
            Some(self.at.timestamp_micros().to_string()),
            self.actor_id.map(|v| v.to_string()),
            Some(self.actor.clone()),
            self.role.clone(),
            self.unit_id.map(|v| v.to_string()),
            Some(self.action.clone()),
            Some(self.object.clone()),
            Some(self.outcome.as_str().to_owned()),
            Some(self.request_id.clone()),
            Some(self.client_addr.clone()),
            Some(self.detail.clone()),
        ]
    }

    /// Version 1: fields joined with a doubled-escaped unit separator (kept for old records).
    fn canonical_v1(&self, seq: i64) -> Vec<u8> {
        self.fields(seq)
            .iter()
            .map(|f| {
                f.clone()
                    .unwrap_or_default()
                    .replace('\u{1f}', "\u{1f}\u{1f}")
            })
            .collect::<Vec<_>>()
            .join("\u{1f}")
            .into_bytes()
    }

    /// Version 2: every field as `<byte length>:<bytes>`, an absent one as `-`, so two
    /// different records never encode alike.
    fn canonical_v2(&self, seq: i64) -> Vec<u8> {
        let mut out = b"camlo-audit-v2".to_vec();
        for f in self.fields(seq) {
            match f {
                Some(v) => {
                    out.extend_from_slice(format!("{}:", v.len()).as_bytes());
                    out.extend_from_slice(v.as_bytes());
                }
                None => out.push(b'-'),
            }
        }
        out
    }

    /// The hash of this entry at position `seq` following `prev_hash`, in the current layout.
    pub fn chain_hash(&self, seq: i64, prev_hash: &str) -> String {
        self.chain_hash_v(CURRENT_VERSION, seq, prev_hash)
            .unwrap_or_default()
    }

    /// The hash in a given layout version; `None` for a version this build does not know.
    pub fn chain_hash_v(&self, version: i64, seq: i64, prev_hash: &str) -> Option<String> {
        let body = match version {
            1 => self.canonical_v1(seq),
            2 => self.canonical_v2(seq),
            _ => return None,
        };
        let mut h = Sha256::new();
        h.update(prev_hash.as_bytes());
        h.update(b"\n");
        h.update(&body);
        Some(hex::encode(h.finalize()))
    }
}

/// A stored entry with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedEntry {
    /// Position, from 1 with no gaps.
    pub seq: i64,
    /// Layout version of the hashed form ([`CURRENT_VERSION`] for new records).
    pub version: i64,
    /// The entry.
    pub entry: AuditEntry,
    /// Hash of the previous entry.
    pub prev_hash: String,
    /// This entry's hash.
    pub hash: String,
}

/// Why a chain failed verification.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ChainBreak {
    /// AUD-0001: a sequence number is missing (a deletion) or repeated (an insertion).
    #[error(
        "record {found}: expected sequence number {expected} (a record was deleted or inserted)"
    )]
    Sequence {
        /// What should have come.
        expected: i64,
        /// What came.
        found: i64,
    },
    /// AUD-0002: the stored previous hash does not match (an insertion or reordering).
    #[error("record {seq}: its link to the previous record is broken")]
    Link {
        /// The record.
        seq: i64,
    },
    /// AUD-0003: the content does not match its hash (an edit).
    #[error("record {seq}: its content was changed after it was written")]
    Content {
        /// The record.
        seq: i64,
    },
    /// AUD-0004: the chain head disagrees with the last record (the tail was cut).
    #[error(
        "the chain ends at record {last} but its head says {head}: records were removed from the end"
    )]
    Head {
        /// Last record found.
        last: i64,
        /// Head's count.
        head: i64,
    },
    /// AUD-0005: a record claims an older layout after newer ones (a downgrade to re-hash).
    #[error("record {seq}: layout version {version} after newer records, or unknown")]
    Version {
        /// The record.
        seq: i64,
        /// The version it claims.
        version: i64,
    },
    /// AUD-0006: a signed checkpoint covers a record the chain no longer has (tail cut, head
    /// rewritten, or a truncated backup restored).
    #[error(
        "a signed checkpoint covers record {checkpoint} but the chain ends at record {last}: records were removed from the end"
    )]
    Truncated {
        /// The checkpoint's record.
        checkpoint: i64,
        /// Last record found.
        last: i64,
    },
    /// AUD-0007: a record differs from what a signed checkpoint recorded (rewritten and
    /// re-hashed).
    #[error("record {seq}: differs from the signed checkpoint (the chain was rewritten)")]
    Rewritten {
        /// The record.
        seq: i64,
    },
    /// AUD-0008: a checkpoint's signature does not verify with the audit key (forged or
    /// damaged).
    #[error("checkpoint {name}: its signature does not verify with the audit key")]
    Signature {
        /// File name of the checkpoint.
        name: String,
    },
}

impl ChainBreak {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Sequence { .. } => "AUD-0001",
            Self::Link { .. } => "AUD-0002",
            Self::Content { .. } => "AUD-0003",
            Self::Head { .. } => "AUD-0004",
            Self::Version { .. } => "AUD-0005",
            Self::Truncated { .. } => "AUD-0006",
            Self::Rewritten { .. } => "AUD-0007",
            Self::Signature { .. } => "AUD-0008",
        }
    }
}

/// A signed statement "the chain had record `seq` with hash `hash`", written outside the
/// database so that someone who can rewrite the database cannot rewrite it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Checkpoint {
    /// The record covered.
    pub seq: i64,
    /// Its chain hash.
    pub hash: String,
    /// When the checkpoint was made (UTC).
    pub at: DateTime<Utc>,
    /// Ed25519 signature of [`Checkpoint::message`], hex.
    pub signature: String,
    /// The public key that signed it, hex (informational: verification uses the configured key).
    pub key: String,
}

impl Checkpoint {
    fn message(seq: i64, hash: &str, at: DateTime<Utc>) -> Vec<u8> {
        format!(
            "camlo-audit-checkpoint-v1\n{seq}\n{hash}\n{}",
            at.timestamp_micros()
        )
        .into_bytes()
    }

    /// Signs the chain's state at record `seq`.
    pub fn sign(key: &SigningKey, seq: i64, hash: &str, at: DateTime<Utc>) -> Self {
        use ed25519_dalek::Signer;
        let sig = key.sign(&Self::message(seq, hash, at));
        Self {
            seq,
            hash: hash.to_owned(),
            at,
            signature: hex::encode(sig.to_bytes()),
            key: hex::encode(key.verifying_key().to_bytes()),
        }
    }

    /// True when the signature is the key's over these values.
    pub fn verify(&self, key: &VerifyingKey) -> bool {
        let Ok(bytes) = hex::decode(&self.signature) else {
            return false;
        };
        let Ok(sig) = ed25519_dalek::Signature::from_slice(&bytes) else {
            return false;
        };
        key.verify_strict(&Self::message(self.seq, &self.hash, self.at), &sig)
            .is_ok()
    }
}

/// A new random signing key.
pub fn new_signing_key() -> Result<SigningKey, getrandom::Error> {
    let mut seed = [0u8; 32];
    getrandom::fill(&mut seed)?;
    Ok(SigningKey::from_bytes(&seed))
}

/// An audit key file's content: the private key (signs and verifies) or only the public key
/// (verifies: what an operator keeps off-box to check checkpoints).
#[derive(Debug, Clone)]
pub enum AuditKey {
    /// `ed25519-private:<hex>`.
    Signing(SigningKey),
    /// `ed25519-public:<hex>`.
    Verifying(VerifyingKey),
}

impl AuditKey {
    /// Reads a key file's text; `None` when it is neither form.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        let bytes =
            |hex_text: &str| -> Option<[u8; 32]> { hex::decode(hex_text).ok()?.try_into().ok() };
        if let Some(h) = text.strip_prefix("ed25519-private:") {
            return Some(Self::Signing(SigningKey::from_bytes(&bytes(h)?)));
        }
        let h = text.strip_prefix("ed25519-public:")?;
        VerifyingKey::from_bytes(&bytes(h)?)
            .ok()
            .map(Self::Verifying)
    }

    /// The key that checks signatures.
    pub fn verifying(&self) -> VerifyingKey {
        match self {
            Self::Signing(k) => k.verifying_key(),
            Self::Verifying(k) => *k,
        }
    }

    /// The key that signs, if this file holds it.
    pub fn signing(&self) -> Option<&SigningKey> {
        match self {
            Self::Signing(k) => Some(k),
            Self::Verifying(_) => None,
        }
    }

    /// The private key file's text.
    pub fn private_text(key: &SigningKey) -> String {
        format!("ed25519-private:{}\n", hex::encode(key.to_bytes()))
    }

    /// The public key file's text.
    pub fn public_text(key: &VerifyingKey) -> String {
        format!("ed25519-public:{}\n", hex::encode(key.to_bytes()))
    }
}

/// Incremental verifier: feed entries in stored order, then `finish` with the chain head.
#[derive(Debug, Clone)]
pub struct Verifier {
    expected_seq: i64,
    prev_hash: String,
    version: i64,
    /// Signed checkpoints by record, checked as the records pass.
    checkpoints: std::collections::BTreeMap<i64, String>,
}

impl Default for Verifier {
    fn default() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
            version: 1,
            checkpoints: std::collections::BTreeMap::new(),
        }
    }
}

impl Verifier {
    /// A verifier that also holds the chain to checkpoints whose signatures verified.
    pub fn with_checkpoints(checkpoints: &[Checkpoint]) -> Self {
        Self {
            checkpoints: checkpoints
                .iter()
                .map(|c| (c.seq, c.hash.clone()))
                .collect(),
            ..Self::default()
        }
    }

    /// Checks the next stored entry.
    pub fn push(&mut self, e: &ChainedEntry) -> Result<(), ChainBreak> {
        if e.seq != self.expected_seq {
            return Err(ChainBreak::Sequence {
                expected: self.expected_seq,
                found: e.seq,
            });
        }
        if e.prev_hash != self.prev_hash {
            return Err(ChainBreak::Link { seq: e.seq });
        }
        if e.version < self.version || e.version > CURRENT_VERSION {
            return Err(ChainBreak::Version {
                seq: e.seq,
                version: e.version,
            });
        }
        if e.entry
            .chain_hash_v(e.version, e.seq, &e.prev_hash)
            .as_deref()
            != Some(&e.hash)
        {
            return Err(ChainBreak::Content { seq: e.seq });
        }
        if let Some(signed) = self.checkpoints.get(&e.seq)
            && *signed != e.hash
        {
            return Err(ChainBreak::Rewritten { seq: e.seq });
        }
        self.expected_seq += 1;
        self.version = e.version;
        self.prev_hash.clone_from(&e.hash);
        Ok(())
    }

    /// Checks the head (count and last hash kept beside the chain) and that no signed
    /// checkpoint lies beyond the last record.
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        let last = self.expected_seq - 1;
        if let Some((&checkpoint, _)) = self.checkpoints.range(last + 1..).next_back() {
            return Err(ChainBreak::Truncated { checkpoint, last });
        }
        if head_seq != last || head_hash != self.prev_hash {
            return Err(ChainBreak::Head {
                last,
                head: head_seq,
            });
        }
        Ok(last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn entry(action: &str) -> AuditEntry {
        AuditEntry {
            at: Utc.with_ymd_and_hms(2026, 11, 29, 1, 0, 0).unwrap(),
            actor_id: Some(1),
            actor: "admin".into(),
            role: Some("system_admin".into()),
            unit_id: None,
            action: action.into(),
            object: "account:2".into(),
            outcome: Outcome::Success,
            request_id: "r1".into(),
            client_addr: "127.0.0.1".into(),
            detail: "{}".into(),
        }
    }

    fn chain(n: i64) -> Vec<ChainedEntry> {
        let mut prev = GENESIS_HASH.to_owned();
        (1..=n)
            .map(|seq| {
                let e = entry(&format!("a{seq}"));
                let hash = e.chain_hash(seq, &prev);
                let c = ChainedEntry {
                    seq,
                    version: CURRENT_VERSION,
                    entry: e,
                    prev_hash: prev.clone(),
                    hash: hash.clone(),
                };
                prev = hash;
                c
            })
            .collect()
    }

    fn verify(rows: &[ChainedEntry], head: (i64, &str)) -> Result<i64, ChainBreak> {
        verify_with(rows, head, &[])
    }

    fn verify_with(
        rows: &[ChainedEntry],
        head: (i64, &str),
        checkpoints: &[Checkpoint],
    ) -> Result<i64, ChainBreak> {
        let mut v = Verifier::with_checkpoints(checkpoints);
        for r in rows {
            v.push(r)?;
        }
        v.finish(head.0, head.1)
    }

    #[test]
    fn detects_edit_delete_insert_and_truncation() {
        let good = chain(5);
        let head = (5, good[4].hash.clone());
        assert_eq!(verify(&good, (head.0, &head.1)), Ok(5));

        let mut edited = good.clone();
        edited[2].entry.outcome = Outcome::Failure;
        assert_eq!(
            verify(&edited, (head.0, &head.1)),
            Err(ChainBreak::Content { seq: 3 })
        );

        let mut deleted = good.clone();
        deleted.remove(1);
        assert_eq!(
            verify(&deleted, (head.0, &head.1)),
            Err(ChainBreak::Sequence {
                expected: 2,
                found: 3
            })
        );

        let mut inserted = good.clone();
        let mut fake = good[1].clone();
        fake.entry.action = "forged".into();
        fake.hash = fake.entry.chain_hash(fake.seq, &fake.prev_hash);
        inserted.insert(2, fake);
        assert!(verify(&inserted, (head.0, &head.1)).is_err());

        assert_eq!(
            verify(&good[..4], (head.0, &head.1)),
            Err(ChainBreak::Head { last: 4, head: 5 })
        );
    }

    #[test]
    fn length_prefixed_layout_tells_apart_what_the_separator_layout_confused() {
        let mut a = entry("x");
        a.actor = "a\u{1f}".into();
        a.role = Some("r".into());
        let mut b = entry("x");
        b.actor = "a".into();
        b.role = Some("\u{1f}r".into());
        assert_eq!(
            a.chain_hash_v(1, 1, GENESIS_HASH),
            b.chain_hash_v(1, 1, GENESIS_HASH),
            "version 1 was ambiguous"
        );
        assert_ne!(a.chain_hash(1, GENESIS_HASH), b.chain_hash(1, GENESIS_HASH));
        let mut none = entry("x");
        none.role = None;
        let mut empty = entry("x");
        empty.role = Some(String::new());
        assert_ne!(
            none.chain_hash(1, GENESIS_HASH),
            empty.chain_hash(1, GENESIS_HASH)
        );
    }

    #[test]
    fn old_records_verify_with_their_version_and_never_after_newer_ones() {
        let mut rows = chain(3);
        // Re-chain the first record in layout 1, as an older build wrote it.
        let mut prev = GENESIS_HASH.to_owned();
        for (i, r) in rows.iter_mut().enumerate() {
            r.version = if i == 0 { 1 } else { 2 };
            r.prev_hash.clone_from(&prev);
            r.hash = r.entry.chain_hash_v(r.version, r.seq, &prev).unwrap();
            prev.clone_from(&r.hash);
        }
        assert_eq!(verify(&rows, (3, &prev)), Ok(3));
        let mut down = rows.clone();
        down[2].version = 1;
        down[2].hash = down[2]
            .entry
            .chain_hash_v(1, 3, &down[2].prev_hash)
            .unwrap();
        let head = down[2].hash.clone();
        assert_eq!(
            verify(&down, (3, &head)),
            Err(ChainBreak::Version { seq: 3, version: 1 })
        );
    }

    #[test]
    fn signed_checkpoints_catch_a_cut_tail_with_a_rewritten_head_and_a_rehashed_edit() {
        let key = new_signing_key().unwrap();
        let good = chain(6);
        let at = Utc.with_ymd_and_hms(2026, 11, 29, 2, 0, 0).unwrap();
        let cp = Checkpoint::sign(&key, 5, &good[4].hash, at);
        assert!(cp.verify(&key.verifying_key()));
        let text = AuditKey::private_text(&key);
        let back = AuditKey::parse(&text).unwrap();
        assert_eq!(back.verifying(), key.verifying_key());
        let public = AuditKey::parse(&AuditKey::public_text(&key.verifying_key())).unwrap();
        assert!(public.signing().is_none() && cp.verify(&public.verifying()));
        assert!(AuditKey::parse("ed25519-private:zz").is_none());
        let mut forged = cp.clone();
        forged.seq = 3;
        assert!(!forged.verify(&key.verifying_key()));
        let other = new_signing_key().unwrap();
        assert!(!cp.verify(&other.verifying_key()));

        assert_eq!(
            verify_with(&good, (6, &good[5].hash), std::slice::from_ref(&cp)),
            Ok(6)
        );
        // Cut after record 3 and rewrite the head to match: the chain alone looks fine.
        assert_eq!(verify(&good[..3], (3, &good[2].hash)), Ok(3));
        assert_eq!(
            verify_with(&good[..3], (3, &good[2].hash), std::slice::from_ref(&cp)),
            Err(ChainBreak::Truncated {
                checkpoint: 5,
                last: 3
            })
        );
        // Edit record 2 and re-hash everything after it.
        let mut rehashed = good.clone();
        rehashed[1].entry.actor = "someone else".into();
        let mut prev = rehashed[0].hash.clone();
        for r in rehashed.iter_mut().skip(1) {
            r.prev_hash.clone_from(&prev);
            r.hash = r.entry.chain_hash(r.seq, &prev);
            prev.clone_from(&r.hash);
        }
        assert_eq!(verify(&rehashed, (6, &prev)), Ok(6));
        assert_eq!(
            verify_with(&rehashed, (6, &prev), std::slice::from_ref(&cp)),
            Err(ChainBreak::Rewritten { seq: 5 })
        );
    }
}
