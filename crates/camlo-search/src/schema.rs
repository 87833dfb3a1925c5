//! The index schema. The originals of title and body are stored once, in the diacritics-kept
//! fields; the folded fields are indexed only, and their snippets are cut from the stored
//! original (the folding filter keeps each word's offsets in the original text).

use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
};

use crate::analyzer;

/// Handles to the fields of `schema()`.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    pub key: Field,
    pub kind: Field,
    pub unit: Field,
    pub url: Field,
    pub date: Field,
    pub title: Field,
    pub title_folded: Field,
    pub body: Field,
    pub body_folded: Field,
}

/// The schema and its field handles.
pub fn schema() -> (Schema, Fields) {
    let text = |tokenizer: &str| {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(tokenizer)
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    };
    let mut b = Schema::builder();
    let fields = Fields {
        key: b.add_text_field("key", STRING | STORED),
        kind: b.add_text_field("kind", STRING | STORED),
        unit: b.add_text_field("unit", STRING | STORED),
        url: b.add_text_field("url", STORED),
        date: b.add_i64_field("date", INDEXED | FAST | STORED),
        title: b.add_text_field("title", text(analyzer::EXACT) | STORED),
        title_folded: b.add_text_field("title_folded", text(analyzer::FOLDED)),
        body: b.add_text_field("body", text(analyzer::EXACT) | STORED),
        body_folded: b.add_text_field("body_folded", text(analyzer::FOLDED)),
    };
    (b.build(), fields)
}
