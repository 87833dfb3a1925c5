//! Where to send someone back to (`next` after signing in, switching language, …): only a path
//! on this site. This is the one function every `next` goes through.

use percent_encoding::percent_decode_str;

/// `raw` when it is a same-site path, else `/`.
///
/// Accepted: printable ASCII only (no controls, spaces or non-ASCII characters, which browsers
/// strip or fold — `/\t/evil` becomes `//evil`, a fullwidth solidus a slash), starting with one
/// `/` and never a second `/` or `\` right after it; no `\` anywhere (browsers read it as `/`);
/// and after decoding percent escapes once, still no control character, no `\`, no `//` and no
/// `.` or `..` segment (`/%2F/evil`, `/.//evil`, `/%09/evil`). Schemes (`https:evil`) and
/// protocol-relative forms (`//evil`) do not start with a lone `/` and fall out at once.
pub fn safe_next(raw: Option<&str>) -> String {
    raw.filter(|r| is_local_path(r))
        .map_or_else(|| "/".to_owned(), str::to_owned)
}

fn is_local_path(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    if raw.len() > 2048
        || bytes.first() != Some(&b'/')
        || matches!(bytes.get(1), Some(b'/' | b'\\'))
        || !bytes.iter().all(|b| (0x21..0x7f).contains(b))
        || raw.contains('\\')
    {
        return false;
    }
    let path = raw.split(['?', '#']).next().unwrap_or("");
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return false;
    };
    !decoded.chars().any(|c| c.is_control() || c == '\\')
        && !decoded.contains("//")
        && !decoded.split('/').any(|seg| seg == "." || seg == "..")
        && !decoded.chars().any(is_slash_lookalike)
}

/// Characters that some software folds to `/` or `\`.
fn is_slash_lookalike(c: char) -> bool {
    matches!(
        c,
        '\u{2044}' | '\u{2215}' | '\u{29f8}' | '\u{ff0f}' | '\u{ff3c}' | '\u{29f5}' | '\u{fe68}'
    )
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_same_site_paths_pass() {
        for good in [
            "/",
            "/mot-cua",
            "/mot-cua/ho-so/12?tab=files#top",
            "/tin-tuc/bai-viet?q=c%C3%A1m",
            "/ho-so/H01.01.02-260101-0001",
        ] {
            assert_eq!(safe_next(Some(good)), good, "{good:?}");
        }
        for bad in [
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example/",
            "%2F%2Fevil.example",
            "/%09/evil.example",
            "/%2F/evil.example",
            "/%5Cevil.example",
            "https:evil.example",
            "https://evil.example",
            "\\\\evil.example",
            "/.//evil.example",
            "/./evil",
            "/a/../../evil",
            "/a\r\nLocation: https://evil.example",
            "/a\nb",
            "/\u{ff0f}evil.example",
            "/%EF%BC%8Fevil.example",
            "/\u{2215}evil.example",
            " /a",
            "/a b",
            "javascript:alert(1)",
            "",
            "/%FF",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad:?}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
