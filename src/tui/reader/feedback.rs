//! What the event loop reports back (saved, read again, looked up, failed) and what the
//! reader makes of it.

use super::{DictionaryState, ReaderState};
use crate::tui::action::{Action, Effect, LookedUp, SavedEntry, StatusSnapshot};
use crate::tui::keymap::Mode;
use crate::tui::strings;

impl ReaderState {
    /// What the event loop reports back: saved, read again, or failed.
    pub(super) fn apply_feedback(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Statuses(snapshot) => {
                let StatusSnapshot { statuses, filed } = *snapshot;
                self.statuses = statuses;
                self.statuses_read = true;
                let refiled = filed != self.sources.filed;
                if refiled {
                    // Forms filed meanwhile (here or by another reader) change their terms.
                    let old = std::mem::replace(&mut self.sources.filed, filed);
                    let new = &self.sources.filed;
                    let changed: Vec<String> = old
                        .keys()
                        .chain(new.keys())
                        .filter(|k| old.get(*k) != new.get(*k))
                        .cloned()
                        .collect();
                    self.terms
                        .refile(&self.sources, changed.iter().map(String::as_str));
                }
                self.index_statuses();
                if self.mode == Mode::Confirm && self.new_term_count() == 0 {
                    self.mode = Mode::Normal;
                    self.message = Some(strings::NO_NEW_TERMS.to_string());
                }
                if refiled {
                    return vec![Effect::LoadStatuses];
                }
            }
            Action::TermsResolved(found) => {
                self.resolving = self.resolving.and_then(|(done, total)| {
                    let done = done + found.len();
                    (done < total).then_some((done, total))
                });
                let forms: Vec<_> = found.iter().map(|(form, _)| form.clone()).collect();
                for (form, headword) in found {
                    self.sources.dictionary.insert(form, headword);
                }
                self.terms.answered(&self.sources, &forms);
                // The statuses read hold every term's, new headwords' too.
                self.index_statuses();
            }
            Action::EntrySaved(saved) => {
                let SavedEntry {
                    glossary,
                    headword,
                    path,
                } = *saved;
                let link_whole = self.relink(glossary);
                self.form = None;
                self.span = None;
                self.mode = Mode::Normal;
                self.message = Some(strings::saved_entry(&headword, &path));
                // The text's terms changed: their statuses must be read again.
                let mut effects = vec![Effect::LoadStatuses];
                effects.extend(link_whole);
                if self.dictionaries().is_some_and(|d| !d.0.is_empty()) {
                    let forms = self.terms.unasked(&self.sources, 0);
                    if !forms.is_empty() {
                        self.resolving = Some((0, forms.len()));
                        effects.push(Effect::ResolveTerms(forms));
                    }
                }
                return effects;
            }
            Action::Failed(message) | Action::Notice(message) => {
                // The status bar is one line.
                let line = message.lines().collect::<Vec<_>>().join(" · ");
                self.message = Some(crate::text::terminal_safe(&line).into_owned());
            }
            Action::DictionaryProgress { name, percent } => {
                if matches!(self.dictionaries, DictionaryState::Opening(_)) {
                    self.dictionaries = DictionaryState::Opening(Some((name, percent)));
                    self.data_version += 1;
                }
            }
            Action::DictionariesReady(dicts) => {
                let any = !dicts.0.is_empty();
                self.dictionaries = DictionaryState::Ready(dicts);
                self.looked_up.clear();
                self.data_version += 1;
                let first = self.first_token_on_screen().unwrap_or(0);
                let forms = self.terms.unasked(&self.sources, first);
                if any && !forms.is_empty() {
                    self.resolving = Some((0, forms.len()));
                    return vec![Effect::ResolveTerms(forms)];
                }
            }
            Action::LookedUp(result) => {
                let LookedUp { query, looked } = *result;
                self.looked_up.insert(query, looked);
                self.data_version += 1;
            }
            Action::Pronounced(results) => {
                self.pronunciations.receive(results);
                self.data_version += 1;
            }
            Action::SpeechEnded => self.pronunciations.ended(),
            Action::WholeText(whole) => return self.take_whole_text(whole),
            _ => {}
        }
        Vec::new()
    }
}
