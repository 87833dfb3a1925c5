//! Progress for long operations: a bar on a terminal, plain lines otherwise (logs, CI).

use std::io::{IsTerminal, Write};

/// Reports progress on stderr.
pub struct Progress {
    label: String,
    tty: bool,
    last: Option<(String, u64)>,
}

impl Progress {
    /// Starts reporting for an operation.
    pub fn new(label: &str) -> Self {
        Self {
            label: label.to_owned(),
            tty: std::io::stderr().is_terminal(),
            last: None,
        }
    }

    /// Reports `done` of `total` while working on `what`.
    pub fn step(&mut self, what: &str, done: u64, total: u64) {
        let key = (what.to_owned(), done);
        if self.last.as_ref() == Some(&key) {
            return;
        }
        self.last = Some(key);
        let mut err = std::io::stderr().lock();
        if self.tty {
            let width = 30u64;
            let filled = (done.min(total) * width)
                .checked_div(total)
                .unwrap_or(width);
            let bar: String = (0..width)
                .map(|i| if i < filled { '#' } else { '.' })
                .collect();
            let _ = write!(err, "\r{} [{bar}] {done}/{total} {what:<20}", self.label);
        } else {
            let _ = writeln!(err, "{}: {done}/{total} {what}", self.label);
        }
        let _ = err.flush();
    }

    /// Ends the bar.
    pub fn finish(&mut self) {
        if self.tty {
            let _ = writeln!(std::io::stderr());
        }
    }
}
