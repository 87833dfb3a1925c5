//! Throughput of deadline computation and solar→lunar conversion, single thread.
//!
//! Run: `cargo run --release -p camlo-calendar --example bench`. Prints plain lines; figures
//! are recorded in docs/BENCHMARKS.md. Inputs are varied (dates over 2000–2099, all minutes of
//! the day, limits 0–59) and results go through `black_box` so nothing is optimised away.

use camlo_calendar::{WorkCalendar, lunar};
use chrono::{Duration, NaiveDate, NaiveDateTime};
use std::hint::black_box;
use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let t = Instant::now();
    let cal = WorkCalendar::standard()?;
    println!(
        "calendar construction (1800-2199, first use incl. lunar table): {:.1} ms",
        t.elapsed().as_secs_f64() * 1e3
    );

    let base = NaiveDate::from_ymd_opt(2000, 1, 1)
        .ok_or("date")?
        .and_hms_opt(0, 0, 0)
        .ok_or("time")?;
    // A pseudo-random but reproducible spread of reception times.
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let inputs: Vec<(NaiveDateTime, u32)> = (0..4096)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let day = (x % 36_500) as i64;
            let minute = ((x >> 20) % 1440) as i64;
            let n = ((x >> 40) % 60) as u32;
            (base + Duration::days(day) + Duration::minutes(minute), n)
        })
        .collect();

    let rounds = 500;
    let run = |name: &str, f: &dyn Fn(NaiveDateTime, u32) -> Option<NaiveDateTime>| {
        let t = Instant::now();
        let mut ok = 0u64;
        for _ in 0..rounds {
            for &(r, n) in &inputs {
                if black_box(f(black_box(r), black_box(n))).is_some() {
                    ok += 1;
                }
            }
        }
        let secs = t.elapsed().as_secs_f64();
        let count = (rounds * inputs.len()) as f64;
        println!("{name}: {:.0} per second ({ok} computed)", count / secs);
    };
    run("deadline_working_days", &|r, n| {
        cal.deadline_working_days(r, n).ok()
    });
    run("deadline_working_hours", &|r, n| {
        cal.deadline_working_hours(r, n * 4).ok()
    });
    run("deadline_same_day", &|r, _| cal.deadline_same_day(r).ok());
    run("remaining", &|r, n| {
        cal.remaining(r, r + Duration::days(i64::from(n)))
            .ok()
            .map(|_| r)
    });

    let dates: Vec<NaiveDate> = inputs.iter().map(|(r, _)| r.date()).collect();
    let t = Instant::now();
    let mut days = 0u64;
    for _ in 0..rounds {
        for &d in &dates {
            if let Ok(l) = black_box(lunar::to_lunar(black_box(d))) {
                days += u64::from(l.day);
            }
        }
    }
    let secs = t.elapsed().as_secs_f64();
    println!(
        "to_lunar (solar→lunar): {:.0} per second (checksum {days})",
        (rounds * dates.len()) as f64 / secs
    );
    Ok(())
}
