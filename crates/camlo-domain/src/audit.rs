//! The tamper-evident audit trail (nhật ký kiểm toán): what an entry holds and how entries chain.
//!
//! Each entry carries the SHA-256 of the previous entry's hash and its own canonical content,
//! so editing, deleting or inserting a row breaks the chain at that row.

use chrono::{DateTime, Utc};
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

impl AuditEntry {
    /// The canonical byte form hashed into the chain.
    fn canonical(&self, seq: i64) -> String {
        // Fields joined with a unit separator that cannot appear in our inputs unescaped.
        let fields = [
            seq.to_string(),
            self.at.timestamp_micros().to_string(),
            self.actor_id.map(|v| v.to_string()).unwrap_or_default(),
            self.actor.clone(),
            self.role.clone().unwrap_or_default(),
            self.unit_id.map(|v| v.to_string()).unwrap_or_default(),
            self.action.clone(),
            self.object.clone(),
            self.outcome.as_str().to_owned(),
            self.request_id.clone(),
            self.client_addr.clone(),
            self.detail.clone(),
        ];
        fields
            .iter()
            .map(|f| f.replace('\u{1f}', "\u{1f}\u{1f}"))
            .collect::<Vec<_>>()
            .join("\u{1f}")
    }

    /// The hash of this entry at position `seq` following `prev_hash`.
    pub fn chain_hash(&self, seq: i64, prev_hash: &str) -> String {
        let mut h = Sha256::new();
        h.update(prev_hash.as_bytes());
        h.update(b"\n");
        h.update(self.canonical(seq).as_bytes());
        hex::encode(h.finalize())
    }
}

/// A stored entry with its place in the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainedEntry {
    /// Position, from 1 with no gaps.
    pub seq: i64,
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
}

impl ChainBreak {
    /// Stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Sequence { .. } => "AUD-0001",
            Self::Link { .. } => "AUD-0002",
            Self::Content { .. } => "AUD-0003",
            Self::Head { .. } => "AUD-0004",
        }
    }
}

/// Incremental verifier: feed entries in stored order, then `finish` with the chain head.
#[derive(Debug, Clone)]
pub struct Verifier {
    expected_seq: i64,
    prev_hash: String,
}

impl Default for Verifier {
    fn default() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
        }
    }
}

impl Verifier {
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
        if e.entry.chain_hash(e.seq, &e.prev_hash) != e.hash {
            return Err(ChainBreak::Content { seq: e.seq });
        }
        self.expected_seq += 1;
        self.prev_hash.clone_from(&e.hash);
        Ok(())
    }

    /// Checks the head (count and last hash kept beside the chain).
    pub fn finish(&self, head_seq: i64, head_hash: &str) -> Result<i64, ChainBreak> {
        let last = self.expected_seq - 1;
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
        let mut v = Verifier::default();
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
}
