//! Messages are data: every crate's Fluent files (`crates/*/messages/{vi,en}.ftl`) parse, agree
//! with each other and with the code that uses them, the Vietnamese holds no English words, and
//! no template holds Vietnamese text of its own. Each check is also run on a planted violation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use camlo_web::i18n::{Entry, entries};

/// The frame: its keys may be used by every crate.
const FRAME: &str = "camlo-web";
/// Crates that must have message files.
const MESSAGE_CRATES: &[&str] = &["camlo-web", "camlo-onestop", "camlo-portal"];

/// Acronyms and abbreviations a Vietnamese message may hold as they are. Each is the usual
/// written form in Vietnamese administrative text, not a word with a Vietnamese equivalent.
const ACRONYMS: &[&str] = &[
    // Căn cước công dân: the citizen ID card.
    "CCCD",
    // Technical names users meet on screen: file formats and the two-step method.
    "CSV", "HTML", "JPEG", "JSON", "PDF", "PNG", "TOTP", "CSRF",
    // Megabyte, in file size limits.
    "MB",
    // Legal references: Nghị định (NĐ 30/2020), Hướng dẫn (HD 36-HD/VPTW), Văn phòng Trung ương,
    // Quy chuẩn Việt Nam (QCVN 102).
    "NĐ", "HD", "VPTW", "QCVN",
];

// ---------------------------------------------------------------------------------------------
// Reading the workspace.

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// (crate, Vietnamese source, English source) for every crate with a `messages` folder.
fn message_sources() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(crates_dir()).unwrap() {
        let dir = e.unwrap().path();
        if !dir.join("messages").is_dir() {
            continue;
        }
        let read = |lang: &str| {
            std::fs::read_to_string(dir.join("messages").join(format!("{lang}.ftl")))
                .unwrap_or_default()
        };
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        out.push((name, read("vi"), read("en")));
    }
    out.sort();
    out
}

/// Every file under `dir` whose name ends with `ext`.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    for e in rd {
        let p = e.unwrap().path();
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.to_string_lossy().ends_with(ext) {
            out.push(p);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The checks: each returns its problems, one line each.

/// Parse errors, keys missing in one language, placeholders that differ, keys defined twice
/// (in one file or in two crates), identifiers that do not map back to a key.
fn file_problems(sources: &[(String, String, String)]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut owner: BTreeMap<String, String> = BTreeMap::new();
    for (krate, vi, en) in sources {
        let mut by_lang = Vec::new();
        for (lang, src) in [("vi", vi), ("en", en)] {
            match entries(src) {
                Ok(list) => {
                    let mut map = BTreeMap::new();
                    for e in list {
                        if !id_is_well_formed(&e.id) {
                            problems.push(format!("{krate}/{lang}: identifier {} is neither an error code nor lowercase words joined by -", e.id));
                        }
                        if let Some(old) = map.insert(e.key.clone(), e) {
                            problems.push(format!("{krate}/{lang}: {} defined twice", old.id));
                        }
                    }
                    by_lang.push(map);
                }
                Err(errors) => {
                    problems.push(format!("{krate}/{lang}: does not parse: {errors:?}"));
                    by_lang.push(BTreeMap::new());
                }
            }
        }
        let (vi, en) = (&by_lang[0], &by_lang[1]);
        for (k, e) in vi {
            match en.get(k) {
                None => problems.push(format!("{krate}: {k} has no English")),
                Some(f) if f.variables != e.variables => problems.push(format!(
                    "{krate}: {k} placeholders differ: vi {:?}, en {:?}",
                    e.variables, f.variables
                )),
                Some(_) => {}
            }
        }
        for k in en.keys().filter(|k| !vi.contains_key(*k)) {
            problems.push(format!("{krate}: {k} has no Vietnamese"));
        }
        for k in vi.keys().chain(en.keys()).collect::<BTreeSet<_>>() {
            if let Some(other) = owner.insert(k.clone(), krate.clone())
                && other != *krate
            {
                problems.push(format!("{k} is defined in both {other} and {krate}"));
            }
        }
    }
    problems
}

/// `WEB-0001`.
fn is_error_code(id: &str) -> bool {
    id.split_once('-').is_some_and(|(p, n)| {
        !p.is_empty()
            && p.bytes().all(|b| b.is_ascii_uppercase())
            && !n.is_empty()
            && n.bytes().all(|b| b.is_ascii_digit())
    })
}

/// `WEB-0001`, or lowercase words joined by `-` (each `-` stands for a `.` in code).
fn id_is_well_formed(id: &str) -> bool {
    is_error_code(id)
        || id.split('-').all(|w| {
            w.starts_with(|c: char| c.is_ascii_lowercase())
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
        })
}

/// The letter without its tone mark, keeping the vowel's own mark (ă â ê ô ơ ư); `None` for a
/// letter Vietnamese does not write.
fn base_letter(c: char) -> Option<char> {
    const VOWELS: &[&str] = &[
        "aàáảãạ",
        "ăằắẳẵặ",
        "âầấẩẫậ",
        "eèéẻẽẹ",
        "êềếểễệ",
        "iìíỉĩị",
        "oòóỏõọ",
        "ôồốổỗộ",
        "ơờớởỡợ",
        "uùúủũụ",
        "ưừứửữự",
        "yỳýỷỹỵ",
    ];
    if c.is_ascii_lowercase() && !matches!(c, 'f' | 'j' | 'w' | 'z') || c == 'đ' {
        return Some(c);
    }
    VOWELS
        .iter()
        .find(|v| v.contains(c))
        .and_then(|v| v.chars().next())
}

/// True when `word` is one Vietnamese syllable: an initial consonant (or none), a nucleus of
/// one to three vowels (glides included) and a final consonant (or none).
fn is_vietnamese_syllable(word: &str) -> bool {
    const INITIALS: &[&str] = &[
        "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
        "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x", "",
    ];
    const FINALS: &[&str] = &["ch", "ng", "nh", "c", "m", "n", "p", "t", ""];
    let Some(s) = word
        .to_lowercase()
        .chars()
        .map(base_letter)
        .collect::<Option<String>>()
    else {
        return false;
    };
    INITIALS.iter().any(|i| {
        s.strip_prefix(i).is_some_and(|rest| {
            FINALS.iter().any(|f| {
                rest.strip_suffix(f).is_some_and(|nucleus| {
                    (1..=3).contains(&nucleus.chars().count())
                        && nucleus.chars().all(|c| "aăâeêioôơuưy".contains(c))
                })
            })
        })
    })
}

/// Words of Vietnamese messages that are no Vietnamese syllable and no allowed acronym.
/// Placeables (`{ $name }`, `{ "dd/mm/yyyy" }`) are not prose and are skipped.
fn english_words(krate: &str, vi: &str) -> Vec<String> {
    let Ok(list) = entries(vi) else {
        return vec![format!("{krate}/vi: does not parse")];
    };
    let mut out = Vec::new();
    for Entry { key, text, .. } in list {
        for word in text.split(|c: char| !c.is_alphabetic()) {
            if !word.is_empty() && !ACRONYMS.contains(&word) && !is_vietnamese_syllable(word) {
                out.push(format!("{krate}: {key}: {word}"));
            }
        }
    }
    out
}

/// Lines of a template holding a letter with a Vietnamese diacritic (or any non-ASCII letter).
fn vietnamese_in_template(name: &str, text: &str) -> Vec<String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.chars().any(|c| c.is_alphabetic() && !c.is_ascii()))
        .map(|(i, l)| format!("{name}:{}: {}", i + 1, l.trim()))
        .collect()
}

/// Keys used with a literal string in code (`t(lang, "os.submitted")`, `t_args(…, "…")`) or in
/// templates (`t("os.submitted")`), as (key, where); calls may span lines. Unit tests are left
/// out (they probe missing keys on purpose).
fn literal_keys(path: &Path, text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let template = path.extension().is_some_and(|e| e == "html");
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    for (i, _) in text.match_indices('(') {
        let head = &text[..i];
        let name_start = head
            .rfind(|c: char| !c.is_alphanumeric() && c != '_')
            .map_or(0, |j| j + 1);
        if !matches!(&head[name_start..], "t" | "t_args") {
            continue;
        }
        let args = &text[i + 1..];
        // In templates the key is the first argument; in Rust the second.
        let rest = if template {
            args
        } else {
            match args.split_once(',') {
                Some((_, r)) => r,
                None => continue,
            }
        };
        let Some(lit) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some((key, after)) = lit.split_once('"') else {
            continue;
        };
        // `t("doc.state." ~ d.state)` builds a key: not a literal one. Local helpers named `t`
        // take other strings: a key has a dot or is an error code.
        let key_shaped = key.contains('.') || is_error_code(key);
        if key_shaped && after.trim_start().starts_with([')', ',']) {
            let n = head.matches('\n').count() + 1;
            out.push((key.to_owned(), format!("{}:{n}", path.display())));
        }
    }
    out
}

/// Keys used by a crate and defined neither in its own files nor in the frame's.
fn unknown_keys(
    krate: &str,
    used: &[(String, String)],
    defined: &BTreeMap<String, BTreeSet<String>>,
) -> Vec<String> {
    let has = |c: &str, k: &str| defined.get(c).is_some_and(|s| s.contains(k));
    used.iter()
        .filter(|(k, _)| !has(FRAME, k) && !has(krate, k))
        .map(|(k, at)| format!("{at}: {k} is not defined in {krate} or the frame"))
        .collect()
}

fn defined_keys(sources: &[(String, String, String)]) -> BTreeMap<String, BTreeSet<String>> {
    sources
        .iter()
        .map(|(k, vi, _)| {
            let keys = entries(vi).unwrap().into_iter().map(|e| e.key).collect();
            (k.clone(), keys)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The real files.

#[test]
fn message_files_parse_and_agree() {
    let sources = message_sources();
    for c in MESSAGE_CRATES {
        assert!(
            sources
                .iter()
                .any(|(k, vi, en)| k == c && !vi.is_empty() && !en.is_empty()),
            "{c} has no messages/vi.ftl and messages/en.ftl"
        );
    }
    let problems = file_problems(&sources);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn vietnamese_messages_hold_no_english_words() {
    let problems: Vec<String> = message_sources()
        .iter()
        .flat_map(|(k, vi, _)| english_words(k, vi))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The allow-list stays short: every entry is in use.
    let prose: String = message_sources()
        .iter()
        .flat_map(|(_, vi, _)| entries(vi).unwrap())
        .map(|e| e.text + " ")
        .collect();
    for a in ACRONYMS {
        let used = prose.split(|c: char| !c.is_alphabetic()).any(|w| w == *a);
        assert!(used, "{a} is allowed but no Vietnamese message uses it");
    }
}

#[test]
fn templates_hold_no_vietnamese_text() {
    let mut templates = Vec::new();
    files(&crates_dir(), ".html", &mut templates);
    let templates: Vec<_> = templates
        .into_iter()
        .filter(|p| p.components().any(|c| c.as_os_str() == "templates"))
        .collect();
    assert!(templates.len() > 20, "templates not found");
    let problems: Vec<String> = templates
        .iter()
        .flat_map(|p| {
            let name = p.strip_prefix(crates_dir()).unwrap().display().to_string();
            vietnamese_in_template(&name, &std::fs::read_to_string(p).unwrap())
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_key_used_is_defined_where_its_crate_can_see_it() {
    let sources = message_sources();
    let defined = defined_keys(&sources);
    let mut problems = Vec::new();
    let mut total = 0;
    for krate in MESSAGE_CRATES {
        let mut paths = Vec::new();
        files(&crates_dir().join(krate).join("src"), ".rs", &mut paths);
        files(
            &crates_dir().join(krate).join("templates"),
            ".html",
            &mut paths,
        );
        let used: Vec<_> = paths
            .iter()
            .flat_map(|p| {
                let name = p.strip_prefix(crates_dir()).unwrap().to_path_buf();
                literal_keys(&name, &std::fs::read_to_string(p).unwrap())
            })
            .collect();
        total += used.len();
        problems.extend(unknown_keys(krate, &used, &defined));
    }
    assert!(total > 300, "only {total} keys found: the scan is broken");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// Planted violations: each check catches its own.

fn one(krate: &str, vi: &str, en: &str) -> (String, String, String) {
    (krate.to_owned(), vi.to_owned(), en.to_owned())
}

#[test]
fn planted_file_problems_are_caught() {
    let good = one("a", "x-y = Xin chào { $name }\n", "x-y = Hello { $name }\n");
    assert!(file_problems(std::slice::from_ref(&good)).is_empty());
    let cases = [
        (
            vec![one("a", "x-y = { $name\n", "x-y = Hello\n")],
            "does not parse",
        ),
        (
            vec![one("a", "x-y = Chào\nz = Thêm\n", "x-y = Hi\n")],
            "z has no English",
        ),
        (
            vec![one("a", "x-y = Chào\n", "x-y = Hi\nz = More\n")],
            "z has no Vietnamese",
        ),
        (
            vec![one("a", "x-y = Chào { $name }\n", "x-y = Hello { $who }\n")],
            "x.y placeholders differ",
        ),
        (
            vec![good.clone(), one("b", "x-y = Chào\n", "x-y = Hi\n")],
            "x.y is defined in both a and b",
        ),
        (
            vec![one("a", "x-y = A\nx-y = B\n", "x-y = A\n")],
            "x-y defined twice",
        ),
        (
            vec![one("a", "Nav-Home = Trang\n", "Nav-Home = Home\n")],
            "identifier Nav-Home",
        ),
    ];
    for (sources, expected) in cases {
        let problems = file_problems(&sources);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected:?} not caught: {problems:?}"
        );
    }
}

#[test]
fn planted_english_words_are_caught() {
    let planted = "a-b = Tải file lên qua email khi online; phiên session và token\n";
    let found = english_words("a", planted);
    for w in ["file", "email", "online", "session", "token"] {
        assert!(
            found.iter().any(|f| f.ends_with(&format!(": {w}"))),
            "{w}: {found:?}"
        );
    }
    // Real Vietnamese, allowed acronyms, variables and verbatim literals pass.
    let fine = "a-b = Người nghiêng khuya quốc gì oanh hoàng ưu tiếng Đảng: tệp PDF, CCCD { $file } { \"online\" }\n";
    assert_eq!(english_words("a", fine), Vec::<String>::new());
}

#[test]
fn planted_vietnamese_in_a_template_is_caught() {
    assert_eq!(
        vietnamese_in_template("x.html", "<p>{{ t(\"a.b\") }}</p>\n<h1>Cấp xã</h1>\n").len(),
        1
    );
    assert!(vietnamese_in_template("x.html", "<h1>Đ</h1>").len() == 1);
    assert!(vietnamese_in_template("x.html", "<span>{{ w }}×{{ h }} – ok</span>").is_empty());
}

#[test]
fn planted_unknown_keys_are_caught() {
    let sources = vec![
        one(FRAME, "nav-home = Trang chủ\n", "nav-home = Home\n"),
        one(
            "camlo-portal",
            "portal-news = Tin\n",
            "portal-news = News\n",
        ),
        one("camlo-onestop", "os-find = Tìm\n", "os-find = Find\n"),
    ];
    let defined = defined_keys(&sources);
    let rs = "let a = t(lang, \"nav.home\");\nlet b = t_args(ctx.lang, \"portal.news\", &[]);\nlet c = t(lang, &format!(\"pro.field.{n}\"));\nlet d = t(&f.cutoff, \"cutoff\")?;\n";
    let html = "{{ t(\"os.find\") }} {{ t(\"doc.state.\" ~ s) }} {{ t(\"nav.home\") }}";
    let used_rs = literal_keys(Path::new("x.rs"), rs);
    let used_html = literal_keys(Path::new("x.html"), html);
    assert_eq!(used_rs.len(), 2, "{used_rs:?}");
    assert_eq!(used_html.len(), 2, "{used_html:?}");
    // The portal may use its own keys and the frame's, not the one-stop shop's.
    assert!(unknown_keys("camlo-portal", &used_rs, &defined).is_empty());
    let problems = unknown_keys("camlo-portal", &used_html, &defined);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("os.find"));
}
