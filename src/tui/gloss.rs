//! The selected sentence's interlinear gloss in the reader: what the state knows so far, and
//! the dictionary lookups that fill in the rest.

use super::dictionary::DictQuery;
use super::state::{AppState, DictionaryState};
use crate::gloss::{Context, Gloss, build};

/// The gloss of the selection's sentence, with the dictionaries' answers that have come.
pub fn sentence_gloss(state: &AppState) -> Option<Gloss> {
    let sentence = state.selected_sentence()?;
    let context = Context {
        text: state.text(),
        analysis: state.analysis(),
        glossary: state.glossary(),
        terms: state.terms(),
    };
    Some(build(&context, sentence, |token| {
        match state.dictionary_state() {
            // No dictionaries will answer: the glossary and the core lexicon are all there is.
            DictionaryState::Off => Some(&[]),
            DictionaryState::Opening(_) => None,
            DictionaryState::Ready(_) => state
                .word_query(token)
                .and_then(|q| state.looked_up(&q))
                .map(|l| l.answers.as_slice()),
        }
    }))
}

/// What to ask the open dictionaries for the gloss of the selection's sentence: the words
/// not answered yet, each query once.
pub fn lookups(state: &AppState) -> Vec<DictQuery> {
    if state.dictionaries().is_none() {
        return Vec::new();
    }
    let Some(gloss) = sentence_gloss(state) else {
        return Vec::new();
    };
    let mut queries: Vec<DictQuery> = Vec::new();
    for query in gloss.pending.iter().filter_map(|&t| state.word_query(t)) {
        if !queries.contains(&query) {
            queries.push(query);
        }
    }
    queries
}
