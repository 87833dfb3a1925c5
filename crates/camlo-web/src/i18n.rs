//! Messages in Vietnamese (first) and English, as Project Fluent files.
//!
//! Each crate keeps its own `messages/vi.ftl` and `messages/en.ftl`: the frame's here, each
//! feature's in its [`crate::feature::Feature::messages`]. Ownership follows use: a key used by
//! one feature lives in that feature's files, a key used by the frame or by two crates in the
//! frame's. Verbatim foreign text (data formats, examples, product names) is written as a Fluent
//! string literal, `{ "dd/mm/yyyy" }`, so the language checks (`crates/camlo/tests/messages.rs`)
//! can tell it from prose.
//!
//! Keys: code writes UI keys with dots (`os.submitted`) and error codes as they are (`WEB-0001`);
//! Fluent identifiers cannot hold a dot, so the files write `os-submitted`. The translation is
//! done here, at load (`-` → `.` except in error codes) and in [`t_args`] (`.` → `-`), rather than
//! by renaming every call site: some keys are built from data (`"doc.state." ~ d.state` in
//! templates, `format!("pro.field.{name}")`), which a rename script would silently miss.
//!
//! Sources are handed over at run time ([`install`]), one pair per feature crate, so the
//! `fluent-bundle` crate is used directly; `fluent-templates` wants one directory of files at
//! compile time, which does not fit sources that live in several crates. Bidi isolation marks are
//! off: the text goes into HTML, PDFs and e-mail, where they show as stray characters.
//!
//! Performance: [`t`] runs many times per page, so every message is formatted once when its
//! source is installed (text leaked once per distinct source, so the set is bounded) and `t` is
//! one hash lookup under a read lock. [`t_args`] formats through the bundle.
//!
//! The frame's own messages are always loaded (unit tests never call [`install`]); [`install`]
//! adds sources not seen before in this process, so starting many applications is harmless.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::sync::{LazyLock, PoisonError, RwLock, RwLockReadGuard};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_syntax::ast;

/// The user's language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Tiếng Việt.
    #[default]
    Vi,
    /// English.
    En,
}

impl Lang {
    /// From a code; anything not English is Vietnamese.
    pub fn parse(s: &str) -> Self {
        if s.trim().to_ascii_lowercase().starts_with("en") {
            Self::En
        } else {
            Self::Vi
        }
    }

    /// The code.
    pub fn code(self) -> &'static str {
        match self {
            Self::Vi => "vi",
            Self::En => "en",
        }
    }

    fn index(self) -> usize {
        match self {
            Self::Vi => 0,
            Self::En => 1,
        }
    }
}

/// A crate's messages: Fluent sources in Vietnamese and English.
#[derive(Debug, Clone, Copy)]
pub struct Messages {
    /// Vietnamese.
    pub vi: &'static str,
    /// English.
    pub en: &'static str,
}

impl Messages {
    /// No messages of its own.
    pub const NONE: Self = Self { vi: "", en: "" };
}

/// The frame's own messages.
pub const FRAME: Messages = Messages {
    vi: include_str!("../messages/vi.ftl"),
    en: include_str!("../messages/en.ftl"),
};

/// Every message loaded in this process.
struct Catalog {
    /// Sources already added, by content.
    seen: HashSet<&'static str>,
    /// Pre-formatted messages per language, by the key as code writes it.
    text: [HashMap<String, &'static str>; 2],
    /// The bundles [`t_args`] formats with, per language.
    bundles: [FluentBundle<FluentResource>; 2],
}

impl Catalog {
    fn new() -> Self {
        let bundle = |code: &str| {
            let mut b = FluentBundle::new_concurrent(vec![code.parse().unwrap_or_default()]);
            b.set_use_isolating(false);
            b
        };
        let mut c = Self {
            seen: HashSet::new(),
            text: [HashMap::new(), HashMap::new()],
            bundles: [bundle("vi"), bundle("en")],
        };
        c.add(FRAME);
        c
    }

    fn knows(&self, m: &Messages) -> bool {
        [m.vi, m.en]
            .iter()
            .all(|s| s.is_empty() || self.seen.contains(s))
    }

    fn add(&mut self, m: Messages) {
        for (lang, source) in [(Lang::Vi, m.vi), (Lang::En, m.en)] {
            if source.is_empty() || !self.seen.insert(source) {
                continue;
            }
            let resource = FluentResource::try_new(source.to_owned()).unwrap_or_else(|(r, e)| {
                tracing::error!(lang = lang.code(), errors = ?e, "messages do not parse");
                r
            });
            let ids: Vec<String> = resource
                .entries()
                .filter_map(|e| match e {
                    ast::Entry::Message(m) => Some(m.id.name.to_owned()),
                    _ => None,
                })
                .collect();
            let bundle = &mut self.bundles[lang.index()];
            if let Err(e) = bundle.add_resource(resource) {
                tracing::error!(lang = lang.code(), errors = ?e, "messages defined twice");
            }
            let text = &mut self.text[lang.index()];
            for id in ids {
                let key = code_key(&id);
                if text.contains_key(&key) {
                    continue;
                }
                let Some(pattern) = bundle.get_message(&id).and_then(|m| m.value()) else {
                    continue;
                };
                let mut errors = Vec::new();
                let s = bundle
                    .format_pattern(pattern, None, &mut errors)
                    .into_owned();
                text.insert(key, Box::leak(s.into_boxed_str()));
            }
        }
    }
}

static CATALOG: LazyLock<RwLock<Catalog>> = LazyLock::new(|| RwLock::new(Catalog::new()));

fn catalog() -> RwLockReadGuard<'static, Catalog> {
    CATALOG.read().unwrap_or_else(PoisonError::into_inner)
}

/// Adds the features' messages to the frame's; sources already added are skipped, so calling it
/// again with the same features does nothing.
pub fn install(features: impl Iterator<Item = Messages>) {
    let new: Vec<Messages> = {
        let c = catalog();
        features.filter(|m| !c.knows(m)).collect()
    };
    if new.is_empty() {
        return;
    }
    let mut c = CATALOG.write().unwrap_or_else(PoisonError::into_inner);
    for m in new {
        c.add(m);
    }
}

/// True for an error code such as `WEB-0001` (kept as is in Fluent files).
fn is_error_code(key: &str) -> bool {
    key.split_once('-').is_some_and(|(prefix, number)| {
        !prefix.is_empty()
            && prefix.bytes().all(|b| b.is_ascii_uppercase())
            && !number.is_empty()
            && number.bytes().all(|b| b.is_ascii_digit())
    })
}

/// The key as code writes it for a Fluent identifier: `os-submitted` → `os.submitted`.
pub fn code_key(id: &str) -> String {
    if is_error_code(id) {
        id.to_owned()
    } else {
        id.replace('-', ".")
    }
}

/// The Fluent identifier for a key as code writes it: `os.submitted` → `os-submitted`.
pub fn fluent_id(key: &str) -> String {
    key.replace('.', "-")
}

/// The message for `key` in `lang` (the key itself when missing, which a test prevents).
pub fn t(lang: Lang, key: &str) -> &str {
    catalog().text[lang.index()]
        .get(key)
        .copied()
        .unwrap_or(key)
}

/// The message with its `{ $name }` placeholders filled (the key itself when missing).
pub fn t_args(lang: Lang, key: &str, args: &[(&str, String)]) -> String {
    let c = catalog();
    let bundle = &c.bundles[lang.index()];
    let Some(pattern) = bundle.get_message(&fluent_id(key)).and_then(|m| m.value()) else {
        return key.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, value.as_str());
    }
    let mut errors = Vec::new();
    bundle
        .format_pattern(pattern, Some(&fluent_args), &mut errors)
        .into_owned()
}

/// One message of a Fluent source, as the checks on message files see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The key as code writes it.
    pub key: String,
    /// The Fluent identifier.
    pub id: String,
    /// The text without its placeables (variables and verbatim string literals).
    pub text: String,
    /// The variables it takes.
    pub variables: BTreeSet<String>,
}

/// The messages of a Fluent source, or its syntax errors.
pub fn entries(source: &str) -> Result<Vec<Entry>, Vec<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .map_err(|(_, errors)| errors.iter().map(|e| format!("{e:?}")).collect::<Vec<_>>())?;
    let mut out = Vec::new();
    for entry in resource.body {
        let ast::Entry::Message(m) = entry else {
            continue;
        };
        let mut text = String::new();
        let mut variables = BTreeSet::new();
        if let Some(p) = &m.value {
            walk_pattern(p, &mut text, &mut variables);
        }
        out.push(Entry {
            key: code_key(m.id.name),
            id: m.id.name.to_owned(),
            text,
            variables,
        });
    }
    Ok(out)
}

fn walk_pattern(p: &ast::Pattern<&str>, text: &mut String, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        match element {
            ast::PatternElement::TextElement { value } => text.push_str(value),
            ast::PatternElement::Placeable { expression } => {
                // A placeable separates words, like the value it stands for.
                text.push(' ');
                walk_expression(expression, text, vars);
            }
        }
    }
}

fn walk_expression(e: &ast::Expression<&str>, text: &mut String, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => walk_inline(i, text, vars),
        ast::Expression::Select { selector, variants } => {
            walk_inline(selector, text, vars);
            for v in variants {
                walk_pattern(&v.value, text, vars);
            }
        }
    }
}

fn walk_inline(e: &ast::InlineExpression<&str>, text: &mut String, vars: &mut BTreeSet<String>) {
    match e {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => walk_expression(expression, text, vars),
        ast::InlineExpression::FunctionReference { arguments, .. }
        | ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.positional {
                walk_inline(a, text, vars);
            }
            for a in &arguments.named {
                walk_inline(&a.value, text, vars);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    #[test]
    fn frame_messages_load_without_install() {
        assert_eq!(t(Lang::Vi, "WEB-0002"), "Bạn cần đăng nhập để tiếp tục.");
        assert_eq!(t(Lang::En, "WEB-0002"), "Please sign in to continue.");
        assert_eq!(t(Lang::En, "nav.home"), "Home");
    }

    #[test]
    fn a_missing_key_is_shown_as_itself() {
        assert_eq!(t(Lang::Vi, "no.such.key"), "no.such.key");
        assert_eq!(t_args(Lang::En, "no.such.key", &[]), "no.such.key");
    }

    #[test]
    fn placeholders_are_filled_without_isolation_marks() {
        let s = t_args(Lang::En, "AUTH-0002", &[("until", "10:30".into())]);
        assert_eq!(
            s,
            "Too many failed attempts. You may try again after 10:30."
        );
        assert!(!s.contains('\u{2068}') && !s.contains('\u{2069}'));
    }

    #[test]
    fn keys_map_to_fluent_identifiers_and_back() {
        for key in ["os.submitted", "os.online_full", "WEB-0001", "DOC-0007"] {
            assert_eq!(code_key(&fluent_id(key)), key);
        }
        assert_eq!(fluent_id("doc.state.draft"), "doc-state-draft");
        assert!(!is_error_code("nav-home") && !is_error_code("WEB-") && !is_error_code("-1"));
    }

    #[test]
    fn install_is_idempotent_and_adds_new_sources() {
        // Leaked on purpose: a feature's sources are `'static`.
        let m = Messages {
            vi: Box::leak(
                "test-install-probe = Thử { $n }\n"
                    .to_owned()
                    .into_boxed_str(),
            ),
            en: Box::leak(
                "test-install-probe = Probe { $n }\n"
                    .to_owned()
                    .into_boxed_str(),
            ),
        };
        install([m, FRAME, Messages::NONE].into_iter());
        let seen = catalog().seen.len();
        for _ in 0..3 {
            install([m, FRAME, Messages::NONE].into_iter());
        }
        assert_eq!(catalog().seen.len(), seen, "nothing added twice");
        assert_eq!(
            t_args(Lang::En, "test.install.probe", &[("n", "1".into())]),
            "Probe 1"
        );
        assert_eq!(
            t_args(Lang::Vi, "test.install.probe", &[("n", "1".into())]),
            "Thử 1"
        );
        // A second source cannot redefine a key: the first one stays.
        let again = Messages {
            vi: Box::leak("WEB-0002 = khác\n".to_owned().into_boxed_str()),
            en: "",
        };
        install([again].into_iter());
        assert_eq!(t(Lang::Vi, "WEB-0002"), "Bạn cần đăng nhập để tiếp tục.");
    }

    #[test]
    fn the_frame_files_agree() {
        let (Ok(vi), Ok(en)) = (entries(FRAME.vi), entries(FRAME.en)) else {
            panic!("the frame's messages do not parse");
        };
        let vi: BTreeMap<_, _> = vi.iter().map(|e| (&e.key, &e.variables)).collect();
        let en: BTreeMap<_, _> = en.iter().map(|e| (&e.key, &e.variables)).collect();
        assert_eq!(vi, en, "same keys, same placeholders");
        assert!(!vi.is_empty());
    }

    #[test]
    fn entries_reports_syntax_errors_and_reads_placeables() {
        assert!(
            entries("ok = fine\nbroken = { $x\n").is_err(),
            "planted syntax error"
        );
        let Ok(e) = entries("a-b = Ngày { \"dd/mm\" } lúc { $time }\n") else {
            panic!("parses");
        };
        assert_eq!(e[0].key, "a.b");
        assert_eq!(e[0].variables, BTreeSet::from(["time".to_owned()]));
        assert!(
            !e[0].text.contains("dd/mm"),
            "string literals are not prose"
        );
    }
}
