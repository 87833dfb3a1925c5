//! Data-driven deadline cases across weekends, Tết, Giỗ Tổ, 30/4–1/5, 2/9 and the 15:00 rules.
//! 2026 defaults: Tết 16–20/2 (Mon–Fri); Giỗ Tổ Sun 26/4 → Mon 27/4 off; 30/4 Thu; 1/5 Fri;
//! 2/9 Wed + 3/9 Thu. Office hours 07:30–11:30, 13:30–17:00, cut-off 15:00.

// A test crate: failing loudly is the point.
#![allow(clippy::unwrap_used)]

use camlo_calendar::working::Budget;
use camlo_calendar::{
    CalendarError, Holiday, HolidayKind, OfficeHours, Session, StepBudget, WorkCalendar, YearRules,
};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::sync::OnceLock;

fn cal() -> &'static WorkCalendar {
    static CAL: OnceLock<WorkCalendar> = OnceLock::new();
    CAL.get_or_init(|| WorkCalendar::standard().unwrap())
}

fn dt(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S")
        .or_else(|_| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M"))
        .unwrap()
}

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// What to compute from a reception time.
#[derive(Debug, Clone, Copy)]
enum Rule {
    Days(u32),
    Hours(u32),
    SameDay,
    Transfer,
}

/// The one helper every case goes through: `input` is a reception time, `expected` the due time.
fn check(cal: &WorkCalendar, input: &str, rule: Rule, expected: &str) {
    let received = dt(input);
    let got = match rule {
        Rule::Days(n) => cal.deadline_working_days(received, n),
        Rule::Hours(h) => cal.deadline_working_hours(received, h),
        Rule::SameDay => cal.deadline_same_day(received),
        Rule::Transfer => cal.transfer_due(received),
    }
    .unwrap();
    assert_eq!(got, dt(expected), "{input} {rule:?}");
}

#[test]
fn working_day_deadlines() {
    use Rule::*;
    let cases = [
        // Plain weeks and weekends.
        ("2026-03-02 09:00", Days(5), "2026-03-09 17:00"),
        ("2026-03-06 16:00", Days(1), "2026-03-09 17:00"),
        // Received on a Saturday or after closing: valid reception is the next working day.
        ("2026-03-07 10:00", Days(1), "2026-03-10 17:00"),
        ("2026-03-09 17:00", Days(1), "2026-03-11 17:00"),
        ("2026-03-09 16:59", Days(1), "2026-03-10 17:00"),
        // Tết 2026: the break runs Mon 16/2 to Sun 22/2.
        ("2026-02-13 10:00", Days(3), "2026-02-25 17:00"),
        ("2026-02-18 10:00", Days(1), "2026-02-24 17:00"),
        // Giỗ Tổ on Sunday 26/4 gives Monday 27/4 off; then 30/4 and 1/5.
        ("2026-04-24 10:00", Days(1), "2026-04-28 17:00"),
        ("2026-04-24 10:00", Days(2), "2026-04-29 17:00"),
        ("2026-04-24 10:00", Days(3), "2026-05-04 17:00"),
        ("2026-04-29 08:00", Days(1), "2026-05-04 17:00"),
        // 2/9 (Wed) and 3/9 (Thu).
        ("2026-09-01 10:00", Days(1), "2026-09-04 17:00"),
        // 1/1/2023 was a Sunday: Monday 2/1/2023 off.
        ("2022-12-30 10:00", Days(1), "2023-01-03 17:00"),
        // Longer limits.
        ("2026-01-02 08:00", Days(30), "2026-02-13 17:00"),
        ("2026-01-02 08:00", Days(31), "2026-02-23 17:00"),
        // n = 0 is a same-day procedure.
        ("2026-03-02 15:00", Days(0), "2026-03-02 17:00"),
        // After 15:00 a same-day case is due the next working day, like a one-day limit.
        ("2026-03-02 15:30", Days(0), "2026-03-03 17:00"),
        ("2026-03-02 15:30", Days(1), "2026-03-03 17:00"),
    ];
    for (input, rule, expected) in cases {
        check(cal(), input, rule, expected);
    }
}

#[test]
fn fifteen_hundred_rules() {
    use Rule::*;
    let cases = [
        ("2026-03-02 15:00", SameDay, "2026-03-02 17:00"),
        ("2026-03-02 15:00:01", SameDay, "2026-03-03 17:00"),
        ("2026-03-02 06:45", SameDay, "2026-03-02 17:00"),
        ("2026-03-07 09:00", SameDay, "2026-03-09 17:00"),
        ("2026-04-30 10:00", SameDay, "2026-05-04 17:00"),
        ("2026-02-13 15:30", SameDay, "2026-02-23 17:00"),
        ("2026-03-02 14:00", Transfer, "2026-03-02 17:00"),
        ("2026-03-02 15:30", Transfer, "2026-03-03 11:30"),
        ("2026-04-24 16:00", Transfer, "2026-04-28 11:30"),
        ("2026-04-26 09:00", Transfer, "2026-04-28 11:30"),
    ];
    for (input, rule, expected) in cases {
        check(cal(), input, rule, expected);
    }
}

#[test]
fn working_hour_deadlines() {
    use Rule::*;
    let cases = [
        ("2026-03-02 10:00", Hours(8), "2026-03-03 10:30"),
        ("2026-03-02 06:00", Hours(4), "2026-03-02 11:30"),
        ("2026-03-02 12:00", Hours(1), "2026-03-02 14:30"),
        ("2026-03-02 11:00", Hours(1), "2026-03-02 14:00"),
        ("2026-03-02 07:30", Hours(15), "2026-03-03 17:00"),
        ("2026-02-13 16:00", Hours(2), "2026-02-23 08:30"),
        ("2026-04-25 10:00", Hours(1), "2026-04-28 08:30"),
        ("2026-03-02 10:15:30", Hours(1), "2026-03-02 11:15:30"),
        ("2026-03-02 10:00", Hours(0), "2026-03-02 10:00"),
    ];
    for (input, rule, expected) in cases {
        check(cal(), input, rule, expected);
    }
}

#[test]
fn remaining_time() {
    let cases = [
        // (now, due, late, days, minutes)
        ("2026-03-02 10:00", "2026-03-03 17:00", false, 1, 300),
        ("2026-03-04 09:00", "2026-03-03 17:00", true, 0, 90),
        ("2026-03-07 10:00", "2026-03-06 17:00", true, 0, 0),
        ("2026-02-13 17:00", "2026-02-23 07:30", false, 0, 0),
        ("2026-02-13 16:00", "2026-02-25 17:00", false, 3, 60),
    ];
    for (now, due, late, days, minutes) in cases {
        let r = cal().remaining(dt(now), dt(due)).unwrap();
        assert_eq!(
            (r.late, r.working_days, r.working_minutes),
            (late, days, minutes),
            "{now} → {due}"
        );
        assert_eq!(
            r.total_working_minutes,
            u64::from(days) * 450 + u64::from(minutes)
        );
    }
}

#[test]
fn within_working_days_and_restart() {
    let start = dt("2026-03-02 10:00");
    assert!(
        cal()
            .within_working_days(start, dt("2026-03-05 17:00"), 3)
            .unwrap()
    );
    assert!(
        !cal()
            .within_working_days(start, dt("2026-03-06 08:00"), 3)
            .unwrap()
    );
    assert_eq!(
        cal().restart_deadline(dt("2026-04-24 10:00"), 3).unwrap(),
        cal()
            .deadline_working_days(dt("2026-04-24 10:00"), 3)
            .unwrap()
    );
}

#[test]
fn working_day_predicate() {
    let cases = [
        ("2026-02-13", true),
        ("2026-02-14", false),
        ("2026-02-16", false),
        ("2026-02-20", false),
        ("2026-02-23", true),
        ("2026-04-27", false),
        ("2026-04-28", true),
        ("2026-09-03", false),
        ("1799-12-31", false),
    ];
    for (d, expected) in cases {
        assert_eq!(cal().is_working_day(date(d)), expected, "{d}");
    }
    assert_eq!(
        cal().next_working_day(date("2026-04-24")).unwrap(),
        date("2026-04-28")
    );
    assert_eq!(
        cal().valid_reception_day(dt("2026-04-25 09:00")).unwrap(),
        date("2026-04-28")
    );
}

#[test]
fn explicit_rules_swap_a_saturday() {
    // A made-up decision: Saturday 7/2/2026 is worked, Friday 13/2 is taken off instead.
    let mut rules = YearRules::computed(2026).unwrap();
    rules.days_off.push(Holiday::new(
        date("2026-02-13"),
        HolidayKind::Override,
        "Nghỉ hoán đổi",
        "Swapped day off",
    ));
    let rules = YearRules::new(
        2026,
        rules.days_off,
        vec![date("2026-02-07")],
        Some("Thông báo thử".into()),
        true,
    )
    .unwrap();
    let cal = WorkCalendar::new(OfficeHours::default(), vec![rules]).unwrap();
    assert!(cal.is_working_day(date("2026-02-07")));
    assert!(!cal.is_working_day(date("2026-02-13")));
    check(&cal, "2026-02-06 10:00", Rule::Days(1), "2026-02-07 17:00");
    check(&cal, "2026-02-06 10:00", Rule::Days(2), "2026-02-09 17:00");
    check(&cal, "2026-02-06 10:00", Rule::Days(5), "2026-02-12 17:00");
    check(&cal, "2026-02-06 10:00", Rule::Days(6), "2026-02-23 17:00");
    assert_eq!(
        cal.rules_for(2026).unwrap().decision.as_deref(),
        Some("Thông báo thử")
    );
    assert_eq!(
        cal.days_off(2027).unwrap(),
        YearRules::computed(2027).unwrap().days_off
    );
}

#[test]
fn fingerprints() {
    let a = WorkCalendar::standard().unwrap();
    assert_eq!(a.fingerprint(), cal().fingerprint());
    assert!(a.fingerprint().starts_with("cal1-"));
    // Restating the computed rules explicitly computes the same deadlines: same fingerprint.
    let same = WorkCalendar::new(
        OfficeHours::default(),
        vec![YearRules::computed(2026).unwrap()],
    )
    .unwrap();
    assert_eq!(same.fingerprint(), a.fingerprint());
    // An extra day off in 2027 changes the calendar, but not 2026's year fingerprint.
    let mut r = YearRules::computed(2027).unwrap();
    r.days_off.push(Holiday::new(
        date("2027-11-24"),
        HolidayKind::Override,
        "Nghỉ",
        "Day off",
    ));
    let b = WorkCalendar::new(OfficeHours::default(), vec![r]).unwrap();
    assert_ne!(b.fingerprint(), a.fingerprint());
    assert_eq!(
        b.year_fingerprint(2026).unwrap(),
        a.year_fingerprint(2026).unwrap()
    );
    assert_ne!(
        b.year_fingerprint(2027).unwrap(),
        a.year_fingerprint(2027).unwrap()
    );
}

#[test]
fn step_budgets() {
    let steps = |hours: &[u32]| -> Vec<StepBudget> {
        hours
            .iter()
            .enumerate()
            .map(|(i, &h)| StepBudget {
                role: format!("step {i}"),
                budget: Budget::WorkingHours(h),
            })
            .collect()
    };
    // Default sessions make a 7.5-hour working day, so 2+3+2+1 h is not one working day.
    let default = OfficeHours::default();
    assert_eq!(default.minutes_per_day(), 450);
    assert_eq!(
        cal().check_step_budgets(&steps(&[2, 3, 2, 1]), Budget::WorkingDays(1)),
        Err(CalendarError::BudgetMismatch {
            expected_minutes: 450,
            actual_minutes: 480
        })
    );
    // With 07:30–11:30 and 13:00–17:00 the day is 8 hours and the budgets fit.
    let eight = OfficeHours {
        sessions: vec![
            Session {
                start: NaiveTime::from_hms_opt(7, 30, 0).unwrap(),
                end: NaiveTime::from_hms_opt(11, 30, 0).unwrap(),
            },
            Session {
                start: NaiveTime::from_hms_opt(13, 0, 0).unwrap(),
                end: NaiveTime::from_hms_opt(17, 0, 0).unwrap(),
            },
        ],
        ..OfficeHours::default()
    };
    assert_eq!(
        eight.check_step_budgets(&steps(&[2, 3, 2, 1]), Budget::WorkingDays(1)),
        Ok(())
    );
    let mixed = vec![
        StepBudget {
            role: "một cửa".into(),
            budget: Budget::WorkingDays(1),
        },
        StepBudget {
            role: "chuyên viên".into(),
            budget: Budget::WorkingHours(16),
        },
    ];
    assert_eq!(
        eight.check_step_budgets(&mixed, Budget::WorkingDays(3)),
        Ok(())
    );
}

#[test]
fn office_hours_validation_and_errors() {
    let bad = |f: fn(&mut OfficeHours)| {
        let mut h = OfficeHours::default();
        f(&mut h);
        WorkCalendar::new(h, vec![])
            .map(|_| ())
            .map_err(|e| e.code())
    };
    assert_eq!(bad(|h| h.office_days.clear()), Err("CAL-0006"));
    assert_eq!(bad(|h| h.sessions.clear()), Err("CAL-0006"));
    assert_eq!(bad(|h| h.sessions.reverse()), Err("CAL-0006"));
    let dup = vec![
        YearRules::computed(2026).unwrap(),
        YearRules::computed(2026).unwrap(),
    ];
    assert_eq!(
        WorkCalendar::new(OfficeHours::default(), dup).map(|_| ()),
        Err(CalendarError::DuplicateYearRules { year: 2026 })
    );
    let err = cal()
        .deadline_working_days(dt("2199-12-30 10:00"), 5)
        .unwrap_err();
    assert_eq!(err.code(), "CAL-0001");
    assert!(err.to_string().starts_with("CAL-0001: "), "{err}");
    assert!(
        cal()
            .deadline_working_days(dt("1799-12-30 10:00"), 5)
            .is_err()
    );
}

#[test]
fn office_hours_serde() {
    let h = OfficeHours::default();
    let json = serde_json::to_string(&h).unwrap();
    assert_eq!(
        json,
        r#"{"office_days":["Mon","Tue","Wed","Thu","Fri"],"sessions":[{"start":"07:30:00","end":"11:30:00"},{"start":"13:30:00","end":"17:00:00"}],"same_day_cutoff":"15:00:00"}"#
    );
    assert_eq!(serde_json::from_str::<OfficeHours>(&json).unwrap(), h);
}
