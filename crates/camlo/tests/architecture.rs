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
    deps_in(krate, &["[dependencies]"])
}

/// Names under `[dependencies]` and `[dev-dependencies]` of a crate.
fn all_deps(krate: &str) -> Vec<String> {
    deps_in(
        krate,
        &[
            "[dependencies]",
            "[dev-dependencies]",
            "[build-dependencies]",
        ],
    )
}

fn deps_in(krate: &str, sections: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(crates_dir().join(krate).join("Cargo.toml")).unwrap();
    let mut in_deps = false;
    let mut out = Vec::new();
    for line in text.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_deps = sections.contains(&l);
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

/// The layers of the workspace (ARCHITECTURE.md): every crate is in exactly one.
const FOUNDATION: &[&str] = &[
    "camlo-calendar",
    "camlo-domain",
    "camlo-store",
    "camlo-search",
    "camlo-print",
];
/// The web frame.
const FRAME: &str = "camlo-web";
/// The feature crates: each contributes to the frame through its `Feature` interface.
const FEATURES: &[&str] = &["camlo-onestop", "camlo-portal"];
/// What assembles the features: the binary and the test harness.
const ASSEMBLY: &[&str] = &["camlo", "camlo-testkit"];

fn workspace_crates() -> Vec<String> {
    let mut out: Vec<String> = std::fs::read_dir(crates_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| crates_dir().join(n).join("Cargo.toml").exists())
        .collect();
    out.sort();
    out
}

#[test]
fn every_crate_has_its_layer() {
    for krate in workspace_crates() {
        let layers = [
            FOUNDATION.contains(&krate.as_str()),
            krate == FRAME,
            FEATURES.contains(&krate.as_str()),
            ASSEMBLY.contains(&krate.as_str()),
        ];
        assert_eq!(
            layers.iter().filter(|x| **x).count(),
            1,
            "{krate}: name its layer in tests/architecture.rs (and ARCHITECTURE.md)"
        );
    }
}

#[test]
fn the_frame_knows_no_feature_and_no_feature_knows_another() {
    for dep in all_deps(FRAME) {
        assert!(
            !FEATURES.contains(&dep.as_str()) && !ASSEMBLY.contains(&dep.as_str()),
            "the frame depends on {dep}"
        );
    }
    for feature in FEATURES {
        for dep in all_deps(feature) {
            assert!(
                !FEATURES.contains(&dep.as_str()) && !ASSEMBLY.contains(&dep.as_str()),
                "feature {feature} depends on {dep}: features talk through the frame or the store"
            );
        }
        for (path, text) in sources(feature) {
            for other in FEATURES.iter().filter(|f| *f != feature) {
                let name = other.replace('-', "_");
                assert!(
                    !text.contains(&format!("{name}::")),
                    "{} names {other}",
                    path.display()
                );
            }
        }
    }
    for krate in FOUNDATION {
        for dep in all_deps(krate) {
            assert!(
                dep != FRAME && !FEATURES.contains(&dep.as_str()),
                "{krate} (foundation) depends on {dep}"
            );
        }
    }
    for (path, text) in sources(FRAME) {
        for feature in FEATURES {
            assert!(
                !text.contains(&format!("{}::", feature.replace('-', "_"))),
                "{} names {feature}",
                path.display()
            );
        }
    }
}

/// A module's path inside its crate from its file: `src/a/b.rs` and `src/a/b/mod.rs` are
/// `["a", "b"]`; `lib.rs` and `main.rs` are the root `[]`.
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).unwrap();
    let mut parts: Vec<String> = rel
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    let stem = last.trim_end_matches(".rs");
    if !(stem == "mod" || (parts.is_empty() && (stem == "lib" || stem == "main"))) {
        parts.push(stem.to_owned());
    }
    parts
}

/// The paths a source names through `crate::`, `super::` and `self::` (groups expanded),
/// each as absolute segments.
fn named_paths(module: &[String], text: &str) -> Vec<Vec<String>> {
    fn segments(rest: &str, base: Vec<String>, out: &mut Vec<Vec<String>>) {
        let mut path = base;
        let mut rest = rest;
        loop {
            if let Some(group) = rest.strip_prefix('{') {
                // Split the group at top-level commas.
                let mut depth = 0;
                let mut start = 0;
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => {
                            segments(group[start..i].trim(), path.clone(), out);
                            return;
                        }
                        '}' => depth -= 1,
                        ',' if depth == 0 => {
                            segments(group[start..i].trim(), path.clone(), out);
                            start = i + 1;
                        }
                        _ => {}
                    }
                }
                return;
            }
            let end = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_'))
                .unwrap_or(rest.len());
            let ident = &rest[..end];
            if ident.is_empty() || ident == "self" {
                break;
            }
            path.push(ident.to_owned());
            rest = &rest[end..];
            match rest.strip_prefix("::") {
                Some(r) => rest = r,
                None => break,
            }
        }
        out.push(path);
    }
    let mut out = Vec::new();
    for (i, _) in text.match_indices("::") {
        let before = &text[..i];
        let word_start = before
            .rfind(|c: char| !(c.is_alphanumeric() || c == '_'))
            .map_or(0, |p| p + 1);
        let word = &before[word_start..];
        let base = match word {
            "crate" => Vec::new(),
            "self" => module.to_vec(),
            "super" => {
                // `super::super::x` is read from the first `super`.
                if before[..word_start].ends_with("super::") {
                    continue;
                }
                let mut m = module.to_vec();
                let mut rest = &text[i + 2..];
                m.pop();
                while let Some(r) = rest.strip_prefix("super::") {
                    m.pop();
                    rest = r;
                }
                segments(rest, m, &mut out);
                continue;
            }
            _ => continue,
        };
        segments(&text[i + 2..], base, &mut out);
    }
    out
}

#[test]
fn no_module_imports_a_module_that_imports_it() {
    // A module's own file may use its children: it assembles them (as the crate root assembles
    // the whole crate). Every other `crate::`, `super::` or `self::` path between two modules
    // is an edge, and no edge may close a circle.
    let mut circles = Vec::new();
    for krate in workspace_crates() {
        let src = crates_dir().join(&krate).join("src");
        circles.extend(find_circles(&krate, &src, &sources(&krate)));
    }
    assert!(
        circles.is_empty(),
        "module circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_circle_check_finds_a_planted_circle() {
    let src = Path::new("/x/src");
    let file = |name: &str, text: &str| (src.join(name), text.to_owned());
    let files = [
        file("lib.rs", "pub mod a;\npub mod b;\nuse a::run;"),
        file("a.rs", "use crate::{AppState, b::{self, c::helper}};"),
        file(
            "b/mod.rs",
            "pub mod c;\n// crate::a::x in a comment is no import\nuse self::c::y;",
        ),
        file("b/c.rs", "fn f() { super::super::a::g(); }"),
    ];
    let found = find_circles("k", src, &files);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("a uses b") && found[0].contains("b::c uses a"),
        "{found:?}"
    );
    // Without the back edge there is none.
    let files = [files[0].clone(), files[1].clone(), files[2].clone()];
    assert!(find_circles("k", src, &files).is_empty());
}

/// Every group of modules of a crate that reach each other through their imports.
fn find_circles(krate: &str, src: &Path, files: &[(PathBuf, String)]) -> Vec<String> {
    let mut circles = Vec::new();
    {
        let modules: Vec<Vec<String>> = files.iter().map(|(p, _)| module_of(src, p)).collect();
        let mut edges: Vec<std::collections::BTreeSet<usize>> =
            vec![Default::default(); files.len()];
        for (i, (_, text)) in files.iter().enumerate() {
            let from = &modules[i];
            // Comments name modules in links; only code imports.
            let code: String = text
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            for path in named_paths(from, &code) {
                // The longest module prefix of the path.
                let Some(j) = (0..modules.len())
                    .filter(|&j| path.starts_with(&modules[j]))
                    .max_by_key(|&j| modules[j].len())
                else {
                    continue;
                };
                let to = &modules[j];
                if to.starts_with(from) {
                    continue; // itself or a descendant (the crate root is everyone's ancestor)
                }
                edges[i].insert(j);
            }
        }
        // Modules that reach each other are in one circle; name every such group.
        let reach: Vec<std::collections::BTreeSet<usize>> = (0..files.len())
            .map(|start| {
                let mut seen = std::collections::BTreeSet::new();
                let mut todo = vec![start];
                while let Some(n) = todo.pop() {
                    for &m in &edges[n] {
                        if seen.insert(m) {
                            todo.push(m);
                        }
                    }
                }
                seen
            })
            .collect();
        let mut placed = vec![false; files.len()];
        for n in 0..files.len() {
            if placed[n] || !reach[n].contains(&n) {
                continue;
            }
            let group: Vec<usize> = (0..files.len())
                .filter(|&m| reach[n].contains(&m) && reach[m].contains(&n))
                .collect();
            for &m in &group {
                placed[m] = true;
            }
            let names: Vec<String> = group
                .iter()
                .map(|&m| {
                    let uses: Vec<String> = edges[m]
                        .iter()
                        .filter(|t| group.contains(t))
                        .map(|&t| modules[t].join("::"))
                        .collect();
                    format!("{} uses {}", modules[m].join("::"), uses.join(", "))
                })
                .collect();
            circles.push(format!("{krate}: {}", names.join("; ")));
        }
    }
    circles
}

#[test]
fn only_the_store_has_sql() {
    let mut krates = vec!["camlo-domain", "camlo-calendar", FRAME, "camlo"];
    krates.extend_from_slice(FEATURES);
    for krate in krates {
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
fn only_the_frame_and_the_features_know_http() {
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
    let mut krates = vec![
        "camlo-domain",
        "camlo-calendar",
        "camlo-store",
        FRAME,
        "camlo",
    ];
    krates.extend_from_slice(FEATURES);
    for krate in krates {
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
