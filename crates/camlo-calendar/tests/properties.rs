//! Property tests: deadlines land on working days, never move earlier when reception moves
//! later or a holiday is added, working-hour deadlines consume exactly their budget, and lunar
//! conversions round-trip.

// A test crate: failing loudly is the point.
#![allow(clippy::unwrap_used)]

use camlo_calendar::lunar::{self, LunarDate};
use camlo_calendar::{Holiday, HolidayKind, OfficeHours, WorkCalendar, YearRules};
use chrono::{Datelike, Duration, NaiveDate, NaiveDateTime};
use proptest::prelude::*;
use std::sync::OnceLock;

fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::standard().unwrap())
}

/// A reception time between 2000-01-01 and about 2099, at any minute of the day.
fn instant() -> impl Strategy<Value = NaiveDateTime> {
    (0i64..36_500, 0i64..1440).prop_map(|(d, m)| {
        NaiveDate::from_ymd_opt(2000, 1, 1)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap()
            + Duration::days(d)
            + Duration::minutes(m)
    })
}

proptest! {
    #[test]
    fn deadline_is_a_working_day_at_close(received in instant(), n in 0u32..80) {
        let due = cal().deadline_working_days(received, n).unwrap();
        prop_assert!(cal().is_working_day(due.date()), "{due}");
        prop_assert_eq!(due.time(), cal().office_hours().close_of_day());
        prop_assert!(due > received);
    }

    #[test]
    fn hour_deadline_is_inside_office_hours(received in instant(), h in 1u32..200) {
        let due = cal().deadline_working_hours(received, h).unwrap();
        prop_assert!(cal().is_working_day(due.date()), "{due}");
        let t = due.time();
        prop_assert!(cal().office_hours().sessions.iter().any(|s| s.start < t && t <= s.end), "{due}");
        // Exactly h working hours between reception and due time.
        let r = cal().remaining(received, due).unwrap();
        prop_assert_eq!(r.total_working_minutes, u64::from(h) * 60);
        prop_assert!(!r.late);
    }

    #[test]
    fn later_reception_never_gives_earlier_deadline(a in instant(), delta in 0i64..20_000, n in 0u32..40, h in 0u32..60) {
        let b = a + Duration::minutes(delta);
        prop_assert!(cal().deadline_working_days(a, n).unwrap() <= cal().deadline_working_days(b, n).unwrap());
        prop_assert!(cal().deadline_working_hours(a, h).unwrap() <= cal().deadline_working_hours(b, h).unwrap());
        prop_assert!(cal().deadline_same_day(a).unwrap() <= cal().deadline_same_day(b).unwrap());
        prop_assert!(cal().transfer_due(a).unwrap() <= cal().transfer_due(b).unwrap());
    }

    #[test]
    fn more_working_days_never_earlier(received in instant(), n in 0u32..60) {
        let this = cal().deadline_working_days(received, n).unwrap();
        let next = cal().deadline_working_days(received, n + 1).unwrap();
        // A same-day case received after 15:00 is due the next working day, which is also
        // day 1 of a one-day limit: n = 0 and n = 1 may coincide; from then on each day counts.
        if n == 0 {
            prop_assert!(this <= next);
        } else {
            prop_assert!(this < next);
        }
    }

    #[test]
    fn solar_lunar_solar(d in 0i64..146_000) {
        let date = lunar::MIN_DATE + Duration::days(d);
        let l = lunar::to_lunar(date).unwrap();
        prop_assert_eq!(lunar::lunar_to_solar(l).unwrap(), date);
    }

    #[test]
    fn lunar_solar_lunar(year in 1800i32..2199, month in 1u8..=12, day in 1u8..=30, leap in any::<bool>()) {
        let l = LunarDate { year, month, day, leap };
        match lunar::lunar_to_solar(l) {
            Ok(date) => prop_assert_eq!(lunar::to_lunar(date).unwrap(), l),
            // Only day 30 of a short month or a leap month that does not exist may fail.
            Err(e) => prop_assert!(day == 30 || leap, "{l}: {e}"),
        }
    }
}

proptest! {
    // Each case builds a second calendar, so fewer cases.
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn adding_a_holiday_never_gives_earlier_deadline(received in instant(), n in 0u32..30, h in 0u32..40, extra in 0i64..60) {
        let day = received.date() + Duration::days(extra);
        let mut rules = YearRules::computed(day.year()).unwrap();
        if !rules.days_off.iter().any(|x| x.date == day) {
            rules.days_off.push(Holiday::new(day, HolidayKind::Override, "Nghỉ", "Day off"));
        }
        let more = WorkCalendar::new(OfficeHours::default(), vec![rules]).unwrap();
        prop_assert!(cal().deadline_working_days(received, n).unwrap() <= more.deadline_working_days(received, n).unwrap());
        prop_assert!(cal().deadline_working_hours(received, h).unwrap() <= more.deadline_working_hours(received, h).unwrap());
        prop_assert!(cal().transfer_due(received).unwrap() <= more.transfer_due(received).unwrap());
    }
}
