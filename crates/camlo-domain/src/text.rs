//! Vietnamese text at the boundary: NFC normalisation and diacritic folding (đ → d).

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalises to NFC and trims surrounding white space; every text input passes through here.
pub fn nfc(input: &str) -> String {
    input.trim().nfc().collect()
}

/// Lower-cases and removes diacritics, folding đ/Đ to d, for search keys and slugs.
pub fn fold(input: &str) -> String {
    input
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' | 'Đ' => 'd',
            other => other,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A readable URL slug: folded, ASCII letters and digits joined by single hyphens.
pub fn slugify(input: &str) -> String {
    let folded = fold(input);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(f: fn(&str) -> String, input: &str, expect: &str) {
        assert_eq!(f(input), expect, "input {input:?}");
    }

    #[test]
    fn folds_vietnamese() {
        check(fold, "Cải cách hành chính", "cai cach hanh chinh");
        check(fold, "Đảng ủy Đông Hà", "dang uy dong ha");
        check(fold, "Dân vận khéo", "dan van kheo");
        check(
            slugify,
            "  Huyện Cam Lộ — Quảng Trị! ",
            "huyen-cam-lo-quang-tri",
        );
        // Decomposed input (NFD) comes out as NFC.
        check(nfc, "Le\u{0323}\u{0302}", "Lệ");
    }
}
