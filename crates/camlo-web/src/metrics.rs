//! Request counters exposed at `/metrics` in the Prometheus text format.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};

/// Process-wide counters.
#[derive(Debug, Default)]
pub struct Metrics {
    by_class: [AtomicU64; 5],
    duration_micros: AtomicU64,
    logins_ok: AtomicU64,
    logins_failed: AtomicU64,
    denials: AtomicU64,
}

impl Metrics {
    /// Counts one finished request.
    pub fn request(&self, status: u16, micros: u64) {
        let class = usize::from(status / 100).clamp(1, 5) - 1;
        self.by_class[class].fetch_add(1, Ordering::Relaxed);
        self.duration_micros.fetch_add(micros, Ordering::Relaxed);
    }

    /// Counts a login attempt.
    pub fn login(&self, ok: bool) {
        if ok {
            &self.logins_ok
        } else {
            &self.logins_failed
        }
        .fetch_add(1, Ordering::Relaxed);
    }

    /// Counts an authorisation denial.
    pub fn denial(&self) {
        self.denials.fetch_add(1, Ordering::Relaxed);
    }

    /// The text exposition.
    pub fn render(&self, db_up: bool, writes: camlo_store::group::GroupStats) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "# HELP camlo_http_requests_total HTTP requests by status class."
        );
        let _ = writeln!(s, "# TYPE camlo_http_requests_total counter");
        let mut total = 0;
        for (i, c) in self.by_class.iter().enumerate() {
            let n = c.load(Ordering::Relaxed);
            total += n;
            let _ = writeln!(s, "camlo_http_requests_total{{class=\"{}xx\"}} {n}", i + 1);
        }
        let _ = writeln!(
            s,
            "# HELP camlo_http_request_duration_seconds Time spent serving requests."
        );
        let _ = writeln!(s, "# TYPE camlo_http_request_duration_seconds summary");
        let secs = self.duration_micros.load(Ordering::Relaxed) as f64 / 1e6;
        let _ = writeln!(s, "camlo_http_request_duration_seconds_sum {secs}");
        let _ = writeln!(s, "camlo_http_request_duration_seconds_count {total}");
        let _ = writeln!(s, "# TYPE camlo_logins_total counter");
        let _ = writeln!(
            s,
            "camlo_logins_total{{outcome=\"success\"}} {}",
            self.logins_ok.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            s,
            "camlo_logins_total{{outcome=\"failure\"}} {}",
            self.logins_failed.load(Ordering::Relaxed)
        );
        let _ = writeln!(s, "# TYPE camlo_authz_denials_total counter");
        let _ = writeln!(
            s,
            "camlo_authz_denials_total {}",
            self.denials.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            s,
            "# HELP camlo_write_batches_total Shared write transactions committed (group commit)."
        );
        let _ = writeln!(s, "# TYPE camlo_write_batches_total counter");
        let _ = writeln!(s, "camlo_write_batches_total {}", writes.batches);
        let _ = writeln!(
            s,
            "# HELP camlo_write_jobs_total Writes carried by those transactions."
        );
        let _ = writeln!(s, "# TYPE camlo_write_jobs_total counter");
        let _ = writeln!(s, "camlo_write_jobs_total {}", writes.jobs);
        let _ = writeln!(s, "# TYPE camlo_database_up gauge");
        let _ = writeln!(s, "camlo_database_up {}", u8::from(db_up));
        s
    }
}
