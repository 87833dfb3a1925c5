//! The working-day calendar where users meet it: the JSON API under `/api/v1/calendar/`, the
//! public page (days off and a deadline calculator) and the administrators' confirmation of a
//! year's holidays. The answer types here are also what `camlo calendar … --json` prints, so the
//! CLI, the API and the page give the same answers.

use axum::Extension;
use axum::extract::State;
use axum::http::Method;
use axum::response::{IntoResponse, Redirect, Response};
use camlo_calendar::holidays::HolidayKind;
use camlo_calendar::{Holiday, OfficeHours, WorkCalendar, YearRules, to_lunar, to_solar};
use camlo_domain::audit::Outcome;
use camlo_domain::clock::to_local;
use camlo_store::{Store, audit, holidays, office_hours};
use std::collections::HashMap;
use std::sync::Arc;

use camlo_domain::units::UnitId;
use chrono::{Datelike, NaiveDate, NaiveDateTime, NaiveTime, Weekday};
use minijinja::{Value, context};
use serde::{Deserialize, Serialize};

use crate::error::{AppError, AppResult};
use crate::extract::{AppForm, AppJson, AppPath, AppQuery};
use crate::i18n::Lang;
use crate::middleware::Ctx;
use crate::pages::{form_errors, page};
use crate::policy::{ADMINS, Access, PUBLIC, SYSADMIN, Scope, rule};
use crate::{AppState, Routes};

/// Registers this module's routes.
pub fn routes(r: Routes) -> Routes {
    r.add(Method::GET, "/calendar", PUBLIC, public_page)
        .add(
            Method::GET,
            "/admin/calendar/{year}",
            rule(Access::Roles(SYSADMIN), Scope::None),
            admin_page,
        )
        .add(
            Method::POST,
            "/admin/calendar/{year}",
            rule(Access::Roles(SYSADMIN), Scope::None),
            admin_confirm,
        )
        .add(Method::GET, "/api/v1/calendar/lunar", PUBLIC, api_lunar)
        .add(Method::GET, "/api/v1/calendar/solar", PUBLIC, api_solar)
        .add(
            Method::GET,
            "/api/v1/calendar/holidays",
            PUBLIC,
            api_holidays,
        )
        .add(
            Method::GET,
            "/api/v1/calendar/deadline",
            PUBLIC,
            api_deadline,
        )
        .add(
            Method::GET,
            "/api/v1/units/{id}/office-hours",
            PUBLIC,
            api_office_hours,
        )
        .add(
            Method::GET,
            "/admin/units/{id}/office-hours",
            rule(Access::Roles(ADMINS), Scope::UnitPath),
            hours_page,
        )
        .add(
            Method::POST,
            "/admin/units/{id}/office-hours",
            rule(Access::Roles(ADMINS), Scope::UnitPath),
            hours_save,
        )
}

/// The calendars in force: the default office hours and each unit's own, all with the confirmed
/// holiday years. Rebuilt whenever an administrator changes hours or holidays.
pub struct Calendars {
    /// Confirmed years.
    pub rules: Vec<YearRules>,
    /// Default office hours.
    pub default: Arc<WorkCalendar>,
    /// Units with their own hours.
    pub units: HashMap<UnitId, (OfficeHours, Arc<WorkCalendar>)>,
}

impl Calendars {
    /// Builds every calendar from its parts.
    pub fn build(rules: Vec<YearRules>, hours: Vec<(UnitId, OfficeHours)>) -> AppResult<Self> {
        let default = Arc::new(WorkCalendar::new(OfficeHours::default(), rules.clone())?);
        let mut units = HashMap::new();
        for (unit, h) in hours {
            let cal = Arc::new(WorkCalendar::new(h.clone(), rules.clone())?);
            units.insert(unit, (h, cal));
        }
        Ok(Self {
            rules,
            default,
            units,
        })
    }
}

/// Loads the confirmed years and the units' office hours.
pub async fn load(store: &Store) -> AppResult<Calendars> {
    let mut rules = Vec::new();
    for y in holidays::list(store).await? {
        let r: YearRules = serde_json::from_str(&y.rules_json)
            .map_err(|e| AppError::internal(format!("holiday year {}: {e}", y.year)))?;
        rules.push(r);
    }
    let mut hours = Vec::new();
    for (unit, json) in office_hours::list(store).await? {
        let h: OfficeHours = serde_json::from_str(&json)
            .map_err(|e| AppError::internal(format!("office hours of unit {}: {e}", unit.0)))?;
        hours.push((unit, h));
    }
    Calendars::build(rules, hours)
}

/// The calendar for a unit: its own hours, else its nearest ancestor's, else the default.
/// Returns the calendar and the unit whose hours apply.
pub async fn for_unit(
    state: &AppState,
    unit: Option<UnitId>,
) -> AppResult<(Arc<WorkCalendar>, Option<UnitId>)> {
    let cals = state.calendars();
    let Some(unit) = unit else {
        return Ok((Arc::clone(&cals.default), None));
    };
    let mut chain = vec![unit];
    chain.extend(camlo_store::units::ancestors(&state.store, unit).await?);
    for u in chain {
        if let Some((_, cal)) = cals.units.get(&u) {
            return Ok((Arc::clone(cal), Some(u)));
        }
    }
    Ok((Arc::clone(&cals.default), None))
}

/// A lunar date answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct LunarAnswer {
    /// Solar date `YYYY-MM-DD`.
    pub solar: String,
    /// Lunar day.
    pub day: u8,
    /// Lunar month.
    pub month: u8,
    /// Lunar year.
    pub year: i32,
    /// Leap month.
    pub leap: bool,
    /// `D/M/YYYY`, with ` nhuận` for a leap month.
    pub text: String,
}

/// A solar date answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct SolarAnswer {
    /// `YYYY-MM-DD`.
    pub date: String,
}

/// One day off.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DayOff {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Lunar date text.
    pub lunar: String,
    /// Vietnamese name.
    pub name: String,
    /// English name.
    pub name_en: String,
    /// Kind.
    pub kind: HolidayKind,
}

/// A year's days off.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct HolidaysAnswer {
    /// Year.
    pub year: i32,
    /// Confirmed by an administrator (else computed from the rules).
    pub confirmed: bool,
    /// The decision that fixed them.
    pub decision: Option<String>,
    /// Days off in date order.
    pub days: Vec<DayOff>,
    /// Make-up working days.
    pub extra_working_days: Vec<String>,
}

/// A deadline answer.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct DeadlineAnswer {
    /// Reception, `YYYY-MM-DD HH:MM` (Vietnam time).
    pub received: String,
    /// Legal time in working days.
    pub working_days: u32,
    /// Due, `YYYY-MM-DD HH:MM` (Vietnam time).
    pub due: String,
    /// Due as shown to people: `HH:MM dd/mm/yyyy`.
    pub due_display: String,
    /// Fingerprint of the calendar year that computed it (kept with stored deadlines, so a later
    /// change of the year's holidays is detected and reported, never applied silently).
    pub calendar: String,
}

/// Converts a solar date.
pub fn lunar_answer(date: NaiveDate) -> AppResult<LunarAnswer> {
    let l = to_lunar(date)?;
    Ok(LunarAnswer {
        solar: date.to_string(),
        day: l.day,
        month: l.month,
        year: l.year,
        leap: l.leap,
        text: l.to_string(),
    })
}

/// Converts a lunar date.
pub fn solar_answer(year: i32, month: u8, day: u8, leap: bool) -> AppResult<SolarAnswer> {
    Ok(SolarAnswer {
        date: to_solar(year, month, day, leap)?.to_string(),
    })
}

/// The days off of a year under a calendar.
pub fn holidays_answer(cal: &WorkCalendar, year: i32) -> AppResult<HolidaysAnswer> {
    let rules = cal.rules_for(year)?;
    let days = rules
        .days_off
        .iter()
        .map(|h| {
            Ok(DayOff {
                date: h.date.to_string(),
                lunar: to_lunar(h.date)?.to_string(),
                name: h.name_vi.clone(),
                name_en: h.name_en.clone(),
                kind: h.kind,
            })
        })
        .collect::<AppResult<Vec<_>>>()?;
    Ok(HolidaysAnswer {
        year,
        confirmed: rules.confirmed,
        decision: rules.decision.clone(),
        days,
        extra_working_days: rules
            .extra_working_days
            .iter()
            .map(ToString::to_string)
            .collect(),
    })
}

/// The deadline for a reception time and a number of working days.
pub fn deadline_answer(
    cal: &WorkCalendar,
    received: NaiveDateTime,
    working_days: u32,
) -> AppResult<DeadlineAnswer> {
    let due = if working_days == 0 {
        cal.deadline_same_day(received)?
    } else {
        cal.deadline_working_days(received, working_days)?
    };
    Ok(DeadlineAnswer {
        received: received.format("%Y-%m-%d %H:%M").to_string(),
        working_days,
        due: due.format("%Y-%m-%d %H:%M").to_string(),
        due_display: due.format("%H:%M %d/%m/%Y").to_string(),
        calendar: cal.year_fingerprint(due.year())?,
    })
}

/// Parses `YYYY-MM-DD`.
pub fn parse_day(s: &str) -> AppResult<NaiveDate> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| AppError::invalid("CAL-0100"))
}

/// Parses `YYYY-MM-DD HH:MM` (also the `T` form browsers send).
pub fn parse_time(s: &str) -> AppResult<NaiveDateTime> {
    let s = s.trim().replace('T', " ");
    NaiveDateTime::parse_from_str(&s, "%Y-%m-%d %H:%M").map_err(|_| AppError::invalid("CAL-0101"))
}

#[derive(Deserialize)]
struct DateQuery {
    date: String,
}

async fn api_lunar(AppQuery(q): AppQuery<DateQuery>) -> AppResult<AppJson<LunarAnswer>> {
    Ok(AppJson(lunar_answer(parse_day(&q.date)?)?))
}

#[derive(Deserialize)]
struct SolarQuery {
    year: i32,
    month: u8,
    day: u8,
    #[serde(default)]
    leap: bool,
}

async fn api_solar(AppQuery(q): AppQuery<SolarQuery>) -> AppResult<AppJson<SolarAnswer>> {
    Ok(AppJson(solar_answer(q.year, q.month, q.day, q.leap)?))
}

#[derive(Deserialize)]
struct YearQuery {
    year: i32,
}

async fn api_holidays(
    State(state): State<AppState>,
    AppQuery(q): AppQuery<YearQuery>,
) -> AppResult<AppJson<HolidaysAnswer>> {
    Ok(AppJson(holidays_answer(&state.calendar(), q.year)?))
}

#[derive(Deserialize)]
struct DeadlineQuery {
    received: String,
    working_days: u32,
    unit: Option<i64>,
}

async fn api_deadline(
    State(state): State<AppState>,
    AppQuery(q): AppQuery<DeadlineQuery>,
) -> AppResult<AppJson<DeadlineAnswer>> {
    if q.working_days > 1000 {
        return Err(AppError::bad_request());
    }
    let (cal, _) = for_unit(&state, q.unit.map(UnitId)).await?;
    Ok(AppJson(deadline_answer(
        &cal,
        parse_time(&q.received)?,
        q.working_days,
    )?))
}

/// A unit's office hours as the API shows them.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct OfficeHoursAnswer {
    /// The unit asked about.
    pub unit_id: i64,
    /// The unit whose hours apply (itself or an ancestor); `None` for the default.
    pub source_unit_id: Option<i64>,
    /// The hours.
    pub hours: OfficeHours,
}

async fn api_office_hours(
    State(state): State<AppState>,
    AppPath(id): AppPath<i64>,
) -> AppResult<AppJson<OfficeHoursAnswer>> {
    camlo_store::units::get(&state.store, UnitId(id)).await?;
    let (cal, source) = for_unit(&state, Some(UnitId(id))).await?;
    Ok(AppJson(OfficeHoursAnswer {
        unit_id: id,
        source_unit_id: source.map(|u| u.0),
        hours: cal.office_hours().clone(),
    }))
}

fn weekday_vi(d: Weekday, lang: Lang) -> &'static str {
    match (lang, d) {
        (Lang::En, _) => match d {
            Weekday::Mon => "Monday",
            Weekday::Tue => "Tuesday",
            Weekday::Wed => "Wednesday",
            Weekday::Thu => "Thursday",
            Weekday::Fri => "Friday",
            Weekday::Sat => "Saturday",
            Weekday::Sun => "Sunday",
        },
        (Lang::Vi, Weekday::Mon) => "Thứ Hai",
        (Lang::Vi, Weekday::Tue) => "Thứ Ba",
        (Lang::Vi, Weekday::Wed) => "Thứ Tư",
        (Lang::Vi, Weekday::Thu) => "Thứ Năm",
        (Lang::Vi, Weekday::Fri) => "Thứ Sáu",
        (Lang::Vi, Weekday::Sat) => "Thứ Bảy",
        (Lang::Vi, Weekday::Sun) => "Chủ nhật",
    }
}

#[derive(Deserialize, Default)]
struct PageQuery {
    year: Option<i32>,
    received: Option<String>,
    working_days: Option<u32>,
}

async fn public_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppQuery(q): AppQuery<PageQuery>,
) -> AppResult<Response> {
    let now_local = to_local(state.clock.now());
    let year = q.year.unwrap_or(now_local.year()).clamp(1900, 2199);
    let cal = state.calendar();
    let answer = holidays_answer(&cal, year)?;
    let holidays: Vec<Value> = answer
        .days
        .iter()
        .map(|d| {
            let date = NaiveDate::parse_from_str(&d.date, "%Y-%m-%d").unwrap_or_default();
            context! {
                date => date.format("%d/%m/%Y").to_string(), weekday => weekday_vi(date.weekday(), ctx.lang), lunar => d.lunar.clone(),
                name => if ctx.lang == Lang::En { d.name_en.clone() } else { d.name.clone() },
            }
        })
        .collect();
    let received = q
        .received
        .clone()
        .unwrap_or_else(|| now_local.format("%Y-%m-%dT%H:%M").to_string());
    let working_days = q.working_days.unwrap_or(3).min(365);
    let (mut due, mut due_lunar, mut errors) = (None, None, Vec::new());
    if q.received.is_some() {
        match parse_time(&received).and_then(|r| deadline_answer(&cal, r, working_days)) {
            Ok(a) => {
                due_lunar = parse_day(&a.due[..10])
                    .ok()
                    .and_then(|d| to_lunar(d).ok())
                    .map(|l| format!("{}: {l}", crate::i18n::t(ctx.lang, "calendar.lunar")));
                due = Some(a.due_display);
            }
            Err(e) => errors.push(e.field("received")),
        }
    }
    page(
        &state,
        &ctx,
        "calendar.html",
        context! {
            year, holidays, confirmed => answer.confirmed, decision => answer.decision, received, working_days, due, due_lunar,
            errors => form_errors(&ctx, &errors),
        },
    )
}

fn rules_text(rules: &YearRules) -> (String, String) {
    let days = rules
        .days_off
        .iter()
        .map(|h| format!("{} {}", h.date, h.name_vi))
        .collect::<Vec<_>>()
        .join("\n");
    let extra = rules
        .extra_working_days
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    (days, extra)
}

async fn admin_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(year): AppPath<i32>,
) -> AppResult<Response> {
    let rules = state.calendar().rules_for(year)?;
    let (days_off_text, extra_text) = rules_text(&rules);
    page(
        &state,
        &ctx,
        "admin/calendar.html",
        context! { year, confirmed => rules.confirmed, decision => rules.decision.clone().unwrap_or_default(), days_off_text, extra_text, errors => form_errors(&ctx, &[]) },
    )
}

#[derive(Deserialize)]
struct ConfirmForm {
    #[serde(default)]
    decision: String,
    #[serde(default)]
    days_off: String,
    #[serde(default)]
    extra_working: String,
}

/// Parses the administrator's list into the year's rules. A line is `YYYY-MM-DD name`; a name
/// matching the computed default keeps the default's kind, others are overrides.
fn parse_rules(year: i32, form: &ConfirmForm) -> AppResult<YearRules> {
    let computed = YearRules::computed(year)?;
    let mut days = Vec::new();
    for line in form
        .days_off
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        let (date, name) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let date = NaiveDate::parse_from_str(date, "%Y-%m-%d")
            .map_err(|_| AppError::invalid("CAL-0102").field("days_off"))?;
        let name = camlo_domain::text::nfc(name);
        let day = match computed.days_off.iter().find(|h| h.date == date) {
            Some(h) if name.is_empty() || name == h.name_vi => h.clone(),
            _ => Holiday::new(
                date,
                HolidayKind::Override,
                if name.is_empty() {
                    "Ngày nghỉ"
                } else {
                    &name
                },
                if name.is_empty() { "Day off" } else { &name },
            ),
        };
        days.push(day);
    }
    let mut extra = Vec::new();
    for line in form
        .extra_working
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        extra.push(
            NaiveDate::parse_from_str(line, "%Y-%m-%d")
                .map_err(|_| AppError::invalid("CAL-0102").field("extra_working"))?,
        );
    }
    let decision = camlo_domain::text::nfc(&form.decision);
    if decision.is_empty() {
        return Err(AppError::invalid("CAL-0102").field("decision"));
    }
    Ok(YearRules::new(year, days, extra, Some(decision), true)?)
}

async fn admin_confirm(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(year): AppPath<i32>,
    AppForm(form): AppForm<ConfirmForm>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let rules = match parse_rules(year, &form) {
        Ok(r) => r,
        Err(e) if e.status.is_client_error() => {
            let mut res = page(
                &state,
                &ctx,
                "admin/calendar.html",
                context! { year, confirmed => false, decision => form.decision, days_off_text => form.days_off, extra_text => form.extra_working, errors => form_errors(&ctx, std::slice::from_ref(&e)) },
            )?;
            *res.status_mut() = e.status;
            return Ok(res);
        }
        Err(e) => return Err(e),
    };
    let old = state.calendars();
    let before = old.default.year_fingerprint(year)?;
    let mut years: Vec<YearRules> = old
        .rules
        .iter()
        .filter(|r| r.year != year)
        .cloned()
        .collect();
    years.push(rules.clone());
    let hours = old
        .units
        .iter()
        .map(|(u, (h, _))| (*u, h.clone()))
        .collect();
    let new_set = Calendars::build(years, hours)?;
    let after = new_set.default.year_fingerprint(year)?;
    let json = serde_json::to_string(&rules).map_err(|e| AppError::internal(e.to_string()))?;
    let mut tx = state.store.begin().await?;
    holidays::put(
        &mut tx,
        year,
        &json,
        rules.decision.as_deref(),
        Some(a.account.id.0),
        state.now_ts(),
    )
    .await?;
    let mut entry = ctx.who.entry(
        &state,
        Some(a),
        "calendar.confirm",
        format!("year:{year}"),
        Outcome::Success,
    );
    entry.detail = serde_json::json!({
        "decision": rules.decision, "days_off": rules.days_off.len(), "extra_working_days": rules.extra_working_days.len(),
        "fingerprint_before": before, "fingerprint_after": after, "changed": before != after,
    })
    .to_string();
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    state.set_calendars(new_set);
    let flash = if before == after {
        "saved"
    } else {
        "calendar_changed"
    };
    Ok(Redirect::to(&format!("/admin/calendar/{year}?m={flash}")).into_response())
}

const DAYS: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

fn hm(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

async fn hours_view(
    state: &AppState,
    ctx: &Ctx,
    id: i64,
    errors: &[AppError],
) -> AppResult<Response> {
    let unit = camlo_store::units::get(&state.store, UnitId(id)).await?;
    let (cal, source) = for_unit(state, Some(unit.id)).await?;
    let h = cal.office_hours();
    let source_name = match source {
        Some(s) => camlo_store::units::get(&state.store, s).await?.name,
        None => String::new(),
    };
    let days: Vec<Value> = DAYS
        .iter()
        .map(|(d, key)| context! { key => *key, label => weekday_vi(*d, ctx.lang), on => h.office_days.contains(d) })
        .collect();
    let sess = |i: usize| {
        h.sessions
            .get(i)
            .map(|s| (hm(s.start), hm(s.end)))
            .unwrap_or_default()
    };
    let (am, pm) = (sess(0), sess(1));
    let mut res = page(
        state,
        ctx,
        "admin/office_hours.html",
        context! {
            unit_id => id, unit_name => unit.name, own => source == Some(unit.id), source_name, days,
            am_start => am.0, am_end => am.1, pm_start => pm.0, pm_end => pm.1, cutoff => hm(h.same_day_cutoff),
            errors => form_errors(ctx, errors),
        },
    )?;
    if let Some(e) = errors.first() {
        *res.status_mut() = e.status;
    }
    Ok(res)
}

async fn hours_page(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
) -> AppResult<Response> {
    hours_view(&state, &ctx, id, &[]).await
}

#[derive(Deserialize, Default)]
struct HoursForm {
    day_mon: Option<String>,
    day_tue: Option<String>,
    day_wed: Option<String>,
    day_thu: Option<String>,
    day_fri: Option<String>,
    day_sat: Option<String>,
    day_sun: Option<String>,
    #[serde(default)]
    am_start: String,
    #[serde(default)]
    am_end: String,
    #[serde(default)]
    pm_start: String,
    #[serde(default)]
    pm_end: String,
    #[serde(default)]
    cutoff: String,
    inherit: Option<String>,
}

fn parse_hours(f: &HoursForm) -> AppResult<OfficeHours> {
    let t = |s: &str, field: &'static str| {
        NaiveTime::parse_from_str(s.trim(), "%H:%M")
            .map_err(|_| AppError::invalid("CAL-0006").field(field))
    };
    let flags = [
        &f.day_mon, &f.day_tue, &f.day_wed, &f.day_thu, &f.day_fri, &f.day_sat, &f.day_sun,
    ];
    let office_days = DAYS
        .iter()
        .zip(flags)
        .filter(|(_, on)| on.is_some())
        .map(|((d, _), _)| *d)
        .collect();
    let mut sessions = vec![camlo_calendar::Session {
        start: t(&f.am_start, "am_start")?,
        end: t(&f.am_end, "am_end")?,
    }];
    if !f.pm_start.trim().is_empty() || !f.pm_end.trim().is_empty() {
        sessions.push(camlo_calendar::Session {
            start: t(&f.pm_start, "pm_start")?,
            end: t(&f.pm_end, "pm_end")?,
        });
    }
    let hours = OfficeHours {
        office_days,
        sessions,
        same_day_cutoff: t(&f.cutoff, "cutoff")?,
    };
    hours
        .validate()
        .map_err(|e| AppError::invalid(e.code()).field("am_start"))?;
    Ok(hours)
}

async fn hours_save(
    State(state): State<AppState>,
    Extension(ctx): Extension<Ctx>,
    AppPath(id): AppPath<i64>,
    AppForm(form): AppForm<HoursForm>,
) -> AppResult<Response> {
    let a = ctx.actor()?;
    let unit = camlo_store::units::get(&state.store, UnitId(id)).await?;
    let hours = if form.inherit.is_some() {
        None
    } else {
        match parse_hours(&form) {
            Ok(h) => Some(h),
            Err(e) if e.status.is_client_error() => {
                return hours_view(&state, &ctx, id, &[e]).await;
            }
            Err(e) => return Err(e),
        }
    };
    let old = state.calendars();
    let mut all: Vec<(UnitId, OfficeHours)> = old
        .units
        .iter()
        .filter(|(u, _)| **u != unit.id)
        .map(|(u, (h, _))| (*u, h.clone()))
        .collect();
    if let Some(h) = &hours {
        all.push((unit.id, h.clone()));
    }
    let new_set = Calendars::build(old.rules.clone(), all)?;
    let mut tx = state.store.begin().await?;
    match &hours {
        Some(h) => {
            let json = serde_json::to_string(h).map_err(|e| AppError::internal(e.to_string()))?;
            office_hours::put(
                &mut tx,
                unit.id,
                &json,
                Some(a.account.id.0),
                state.now_ts(),
            )
            .await?;
        }
        None => office_hours::clear(&mut tx, unit.id).await?,
    }
    let mut entry = ctx.who.entry(
        &state,
        Some(a),
        "unit.office_hours",
        format!("unit:{id}"),
        Outcome::Success,
    );
    entry.unit_id = Some(id);
    entry.detail = serde_json::json!({ "hours": hours, "inherit": hours.is_none() }).to_string();
    audit::append(&mut tx, &entry).await?;
    camlo_store::commit(tx).await?;
    state.set_calendars(new_set);
    Ok(Redirect::to(&format!("/admin/units/{id}/office-hours?m=saved")).into_response())
}
