//! The architecture invariants of ARCHITECTURE.md, checked on every test run.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// Names under `[dependencies]` (not dev-dependencies) of a crate.
fn normal_deps(krate: &str) -> Vec<String> {
    let text = std::fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
    let mut in_deps = false;
    let mut out = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_deps = l == "[dependencies]";
            continue;
        }
        if in_deps && let Some((name, _)) = l.split_once('=') {
            let name = name.trim().trim_end_matches(".workspace").to_owned();
            if !name.is_empty() && !name.starts_with('#') {
                out.push(name);
            }
        }
    }
    out
}

fn sources(krate: &str) -> Vec<(PathBuf, String)> {
    fn walk(dir: &Path, out: &mut Vec<(PathBuf, String)>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push((p.clone(), std::fs::read_to_string(&p).unwrap()));
            }
        }
    }
    let mut out = Vec::new();
    walk(&crates_dir().join(krate).join("src"), &mut out);
    out
}

const WEB: &[&str] = &[
    "axum",
    "hyper",
    "hyper-util",
    "tower",
    "tower-http",
    "minijinja",
    "http",
];
const SQL: &[&str] = &["sqlx", "sea-orm", "rusqlite", "postgres", "tokio-postgres"];
const SEARCH: &[&str] = &["tantivy"];

#[test]
fn domain_and_calendar_know_no_web_sql_or_search() {
    for krate in ["camlo-domain", "camlo-calendar"] {
        for dep in normal_deps(krate) {
            assert!(
                !WEB.contains(&dep.as_str())
                    && !SQL.contains(&dep.as_str())
                    && !SEARCH.contains(&dep.as_str()),
                "{krate} depends on {dep}"
            );
            assert!(
                !dep.starts_with("camlo-") || (krate == "camlo-domain" && dep == "camlo-calendar"),
                "{krate} depends on {dep}"
            );
        }
    }
    assert!(
        !normal_deps("camlo-calendar")
            .iter()
            .any(|d| d.starts_with("camlo")),
        "camlo-calendar stands alone"
    );
}

#[test]
fn only_the_store_has_sql() {
    for krate in ["camlo-domain", "camlo-calendar", "camlo-web", "camlo"] {
        for dep in normal_deps(krate) {
            assert!(!SQL.contains(&dep.as_str()), "{krate} depends on {dep}");
        }
        for (path, text) in sources(krate) {
            for needle in ["SELECT ", "INSERT INTO", "UPDATE ", "DELETE FROM", "sqlx::"] {
                assert!(
                    !text.contains(needle),
                    "{} contains SQL ({needle})",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn only_the_web_crate_knows_http() {
    for krate in ["camlo-domain", "camlo-calendar", "camlo-store", "camlo"] {
        for dep in normal_deps(krate) {
            assert!(!WEB.contains(&dep.as_str()), "{krate} depends on {dep}");
        }
        for (path, text) in sources(krate) {
            assert!(
                !text.contains("axum::") && !text.contains("hyper::"),
                "{} uses HTTP types",
                path.display()
            );
        }
    }
}

#[test]
fn the_system_clock_is_read_in_one_place() {
    let mut readers = Vec::new();
    for krate in [
        "camlo-domain",
        "camlo-calendar",
        "camlo-store",
        "camlo-web",
        "camlo",
    ] {
        for (path, text) in sources(krate) {
            if text.contains("Utc::now()")
                || text.contains("SystemTime::now()")
                || text.contains("Local::now()")
            {
                readers.push(path.file_name().unwrap().to_string_lossy().into_owned());
            }
        }
    }
    assert_eq!(
        readers,
        vec!["main.rs".to_owned()],
        "only camlo's SystemClock reads the clock"
    );
}
