//! A clock that tests move by hand; no test ever sleeps.

use std::sync::{Arc, Mutex};

use camlo_domain::Clock;
use chrono::{DateTime, Duration, TimeZone, Utc};

/// A settable clock shared between the test and the server.
#[derive(Debug, Clone)]
pub struct FakeClock(Arc<Mutex<DateTime<Utc>>>);

impl FakeClock {
    /// A clock at a fixed instant: Monday 2 November 2026, 09:00 in Vietnam.
    pub fn new() -> Self {
        Self::at(Utc.with_ymd_and_hms(2026, 11, 2, 2, 0, 0).unwrap())
    }

    /// A clock at `at`.
    pub fn at(at: DateTime<Utc>) -> Self {
        Self(Arc::new(Mutex::new(at)))
    }

    /// Moves time forward.
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }

    /// Sets the time.
    pub fn set(&self, at: DateTime<Utc>) {
        *self.0.lock().unwrap() = at;
    }
}

impl Default for FakeClock {
    fn default() -> Self {
        Self::new()
    }
}

impl Clock for FakeClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap()
    }
}
