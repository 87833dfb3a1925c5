//! One-stop submission load, durable (`synchronous=FULL`) against non-durable (`NORMAL`), in one
//! command. Run it with `scripts/bench-onestop` (which builds the release binary and this
//! example), or by hand:
//!
//! ```text
//! cargo build --release -p camlo --bin camlo --example onestop_bench
//! target/release/examples/onestop_bench [--secs 10] [--filers 32] [--lookups 4]
//! ```
//!
//! For each mode it starts the release `camlo demo` on a fresh data folder (whole process, real
//! SQLite file, real HTTP on loopback), signs the demo citizen in, and for `--secs` seconds runs
//! `--filers` clients that file dossiers (`POST /api/v1/dossiers`, filed at once: two writes
//! each) while `--lookups` clients look filed dossiers up (`GET /api/v1/lookup/{code}`). It
//! prints dossiers per second, the FULL/NORMAL ratio, lookup latency percentiles and how many
//! writes the group commit put into each transaction (from `/metrics`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

use camlo_testkit::http::Client;
use camlo_testkit::process;
use serde_json::{Value, json};

struct Args {
    secs: u64,
    filers: usize,
    lookups: usize,
    bin: String,
}

fn args() -> Args {
    let mut a = Args {
        secs: 10,
        filers: 32,
        lookups: 4,
        bin: std::env::current_exe()
            .unwrap()
            .parent()
            .and_then(|p| p.parent())
            .map(|p| p.join("camlo").display().to_string())
            .unwrap(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().unwrap_or_default();
        match flag.as_str() {
            "--secs" => a.secs = value.parse().unwrap(),
            "--filers" => a.filers = value.parse().unwrap(),
            "--lookups" => a.lookups = value.parse().unwrap(),
            "--bin" => a.bin = value,
            other => panic!("unknown flag {other}"),
        }
    }
    a
}

struct Outcome {
    filed: u64,
    failed: u64,
    secs: f64,
    lookups: Vec<Duration>,
    batches: u64,
    jobs: u64,
}

fn metric(text: &str, name: &str) -> u64 {
    text.lines()
        .find_map(|l| l.strip_prefix(&format!("{name} ")))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
}

async fn run(a: &Args, mode: &str) -> Outcome {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let server = process::start(
        &a.bin,
        &[
            "demo",
            "--data",
            data.to_str().unwrap(),
            "--listen",
            "127.0.0.1:0",
        ],
        &[
            ("CAMLO_SQLITE_SYNCHRONOUS", mode),
            ("CAMLO_LIMITS__LOOKUPS_PER_MINUTE", "100000000"),
            ("CAMLO_LIMITS__MAX_CONNECTIONS", "1024"),
        ],
    );
    let accounts: Value =
        serde_json::from_str(&std::fs::read_to_string(data.join("demo-accounts.json")).unwrap())
            .unwrap();
    let citizen = accounts
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["role"] == "citizen")
        .unwrap();
    let login = Client::new(&server.url);
    let res = login
        .post_json(
            "/api/v1/session",
            &json!({ "username": citizen["username"], "password": citizen["password"] }),
        )
        .await;
    assert_eq!(res.status, 200, "{}", res.text);
    let token = res.json()["token"].as_str().unwrap().to_owned();
    let units = login.get("/api/v1/units").await.json();
    let office = units
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["kind"] == "one_stop_office" && u["valid_to"].is_null())
        .unwrap()["id"]
        .as_i64()
        .unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let filed = Arc::new(AtomicU64::new(0));
    let failed = Arc::new(AtomicU64::new(0));
    let codes = Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let mut tasks = Vec::new();
    for f in 0..a.filers {
        let (url, token) = (server.url.clone(), token.clone());
        let (stop, filed, failed, codes) = (
            Arc::clone(&stop),
            Arc::clone(&filed),
            Arc::clone(&failed),
            Arc::clone(&codes),
        );
        tasks.push(tokio::spawn(async move {
            let c = Client::new(&url);
            c.set_bearer(Some(token));
            let mut n = 0u64;
            while !stop.load(Ordering::Relaxed) {
                n += 1;
                let body = json!({
                    "procedure_code": "1.004873",
                    "receiving_unit_id": office,
                    "applicant": { "name": "Nguyễn Thị Hằng", "address": "Thôn 3, xã Cam Lộ", "phone": "0912345678" }
                });
                let key = format!("bench-{f}-{n}");
                match c
                    .try_send(
                        "POST",
                        "/api/v1/dossiers",
                        Some("application/json"),
                        body.to_string().into_bytes(),
                        &[("idempotency-key", &key)],
                    )
                    .await
                {
                    Ok(r) if r.status == 201 => {
                        filed.fetch_add(1, Ordering::Relaxed);
                        if let Some(code) = r.json()["code"].as_str() {
                            codes.lock().unwrap().push(code.to_owned());
                        }
                    }
                    _ => {
                        failed.fetch_add(1, Ordering::Relaxed);
                    }
                }
            }
        }));
    }
    let latencies = Arc::new(std::sync::Mutex::new(Vec::new()));
    for l in 0..a.lookups {
        let url = server.url.clone();
        let (stop, codes, latencies) = (
            Arc::clone(&stop),
            Arc::clone(&codes),
            Arc::clone(&latencies),
        );
        tasks.push(tokio::spawn(async move {
            let c = Client::new(&url);
            let mut i = l;
            while !stop.load(Ordering::Relaxed) {
                let code = {
                    let list = codes.lock().unwrap();
                    (!list.is_empty()).then(|| list[(i * 7919) % list.len()].clone())
                };
                i += 1;
                let Some(code) = code else {
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    continue;
                };
                let t = Instant::now();
                let r = c
                    .try_send(
                        "GET",
                        &format!("/api/v1/lookup/{code}"),
                        None,
                        Vec::new(),
                        &[],
                    )
                    .await;
                let took = t.elapsed();
                if matches!(r, Ok(ref r) if r.status == 200) {
                    latencies.lock().unwrap().push(took);
                }
            }
        }));
    }
    let started = Instant::now();
    tokio::time::sleep(Duration::from_secs(a.secs)).await;
    stop.store(true, Ordering::Relaxed);
    let secs = started.elapsed().as_secs_f64();
    for t in tasks {
        t.await.unwrap();
    }
    let metrics = login.get("/metrics").await.text;
    let mut lookups = latencies.lock().unwrap().clone();
    lookups.sort();
    drop(server);
    Outcome {
        filed: filed.load(Ordering::Relaxed),
        failed: failed.load(Ordering::Relaxed),
        secs,
        lookups,
        batches: metric(&metrics, "camlo_write_batches_total"),
        jobs: metric(&metrics, "camlo_write_jobs_total"),
    }
}

fn pct(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i].as_secs_f64() * 1000.0
}

fn main() {
    let a = args();
    assert!(
        std::path::Path::new(&a.bin).exists(),
        "no camlo binary at {} (cargo build --release -p camlo --bin camlo, or pass --bin)",
        a.bin
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    println!(
        "one-stop filing load: {} filers, {} lookup clients, {} s per mode, binary {}",
        a.filers, a.lookups, a.secs, a.bin
    );
    let mut rows = Vec::new();
    for mode in ["full", "normal"] {
        let o = rt.block_on(run(&a, mode));
        let rate = o.filed as f64 / o.secs;
        println!(
            "synchronous={mode:<6}  {:>7.1} dossiers/s ({} filed, {} failed in {:.1} s)  lookups: {} p50 {:.1} ms p99 {:.1} ms  writes per transaction {:.1} ({} jobs in {} batches)",
            rate,
            o.filed,
            o.failed,
            o.secs,
            o.lookups.len(),
            pct(&o.lookups, 0.50),
            pct(&o.lookups, 0.99),
            o.jobs as f64 / o.batches.max(1) as f64,
            o.jobs,
            o.batches
        );
        rows.push((mode, rate, o));
    }
    let ratio = rows[0].1 / rows[1].1;
    println!("durable/non-durable throughput ratio (FULL/NORMAL): {ratio:.2} (goal >= 0.5)");
}
