//! The Vietnamese analyzer (DESIGN.md §3): text is NFC-normalised before it reaches tantivy,
//! then split into words, lower-cased, and in the folded variant stripped of diacritics (đ → d).
//!
//! Two analyzers instead of one so that a query typed with diacritics can prefer documents that
//! carry the same diacritics ("cải cách" before "cài cách") while a query typed without them
//! still finds everything.

use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer,
    TokenizerManager,
};
use unicode_normalization::UnicodeNormalization;

/// Lower-cased words, diacritics kept. The version suffix is part of the schema, so changing
/// the analyzer and its name makes old indexes fail to open instead of silently mismatching.
pub const EXACT: &str = "vi_exact_v1";
/// Lower-cased words with diacritics folded away, đ → d.
pub const FOLDED: &str = "vi_folded_v1";

/// Words longer than this (in bytes) are not indexed: they are noise (hashes, base64).
const MAX_TOKEN_BYTES: usize = 64;

/// Lower-cased words, diacritics kept.
pub fn exact() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .build()
}

/// Lower-cased words without diacritics (AsciiFoldingFilter folds đ/Đ to d).
pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

/// A tokenizer manager holding both analyzers under their schema names.
pub fn manager() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(EXACT, exact());
    manager.register(FOLDED, folded());
    manager
}

/// NFC: the tokenizer splits on non-alphanumeric characters, and a decomposed (NFD) combining
/// mark is not alphanumeric, so "Lê̂" typed on some keyboards would split into pieces without it.
pub fn nfc(text: &str) -> String {
    text.nfc().collect()
}

/// The words of `text` under `analyzer`, in order.
pub fn words(analyzer: &TextAnalyzer, text: &str) -> Vec<String> {
    let mut analyzer = analyzer.clone();
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    stream.process(&mut |token| out.push(token.text.clone()));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(analyzer: fn() -> TextAnalyzer, input: &str, expect: &[&str]) {
        assert_eq!(words(&analyzer(), &nfc(input)), expect, "input {input:?}");
    }

    #[test]
    fn splits_lowercases_and_folds() {
        check(
            exact,
            "Cải cách HÀNH CHÍNH",
            &["cải", "cách", "hành", "chính"],
        );
        check(
            folded,
            "Cải cách HÀNH CHÍNH",
            &["cai", "cach", "hanh", "chinh"],
        );
        check(folded, "Đẩy mạnh, ĐẢNG ủy", &["day", "manh", "dang", "uy"]);
        check(exact, "Số: 15/QĐ-UBND", &["số", "15", "qđ", "ubnd"]);
        check(folded, "Số: 15/QĐ-UBND", &["so", "15", "qd", "ubnd"]);
        // NFD input is one word after NFC, not three pieces.
        check(exact, "Le\u{0323}\u{0302}", &["lệ"]);
    }

    /// Every Vietnamese letter folds exactly as the domain's `fold` does, so search agrees with
    /// slugs and search keys elsewhere.
    #[test]
    fn folding_agrees_with_the_domain() {
        let letters = "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợ\
                       pqrstuùúủũụưừứửữựvxyỳýỷỹỵ";
        let upper: String = letters.to_uppercase();
        for c in letters.chars().chain(upper.chars()) {
            let s = c.to_string();
            assert_eq!(
                words(&folded(), &s),
                vec![camlo_domain::text::fold(&s)],
                "letter {c}"
            );
        }
    }
}
