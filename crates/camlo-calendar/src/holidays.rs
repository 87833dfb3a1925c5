//! Public holidays (ngày nghỉ lễ, tết) as per-year data with computed defaults.
//!
//! Labour Code 2019 (45/2019/QH14) art. 112(1): 1/1; Tết Âm lịch, 5 days; 30/4; 1/5; 2/9 plus one
//! adjacent day; Giỗ Tổ Hùng Vương 10/3 lunar. Art. 112(3): the Prime Minister decides each year
//! which five days are Tết and which day is the second National Day, so the computed values here
//! are *defaults* that an administrator confirms or overrides ([`YearRules`]). Art. 111(3): a
//! holiday that falls on the weekly rest day is taken on the next working day (nghỉ bù). See
//! DOMAIN.md §7.1. The weekly rest days assumed by the defaults are Saturday and Sunday (the civil
//! service week).

use crate::CalendarError;
use crate::lunar;
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Why a day is off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum HolidayKind {
    /// Tết Dương lịch, 1 January.
    NewYear,
    /// One of the five days of Tết Nguyên đán.
    Tet,
    /// Giỗ Tổ Hùng Vương, 10th day of the 3rd lunar month.
    HungKings,
    /// Ngày Chiến thắng (Reunification Day), 30 April.
    Reunification,
    /// Ngày Quốc tế Lao động, 1 May.
    Labour,
    /// Quốc khánh, 2 September.
    National,
    /// The day adjacent to 2 September chosen as the second National Day holiday.
    NationalAdjacent,
    /// Nghỉ bù: a substitute day for a holiday that fell on a weekly rest day (art. 111(3)).
    Substitute,
    /// A day off set by an administrator's decision (e.g. a swapped working day).
    Override,
}

/// One day off with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    /// The solar date.
    pub date: NaiveDate,
    /// Why the day is off.
    pub kind: HolidayKind,
    /// Vietnamese name.
    pub name_vi: String,
    /// English name.
    pub name_en: String,
}

impl Holiday {
    /// Builds a holiday from its parts.
    pub fn new(date: NaiveDate, kind: HolidayKind, name_vi: &str, name_en: &str) -> Self {
        Self {
            date,
            kind,
            name_vi: name_vi.to_owned(),
            name_en: name_en.to_owned(),
        }
    }
}

/// Whether a date is a weekly rest day in the default civil-service week (Saturday, Sunday).
fn is_weekly_rest(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Default five days of Tết for solar year `year`: the last day of the previous lunar year
/// (29 or 30 tháng Chạp, i.e. the day before mùng 1) and mùng 1 to mùng 4 of lunar year `year`.
///
/// This "one day before, four days after" pattern is what recent Prime Minister decisions chose
/// (e.g. 2026: 16–20 February). It is only a default: art. 112(3) lets the Prime Minister pick.
pub fn default_tet_days(year: i32) -> Result<Vec<NaiveDate>, CalendarError> {
    let new_year = lunar::lunar_new_year(year)?;
    let eve = new_year
        .pred_opt()
        .ok_or(CalendarError::YearOutOfRange { year })?;
    let mut days = vec![eve];
    for i in 0..4 {
        days.push(
            new_year
                .checked_add_days(Days::new(i))
                .ok_or(CalendarError::YearOutOfRange { year })?,
        );
    }
    Ok(days)
}

/// Default second National Day holiday: 1/9 or 3/9 depending on the weekday of 2/9.
///
/// Rule (read off the decisions for 2021–2025): take 1 September when that joins the break to a
/// weekend, i.e. when 2/9 is a Tuesday (2025), Friday (2022) or Saturday (2023); otherwise take
/// 3 September (Monday 2024, Thursday 2021; Wednesday and Sunday by the same "otherwise").
pub fn default_national_adjacent_day(year: i32) -> Result<NaiveDate, CalendarError> {
    let sep2 = NaiveDate::from_ymd_opt(year, 9, 2).ok_or(CalendarError::YearOutOfRange { year })?;
    let day = match sep2.weekday() {
        Weekday::Tue | Weekday::Fri | Weekday::Sat => 1,
        _ => 3,
    };
    NaiveDate::from_ymd_opt(year, 9, day).ok_or(CalendarError::YearOutOfRange { year })
}

/// The computed default days off of a solar year, with art. 111(3) substitutes, sorted by date.
pub fn default_holidays(year: i32) -> Result<Vec<Holiday>, CalendarError> {
    if !(lunar::MIN_YEAR..=lunar::MAX_YEAR).contains(&year) {
        return Err(CalendarError::YearOutOfRange { year });
    }
    let solar = |m: u32, d: u32| {
        NaiveDate::from_ymd_opt(year, m, d).ok_or(CalendarError::YearOutOfRange { year })
    };
    let mut days = vec![Holiday::new(
        solar(1, 1)?,
        HolidayKind::NewYear,
        "Tết Dương lịch",
        "New Year's Day",
    )];
    for date in default_tet_days(year)? {
        days.push(Holiday::new(
            date,
            HolidayKind::Tet,
            "Tết Nguyên đán",
            "Lunar New Year (Tết)",
        ));
    }
    days.push(Holiday::new(
        lunar::to_solar(year, 3, 10, false)?,
        HolidayKind::HungKings,
        "Giỗ Tổ Hùng Vương (10/3 âm lịch)",
        "Hung Kings Commemoration (10th day of the 3rd lunar month)",
    ));
    days.push(Holiday::new(
        solar(4, 30)?,
        HolidayKind::Reunification,
        "Ngày Chiến thắng 30/4",
        "Reunification Day (30 April)",
    ));
    days.push(Holiday::new(
        solar(5, 1)?,
        HolidayKind::Labour,
        "Ngày Quốc tế Lao động 1/5",
        "International Labour Day (1 May)",
    ));
    days.push(Holiday::new(
        solar(9, 2)?,
        HolidayKind::National,
        "Quốc khánh 2/9",
        "National Day (2 September)",
    ));
    days.push(Holiday::new(
        default_national_adjacent_day(year)?,
        HolidayKind::NationalAdjacent,
        "Nghỉ Quốc khánh (ngày liền kề 2/9)",
        "National Day holiday (day adjacent to 2 September)",
    ));
    days.sort_by_key(|h| h.date);
    merge_coinciding(&mut days);
    add_substitutes(&mut days);
    Ok(days)
}

/// Two holidays on the same date (Giỗ Tổ can fall on 30/4 or 1/5, as in 1803) give one day
/// off: art. 111(3) substitutes only for the weekly rest day, so no extra day is added. The
/// entry keeps the first kind and joins both names.
fn merge_coinciding(days: &mut Vec<Holiday>) {
    let mut out: Vec<Holiday> = Vec::with_capacity(days.len());
    for h in days.drain(..) {
        match out.last_mut() {
            Some(prev) if prev.date == h.date => {
                prev.name_vi = format!("{}; {}", prev.name_vi, h.name_vi);
                prev.name_en = format!("{}; {}", prev.name_en, h.name_en);
            }
            _ => out.push(h),
        }
    }
    *days = out;
}

/// Art. 111(3): each holiday on a weekly rest day gives the next working day off, skipping
/// other holidays and substitutes already given. Keeps `days` sorted by date.
fn add_substitutes(days: &mut Vec<Holiday>) {
    let mut taken: BTreeSet<NaiveDate> = days.iter().map(|h| h.date).collect();
    let mut subs = Vec::new();
    for h in days.iter().filter(|h| is_weekly_rest(h.date)) {
        let mut d = h.date;
        while let Some(next) = d.succ_opt() {
            d = next;
            if !is_weekly_rest(d) && !taken.contains(&d) {
                taken.insert(d);
                subs.push(Holiday {
                    date: d,
                    kind: HolidayKind::Substitute,
                    name_vi: format!("Nghỉ bù {}", h.name_vi),
                    name_en: format!("Substitute day off for {}", h.name_en),
                });
                break;
            }
        }
    }
    days.extend(subs);
    days.sort_by_key(|h| h.date);
}

/// The days off and swapped working days in force for one solar year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct YearRules {
    /// The solar year.
    pub year: i32,
    /// Days off (holidays, substitutes, overrides), sorted by date.
    pub days_off: Vec<Holiday>,
    /// Weekly rest days that are working days this year (swapped working Saturdays, làm bù).
    pub extra_working_days: Vec<NaiveDate>,
    /// The decision these rules come from, e.g. "Thông báo 9441/TB-BNV".
    pub decision: Option<String>,
    /// Whether an administrator confirmed the rules against the published decision.
    pub confirmed: bool,
}

impl YearRules {
    /// The computed defaults for a year, unconfirmed and without a decision.
    pub fn computed(year: i32) -> Result<Self, CalendarError> {
        Ok(Self {
            year,
            days_off: default_holidays(year)?,
            extra_working_days: Vec::new(),
            decision: None,
            confirmed: false,
        })
    }

    /// Builds validated rules from explicit lists (sorted on the way in).
    pub fn new(
        year: i32,
        mut days_off: Vec<Holiday>,
        mut extra_working_days: Vec<NaiveDate>,
        decision: Option<String>,
        confirmed: bool,
    ) -> Result<Self, CalendarError> {
        days_off.sort_by_key(|h| h.date);
        extra_working_days.sort();
        let rules = Self {
            year,
            days_off,
            extra_working_days,
            decision,
            confirmed,
        };
        rules.validate()?;
        Ok(rules)
    }

    /// Checks that every date lies in `year`, none is repeated, and none is both off and worked.
    pub fn validate(&self) -> Result<(), CalendarError> {
        if !(lunar::MIN_YEAR..=lunar::MAX_YEAR).contains(&self.year) {
            return Err(CalendarError::YearOutOfRange { year: self.year });
        }
        let mut off = BTreeSet::new();
        for date in self.days_off.iter().map(|h| h.date) {
            self.check_year(date)?;
            if !off.insert(date) {
                return Err(CalendarError::DuplicateRuleDate { date });
            }
        }
        let mut work = BTreeSet::new();
        for &date in &self.extra_working_days {
            self.check_year(date)?;
            if !work.insert(date) {
                return Err(CalendarError::DuplicateRuleDate { date });
            }
            if off.contains(&date) {
                return Err(CalendarError::ConflictingRuleDate { date });
            }
        }
        Ok(())
    }

    fn check_year(&self, date: NaiveDate) -> Result<(), CalendarError> {
        if date.year() == self.year {
            Ok(())
        } else {
            Err(CalendarError::RuleDateOutsideYear {
                year: self.year,
                date,
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn check(year: i32, expected: &[(NaiveDate, HolidayKind)]) {
        let got: Vec<_> = default_holidays(year)
            .unwrap()
            .into_iter()
            .map(|h| (h.date, h.kind))
            .collect();
        assert_eq!(got, expected, "{year}");
    }

    #[test]
    fn year_2026() {
        use HolidayKind::*;
        check(
            2026,
            &[
                (d(2026, 1, 1), NewYear),
                (d(2026, 2, 16), Tet),
                (d(2026, 2, 17), Tet),
                (d(2026, 2, 18), Tet),
                (d(2026, 2, 19), Tet),
                (d(2026, 2, 20), Tet),
                (d(2026, 4, 26), HungKings), // Sunday
                (d(2026, 4, 27), Substitute),
                (d(2026, 4, 30), Reunification),
                (d(2026, 5, 1), Labour),
                (d(2026, 9, 2), National), // Wednesday
                (d(2026, 9, 3), NationalAdjacent),
            ],
        );
    }

    #[test]
    fn year_2023_substitutes_for_weekend_holidays() {
        use HolidayKind::*;
        // Tết 2023 = 22/1 (Sunday): eve Sat 21/1, mùng 1 Sun 22/1 -> two substitutes after mùng 4.
        // 2/9 is a Saturday: adjacent 1/9 (Friday), substitute Monday 4/9.
        check(
            2023,
            &[
                (d(2023, 1, 1), NewYear), // Sunday
                (d(2023, 1, 2), Substitute),
                (d(2023, 1, 21), Tet),
                (d(2023, 1, 22), Tet),
                (d(2023, 1, 23), Tet),
                (d(2023, 1, 24), Tet),
                (d(2023, 1, 25), Tet),
                (d(2023, 1, 26), Substitute),
                (d(2023, 1, 27), Substitute),
                (d(2023, 4, 29), HungKings),     // Saturday
                (d(2023, 4, 30), Reunification), // Sunday
                (d(2023, 5, 1), Labour),
                (d(2023, 5, 2), Substitute),
                (d(2023, 5, 3), Substitute),
                (d(2023, 9, 1), NationalAdjacent),
                (d(2023, 9, 2), National),
                (d(2023, 9, 4), Substitute),
            ],
        );
    }

    #[test]
    fn national_adjacent_day_defaults() {
        // 2021 Thu -> 3/9, 2022 Fri -> 1/9, 2023 Sat -> 1/9, 2024 Mon -> 3/9, 2025 Tue -> 1/9.
        for (year, day) in [
            (2021, 3),
            (2022, 1),
            (2023, 1),
            (2024, 3),
            (2025, 1),
            (2026, 3),
        ] {
            assert_eq!(
                default_national_adjacent_day(year).unwrap(),
                d(year, 9, day),
                "{year}"
            );
        }
    }

    #[test]
    fn names() {
        let h = default_holidays(2026).unwrap();
        let sub = h
            .iter()
            .find(|h| h.kind == HolidayKind::Substitute)
            .unwrap();
        assert_eq!(sub.name_vi, "Nghỉ bù Giỗ Tổ Hùng Vương (10/3 âm lịch)");
        assert_eq!(h[0].name_vi, "Tết Dương lịch");
    }

    #[test]
    fn every_year_has_eleven_holidays_plus_substitutes() {
        for year in lunar::MIN_YEAR..=lunar::MAX_YEAR {
            let h = default_holidays(year).unwrap();
            let base = h
                .iter()
                .filter(|h| h.kind != HolidayKind::Substitute)
                .count();
            let weekend = h
                .iter()
                .filter(|h| h.kind != HolidayKind::Substitute && is_weekly_rest(h.date))
                .count();
            let subs = h
                .iter()
                .filter(|h| h.kind == HolidayKind::Substitute)
                .count();
            assert!(base == 11 || base == 10, "{year}");
            if base == 10 {
                assert!(h.iter().any(|x| x.name_vi.contains("; ")), "{year}");
            }
            assert_eq!(subs, weekend, "{year}");
            assert!(h.windows(2).all(|w| w[0].date < w[1].date), "{year}");
            assert!(h.iter().all(|x| x.date.year() == year), "{year}");
            YearRules::new(year, h, vec![], None, false).unwrap();
        }
    }

    #[test]
    fn validation() {
        let h = |y, m, dd| Holiday::new(d(y, m, dd), HolidayKind::Override, "Nghỉ", "Day off");
        assert_eq!(
            YearRules::new(2026, vec![h(2025, 12, 31)], vec![], None, true),
            Err(CalendarError::RuleDateOutsideYear {
                year: 2026,
                date: d(2025, 12, 31)
            })
        );
        assert_eq!(
            YearRules::new(2026, vec![h(2026, 1, 2), h(2026, 1, 2)], vec![], None, true),
            Err(CalendarError::DuplicateRuleDate {
                date: d(2026, 1, 2)
            })
        );
        assert_eq!(
            YearRules::new(2026, vec![], vec![d(2026, 1, 3), d(2026, 1, 3)], None, true),
            Err(CalendarError::DuplicateRuleDate {
                date: d(2026, 1, 3)
            })
        );
        assert_eq!(
            YearRules::new(2026, vec![h(2026, 1, 2)], vec![d(2026, 1, 2)], None, true),
            Err(CalendarError::ConflictingRuleDate {
                date: d(2026, 1, 2)
            })
        );
        assert_eq!(
            YearRules::new(
                2027,
                vec![h(2027, 1, 2)],
                vec![d(2027, 1, 9)],
                Some("Thông báo x".into()),
                true
            )
            .map(|r| r.extra_working_days),
            Ok(vec![d(2027, 1, 9)])
        );
    }

    #[test]
    fn serde_round_trip() {
        let r = YearRules::computed(2026).unwrap();
        let json = serde_json::to_string(&r).unwrap();
        assert!(json.contains("\"kind\":\"HungKings\""));
        let back: YearRules = serde_json::from_str(&json).unwrap();
        assert_eq!(back, r);
    }
}
