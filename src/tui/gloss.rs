//! The selected sentence's interlinear gloss in the reader: what the state knows so far, and
//! the dictionary lookups that fill in the rest.

use super::dictionary::DictQuery;
use super::reader::{DictionaryState, ReaderState};
use crate::gloss::{Context, Gloss, build};
use rustc_hash::FxHashSet;

/// The gloss of the selection's sentence, with the dictionaries' answers that have come.
pub fn sentence_gloss(state: &ReaderState) -> Option<Gloss> {
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
pub fn lookups(state: &ReaderState) -> Vec<DictQuery> {
    if state.dictionaries().is_none() {
        return Vec::new();
    }
    let Some(gloss) = sentence_gloss(state) else {
        return Vec::new();
    };
    let mut seen = FxHashSet::default();
    gloss
        .pending
        .iter()
        .filter_map(|&t| state.word_query(t))
        .filter(|q| seen.insert(q.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gloss::English;
    use crate::glossary::parse;
    use crate::link::Linker;
    use crate::terms::ask_dictionaries;
    use crate::text::Document;
    use crate::tui::action::{Action, Effect};
    use crate::tui::dictionary::testing::{apply, fixture_dictionaries};
    use ratatui::layout::Size;

    const GLOSSARY: &str = r#"
[[term]]
de = "Diplomat"
en = "diplomat"
pos = "noun"
gender = "m"
"#;

    const TEXT: &str = "Im Monat kündigte die NATO an, acht Diplomaten auszuweisen.\n";

    /// The reader on TEXT, the dictionaries still opening.
    fn opening() -> ReaderState {
        let glossary = parse(GLOSSARY, "test.toml").unwrap();
        let doc = Document::parse("t.txt", TEXT.to_string()).unwrap();
        let mut s = ReaderState::new(doc, None, Linker::new(glossary), Size::new(120, 40));
        s.expect_dictionaries();
        s
    }

    /// Opens the fixture dictionary and answers what the state asks, as the worker would
    /// (the text's headwords too).
    fn open_dictionaries(s: &mut ReaderState) -> Vec<Effect> {
        let dicts = fixture_dictionaries();
        let mut rest = Vec::new();
        for effect in apply(s, Action::DictionariesReady(dicts.clone())) {
            match effect {
                Effect::ResolveTerms(forms) => {
                    let found = ask_dictionaries(&dicts.0, &forms);
                    rest.extend(apply(s, Action::TermsResolved(found)));
                }
                other => rest.push(other),
            }
        }
        rest
    }

    fn looked_up_words(effects: &[Effect]) -> Vec<String> {
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::LookUp(q) => Some(q.word.clone()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn the_translation_pane_asks_for_the_sentence_s_words_once_and_fills_in() {
        let mut s = opening();
        // The dictionaries are opening: nothing to ask yet, the words wait.
        let effects = s.update(Action::ToggleTranslation);
        assert!(looked_up_words(&effects).is_empty());
        let gloss = sentence_gloss(&s).unwrap();
        assert!(gloss.items.iter().any(|i| i.english == English::Pending));

        // Open: every word but the glossary's is asked about once.
        let mut asked = Vec::new();
        let mut state = s.clone();
        for effect in state.update(Action::DictionariesReady(fixture_dictionaries())) {
            if let Effect::LookUp(q) = effect {
                asked.push(q.word);
            }
        }
        asked.sort();
        let mut unique = asked.clone();
        unique.dedup();
        assert_eq!(asked, unique);
        assert!(asked.contains(&"Monat".to_string()), "{asked:?}");
        assert!(!asked.contains(&"Diplomaten".to_string()), "{asked:?}");

        open_dictionaries(&mut s);
        let gloss = sentence_gloss(&s).unwrap();
        assert!(gloss.pending.is_empty(), "{gloss:?}");
        let kuendigte = gloss
            .items
            .iter()
            .find(|i| i.text.starts_with("kündigte"))
            .unwrap();
        assert_eq!(kuendigte.text, "kündigte … an");
        assert_eq!(kuendigte.headword.as_deref(), Some("ankündigen"));
        assert_eq!(kuendigte.english, English::Sense("to announce".into()));
        // Answered: the next key asks nothing more.
        assert!(looked_up_words(&s.update(Action::NextWord)).is_empty());
    }

    /// Applies an action as the reader's dispatch does (first in, first out), answering each
    /// lookup at once; the words looked up, in order.
    fn dispatch_counting(s: &mut ReaderState, action: Action) -> Vec<String> {
        let dicts = fixture_dictionaries();
        let mut asked = Vec::new();
        let mut queue = std::collections::VecDeque::from([action]);
        while let Some(action) = queue.pop_front() {
            for effect in s.update(action) {
                if let Effect::LookUp(query) = effect {
                    asked.push(query.word.clone());
                    let looked = crate::tui::dictionary::look_up(&dicts.0, &query);
                    let answer = crate::tui::action::LookedUp { query, looked };
                    queue.push_back(Action::LookedUp(Box::new(answer)));
                }
            }
        }
        asked
    }

    #[test]
    fn answers_coming_back_one_by_one_ask_for_nothing_again() {
        let mut s = opening();
        open_dictionaries(&mut s);
        let asked = dispatch_counting(&mut s, Action::ToggleTranslation);
        let mut unique = asked.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(asked.len(), unique.len(), "{asked:?}");
        assert!(asked.len() >= 5, "{asked:?}");
        assert!(sentence_gloss(&s).unwrap().pending.is_empty());
    }

    #[test]
    fn with_the_card_shown_only_the_card_s_word_is_looked_up() {
        let mut s = opening();
        open_dictionaries(&mut s);
        let effects = apply(&mut s, Action::NextWord);
        assert!(looked_up_words(&effects).is_empty());
        let effects = s.update(Action::NextWord);
        assert!(looked_up_words(&effects).len() <= 1, "{effects:?}");
    }
}
