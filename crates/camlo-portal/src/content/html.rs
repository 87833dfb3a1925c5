//! Editor-supplied HTML: sanitised with ammonia before it is stored (only after that is it ever
//! rendered unescaped), reduced to plain text for search, feeds and diffs, and compared between
//! revisions.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ammonia::{Builder, UrlRelative};

/// Tags an article or page body may use.
const TAGS: &[&str] = &[
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "sub",
    "sup",
    "h2",
    "h3",
    "h4",
    "ul",
    "ol",
    "li",
    "blockquote",
    "a",
    "img",
    "figure",
    "figcaption",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "hr",
];

static CLEANER: LazyLock<Builder<'static>> = LazyLock::new(|| {
    let mut b = Builder::default();
    b.tags(TAGS.iter().copied().collect::<HashSet<_>>());
    b.generic_attributes(HashSet::from(["lang", "title"]));
    b.tag_attributes(HashMap::from([
        ("a", HashSet::from(["href"])),
        ("img", HashSet::from(["src", "alt", "width", "height"])),
        ("th", HashSet::from(["colspan", "rowspan"])),
        ("td", HashSet::from(["colspan", "rowspan"])),
    ]));
    b.url_schemes(HashSet::from(["http", "https", "mailto", "tel"]));
    b.url_relative(UrlRelative::PassThrough);
    b.link_rel(Some("noopener noreferrer"));
    // Pictures come from the portal's own store only (the CSP would block others anyway).
    b.attribute_filter(|element, attribute, value| {
        if element == "img" && attribute == "src" && !value.starts_with("/anh/") {
            None
        } else {
            Some(value.into())
        }
    });
    b
});

/// The HTML with everything not on the allow-list removed (scripts, styles, event handlers,
/// `javascript:` links, foreign pictures).
pub fn sanitize(html: &str) -> String {
    CLEANER.clean(html).to_string()
}

/// Plain text wrapped into paragraphs: each non-empty line becomes `<p>…</p>` (escaped).
pub fn paragraphs(text: &str) -> String {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| format!("<p>{}</p>", escape(l)))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Escapes text for HTML and XML.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

const BLOCKS: &[&str] = &[
    "p",
    "br",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "figure",
    "figcaption",
    "blockquote",
    "tr",
    "div",
    "table",
    "hr",
    "ul",
    "ol",
    "caption",
];

fn decode_entity(entity: &str) -> Option<char> {
    match entity {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        e => {
            let n = e.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

/// The text of (sanitised) HTML: tags removed, entities decoded, one line per block, white
/// space collapsed.
pub fn to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let mut chars = html.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '<' => {
                let rest = &html[i + 1..];
                let end = rest.find('>').unwrap_or(rest.len());
                let name: String = rest[..end]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(char::is_ascii_alphanumeric)
                    .collect::<String>()
                    .to_ascii_lowercase();
                if BLOCKS.contains(&name.as_str()) {
                    raw.push('\n');
                }
                let skip = rest[..end].chars().count() + 1;
                for _ in 0..skip {
                    chars.next();
                }
            }
            '&' => {
                let rest = &html[i + 1..];
                match rest.find(';').filter(|n| *n <= 10) {
                    Some(n) => match decode_entity(&rest[..n]) {
                        Some(d) => {
                            raw.push(d);
                            for _ in 0..=rest[..n].chars().count() {
                                chars.next();
                            }
                        }
                        None => raw.push('&'),
                    },
                    None => raw.push('&'),
                }
            }
            other => raw.push(other),
        }
    }
    raw.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
}

/// One line of a diff: `same`, `removed` or `added`, or `gap` between hunks.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DiffLine {
    /// Kind of line.
    pub tag: &'static str,
    /// The text.
    pub text: String,
}

/// The changed lines between two texts with three lines of context around each change.
pub fn diff(old: &str, new: &str) -> Vec<DiffLine> {
    let d = similar::TextDiff::from_lines(old, new);
    let mut out = Vec::new();
    for (i, group) in d.grouped_ops(3).iter().enumerate() {
        if i > 0 {
            out.push(DiffLine {
                tag: "gap",
                text: "…".into(),
            });
        }
        for op in group {
            for change in d.iter_changes(op) {
                let tag = match change.tag() {
                    similar::ChangeTag::Equal => "same",
                    similar::ChangeTag::Delete => "removed",
                    similar::ChangeTag::Insert => "added",
                };
                out.push(DiffLine {
                    tag,
                    text: change.value().trim_end_matches('\n').to_owned(),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> String, input: &str, expect: &str) {
        assert_eq!(f(input), expect, "input {input:?}");
    }

    #[test]
    fn sanitises_editor_html() {
        check(
            sanitize,
            r#"<p onclick="x()">Xin <b>chào</b><script>alert(1)</script></p>"#,
            "<p>Xin <b>chào</b></p>",
        );
        check(
            sanitize,
            r#"<a href="javascript:alert(1)">x</a><a href="https://example.vn">y</a>"#,
            r#"<a rel="noopener noreferrer">x</a><a href="https://example.vn" rel="noopener noreferrer">y</a>"#,
        );
        check(
            sanitize,
            r#"<img src="https://evil.example/p.gif"><img src="/anh/abc" alt="Ảnh">"#,
            r#"<img><img src="/anh/abc" alt="Ảnh">"#,
        );
        check(sanitize, "<style>p{}</style><iframe src=x></iframe>", "");
    }

    #[test]
    fn text_of_html() {
        check(
            to_text,
            "<h2>Tiêu đề</h2><p>Dân vận &amp; <b>khéo</b>&nbsp;&#7843;</p><figure><img src=\"/anh/x\"><figcaption>Một góc</figcaption></figure>",
            "Tiêu đề\nDân vận & khéo ả\nMột góc",
        );
        check(paragraphs, "a < b\n\n c ", "<p>a &lt; b</p>\n<p>c</p>");
    }

    #[test]
    fn diff_marks_changed_lines() {
        let d = diff("một\nhai\nba\n", "một\nhai mới\nba\n");
        let tags: Vec<&str> = d.iter().map(|l| l.tag).collect();
        assert_eq!(tags, vec!["same", "removed", "added", "same"]);
        assert_eq!(d[2].text, "hai mới");
    }
}
