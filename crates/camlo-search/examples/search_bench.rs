//! Indexes 10,000 synthetic Vietnamese items in a temporary folder, then measures queries per
//! second. Run with `cargo run --release -p camlo-search --example search_bench`.

use std::error::Error;
use std::time::Instant;

use camlo_search::{Doc, Query, SearchIndex};

const DOCS: usize = 10_000;
const QUERIES: usize = 2_000;

const WORDS: &[&str] = &[
    "cải cách",
    "hành chính",
    "Cam Lộ",
    "xây dựng",
    "nông thôn mới",
    "Dân vận khéo",
    "đẩy mạnh",
    "chuyển đổi số",
    "Ủy ban nhân dân",
    "huyện",
    "xã",
    "đăng ký",
    "khai sinh",
    "hộ tịch",
    "đất đai",
    "giấy chứng nhận",
    "quyền sử dụng",
    "kế hoạch",
    "triển khai",
    "thực hiện",
    "năm",
    "người dân",
    "doanh nghiệp",
    "thủ tục",
    "trực tuyến",
    "một cửa",
    "tiếp nhận",
    "hồ sơ",
    "trả kết quả",
    "đúng hạn",
    "giao thông",
    "thủy lợi",
    "mùa mưa bão",
    "phòng chống",
    "thiên tai",
    "giáo dục",
    "y tế",
    "văn hóa",
    "du lịch",
    "di tích",
    "Hiếu Giang",
    "Cam Hiếu",
    "Cam Thủy",
    "Cam Tuyền",
    "Cam Thành",
    "Cam Chính",
    "Cam Nghĩa",
    "Cam An",
    "tiêu",
    "cao su",
];

const QUERY_TEXTS: &[&str] = &[
    "cải cách hành chính",
    "cai cach hanh chinh",
    "dan van kheo",
    "chuyển đổi số",
    "chuyen doi so",
    "đăng ký khai sinh",
    "dat dai",
    "giấy chứng nhận quyền sử dụng đất",
    "Cam Hiếu",
    "phong chong thien tai",
    "hồ sơ trực tuyến",
    "du lich di tich",
    "một cửa",
    "nong thon moi",
    "y tế",
    "tiêu cao su",
];

/// A small deterministic generator (no dependency, same corpus on every run).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % n
    }

    fn sentence(&mut self, words: usize) -> String {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(if self.next(8) == 0 { ',' } else { ' ' });
                if s.ends_with(',') {
                    s.push(' ');
                }
            }
            s.push_str(WORDS[self.next(WORDS.len())]);
        }
        s
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let mut rng = Lcg(20_250_701);
    let kinds = ["article", "document", "procedure"];
    let docs: Vec<Doc> = (0..DOCS)
        .map(|i| {
            let title_words = 6 + rng.next(6);
            let body_words = 40 + rng.next(160);
            Doc {
                key: format!("article:{i}"),
                kind: kinds[i % 3].to_owned(),
                title: rng.sentence(title_words),
                body: rng.sentence(body_words),
                url: format!("/tin/{i}"),
                unit: Some(format!("unit-{}", rng.next(20))),
                date: chrono::NaiveDate::from_num_days_from_ce_opt(738_000 + (i as i32 % 1000)),
            }
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.title.len() + d.body.len()).sum();

    let dir = std::env::temp_dir().join(format!("camlo-search-bench-{}", std::process::id()));
    let index = SearchIndex::open(&dir)?;

    let started = Instant::now();
    index.upsert(&docs)?;
    let bulk = started.elapsed();
    println!(
        "bulk: {DOCS} docs ({:.1} MB of text) indexed and committed in {:.2} s ({:.0} docs/s)",
        bytes as f64 / 1e6,
        bulk.as_secs_f64(),
        DOCS as f64 / bulk.as_secs_f64()
    );

    let started = Instant::now();
    let singles = 100;
    for d in docs.iter().take(singles) {
        index.upsert(std::slice::from_ref(d))?;
    }
    let single = started.elapsed();
    println!(
        "single upserts (commit + reload each): {:.1} ms each",
        single.as_secs_f64() * 1000.0 / singles as f64
    );

    let mut total_hits = 0;
    let mut latencies = Vec::with_capacity(QUERIES);
    let started = Instant::now();
    for i in 0..QUERIES {
        let mut q = Query::text(QUERY_TEXTS[i % QUERY_TEXTS.len()]);
        q.limit = 10;
        if i % 4 == 1 {
            q.kind = Some("document".into());
        }
        let t = Instant::now();
        total_hits += index.search(&q)?.total;
        latencies.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let elapsed = started.elapsed();
    latencies.sort_by(f64::total_cmp);
    let pct = |p: f64| latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)];
    println!(
        "search: {QUERIES} queries (top 10 with snippets) in {:.2} s = {:.0} queries/s on one thread; \
         p50 {:.2} ms, p99 {:.2} ms; {:.0} matches per query on average",
        elapsed.as_secs_f64(),
        QUERIES as f64 / elapsed.as_secs_f64(),
        pct(0.50),
        pct(0.99),
        total_hits as f64 / QUERIES as f64
    );

    drop(index);
    let size: u64 = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok()?.metadata().ok())
        .map(|m| m.len())
        .sum();
    println!("index on disk: {:.1} MB", size as f64 / 1e6);
    std::fs::remove_dir_all(&dir)?;
    Ok(())
}
