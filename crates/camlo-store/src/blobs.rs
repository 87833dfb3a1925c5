//! Content-addressed file store on the local disk: a file is kept once, under its SHA-256, at
//! `<root>/<first two hex digits>/<sha256>`. Written to a temporary file, synced, then renamed,
//! so a crash never leaves a half-written blob under a valid name.

use std::io::Write;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::{Result, StoreError};

/// A folder of blobs.
#[derive(Debug, Clone)]
pub struct Blobs {
    root: PathBuf,
}

fn valid(sha: &str) -> bool {
    sha.len() == 64
        && sha
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

impl Blobs {
    /// A store rooted at `root` (created on first write).
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The root folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    fn path(&self, sha: &str) -> PathBuf {
        self.root.join(&sha[..2]).join(sha)
    }

    /// Stores bytes durably; returns their SHA-256.
    pub fn put(&self, bytes: &[u8]) -> Result<String> {
        let sha = hex::encode(Sha256::digest(bytes));
        let path = self.path(&sha);
        if path.exists() {
            return Ok(sha);
        }
        let dir = self.root.join(&sha[..2]);
        std::fs::create_dir_all(&dir)?;
        let tmp = dir.join(format!(".{sha}.{}", crate::random_hex(4)?));
        {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        std::fs::rename(&tmp, &path)?;
        if let Ok(d) = std::fs::File::open(&dir) {
            let _ = d.sync_all();
        }
        Ok(sha)
    }

    /// Reads a blob.
    pub fn get(&self, sha: &str) -> Result<Vec<u8>> {
        if !valid(sha) {
            return Err(StoreError::NotFound);
        }
        match std::fs::read(self.path(sha)) {
            Ok(b) => Ok(b),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(StoreError::NotFound),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_addressed_round_trip() {
        let dir =
            std::env::temp_dir().join(format!("camlo-blobs-{}", crate::random_hex(6).unwrap()));
        let b = Blobs::new(&dir);
        let sha = b.put(b"%PDF-1.4 hello").unwrap();
        assert_eq!(sha.len(), 64);
        assert_eq!(b.put(b"%PDF-1.4 hello").unwrap(), sha, "stored once");
        assert_eq!(b.get(&sha).unwrap(), b"%PDF-1.4 hello");
        assert!(b.get("../../etc/passwd").is_err());
        std::fs::remove_dir_all(dir).unwrap();
    }
}
