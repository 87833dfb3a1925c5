//! Snippets: an extract of the original body with the matched words marked.
//!
//! tantivy's `SnippetGenerator` re-tokenises the text it is given with the field's analyzer and
//! highlights the byte ranges of tokens equal to query terms. The folded analyzer keeps each
//! token's offsets in the *original* text, so feeding it the stored original gives a snippet
//! with diacritics intact even when only the folded form matched ("cai cach" marks "cải cách").

use std::collections::BTreeSet;

use tantivy::Searcher;
use tantivy::query::Query;
use tantivy::snippet::{Snippet, SnippetGenerator};

use crate::Result;
use crate::analyzer;
use crate::schema::Fields;

/// Characters of body shown per hit.
const MAX_CHARS: usize = 200;

/// Snippet generators for one search.
pub struct Snippets {
    exact: SnippetGenerator,
    folded: SnippetGenerator,
    /// Distinct words of the query, folded.
    wanted: usize,
}

impl Snippets {
    /// Generators for the words of `query`; `text` is what was typed.
    pub fn new(
        searcher: &Searcher,
        query: &dyn Query,
        fields: &Fields,
        text: &str,
    ) -> Result<Self> {
        let wanted: BTreeSet<String> = analyzer::words(&analyzer::folded(), text)
            .into_iter()
            .collect();
        let make = |field| -> Result<SnippetGenerator> {
            let mut g = SnippetGenerator::create(searcher, query, field)?;
            g.set_max_num_chars(MAX_CHARS);
            Ok(g)
        };
        Ok(Self {
            exact: make(fields.body)?,
            folded: make(fields.body_folded)?,
            wanted: wanted.len(),
        })
    }

    /// HTML for one body. The folded matches include the exact ones, so the exact snippet is
    /// used only when it marks as many distinct query words; otherwise a document found through its folded
    /// form would show its "cài" unmarked for a query "cải". Without any match (the title
    /// matched), the start of the body.
    pub fn html(&self, body: &str) -> String {
        let exact = self.exact.snippet(body);
        let exact_words = distinct_words(&exact);
        // Tokenising the body a second time is a quarter of a search's cost: skip it when the
        // exact snippet already marks every word of the query.
        let mut best = if exact_words >= self.wanted {
            exact
        } else {
            let folded = self.folded.snippet(body);
            if exact_words >= distinct_words(&folded) {
                exact
            } else {
                folded
            }
        };
        if best.is_empty() {
            return escape(&start_of(body, MAX_CHARS));
        }
        best.set_snippet_prefix_postfix("<mark>", "</mark>");
        best.to_html()
    }
}

/// How many different words (after folding) a snippet marks.
fn distinct_words(snippet: &Snippet) -> usize {
    let folder = analyzer::folded();
    let fragment = snippet.fragment();
    let words: BTreeSet<String> = snippet
        .highlighted()
        .iter()
        .filter_map(|r| fragment.get(r.clone()))
        .map(|w| analyzer::words(&folder, w).concat())
        .collect();
    words.len()
}

/// At most `max` characters of `text`, cut at a word boundary when there is one.
fn start_of(text: &str, max: usize) -> String {
    let Some((cut, _)) = text.char_indices().nth(max) else {
        return text.to_owned();
    };
    let head = &text[..cut];
    let head = match head.rfind(char::is_whitespace) {
        Some(space) if space > 0 => &head[..space],
        _ => head,
    };
    format!("{}…", head.trim_end())
}

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn start_of_cuts_at_a_word() {
        assert_eq!(start_of("Cam Lộ", 10), "Cam Lộ");
        assert_eq!(start_of("Cam Lộ đẩy mạnh", 9), "Cam Lộ…");
        assert_eq!(start_of("Camlộđẩy", 4), "Caml…");
        assert_eq!(
            escape("<a href='x'>&\"</a>"),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
    }
}
