//! Vietnamese lunisolar calendar (âm lịch), computed for UTC+7 (DOMAIN.md §7.2).
//!
//! The astronomy is Hồ Ngọc Đức's published algorithm ("Thuật toán tính âm lịch"), itself built
//! on Jean Meeus, *Astronomical Algorithms* (1998): new moons from the truncated ch. 49 series
//! with his ΔT approximation, the sun's true longitude from the low-precision ch. 25 formula.
//! Rules: a month starts on the local (UTC+7) day of the new moon; month 11 is the month that
//! contains the winter solstice; when 13 months lie between two months 11, the first month
//! without a major solar term (trung khí) is the leap month and takes the number of the month
//! before it. Vietnam computes at UTC+7 whereas China uses UTC+8, which is why Tết differs in
//! some years (1968, 1985, 2007 …); never use a Chinese-calendar library for Vietnamese dates.
//!
//! All month starts of the supported range are computed once, on first use, into a compact table
//! ([`std::sync::OnceLock`]); conversions are then binary searches over that table.

use crate::CalendarError;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use std::f64::consts::PI;
use std::fmt;
use std::sync::OnceLock;

/// First supported solar year.
pub const MIN_YEAR: i32 = 1800;
/// Last supported solar year.
pub const MAX_YEAR: i32 = 2199;
/// First supported solar date (1800-01-01).
pub const MIN_DATE: NaiveDate = match NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};
/// Last supported solar date (2199-12-31).
pub const MAX_DATE: NaiveDate = match NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31) {
    Some(d) => d,
    None => NaiveDate::MAX,
};

/// Hours east of UTC at which Vietnamese new moons and solar terms are reckoned.
pub const TIME_ZONE_HOURS: f64 = 7.0;

/// Julian day number of 0001-01-01 minus one (chrono's `num_days_from_ce` is 1 on that day).
const JDN_CE_OFFSET: i32 = 1_721_425;

/// A date of the Vietnamese lunar calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LunarDate {
    /// Lunar year (the solar year in which its month 1 begins).
    pub year: i32,
    /// Month number 1..=12 (a leap month repeats the number of the month before it).
    pub month: u8,
    /// Day of the month 1..=30.
    pub day: u8,
    /// Whether this is the leap month (tháng nhuận).
    pub leap: bool,
}

impl fmt::Display for LunarDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}/{}", self.day, self.month, self.year)?;
        if self.leap {
            f.write_str(" nhuận")?;
        }
        Ok(())
    }
}

/// One lunar month: where it starts and how it is numbered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct LunarMonth {
    /// Solar date of day 1 (mùng 1).
    pub start: NaiveDate,
    /// Lunar year.
    pub year: i32,
    /// Month number 1..=12.
    pub month: u8,
    /// Whether this is the leap month.
    pub leap: bool,
    /// Length, 29 or 30 days.
    pub days: u8,
}

/// Table row: Julian day number of a month start and its numbering.
#[derive(Debug, Clone, Copy)]
struct MonthStart {
    jdn: i32,
    year: i16,
    month: u8,
    leap: bool,
}

struct Table {
    /// Month starts in ascending order; the last row only closes the previous month.
    months: Vec<MonthStart>,
    /// Index into `months` of month 1 of lunar year `first_year + i`.
    year_first: Vec<u32>,
    first_year: i32,
}

/// Converts a solar date to the Vietnamese lunar calendar.
pub fn to_lunar(date: NaiveDate) -> Result<LunarDate, CalendarError> {
    if !(MIN_DATE..=MAX_DATE).contains(&date) {
        return Err(CalendarError::DateOutOfRange { date });
    }
    let jdn = jdn_from_date(date);
    let months = &table().months;
    let idx = months.partition_point(|m| m.jdn <= jdn);
    let m = idx
        .checked_sub(1)
        .and_then(|i| months.get(i))
        .ok_or(CalendarError::DateOutOfRange { date })?;
    Ok(LunarDate {
        year: i32::from(m.year),
        month: m.month,
        day: u8::try_from(jdn - m.jdn + 1).map_err(|_| CalendarError::DateOutOfRange { date })?,
        leap: m.leap,
    })
}

/// Converts a lunar date to the solar calendar; `leap` selects the leap month of that number.
pub fn to_solar(year: i32, month: u8, day: u8, leap: bool) -> Result<NaiveDate, CalendarError> {
    let (start, len) = find_month(year, month, leap)?;
    if day == 0 || i32::from(day) > len {
        return Err(CalendarError::NoSuchLunarDay {
            year,
            month,
            day,
            leap,
        });
    }
    let date =
        date_from_jdn(start + i32::from(day) - 1).ok_or(CalendarError::YearOutOfRange { year })?;
    if !(MIN_DATE..=MAX_DATE).contains(&date) {
        return Err(CalendarError::DateOutOfRange { date });
    }
    Ok(date)
}

/// Converts a [`LunarDate`] to the solar calendar.
pub fn lunar_to_solar(date: LunarDate) -> Result<NaiveDate, CalendarError> {
    to_solar(date.year, date.month, date.day, date.leap)
}

/// The solar date of Tết (mùng 1 tháng Giêng) of the given lunar year.
pub fn lunar_new_year(year: i32) -> Result<NaiveDate, CalendarError> {
    to_solar(year, 1, 1, false)
}

/// The number of days (29 or 30) of a lunar month.
pub fn days_in_month(year: i32, month: u8, leap: bool) -> Result<u8, CalendarError> {
    let (_, len) = find_month(year, month, leap)?;
    u8::try_from(len).map_err(|_| CalendarError::YearOutOfRange { year })
}

/// The leap month of a lunar year, if it has one.
pub fn leap_month(year: i32) -> Result<Option<u8>, CalendarError> {
    Ok(year_months(year)?.iter().find(|m| m.leap).map(|m| m.month))
}

/// All months (12 or 13) of a lunar year, in order.
pub fn year_months(year: i32) -> Result<Vec<LunarMonth>, CalendarError> {
    let t = table();
    let first = year_first_index(t, year)?;
    let mut out = Vec::with_capacity(13);
    let mut i = first;
    while let (Some(m), Some(next)) = (t.months.get(i), t.months.get(i + 1)) {
        if i32::from(m.year) != year {
            break;
        }
        out.push(LunarMonth {
            start: date_from_jdn(m.jdn).ok_or(CalendarError::YearOutOfRange { year })?,
            year,
            month: m.month,
            leap: m.leap,
            days: u8::try_from(next.jdn - m.jdn)
                .map_err(|_| CalendarError::YearOutOfRange { year })?,
        });
        i += 1;
    }
    Ok(out)
}

/// Local (UTC+7) time of the new moon (giờ sóc) that starts the lunar month containing `date`,
/// to the second, as computed by the algorithm (useful to explain a boundary case).
pub fn new_moon_time(date: NaiveDate) -> Result<NaiveDateTime, CalendarError> {
    let start = lunar_to_solar(LunarDate {
        day: 1,
        ..to_lunar(date)?
    })?;
    let jdn = jdn_from_date(start);
    let k0 = new_moon_index(jdn);
    let k = (k0 - 1..=k0 + 1)
        .find(|&k| new_moon_day(k) == jdn)
        .ok_or(CalendarError::DateOutOfRange { date })?;
    let local = new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24.0;
    let day = local.floor();
    let secs = ((local - day) * 86_400.0).round().min(86_399.0) as u32;
    let day = date_from_jdn(day as i32).ok_or(CalendarError::DateOutOfRange { date })?;
    let time = NaiveTime::from_num_seconds_from_midnight_opt(secs, 0)
        .ok_or(CalendarError::DateOutOfRange { date })?;
    Ok(day.and_time(time))
}

/// Start (JDN) and length of a lunar month.
fn find_month(year: i32, month: u8, leap: bool) -> Result<(i32, i32), CalendarError> {
    if !(1..=12).contains(&month) {
        return Err(CalendarError::InvalidLunarMonth { month });
    }
    let t = table();
    let first = year_first_index(t, year)?;
    let mut i = first;
    while let (Some(m), Some(next)) = (t.months.get(i), t.months.get(i + 1)) {
        if i32::from(m.year) != year {
            break;
        }
        if m.month == month && m.leap == leap {
            return Ok((m.jdn, next.jdn - m.jdn));
        }
        i += 1;
    }
    if leap {
        Err(CalendarError::NoSuchLeapMonth { year, month })
    } else {
        Err(CalendarError::YearOutOfRange { year })
    }
}

fn year_first_index(t: &Table, year: i32) -> Result<usize, CalendarError> {
    let slot =
        usize::try_from(year - t.first_year).map_err(|_| CalendarError::YearOutOfRange { year })?;
    t.year_first
        .get(slot)
        .map(|&i| i as usize)
        .ok_or(CalendarError::YearOutOfRange { year })
}

/// Julian day number of a solar date.
pub(crate) fn jdn_from_date(date: NaiveDate) -> i32 {
    date.num_days_from_ce() + JDN_CE_OFFSET
}

/// Solar date of a Julian day number.
pub(crate) fn date_from_jdn(jdn: i32) -> Option<NaiveDate> {
    NaiveDate::from_num_days_from_ce_opt(jdn - JDN_CE_OFFSET)
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(build_table)
}

/// Computes every month start from month 11 of `MIN_YEAR - 2` to month 11 of `MAX_YEAR + 1`.
fn build_table() -> Table {
    let mut months: Vec<MonthStart> = Vec::with_capacity(13 * (MAX_YEAR - MIN_YEAR + 4) as usize);
    let mut a11 = lunar_month_11(MIN_YEAR - 2);
    for y in (MIN_YEAR - 1)..=(MAX_YEAR + 1) {
        let b11 = lunar_month_11(y);
        let k0 = new_moon_index(a11);
        let leap_offset = if b11 - a11 > 365 {
            Some(leap_month_offset(a11))
        } else {
            None
        };
        let mut i: i64 = 0;
        loop {
            let jdn = new_moon_day(k0 + i);
            if jdn >= b11 || i > 13 {
                break;
            }
            let (number, leap) = match leap_offset {
                Some(l) if i >= l => (11 + i - 1, i == l),
                _ => (11 + i, false),
            };
            let month = if number > 12 { number - 12 } else { number };
            let year = if month >= 11 && i < 4 { y - 1 } else { y };
            months.push(MonthStart {
                jdn,
                year: i16::try_from(year).unwrap_or(i16::MAX),
                month: u8::try_from(month).unwrap_or(0),
                leap,
            });
            i += 1;
        }
        a11 = b11;
    }
    // Closing row: month 11 of MAX_YEAR + 1 ends the last complete month.
    months.push(MonthStart {
        jdn: a11,
        year: i16::try_from(MAX_YEAR + 1).unwrap_or(i16::MAX),
        month: 11,
        leap: false,
    });
    let first_year = MIN_YEAR - 1;
    let mut year_first = Vec::with_capacity((MAX_YEAR - first_year + 1) as usize);
    for (i, m) in months.iter().enumerate() {
        let y = i32::from(m.year);
        if m.month == 1 && !m.leap && (first_year..=MAX_YEAR).contains(&y) {
            year_first.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    Table {
        months,
        year_first,
        first_year,
    }
}

/// Index k of the new moon nearest to the given Julian day (k = 0 near 1900-01-01).
fn new_moon_index(jdn: i32) -> i64 {
    ((f64::from(jdn) - 2_415_021.076_998_695) / 29.530_588_853 + 0.5).floor() as i64
}

/// Moment (Julian day, UT) of the k-th new moon after 1900-01-01 (Meeus ch. 49, truncated).
fn new_moon(k: i64) -> f64 {
    let k = k as f64;
    let t = k / 1236.85;
    let t2 = t * t;
    let t3 = t2 * t;
    let dr = PI / 180.0;
    let mut jd1 = 2_415_020.759_33 + 29.530_588_68 * k + 0.000_117_8 * t2 - 0.000_000_155 * t3;
    jd1 += 0.000_33 * ((166.56 + 132.87 * t - 0.009_173 * t2) * dr).sin();
    let m = 359.2242 + 29.105_356_08 * k - 0.000_033_3 * t2 - 0.000_003_47 * t3;
    let mpr = 306.0253 + 385.816_918_06 * k + 0.010_730_6 * t2 + 0.000_012_36 * t3;
    let f = 21.2964 + 390.670_506_46 * k - 0.001_652_8 * t2 - 0.000_002_39 * t3;
    let mut c1 = (0.1734 - 0.000_393 * t) * (m * dr).sin() + 0.0021 * (2.0 * dr * m).sin();
    c1 = c1 - 0.4068 * (mpr * dr).sin() + 0.0161 * (dr * 2.0 * mpr).sin();
    c1 -= 0.0004 * (dr * 3.0 * mpr).sin();
    c1 = c1 + 0.0104 * (dr * 2.0 * f).sin() - 0.0051 * (dr * (m + mpr)).sin();
    c1 = c1 - 0.0074 * (dr * (m - mpr)).sin() + 0.0004 * (dr * (2.0 * f + m)).sin();
    c1 = c1 - 0.0004 * (dr * (2.0 * f - m)).sin() - 0.0006 * (dr * (2.0 * f + mpr)).sin();
    c1 = c1 + 0.0010 * (dr * (2.0 * f - mpr)).sin() + 0.0005 * (dr * (2.0 * mpr + m)).sin();
    let delta_t = if t < -11.0 {
        0.001 + 0.000_839 * t + 0.000_226_1 * t2 - 0.000_008_45 * t3 - 0.000_000_081 * t * t3
    } else {
        -0.000_278 + 0.000_265 * t + 0.000_262 * t2
    };
    jd1 + c1 - delta_t
}

/// Local (UTC+7) Julian day number of the k-th new moon.
fn new_moon_day(k: i64) -> i32 {
    (new_moon(k) + 0.5 + TIME_ZONE_HOURS / 24.0).floor() as i32
}

/// Sun's true longitude in radians, 0..2π, at a Julian day (UT) (Meeus ch. 25, low precision).
fn sun_longitude(jd: f64) -> f64 {
    let t = (jd - 2_451_545.0) / 36_525.0;
    let t2 = t * t;
    let dr = PI / 180.0;
    let m = 357.529_10 + 35_999.050_30 * t - 0.000_155_9 * t2 - 0.000_000_48 * t * t2;
    let l0 = 280.466_45 + 36_000.769_83 * t + 0.000_303_2 * t2;
    let mut dl = (1.914_600 - 0.004_817 * t - 0.000_014 * t2) * (dr * m).sin();
    dl += (0.019_993 - 0.000_101 * t) * (dr * 2.0 * m).sin() + 0.000_290 * (dr * 3.0 * m).sin();
    let l = (l0 + dl) * dr;
    l - 2.0 * PI * (l / (2.0 * PI)).floor()
}

/// Which 30° sector (0..=11) the sun is in at local midnight starting day `jdn`.
fn sun_sector(jdn: i32) -> i64 {
    let l = sun_longitude(f64::from(jdn) - 0.5 - TIME_ZONE_HOURS / 24.0);
    (l / PI * 6.0).floor() as i64
}

/// Start (JDN) of lunar month 11, the month containing the winter solstice of solar year `y`.
fn lunar_month_11(y: i32) -> i32 {
    let dec31 = NaiveDate::from_ymd_opt(y, 12, 31).map_or(0, jdn_from_date);
    let k = ((f64::from(dec31) - 2_415_021.0) / 29.530_588_853).floor() as i64;
    let nm = new_moon_day(k);
    // Sector 9 starts at 270°, the winter solstice: that month already lies past it.
    if sun_sector(nm) >= 9 {
        new_moon_day(k - 1)
    } else {
        nm
    }
}

/// Offset, counted from month 11 at `a11`, of the first month without a major solar term.
fn leap_month_offset(a11: i32) -> i64 {
    let k = new_moon_index(a11);
    let mut i = 1;
    let mut arc = sun_sector(new_moon_day(k + i));
    loop {
        let last = arc;
        i += 1;
        arc = sun_sector(new_moon_day(k + i));
        if arc == last || i >= 14 {
            break;
        }
    }
    i - 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Lunar new years, including the years where Vietnam (UTC+7) and China (UTC+8) differ.
    #[test]
    fn tet_dates() {
        let cases = [
            (1968, d(1968, 1, 29)),
            (1985, d(1985, 1, 21)),
            (2007, d(2007, 2, 17)),
            (2023, d(2023, 1, 22)),
            (2024, d(2024, 2, 10)),
            (2025, d(2025, 1, 29)),
            (2026, d(2026, 2, 17)),
        ];
        for (year, expected) in cases {
            assert_eq!(lunar_new_year(year).unwrap(), expected, "Tết {year}");
            assert_eq!(
                to_lunar(expected).unwrap(),
                LunarDate {
                    year,
                    month: 1,
                    day: 1,
                    leap: false
                }
            );
        }
    }

    #[test]
    fn leap_months() {
        for (year, month) in [
            (2020, Some(4)),
            (2023, Some(2)),
            (2024, None),
            (2025, Some(6)),
            (2026, None),
            (2028, Some(5)),
        ] {
            assert_eq!(leap_month(year).unwrap(), month, "leap month of {year}");
        }
        assert_eq!(
            to_lunar(d(2025, 7, 25)).unwrap().to_string(),
            "1/6/2025 nhuận"
        );
    }

    #[test]
    fn display() {
        assert_eq!(to_lunar(d(2026, 2, 17)).unwrap().to_string(), "1/1/2026");
        let x = LunarDate {
            year: 2025,
            month: 6,
            day: 15,
            leap: true,
        };
        assert_eq!(x.to_string(), "15/6/2025 nhuận");
    }

    #[test]
    fn errors() {
        assert_eq!(
            to_solar(2024, 2, 1, true),
            Err(CalendarError::NoSuchLeapMonth {
                year: 2024,
                month: 2
            })
        );
        assert_eq!(
            to_solar(2024, 13, 1, false),
            Err(CalendarError::InvalidLunarMonth { month: 13 })
        );
        assert!(matches!(
            to_solar(2024, 1, 0, false),
            Err(CalendarError::NoSuchLunarDay { .. })
        ));
        assert!(matches!(
            to_solar(3000, 1, 1, false),
            Err(CalendarError::YearOutOfRange { .. })
        ));
        assert!(matches!(
            to_lunar(d(1799, 12, 31)),
            Err(CalendarError::DateOutOfRange { .. })
        ));
        assert!(matches!(
            to_lunar(d(2200, 1, 1)),
            Err(CalendarError::DateOutOfRange { .. })
        ));
        // Find a 29-day month and ask for its day 30.
        let short = year_months(2026)
            .unwrap()
            .into_iter()
            .find(|m| m.days == 29)
            .unwrap();
        assert_eq!(
            to_solar(2026, short.month, 30, short.leap),
            Err(CalendarError::NoSuchLunarDay {
                year: 2026,
                month: short.month,
                day: 30,
                leap: short.leap
            })
        );
    }

    /// The table is well formed: contiguous months of 29 or 30 days, 12 or 13 per year, in order.
    #[test]
    fn table_is_well_formed() {
        for year in MIN_YEAR..=MAX_YEAR - 1 {
            let months = year_months(year).unwrap();
            let leaps = months.iter().filter(|m| m.leap).count();
            assert_eq!(months.len(), 12 + leaps, "{year}");
            assert!(leaps <= 1);
            let mut expect = 1;
            for w in months.windows(2) {
                assert!(w[0].days == 29 || w[0].days == 30);
                assert_eq!(
                    w[0].start + chrono::Days::new(u64::from(w[0].days)),
                    w[1].start
                );
            }
            for m in &months {
                if !m.leap {
                    assert_eq!(m.month, expect, "{year}");
                    expect += 1;
                }
            }
        }
    }

    /// Every day of every lunar month in range: lunar → solar → lunar is the identity.
    #[test]
    fn every_lunar_day_round_trips() {
        let mut count = 0;
        for year in MIN_YEAR..MAX_YEAR {
            for m in year_months(year).unwrap() {
                for day in 1..=m.days {
                    let l = LunarDate {
                        year,
                        month: m.month,
                        day,
                        leap: m.leap,
                    };
                    let s = lunar_to_solar(l).unwrap();
                    assert_eq!(to_lunar(s).unwrap(), l);
                    assert_eq!(s, m.start + chrono::Days::new(u64::from(day - 1)));
                    count += 1;
                }
            }
        }
        assert!(count > 145_000, "{count}");
    }

    /// Every day in range: solar → lunar → solar is the identity.
    #[test]
    fn every_day_round_trips() {
        let mut date = MIN_DATE;
        let mut prev: Option<LunarDate> = None;
        while date <= MAX_DATE {
            let l = to_lunar(date).unwrap();
            assert_eq!(lunar_to_solar(l).unwrap(), date, "{date} -> {l}");
            if let Some(p) = prev {
                assert!(l.day == p.day + 1 || l.day == 1, "{date}");
            }
            prev = Some(l);
            date = date.succ_opt().unwrap();
        }
    }
}
