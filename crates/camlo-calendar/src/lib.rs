//! camlo-calendar: the Vietnamese lunar calendar (UTC+7), public holidays and working-day
//! arithmetic for administrative deadlines.
//!
//! Sources: Labour Code 2019 (Bộ luật Lao động 45/2019/QH14) art. 111–112 for holidays and
//! substitute days; Decree 61/2018/NĐ-CP art. 18 for the 15:00 transfer rule; the project's
//! DOMAIN.md §7 for the counting rules. The crate never reads the clock: every function takes the
//! dates and times it needs as arguments. It depends on no other camlo crate.

#![warn(missing_docs)]

pub mod error;
pub mod holidays;
pub mod lunar;
pub mod working;

pub use error::CalendarError;
pub use holidays::{Holiday, HolidayKind, YearRules, default_holidays};
pub use lunar::{LunarDate, to_lunar, to_solar};
pub use working::{Budget, OfficeHours, Remaining, Session, StepBudget, WorkCalendar};
