//! Time enters camlo as an argument. The binary owns the one `SystemClock`; tests use a fake.

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};

/// A source of the current instant, injected wherever "now" matters.
pub trait Clock: Send + Sync + 'static {
    /// The current instant in UTC.
    fn now(&self) -> DateTime<Utc>;
}

/// Vietnam's offset (Asia/Ho_Chi_Minh has been UTC+7 without DST since 1975).
pub fn vietnam_offset() -> FixedOffset {
    // 7 * 3600 is always a valid offset; `east_opt` only fails beyond ±24 h.
    FixedOffset::east_opt(7 * 3600).unwrap_or_else(|| Utc.fix())
}

use chrono::Offset;
use chrono::TimeZone as _;

/// The local wall-clock time in Vietnam for an instant.
pub fn to_local(at: DateTime<Utc>) -> NaiveDateTime {
    at.with_timezone(&vietnam_offset()).naive_local()
}

/// The UTC instant of a Vietnamese wall-clock time.
pub fn from_local(local: NaiveDateTime) -> DateTime<Utc> {
    match vietnam_offset().from_local_datetime(&local).single() {
        Some(t) => t.with_timezone(&Utc),
        None => Utc.from_utc_datetime(&local),
    }
}

/// Formats an instant as `dd/mm/yyyy HH:MM` in Vietnam's time.
pub fn format_local(at: DateTime<Utc>) -> String {
    to_local(at).format("%d/%m/%Y %H:%M").to_string()
}

/// Formats an instant as `dd/mm/yyyy` in Vietnam's time.
pub fn format_local_date(at: DateTime<Utc>) -> String {
    to_local(at).format("%d/%m/%Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn local_time_is_utc_plus_seven() {
        let at = Utc.with_ymd_and_hms(2026, 12, 31, 17, 30, 0).unwrap();
        assert_eq!(format_local(at), "01/01/2027 00:30");
        let local = NaiveDate::from_ymd_opt(2027, 1, 1)
            .unwrap()
            .and_hms_opt(0, 30, 0)
            .unwrap();
        assert_eq!(from_local(local), at);
    }
}
