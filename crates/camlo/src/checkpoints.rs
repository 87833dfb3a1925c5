//! Signed audit checkpoints on disk: the Ed25519 key (kept outside the database, by default
//! `<data>/audit-signing.key`) and the checkpoint files (`checkpoint-<seq>.json`, by default in
//! `<data>/audit-checkpoints/`; point the folder at storage the database's administrators
//! cannot rewrite). `camlo audit verify` holds the chain to every checkpoint it finds.

use std::path::{Path, PathBuf};

use anyhow::Context;
use camlo_domain::audit::{AuditKey, ChainBreak, Checkpoint, new_signing_key};
use camlo_store::{Store, audit};
use chrono::{DateTime, Utc};

use crate::config::Config;

/// Where the key file is.
pub fn key_path(cfg: &Config) -> PathBuf {
    cfg.audit_key
        .clone()
        .unwrap_or_else(|| cfg.data.join("audit-signing.key"))
}

/// Where checkpoints are written and read.
pub fn dir(cfg: &Config) -> PathBuf {
    cfg.audit_checkpoints
        .clone()
        .unwrap_or_else(|| cfg.data.join("audit-checkpoints"))
}

/// Reads the key file; `None` when it does not exist.
pub fn load_key(cfg: &Config) -> anyhow::Result<Option<AuditKey>> {
    let path = key_path(cfg);
    match std::fs::read_to_string(&path) {
        Ok(text) => AuditKey::parse(&text)
            .map(Some)
            .with_context(|| format!("{} is not an audit key", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

/// Creates the signing key when there is none (`migrate`, `demo`); never replaces one.
/// The public half is written beside it (`.pub`) for copying off-box.
pub fn ensure_key(cfg: &Config) -> anyhow::Result<AuditKey> {
    if let Some(k) = load_key(cfg)? {
        return Ok(k);
    }
    let path = key_path(cfg);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let key = new_signing_key().map_err(|e| anyhow::anyhow!("no randomness: {e}"))?;
    write_private(&path, &AuditKey::private_text(&key))
        .with_context(|| format!("cannot write {}", path.display()))?;
    std::fs::write(
        path.with_extension("pub"),
        AuditKey::public_text(&key.verifying_key()),
    )?;
    println!("audit signing key created: {}", path.display());
    Ok(AuditKey::Signing(key))
}

#[cfg(unix)]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    f.write_all(text.as_bytes())?;
    f.sync_all()
}

#[cfg(not(unix))]
fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    std::fs::write(path, text)
}

/// The highest record covered by a checkpoint in the folder (0 when none).
pub fn last_seq(dir: &Path) -> i64 {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            e.file_name()
                .to_str()?
                .strip_prefix("checkpoint-")?
                .strip_suffix(".json")?
                .parse::<i64>()
                .ok()
        })
        .max()
        .unwrap_or(0)
}

/// Signs the chain's head and writes it, unless a checkpoint already covers it.
/// Returns the record covered when one was written.
pub async fn write(
    store: &Store,
    key: &AuditKey,
    dir: &Path,
    now: DateTime<Utc>,
) -> anyhow::Result<Option<i64>> {
    let signing = key.signing().context(
        "the audit key file holds only the public key; checkpoints need the private key",
    )?;
    let (seq, hash) = audit::head(store).await?;
    if seq == 0 || last_seq(dir) >= seq {
        return Ok(None);
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let cp = Checkpoint::sign(signing, seq, &hash, now);
    let name = format!("checkpoint-{seq:012}.json");
    let tmp = dir.join(format!(".{name}.tmp"));
    std::fs::write(&tmp, serde_json::to_vec_pretty(&cp)?)?;
    std::fs::File::open(&tmp)?.sync_all()?;
    std::fs::rename(&tmp, dir.join(&name))?;
    Ok(Some(seq))
}

/// Every checkpoint in the folder, each checked against the key: the first one that does not
/// parse or verify is the answer's `Err`.
pub fn read_all(dir: &Path, key: &AuditKey) -> anyhow::Result<Result<Vec<Checkpoint>, ChainBreak>> {
    let verifying = key.verifying();
    let mut names: Vec<String> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .flatten()
            .filter_map(|e| e.file_name().to_str().map(str::to_owned))
            .filter(|n| n.starts_with("checkpoint-") && n.ends_with(".json"))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read {}", dir.display())),
    };
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for name in names {
        let bytes = std::fs::read(dir.join(&name))?;
        match serde_json::from_slice::<Checkpoint>(&bytes) {
            Ok(cp) if cp.verify(&verifying) => out.push(cp),
            _ => return Ok(Err(ChainBreak::Signature { name })),
        }
    }
    Ok(Ok(out))
}

/// Writes a checkpoint whenever `every_records` records were appended since the last one, or
/// some were and `every_secs` passed; runs until the process ends.
pub async fn run(
    store: Store,
    key: AuditKey,
    dir: PathBuf,
    every_records: u64,
    every_secs: u64,
    now: impl Fn() -> DateTime<Utc>,
) {
    let every_records = i64::try_from(every_records.max(1)).unwrap_or(i64::MAX);
    let mut last_at = now();
    loop {
        tokio::time::sleep(std::time::Duration::from_secs(10)).await;
        let Ok((seq, _)) = audit::head(&store).await else {
            continue;
        };
        let last = last_seq(&dir);
        let due = seq - last >= every_records
            || (seq > last
                && now().signed_duration_since(last_at).num_seconds()
                    >= i64::try_from(every_secs).unwrap_or(i64::MAX));
        if !due {
            continue;
        }
        match write(&store, &key, &dir, now()).await {
            Ok(Some(seq)) => {
                last_at = now();
                tracing::info!(seq, "audit checkpoint written");
            }
            Ok(None) => {}
            Err(e) => tracing::error!(error = %e, "audit checkpoint failed"),
        }
    }
}
