//! From what a citizen typed to a tantivy query: every word must match (AND), in either form
//! and either field; the same word with the same diacritics scores higher than a folded-only
//! match; the words as a phrase add a boost. Built by hand rather than with tantivy's
//! `QueryParser` so no input is a syntax error (quotes, colons, `AND` are just text).

use std::ops::Bound;

use chrono::{Datelike, NaiveDate};
use tantivy::Term;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery, TermQuery,
};
use tantivy::schema::IndexRecordOption;

use crate::Query as SearchQuery;
use crate::analyzer;
use crate::schema::Fields;

/// A match in the diacritics-kept field weighs this much more than a folded match.
const EXACT_BOOST: f32 = 2.0;
/// A match in the title weighs this much more than one in the body.
const TITLE_BOOST: f32 = 2.0;
/// All words in order, on top of the per-word scores.
const PHRASE_BOOST: f32 = 2.0;

/// The query, or None when the text has no words (nothing to search for).
pub fn build(fields: &Fields, q: &SearchQuery) -> Option<Box<dyn Query>> {
    let text = analyzer::nfc(&q.text);
    let exact_words = analyzer::words(&analyzer::exact(), &text);
    if exact_words.is_empty() {
        return None;
    }
    let folder = analyzer::folded();
    // Fold each exact word on its own so the two lists pair up one to one.
    let folded_words: Vec<String> = exact_words
        .iter()
        .map(|w| analyzer::words(&folder, w).concat())
        .collect();

    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for (exact, folded) in exact_words.iter().zip(&folded_words) {
        let either: Vec<(Occur, Box<dyn Query>)> = vec![
            should(term(fields.title, exact), TITLE_BOOST * EXACT_BOOST),
            should(term(fields.body, exact), EXACT_BOOST),
            should(term(fields.title_folded, folded), TITLE_BOOST),
            should(term(fields.body_folded, folded), 1.0),
        ];
        clauses.push((Occur::Must, Box::new(BooleanQuery::new(either))));
    }
    if folded_words.len() > 1 {
        // On the folded fields only: a phrase with the same diacritics is already preferred
        // through its words, and phrases on all four fields cost twice as much (positions).
        let phrases: Vec<(Occur, Box<dyn Query>)> = vec![
            should(phrase(fields.title_folded, &folded_words), TITLE_BOOST),
            should(phrase(fields.body_folded, &folded_words), 1.0),
        ];
        clauses.push((
            Occur::Should,
            Box::new(BoostQuery::new(
                Box::new(BooleanQuery::new(phrases)),
                PHRASE_BOOST,
            )),
        ));
    }

    if let Some(kind) = &q.kind {
        clauses.push(filter(Box::new(keyword(fields.kind, kind))));
    }
    if let Some(unit) = &q.unit {
        clauses.push(filter(Box::new(keyword(fields.unit, unit))));
    }
    if q.from.is_some() || q.to.is_some() {
        let bound = |d: Option<NaiveDate>| match d {
            Some(d) => Bound::Included(Term::from_field_i64(fields.date, day_number(d))),
            None => Bound::Unbounded,
        };
        clauses.push(filter(Box::new(RangeQuery::new(
            bound(q.from),
            bound(q.to),
        ))));
    }
    Some(Box::new(BooleanQuery::new(clauses)))
}

/// Dates are indexed as day numbers (days since 1 January of year 1).
pub fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce())
}

/// The inverse of `day_number`.
pub fn from_day_number(n: i64) -> Option<NaiveDate> {
    i32::try_from(n)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

fn term(field: tantivy::schema::Field, word: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, word),
        IndexRecordOption::WithFreqs,
    ))
}

fn phrase(field: tantivy::schema::Field, words: &[String]) -> Box<dyn Query> {
    let terms = words
        .iter()
        .map(|w| Term::from_field_text(field, w))
        .collect();
    Box::new(PhraseQuery::new(terms))
}

fn keyword(field: tantivy::schema::Field, value: &str) -> TermQuery {
    TermQuery::new(
        Term::from_field_text(field, value),
        IndexRecordOption::Basic,
    )
}

fn should(query: Box<dyn Query>, boost: f32) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(query, boost)))
}

/// A filter narrows the results without changing their order.
fn filter(query: Box<dyn Query>) -> (Occur, Box<dyn Query>) {
    (Occur::Must, Box::new(ConstScoreQuery::new(query, 0.0)))
}
