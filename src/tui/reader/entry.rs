//! Adding and editing a glossary entry: what the form starts with, its keys, its submission.

use super::ReaderState;
use crate::de::token::TokenKind;
use crate::glossary::{Gender, Pos};
use crate::tui::action::{Action, Effect};
use crate::tui::dictionary::is_compound_part;
use crate::tui::form::EntryForm;
use crate::tui::keymap::Mode;
use crate::tui::strings;

/// What a new entry's form starts with: what the card knows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suggestion {
    pub headword: String,
    pub english: Option<String>,
    pub pos: Option<Pos>,
    pub gender: Option<Gender>,
    pub plural: Option<String>,
}

impl ReaderState {
    pub fn form(&self) -> Option<&EntryForm> {
        self.form.as_ref()
    }

    pub(super) fn apply_form(&mut self, action: &Action) -> Vec<Effect> {
        let Some(form) = self.form.as_mut() else {
            self.mode = Mode::Normal;
            return Vec::new();
        };
        match action {
            Action::FormInput(c) => form.input(*c),
            Action::FormBackspace => form.backspace(),
            Action::FormClear => form.clear(),
            Action::FormNextField => form.next_field(),
            Action::FormPrevField => form.prev_field(),
            Action::FormSubmit => match form.entry() {
                // The form stays open until the entry is saved, so a failed save loses nothing.
                Ok(entry) => {
                    return vec![Effect::SaveEntry {
                        original: form.original().map(|e| e.de.clone()),
                        entry,
                    }];
                }
                Err((field, message)) => {
                    form.focus_on(field);
                    self.message = Some(message);
                }
            },
            Action::Cancel => {
                self.form = None;
                self.span = None;
                self.mode = Mode::Normal;
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn open_add_form(&mut self) {
        let suggestion = match self.selected_link().and_then(|l| self.link(l)) {
            Some(link) => self
                .linker
                .glossary()
                .entries
                .get(link.entry)
                .map(|e| Suggestion {
                    headword: e.de.clone(),
                    ..Suggestion::default()
                }),
            None => self
                .selected
                .filter(|&t| {
                    self.analysis.tokens.get(t).is_some_and(|t| {
                        matches!(t.kind, TokenKind::Word | TokenKind::Abbreviation)
                    })
                })
                .map(|t| self.suggest(&[t])),
        };
        let Some(suggestion) = suggestion else {
            self.message = Some(strings::NOT_A_WORD.to_string());
            return;
        };
        self.form = Some(EntryForm::suggested(&suggestion));
        self.mode = Mode::Form;
    }

    pub(super) fn open_edit_form(&mut self) {
        let entry = self
            .selected_link()
            .and_then(|l| self.link(l))
            .and_then(|l| self.entry(l.entry));
        match entry {
            Some(entry) => {
                self.form = Some(EntryForm::edit(entry));
                self.mode = Mode::Form;
            }
            None => self.message = Some(strings::NOTHING_TO_EDIT.to_string()),
        }
    }

    /// What a new entry for these words starts with. For one word the dictionaries answer: the
    /// first answer's headword, its first sense up to the first `;`, its part of speech, and a
    /// noun's gender and plural. Otherwise the words in text order, each in lower case unless it
    /// is capitalized inside its sentence (a noun or a name).
    pub fn suggest(&self, tokens: &[usize]) -> Suggestion {
        let answer = match tokens {
            [token] => self
                .word_query(*token)
                .and_then(|q| self.looked_up.get(&q))
                .and_then(|l| l.answers.first())
                // A compound's part is not the word's headword.
                .filter(|a| !is_compound_part(a)),
            _ => None,
        };
        if let Some(answer) = answer {
            let english = answer
                .senses
                .first()
                .and_then(|s| s.text.split(';').next())
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_string);
            let pos = answer.senses.first().and_then(|s| Pos::from_key(&s.pos));
            let noun = pos == Some(Pos::Noun);
            return Suggestion {
                headword: answer.lemma.clone(),
                english,
                pos,
                gender: answer
                    .gender
                    .as_deref()
                    .filter(|_| noun)
                    .and_then(Gender::from_key),
                plural: answer.plural.clone().filter(|_| noun),
            };
        }
        let words: Vec<String> = tokens
            .iter()
            .filter_map(|&t| {
                let word = self.analysis.tokens.get(t)?.text(&self.text);
                let starts_capitalized = word.chars().next().is_some_and(char::is_uppercase);
                Some(if starts_capitalized && !self.starts_sentence(t) {
                    word.to_string()
                } else {
                    word.to_lowercase()
                })
            })
            .collect();
        Suggestion {
            headword: words.join(" "),
            ..Suggestion::default()
        }
    }
}

#[cfg(test)]
mod tests {

    use crate::tui::reader::testing::*;

    use crate::glossary::Entry;
    use crate::tui::action::{Action, Effect, SavedEntry};
    use crate::tui::form::Field;
    use crate::tui::keymap::Mode;
    use crate::tui::strings;

    #[test]
    fn a_sentence_s_first_word_is_suggested_in_lower_case() {
        let mut s = state(120, 40);
        search(&mut s, "Danach");
        s.update(Action::AddEntry);
        assert_eq!(s.form().unwrap().value(Field::German), "danach");
    }

    #[test]
    fn the_form_types_moves_and_saves_an_entry() {
        let mut s = state(120, 40);
        search(&mut s, "gingen");
        s.update(Action::AddEntry);
        assert_eq!(s.form().unwrap().focus(), Field::German);
        s.update(Action::FormNextField);
        for c in "went".chars() {
            s.update(Action::FormInput(c));
        }
        s.update(Action::FormBackspace);
        s.update(Action::FormInput('t'));
        s.update(Action::FormNextField);
        assert_eq!(s.form().unwrap().focus(), Field::Pos);
        for c in "verb".chars() {
            s.update(Action::FormInput(c));
        }
        s.update(Action::FormPrevField);
        s.update(Action::FormPrevField);
        assert_eq!(s.form().unwrap().focus(), Field::German);
        s.update(Action::FormClear);
        for c in "gehen".chars() {
            s.update(Action::FormInput(c));
        }
        let effects = s.update(Action::FormSubmit);
        let [Effect::SaveEntry { original, entry }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(original, &None);
        assert_eq!(entry.de, "gehen");
        assert_eq!(entry.en, ["went"]);
        assert_eq!(entry.pos, Some(crate::glossary::Pos::Verb));
        assert_eq!(s.mode(), Mode::Form, "open until the save is confirmed");
    }

    #[test]
    fn a_form_with_a_mistake_says_so_and_escape_cancels() {
        let mut s = state(120, 40);
        search(&mut s, "gingen");
        s.update(Action::AddEntry);
        assert!(s.update(Action::FormSubmit).is_empty(), "no English yet");
        assert_eq!(s.message(), Some(strings::form::ENGLISH_MISSING));
        assert_eq!(s.form().unwrap().focus(), Field::English);
        s.update(Action::FormInput('x'));
        assert_eq!(s.message(), None, "typing clears the message");
        s.update(Action::Cancel);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.form(), None);
        assert_eq!(selected_text(&s), "gingen");
    }

    #[test]
    fn editing_starts_from_the_entry_and_names_it() {
        let mut s = state(120, 40);
        search(&mut s, "Rat");
        s.update(Action::EditEntry);
        assert_eq!(s.form().unwrap().value(Field::English), "council; advice");
        s.update(Action::FormInput('!'));
        let effects = s.update(Action::FormSubmit);
        let [Effect::SaveEntry { original, entry }] = effects.as_slice() else {
            panic!("{effects:?}");
        };
        assert_eq!(original.as_deref(), Some("Rat"));
        assert_eq!(entry.en, ["council", "advice!"]);
        assert_eq!(entry.gender, Some(crate::glossary::Gender::M));
        // A word with no entry has nothing to edit.
        s.update(Action::Cancel);
        search(&mut s, "gingen");
        s.update(Action::EditEntry);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.message(), Some(strings::NOTHING_TO_EDIT));
    }

    #[test]
    fn a_saved_entry_links_at_once_and_the_selection_stays() {
        let mut s = state(120, 40);
        search(&mut s, "gingen");
        let token = s.selected_token();
        s.update(Action::AddEntry);
        let mut glossary = s.glossary().clone();
        glossary.entries.push(Entry {
            de: "gingen".into(),
            en: vec!["went".into()],
            ..Entry::default()
        });
        let effects = s.update(Action::EntrySaved(Box::new(SavedEntry {
            glossary,
            headword: "gingen".into(),
            path: "mine.toml".into(),
        })));
        assert_eq!(effects, [Effect::LoadStatuses]);
        assert_eq!(s.mode(), Mode::Normal);
        assert_eq!(s.selected_token(), token);
        let link = s.selected_link().expect("linked now");
        assert_eq!(s.entry(s.link(link).unwrap().entry).unwrap().de, "gingen");
        assert_eq!(s.analysis().occurrences(s.link(link).unwrap().entry), 12);
        assert_eq!(
            s.message(),
            Some(strings::saved_entry("gingen", "mine.toml").as_str())
        );
    }

    #[test]
    fn a_failed_save_keeps_the_form_open() {
        let mut s = state(120, 40);
        search(&mut s, "gingen");
        s.update(Action::AddEntry);
        s.update(Action::FormNextField);
        s.update(Action::FormInput('w'));
        s.update(Action::Failed("mine.toml:1:1: broken\nmore".into()));
        assert_eq!(s.mode(), Mode::Form);
        assert_eq!(s.form().unwrap().value(Field::English), "w");
        assert_eq!(s.message(), Some("mine.toml:1:1: broken · more"));
    }
}
