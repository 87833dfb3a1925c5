//! Errors of the calendar crate, each with a stable code (`CAL-0001` …) used as an i18n key.

use chrono::NaiveDate;
use std::fmt;

/// Everything that can go wrong in calendar arithmetic; codes never change meaning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CalendarError {
    /// A solar date outside the supported range (see [`crate::lunar::MIN_DATE`]..=[`crate::lunar::MAX_DATE`]).
    DateOutOfRange {
        /// The offending date.
        date: NaiveDate,
    },
    /// A year (solar or lunar) outside the supported range.
    YearOutOfRange {
        /// The offending year.
        year: i32,
    },
    /// A lunar month number outside 1..=12.
    InvalidLunarMonth {
        /// The offending month number.
        month: u8,
    },
    /// The lunar year has no leap month with that number.
    NoSuchLeapMonth {
        /// Lunar year.
        year: i32,
        /// Requested month number.
        month: u8,
    },
    /// The lunar month has no such day (e.g. day 30 of a 29-day month).
    NoSuchLunarDay {
        /// Lunar year.
        year: i32,
        /// Month number.
        month: u8,
        /// Requested day.
        day: u8,
        /// Whether the leap month was meant.
        leap: bool,
    },
    /// Office hours are unusable (no office day, empty or overlapping sessions, …).
    InvalidOfficeHours {
        /// What is wrong, in English.
        reason: String,
    },
    /// A per-year rule lists a date that does not belong to that year.
    RuleDateOutsideYear {
        /// The year of the rule set.
        year: i32,
        /// The date listed.
        date: NaiveDate,
    },
    /// A per-year rule lists the same date twice.
    DuplicateRuleDate {
        /// The repeated date.
        date: NaiveDate,
    },
    /// A date is listed both as a day off and as an extra working day.
    ConflictingRuleDate {
        /// The conflicting date.
        date: NaiveDate,
    },
    /// Two rule sets were given for the same year.
    DuplicateYearRules {
        /// The repeated year.
        year: i32,
    },
    /// Step budgets do not add up to the legal time limit.
    BudgetMismatch {
        /// Legal total in working minutes.
        expected_minutes: u64,
        /// Sum of the step budgets in working minutes.
        actual_minutes: u64,
    },
}

impl CalendarError {
    /// The stable error code, e.g. `CAL-0001`.
    pub fn code(&self) -> &'static str {
        match self {
            Self::DateOutOfRange { .. } => "CAL-0001",
            Self::YearOutOfRange { .. } => "CAL-0002",
            Self::InvalidLunarMonth { .. } => "CAL-0003",
            Self::NoSuchLeapMonth { .. } => "CAL-0004",
            Self::NoSuchLunarDay { .. } => "CAL-0005",
            Self::InvalidOfficeHours { .. } => "CAL-0006",
            Self::RuleDateOutsideYear { .. } => "CAL-0007",
            Self::DuplicateRuleDate { .. } => "CAL-0008",
            Self::ConflictingRuleDate { .. } => "CAL-0009",
            Self::DuplicateYearRules { .. } => "CAL-0010",
            Self::BudgetMismatch { .. } => "CAL-0011",
        }
    }
}

impl fmt::Display for CalendarError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.code())?;
        match self {
            Self::DateOutOfRange { date } => write!(
                f,
                "the date {date} is outside the supported calendar range ({}..={})",
                crate::lunar::MIN_DATE,
                crate::lunar::MAX_DATE
            ),
            Self::YearOutOfRange { year } => write!(
                f,
                "the year {year} is outside the supported calendar range ({}..={})",
                crate::lunar::MIN_YEAR,
                crate::lunar::MAX_YEAR
            ),
            Self::InvalidLunarMonth { month } => {
                write!(f, "lunar month {month} does not exist (months are 1 to 12)")
            }
            Self::NoSuchLeapMonth { year, month } => write!(
                f,
                "lunar year {year} has no leap month {month} (tháng {month} nhuận)"
            ),
            Self::NoSuchLunarDay {
                year,
                month,
                day,
                leap,
            } => {
                let leap = if *leap { " nhuận" } else { "" };
                write!(f, "lunar month {month}{leap} of {year} has no day {day}")
            }
            Self::InvalidOfficeHours { reason } => write!(f, "invalid office hours: {reason}"),
            Self::RuleDateOutsideYear { year, date } => {
                write!(
                    f,
                    "the rules for {year} list {date}, which is in another year"
                )
            }
            Self::DuplicateRuleDate { date } => {
                write!(f, "the date {date} is listed more than once")
            }
            Self::ConflictingRuleDate { date } => write!(
                f,
                "the date {date} is listed both as a day off and as a working day"
            ),
            Self::DuplicateYearRules { year } => {
                write!(f, "more than one rule set was given for {year}")
            }
            Self::BudgetMismatch {
                expected_minutes,
                actual_minutes,
            } => write!(
                f,
                "step budgets add up to {actual_minutes} working minutes but the legal limit is {expected_minutes}"
            ),
        }
    }
}

impl std::error::Error for CalendarError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_distinct_and_displayed() {
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        let all = [
            CalendarError::DateOutOfRange { date: d },
            CalendarError::YearOutOfRange { year: 1 },
            CalendarError::InvalidLunarMonth { month: 13 },
            CalendarError::NoSuchLeapMonth {
                year: 2024,
                month: 2,
            },
            CalendarError::NoSuchLunarDay {
                year: 2024,
                month: 1,
                day: 30,
                leap: false,
            },
            CalendarError::InvalidOfficeHours { reason: "x".into() },
            CalendarError::RuleDateOutsideYear {
                year: 2025,
                date: d,
            },
            CalendarError::DuplicateRuleDate { date: d },
            CalendarError::ConflictingRuleDate { date: d },
            CalendarError::DuplicateYearRules { year: 2026 },
            CalendarError::BudgetMismatch {
                expected_minutes: 1,
                actual_minutes: 2,
            },
        ];
        let mut codes: Vec<_> = all.iter().map(CalendarError::code).collect();
        for (e, c) in all.iter().zip(&codes) {
            assert!(e.to_string().starts_with(&format!("{c}: ")));
        }
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), all.len());
    }
}
