//! Office hours and working-day arithmetic for administrative deadlines.
//!
//! Counting rules (DOMAIN.md §7.3–7.4): the clock starts at valid reception; day 1 is the first
//! working day after the day of valid reception; the deadline is the close of office hours on the
//! N-th working day. Same-day procedures and the transfer to the competent unit follow the 15:00
//! rules (NĐ 61/2018/NĐ-CP art. 18; NĐ 23/2015/NĐ-CP art. 7). Days off come from [`YearRules`]
//! (Labour Code 2019 art. 111–112). All times are local wall-clock times in Asia/Ho_Chi_Minh
//! (UTC+7, no daylight saving), passed in as [`NaiveDateTime`]; nothing here reads the clock.
//!
//! Representation: one bit per day for the whole supported range ([`crate::lunar::MIN_DATE`] to
//! [`crate::lunar::MAX_DATE`]) plus a running count of working days per 64-day word, so "the N-th
//! working day after D" is a rank and a select, and "working time between two instants" is a
//! difference of two cumulative counts. No loop runs over days.

use crate::CalendarError;
use crate::holidays::{Holiday, YearRules};
use crate::lunar::{self, MAX_YEAR, MIN_YEAR};
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Timelike, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One office session (buổi làm việc), e.g. 07:30–11:30.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Opening time.
    pub start: NaiveTime,
    /// Closing time (exclusive end of the session).
    pub end: NaiveTime,
}

/// Office days and hours of a unit (giờ hành chính).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfficeHours {
    /// Weekdays on which the office works (default Monday to Friday).
    pub office_days: Vec<Weekday>,
    /// Sessions in order, not overlapping (default 07:30–11:30 and 13:30–17:00).
    pub sessions: Vec<Session>,
    /// Latest reception time for same-day handling, inclusive (default 15:00).
    pub same_day_cutoff: NaiveTime,
}

fn hm(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
}

impl Default for OfficeHours {
    fn default() -> Self {
        Self {
            office_days: vec![
                Weekday::Mon,
                Weekday::Tue,
                Weekday::Wed,
                Weekday::Thu,
                Weekday::Fri,
            ],
            sessions: vec![
                Session {
                    start: hm(7, 30),
                    end: hm(11, 30),
                },
                Session {
                    start: hm(13, 30),
                    end: hm(17, 0),
                },
            ],
            same_day_cutoff: hm(15, 0),
        }
    }
}

impl OfficeHours {
    /// Checks there is at least one office day and one session, and sessions are ordered and disjoint.
    pub fn validate(&self) -> Result<(), CalendarError> {
        let bad = |reason: &str| {
            Err(CalendarError::InvalidOfficeHours {
                reason: reason.to_owned(),
            })
        };
        if self.office_days.is_empty() {
            return bad("no office day");
        }
        if self.sessions.is_empty() {
            return bad("no session");
        }
        if self.sessions.iter().any(|s| s.start >= s.end) {
            return bad("a session ends before it starts");
        }
        if self.sessions.windows(2).any(|w| w[0].end > w[1].start) {
            return bad("sessions overlap or are out of order");
        }
        Ok(())
    }

    /// Close of office hours: the end of the last session.
    pub fn close_of_day(&self) -> NaiveTime {
        self.sessions.last().map_or(NaiveTime::MIN, |s| s.end)
    }

    /// Opening time: the start of the first session.
    pub fn opening(&self) -> NaiveTime {
        self.sessions.first().map_or(NaiveTime::MIN, |s| s.start)
    }

    /// Working minutes in one working day (the sum of session lengths; 450 by default).
    pub fn minutes_per_day(&self) -> u32 {
        self.sessions
            .iter()
            .map(|s| u32::try_from((s.end - s.start).num_minutes()).unwrap_or(0))
            .sum()
    }

    /// A budget expressed in working minutes (a working day counts [`Self::minutes_per_day`]).
    pub fn budget_minutes(&self, budget: Budget) -> u64 {
        match budget {
            Budget::WorkingDays(d) => u64::from(d) * u64::from(self.minutes_per_day()),
            Budget::WorkingHours(h) => u64::from(h) * 60,
        }
    }

    /// Checks that per-step budgets add up exactly to the legal time limit.
    pub fn check_step_budgets(
        &self,
        steps: &[StepBudget],
        legal_total: Budget,
    ) -> Result<(), CalendarError> {
        let expected_minutes = self.budget_minutes(legal_total);
        let actual_minutes = steps.iter().map(|s| self.budget_minutes(s.budget)).sum();
        if expected_minutes == actual_minutes {
            Ok(())
        } else {
            Err(CalendarError::BudgetMismatch {
                expected_minutes,
                actual_minutes,
            })
        }
    }
}

/// A time allowance counted in working time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Budget {
    /// Whole working days (ngày làm việc).
    WorkingDays(u32),
    /// Working hours (giờ làm việc).
    WorkingHours(u32),
}

/// The share of a procedure's time limit given to one step (e.g. the unit head: 2 working hours).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StepBudget {
    /// Who performs the step (role name).
    pub role: String,
    /// The time allowed.
    pub budget: Budget,
}

/// Working time left until a due time, or overdue by, counting only office hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Remaining {
    /// True when `now` is after the due time (the figures then say how late).
    pub late: bool,
    /// Whole working days in the interval.
    pub working_days: u32,
    /// Working minutes beyond the whole days (less than one working day).
    pub working_minutes: u32,
    /// The whole interval in working minutes.
    pub total_working_minutes: u64,
}

/// The working-day engine: office hours plus per-year rules for the whole supported range.
#[derive(Debug, Clone)]
pub struct WorkCalendar {
    hours: OfficeHours,
    explicit: BTreeMap<i32, YearRules>,
    /// Julian day number of bit 0.
    base_jdn: i32,
    /// Number of days covered.
    len: usize,
    /// Bit i set when day `base_jdn + i` is a working day.
    words: Vec<u64>,
    /// Working days before each word.
    prefix: Vec<u32>,
    /// Sessions as (start, end) seconds after midnight.
    sessions: Vec<(u32, u32)>,
    /// Working seconds per working day.
    day_secs: u32,
}

impl WorkCalendar {
    /// Builds a calendar; years without explicit rules use [`YearRules::computed`].
    pub fn new(hours: OfficeHours, rules: Vec<YearRules>) -> Result<Self, CalendarError> {
        hours.validate()?;
        let mut explicit = BTreeMap::new();
        for r in rules {
            r.validate()?;
            let year = r.year;
            if explicit.insert(year, r).is_some() {
                return Err(CalendarError::DuplicateYearRules { year });
            }
        }
        let base_jdn = lunar::jdn_from_date(lunar::MIN_DATE);
        let len =
            usize::try_from(lunar::jdn_from_date(lunar::MAX_DATE) - base_jdn + 1).unwrap_or(0);
        let mut words = vec![0u64; len.div_ceil(64)];
        let mut office = [false; 7];
        for d in &hours.office_days {
            if let Some(slot) = office.get_mut(d.num_days_from_monday() as usize) {
                *slot = true;
            }
        }
        let mut set = |date: NaiveDate, on: bool| {
            if let Ok(i) = usize::try_from(lunar::jdn_from_date(date) - base_jdn)
                && let Some(w) = words.get_mut(i / 64)
            {
                if on {
                    *w |= 1 << (i % 64);
                } else {
                    *w &= !(1 << (i % 64));
                }
            }
        };
        let mut date = lunar::MIN_DATE;
        while date <= lunar::MAX_DATE {
            set(
                date,
                office
                    .get(date.weekday().num_days_from_monday() as usize)
                    .copied()
                    .unwrap_or(false),
            );
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        for year in MIN_YEAR..=MAX_YEAR {
            let computed;
            let rules = match explicit.get(&year) {
                Some(r) => r,
                None => {
                    computed = YearRules::computed(year)?;
                    &computed
                }
            };
            for h in &rules.days_off {
                set(h.date, false);
            }
            for &d in &rules.extra_working_days {
                set(d, true);
            }
        }
        let mut prefix = Vec::with_capacity(words.len());
        let mut acc = 0u32;
        for w in &words {
            prefix.push(acc);
            acc += w.count_ones();
        }
        let sessions = hours
            .sessions
            .iter()
            .map(|s| {
                (
                    s.start.num_seconds_from_midnight(),
                    s.end.num_seconds_from_midnight(),
                )
            })
            .collect::<Vec<_>>();
        let day_secs = sessions.iter().map(|(a, b)| b - a).sum();
        Ok(Self {
            hours,
            explicit,
            base_jdn,
            len,
            words,
            prefix,
            sessions,
            day_secs,
        })
    }

    /// Default office hours with computed holidays for every year.
    pub fn standard() -> Result<Self, CalendarError> {
        Self::new(OfficeHours::default(), Vec::new())
    }

    /// The office hours in force.
    pub fn office_hours(&self) -> &OfficeHours {
        &self.hours
    }

    /// The rules for a year: the explicit ones if given, else the computed defaults.
    pub fn rules_for(&self, year: i32) -> Result<YearRules, CalendarError> {
        match self.explicit.get(&year) {
            Some(r) => Ok(r.clone()),
            None => YearRules::computed(year),
        }
    }

    /// The days off of a year (holidays and substitutes, sorted).
    pub fn days_off(&self, year: i32) -> Result<Vec<Holiday>, CalendarError> {
        Ok(self.rules_for(year)?.days_off)
    }

    /// Whether a date is a working day; dates outside the supported range are not.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        self.index(date).is_ok_and(|i| self.bit(i))
    }

    /// The first working day strictly after `date`.
    pub fn next_working_day(&self, date: NaiveDate) -> Result<NaiveDate, CalendarError> {
        let i = self.index(date)?;
        let j = self
            .select(self.rank(i + 1))
            .ok_or(CalendarError::DateOutOfRange { date })?;
        self.date_at(j)
    }

    /// Day of valid reception: the reception date if it is a working day and reception was before
    /// the close of office hours; otherwise the next working day (reception outside office hours,
    /// e.g. an online submission at night or on a Sunday, counts from the next working day).
    pub fn valid_reception_day(&self, received: NaiveDateTime) -> Result<NaiveDate, CalendarError> {
        let i = self.reception_index(received)?;
        self.date_at(i)
    }

    /// Due time for a limit of `n` working days: close of office hours on the N-th working day
    /// after the day of valid reception ([`Self::valid_reception_day`]). `n = 0` is a same-day
    /// procedure ([`Self::deadline_same_day`]).
    pub fn deadline_working_days(
        &self,
        received: NaiveDateTime,
        n: u32,
    ) -> Result<NaiveDateTime, CalendarError> {
        if n == 0 {
            return self.deadline_same_day(received);
        }
        let r = self.reception_index(received)?;
        let j = self
            .select(self.rank(r + 1) + n - 1)
            .ok_or(CalendarError::DateOutOfRange {
                date: received.date(),
            })?;
        Ok(self.date_at(j)?.and_time(self.hours.close_of_day()))
    }

    /// Restart from zero (e.g. after a supplement at appraisal): a new deadline counted from the
    /// resubmission exactly as from a first reception.
    pub fn restart_deadline(
        &self,
        resubmitted_at: NaiveDateTime,
        n: u32,
    ) -> Result<NaiveDateTime, CalendarError> {
        self.deadline_working_days(resubmitted_at, n)
    }

    /// Same-day procedure: due at the close of the reception day if it is a working day and
    /// reception was at or before the cut-off (15:00 inclusive by default); otherwise at the
    /// close of the next working day.
    pub fn deadline_same_day(
        &self,
        received: NaiveDateTime,
    ) -> Result<NaiveDateTime, CalendarError> {
        let day = self.same_day_or_next(received)?;
        Ok(day.and_time(self.hours.close_of_day()))
    }

    /// Transfer to the competent unit (NĐ 61/2018 art. 18): by the close of the same working day
    /// if received at or before the cut-off (15:00), otherwise by the end of the first (morning)
    /// session of the next working day — "the next working day's morning" read as a due time.
    pub fn transfer_due(&self, received: NaiveDateTime) -> Result<NaiveDateTime, CalendarError> {
        let i = self.index(received.date())?;
        if self.bit(i) && received.time() <= self.hours.same_day_cutoff {
            return Ok(received.date().and_time(self.hours.close_of_day()));
        }
        let next = self.next_working_day(received.date())?;
        let morning_end = self
            .hours
            .sessions
            .first()
            .map_or(self.hours.close_of_day(), |s| s.end);
        Ok(next.and_time(morning_end))
    }

    /// Due time for a limit of `hours` working hours counted from reception (or from the next
    /// session start when received outside office hours). A count that ends exactly at the end
    /// of a session is due at that session's end.
    pub fn deadline_working_hours(
        &self,
        received: NaiveDateTime,
        hours: u32,
    ) -> Result<NaiveDateTime, CalendarError> {
        if hours == 0 {
            return Ok(received);
        }
        let start = self.cumulative(received)?;
        self.instant_at(start + u64::from(hours) * 3600)
            .ok_or(CalendarError::DateOutOfRange {
                date: received.date(),
            })
    }

    /// Due time for a step budget, in working days or working hours.
    pub fn deadline_budget(
        &self,
        received: NaiveDateTime,
        budget: Budget,
    ) -> Result<NaiveDateTime, CalendarError> {
        match budget {
            Budget::WorkingDays(n) => self.deadline_working_days(received, n),
            Budget::WorkingHours(h) => self.deadline_working_hours(received, h),
        }
    }

    /// Whether `at` is within `n` working days of `start` (e.g. a supplement request within
    /// 3 working days of receipt): `at <= deadline_working_days(start, n)`.
    pub fn within_working_days(
        &self,
        start: NaiveDateTime,
        at: NaiveDateTime,
        n: u32,
    ) -> Result<bool, CalendarError> {
        Ok(at <= self.deadline_working_days(start, n)?)
    }

    /// Working time from `now` to `due`, or how late `now` is past `due`, counting office hours only.
    pub fn remaining(
        &self,
        now: NaiveDateTime,
        due: NaiveDateTime,
    ) -> Result<Remaining, CalendarError> {
        let a = self.cumulative(now)?;
        let b = self.cumulative(due)?;
        let total_secs = a.abs_diff(b);
        let total_working_minutes = total_secs / 60;
        let per_day = u64::from(self.day_secs / 60).max(1);
        Ok(Remaining {
            late: now > due,
            working_days: u32::try_from(total_working_minutes / per_day).unwrap_or(u32::MAX),
            working_minutes: u32::try_from(total_working_minutes % per_day).unwrap_or(u32::MAX),
            total_working_minutes,
        })
    }

    /// Checks that step budgets add up to the legal total (see [`OfficeHours::check_step_budgets`]).
    pub fn check_step_budgets(
        &self,
        steps: &[StepBudget],
        legal_total: Budget,
    ) -> Result<(), CalendarError> {
        self.hours.check_step_budgets(steps, legal_total)
    }

    /// Identity of the calendar in force: a hash of the office hours and of every working day in
    /// the range. Two calendars that compute the same deadlines have the same fingerprint; store
    /// it with a deadline to detect later edits of the rules.
    pub fn fingerprint(&self) -> String {
        let mut h = Fnv::new();
        self.hash_hours(&mut h);
        for w in &self.words {
            h.write(&w.to_le_bytes());
        }
        format!("cal1-{:016x}", h.0)
    }

    /// Like [`Self::fingerprint`] but covering one solar year only, so edits to other years do
    /// not flag deadlines that fall in this one.
    pub fn year_fingerprint(&self, year: i32) -> Result<String, CalendarError> {
        let first =
            NaiveDate::from_ymd_opt(year, 1, 1).ok_or(CalendarError::YearOutOfRange { year })?;
        let last =
            NaiveDate::from_ymd_opt(year, 12, 31).ok_or(CalendarError::YearOutOfRange { year })?;
        let (a, b) = (
            self.index(first)
                .map_err(|_| CalendarError::YearOutOfRange { year })?,
            self.index(last)
                .map_err(|_| CalendarError::YearOutOfRange { year })?,
        );
        let mut h = Fnv::new();
        self.hash_hours(&mut h);
        h.write(&year.to_le_bytes());
        for i in a..=b {
            h.write(&[u8::from(self.bit(i))]);
        }
        Ok(format!("cal1-{year}-{:016x}", h.0))
    }

    fn hash_hours(&self, h: &mut Fnv) {
        h.write(b"camlo-calendar/1;");
        let mut days: Vec<u8> = self
            .hours
            .office_days
            .iter()
            .map(|d| d.num_days_from_monday() as u8)
            .collect();
        days.sort_unstable();
        days.dedup();
        h.write(&days);
        for (a, b) in &self.sessions {
            h.write(&a.to_le_bytes());
            h.write(&b.to_le_bytes());
        }
        h.write(
            &self
                .hours
                .same_day_cutoff
                .num_seconds_from_midnight()
                .to_le_bytes(),
        );
    }

    // ---- internals -------------------------------------------------------------------------

    fn index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        usize::try_from(lunar::jdn_from_date(date) - self.base_jdn)
            .ok()
            .filter(|&i| i < self.len)
            .ok_or(CalendarError::DateOutOfRange { date })
    }

    fn date_at(&self, i: usize) -> Result<NaiveDate, CalendarError> {
        i32::try_from(i)
            .ok()
            .and_then(|i| lunar::date_from_jdn(self.base_jdn + i))
            .ok_or(CalendarError::DateOutOfRange {
                date: lunar::MAX_DATE,
            })
    }

    fn bit(&self, i: usize) -> bool {
        self.words
            .get(i / 64)
            .is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    /// Number of working days with index < i.
    fn rank(&self, i: usize) -> u32 {
        let (w, b) = (i / 64, i % 64);
        match (self.prefix.get(w), self.words.get(w)) {
            (Some(p), Some(word)) => p + (word & ((1u64 << b) - 1)).count_ones(),
            // Past the end: every working day is before i.
            _ => {
                self.prefix.last().copied().unwrap_or(0)
                    + self.words.last().map_or(0, |w| w.count_ones())
            }
        }
    }

    /// Index of the working day with exactly k working days before it.
    fn select(&self, k: u32) -> Option<usize> {
        let w = self.prefix.partition_point(|&p| p <= k).checked_sub(1)?;
        let mut word = *self.words.get(w)?;
        let r = k - self.prefix.get(w)?;
        if r >= word.count_ones() {
            return None;
        }
        for _ in 0..r {
            word &= word - 1;
        }
        Some(w * 64 + word.trailing_zeros() as usize)
    }

    fn reception_index(&self, received: NaiveDateTime) -> Result<usize, CalendarError> {
        let i = self.index(received.date())?;
        if self.bit(i) && received.time() < self.hours.close_of_day() {
            return Ok(i);
        }
        self.select(self.rank(i + 1))
            .ok_or(CalendarError::DateOutOfRange {
                date: received.date(),
            })
    }

    fn same_day_or_next(&self, received: NaiveDateTime) -> Result<NaiveDate, CalendarError> {
        let i = self.index(received.date())?;
        if self.bit(i) && received.time() <= self.hours.same_day_cutoff {
            return Ok(received.date());
        }
        self.next_working_day(received.date())
    }

    /// Working seconds elapsed within one working day at a time of day.
    fn elapsed_in_day(&self, secs: u32) -> u32 {
        self.sessions
            .iter()
            .map(|&(a, b)| secs.clamp(a, b) - a)
            .sum()
    }

    /// Working seconds from the start of the range to `at`.
    fn cumulative(&self, at: NaiveDateTime) -> Result<u64, CalendarError> {
        let i = self.index(at.date())?;
        let within = if self.bit(i) {
            self.elapsed_in_day(at.time().num_seconds_from_midnight())
        } else {
            0
        };
        Ok(u64::from(self.rank(i)) * u64::from(self.day_secs) + u64::from(within))
    }

    /// The earliest instant at which `target` working seconds have elapsed (session ends win ties).
    fn instant_at(&self, target: u64) -> Option<NaiveDateTime> {
        let day = u64::from(self.day_secs.max(1));
        let (q, r) = (target / day, target % day);
        if r == 0 {
            let k = u32::try_from(q.checked_sub(1)?).ok()?;
            let d = self.date_at(self.select(k)?).ok()?;
            return Some(d.and_time(self.hours.close_of_day()));
        }
        let d = self.date_at(self.select(u32::try_from(q).ok()?)?).ok()?;
        let mut left = u32::try_from(r).ok()?;
        for &(a, b) in &self.sessions {
            if left <= b - a {
                return NaiveTime::from_num_seconds_from_midnight_opt(a + left, 0)
                    .map(|t| d.and_time(t));
            }
            left -= b - a;
        }
        None
    }
}

/// FNV-1a, 64 bit: a stable, dependency-free hash for fingerprints.
struct Fnv(u64);

impl Fnv {
    fn new() -> Self {
        Self(0xcbf2_9ce4_8422_2325)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}
